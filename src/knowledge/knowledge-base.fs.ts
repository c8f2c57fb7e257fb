/**
 * Opens the knowledge base: reads `knowledge/`, builds (or restores from the on-disk cache) the index, and
 * optionally watches the directory, re-indexing on change (debounced) with an atomic swap: a query always
 * sees one complete state, and a failed re-index keeps the previous state. Re-indexing runs in a worker
 * thread, so a running service keeps answering (health checks, Teams turns) while a large file is indexed.
 */
import { watch, type FSWatcher } from 'node:fs';
import { systemClock, type Clock, type Logger } from '../core/ports.js';
import { answerQuestion } from './answer.js';
import { buildState, type KnowledgeState } from './build.js';
import { loadCachedState, saveCachedState } from './cache.fs.js';
import { buildInWorker } from './rebuild.loader.js';
import { isSourceFile, parseSources, readRawSources, type RawSources } from './sources.fs.js';
import type { KnowledgeBase, KnowledgeStatus } from './types.js';
import { errorCode } from '../core/error-code.js';

/** Options of {@link openKnowledgeBase}. */
export interface KnowledgeBaseOptions {
  /** The knowledge directory (config KNOWLEDGE_DIR). */
  dir: string;
  /** Directory for the index cache (config INDEX_CACHE_DIR); no cache when absent. */
  cacheDir?: string;
  /** Re-index on change. */
  watch?: boolean;
  /** Larger source files are skipped and reported (config KNOWLEDGE_MAX_FILE_BYTES; default 5 MiB). */
  maxFileBytes?: number;
  logger: Logger;
  /** Called after each source file read (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Quiet time after the last change before re-indexing (default 300 ms). */
  debounceMs?: number;
  /** Called after every re-index (successful or not), with the new status. */
  onReload?: (status: KnowledgeStatus) => void;
  clock?: Clock;
}

/**
 * Opens the knowledge base.
 *
 * @example
 * const kb = await openKnowledgeBase({ dir: './knowledge', logger });
 * kb.ask('Wie lang darf der Sachbericht sein?').answer?.citation;
 */
export async function openKnowledgeBase(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
  const logger = options.logger.child({ component: 'knowledge' });
  const clock = options.clock ?? systemClock;
  // The first load builds in this thread (nothing is served yet); re-indexing builds in a worker thread.
  const inline = async (raw: RawSources, onProgress?: (done: number, total: number) => void): Promise<KnowledgeState> => {
    const sources = await parseSources(raw, onProgress);
    return buildState(sources.documents, sources.synonyms, sources.problems, clock.now());
  };
  const inWorker = async (raw: RawSources): Promise<KnowledgeState> => {
    try {
      return await buildInWorker(raw, clock.now());
    } catch (error) {
      if (errorCode(error) === 'ERR_WORKER_OUT_OF_MEMORY') throw error;
      logger.warn({ err: (error as Error).message }, 'index worker unavailable; re-indexing in the main thread');
      return inline(raw);
    }
  };
  const load = async (build: (raw: RawSources) => Promise<KnowledgeState>): Promise<KnowledgeState> => {
    const raw = await readRawSources(options.dir, { maxFileBytes: options.maxFileBytes });
    const cached = options.cacheDir === undefined ? null : await loadCachedState(options.cacheDir, raw.hash, logger, clock.now());
    let state = cached;
    if (state === null) {
      state = await build(raw);
      if (options.cacheDir !== undefined) await saveCachedState(options.cacheDir, raw.hash, state, logger);
    }
    for (const p of state.problems) logger.warn({ file: p.file, line: p.line, problem: p.message }, 'knowledge source problem');
    logger.info({ passages: state.passages.length, documents: state.documentCount, problems: state.problems.length, cached: cached !== null }, 'knowledge loaded');
    return state;
  };
  let state = await load((raw) => inline(raw, options.onProgress));
  const status = (): KnowledgeStatus => ({
    ready: state.passages.length > 0,
    passageCount: state.passages.length,
    documentCount: state.documentCount,
    problems: state.problems,
    loadedAt: state.loadedAt,
  });
  const reload = async (): Promise<void> => {
    logger.info({}, 'knowledge changed: re-indexing in the background');
    try {
      state = await load(inWorker);
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'knowledge re-index failed; keeping the previous index');
    }
    options.onReload?.(status());
  };
  const watcher = options.watch === true ? startWatcher(options.dir, options.debounceMs ?? 300, reload, logger) : null;
  return {
    ask: (question, askOptions) => answerQuestion(state.index, question, askOptions?.top ?? 5, askOptions?.places),
    passages: () => state.passages,
    status,
    close: async () => watcher?.close(),
  };
}

/** Watches the directory; bursts of changes (editors write several times) trigger one re-index. */
function startWatcher(dir: string, debounceMs: number, reload: () => Promise<void>, logger: Logger): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let again = false;
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      again = true;
      running = running.then(async () => {
        if (!again) return;
        again = false;
        await reload();
      });
    }, debounceMs);
  };
  let fsWatcher: FSWatcher | null = null;
  try {
    fsWatcher = watch(dir, { recursive: true }, (_event, name) => {
      if (name === null || isSourceFile(String(name))) schedule();
    });
    fsWatcher.on('error', (error) => logger.error({ err: error.message }, 'knowledge watcher failed'));
  } catch (error) {
    logger.error({ err: (error as Error).message }, 'cannot watch the knowledge directory');
  }
  return {
    close: () => {
      clearTimeout(timer);
      fsWatcher?.close();
    },
  };
}
