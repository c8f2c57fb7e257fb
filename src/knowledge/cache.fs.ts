/**
 * On-disk index cache (STYLE G15): one JSON file carrying a format version and a key made of the knowledge
 * modules' code, the sources' hash and the search settings. Anything that does not match exactly is ignored and
 * rebuilt, never half-loaded; a cache that cannot be written only costs the next start-up time.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../core/ports.js';
import type { KnowledgeState } from './build.js';
import { restoreIndex, SEARCH_SETTINGS, type SerializedIndex } from './index.minisearch.js';
import type { KnowledgeProblem, Passage } from './types.js';

/** Bump when the passage shape or the serialised layout changes (changed module code rebuilds by itself). */
export const CACHE_FORMAT = 15;
const FILE = 'knowledge-index.json';

interface CacheFile {
  format: number;
  key: string;
  passages: Passage[];
  documentCount: number;
  problems: KnowledgeProblem[];
  index: SerializedIndex;
}

/**
 * Fingerprint of the code in a directory (the knowledge modules: compiled `.js` in dist/, `.ts` when run from
 * src/): the analyzer, the tokenizer and the index builder decide what the cache holds, so a changed module
 * rebuilds it even where nobody bumped {@link CACHE_FORMAT}. An unreadable directory gives the empty fingerprint.
 */
export function codeFingerprint(dir: string): string {
  const hash = createHash('sha256');
  try {
    for (const name of readdirSync(dir).filter((n) => /\.(?:js|ts)$/.test(n) && !n.endsWith('.d.ts')).sort()) {
      hash.update(`${name}\0`).update(readFileSync(join(dir, name)));
    }
  } catch {
    // The format and the settings still key the cache.
  }
  return hash.digest('hex');
}

/** This process's knowledge modules, fingerprinted once (a few dozen small files). */
let ownCode: string | undefined;

/** Cache key: format, the knowledge modules' code, sources hash and search settings. */
export function cacheKey(sourcesHash: string): string {
  ownCode ??= codeFingerprint(dirname(fileURLToPath(import.meta.url)));
  return createHash('sha256').update(`${CACHE_FORMAT}\0${ownCode}\0${sourcesHash}\0${JSON.stringify(SEARCH_SETTINGS)}`).digest('hex');
}

/** Loads a cached state when its key matches; otherwise null (and the caller rebuilds). */
export async function loadCachedState(dir: string, sourcesHash: string, logger: Logger, now = new Date()): Promise<KnowledgeState | null> {
  let raw: string;
  try {
    raw = await readFile(join(dir, FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const data = JSON.parse(raw) as CacheFile;
    if (data.format !== CACHE_FORMAT || data.key !== cacheKey(sourcesHash)) {
      logger.info({ code: 'INDEX_CACHE_INVALID' }, 'index cache outdated; rebuilding');
      return null;
    }
    const index = restoreIndex(data.passages, data.index);
    return { index, passages: data.passages, documentCount: data.documentCount, problems: data.problems, loadedAt: now.toISOString() };
  } catch (error) {
    logger.warn({ code: 'INDEX_CACHE_INVALID', err: (error as Error).message }, 'index cache unreadable; rebuilding');
    return null;
  }
}

/** Writes the cache atomically (temporary file, then rename). Failures are logged, not thrown. */
export async function saveCachedState(dir: string, sourcesHash: string, state: KnowledgeState, logger: Logger): Promise<void> {
  const data: CacheFile = {
    format: CACHE_FORMAT,
    key: cacheKey(sourcesHash),
    passages: state.passages,
    documentCount: state.documentCount,
    problems: state.problems,
    index: state.index.serialize(),
  };
  try {
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `${FILE}.${process.pid}.tmp`);
    await writeFile(tmp, JSON.stringify(data));
    await rename(tmp, join(dir, FILE));
  } catch (error) {
    logger.warn({ code: 'INDEX_CACHE_INVALID', err: (error as Error).message }, 'cannot write index cache');
  }
}
