/**
 * Builds a knowledge state in a worker thread, so a re-index never blocks the event loop (health checks and
 * Teams turns keep being answered while a large document is indexed). The worker posts the serialised
 * index; restoring it here costs a fraction of building it. From compiled code (`dist/`) the worker is the
 * `.js` file beside this one; from TypeScript sources (tsx, vitest) the worker registers tsx first.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { KnowledgeState } from './build.js';
import { restoreIndex, type SerializedIndex } from './index.minisearch.js';
import type { RawSources } from './sources.fs.js';
import type { KnowledgeProblem, Passage } from './types.js';

/** What the worker receives. */
export interface RebuildInput {
  raw: RawSources;
  /** ISO-8601 time of the load. */
  now: string;
}

/** What the worker posts back. */
export interface RebuildOutput {
  passages: Passage[];
  documentCount: number;
  problems: KnowledgeProblem[];
  loadedAt: string;
  index: SerializedIndex;
}

/** Heap limit of the worker: a pathological source fails the re-index, not the service. */
const WORKER_HEAP_MB = 768;

/**
 * Parses `raw` and builds the index in a worker thread; resolves with the restored state.
 *
 * @example
 * const state = await buildInWorker(await readRawSources(dir), new Date());
 */
export function buildInWorker(raw: RawSources, now: Date): Promise<KnowledgeState> {
  const input: RebuildInput = { raw, now: now.toISOString() };
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = spawn(input);
    worker.once('message', (output: RebuildOutput) => {
      settled = true;
      try {
        const index = restoreIndex(output.passages, output.index);
        resolve({ index, passages: output.passages, documentCount: output.documentCount, problems: output.problems, loadedAt: output.loadedAt });
      } catch (error) {
        reject(error as Error);
      }
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`knowledge: index worker exited with code ${code}`));
    });
  });
}

function spawn(workerData: RebuildInput): Worker {
  const options = { workerData, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./rebuild.worker.js', import.meta.url), options);
  const entry = new URL('./rebuild.worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApiUrl())}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { ...options, eval: true });
}

/** tsx's ESM register API, resolved through tsx's own export map (development and tests only). */
function tsxApiUrl(): string {
  const packageFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(packageFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(packageFile), manifest.exports['./esm/api']!.import.default)).href;
}
