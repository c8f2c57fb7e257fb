/**
 * The DerivedCache port on disk: one JSON file per name (`<dir>/<name>.json`) beside the knowledge index cache,
 * holding a format number, the key and the value. A file that is missing, unreadable, of another format or
 * stored under another key counts as absent; writes go to a temporary file and are renamed into place, so a
 * reader never sees half a file. Failed writes are logged and cost only the next start its time.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { DerivedCache, Logger } from '../core/ports.js';

/** Bump when the file layout below changes. */
const FORMAT = 1;
const NAME = /^[a-z0-9][a-z0-9-]*$/;

interface Entry {
  format: number;
  key: string;
  value: unknown;
}

function fileOf(dir: string, name: string): string {
  if (!NAME.test(name)) throw new Error(`derived cache: invalid entry name "${name}"`);
  return join(dir, `${name}.json`);
}

/**
 * A DerivedCache in `dir` (config INDEX_CACHE_DIR), created on the first write.
 *
 * @example const cache = createDerivedCache('./data/cache', logger); cache.get('routing-data', key);
 */
export function createDerivedCache(dir: string, logger: Logger): DerivedCache {
  const log = logger.child({ component: 'derived-cache' });
  return {
    get(name, key) {
      const file = fileOf(dir, name);
      let raw: string;
      try {
        raw = readFileSync(file, 'utf8');
      } catch {
        return null;
      }
      try {
        const entry = JSON.parse(raw) as Partial<Entry>;
        return entry.format === FORMAT && entry.key === key && entry.value !== undefined ? entry.value : null;
      } catch (error) {
        log.warn({ code: 'INDEX_CACHE_INVALID', name, err: (error as Error).message }, 'derived cache entry unreadable; deriving again');
        return null;
      }
    },
    put(name, key, value) {
      const file = fileOf(dir, name);
      const entry: Entry = { format: FORMAT, key, value };
      try {
        mkdirSync(dir, { recursive: true });
        // Per process and thread: test workers share one process and may write the same entry at once.
        const tmp = `${file}.${process.pid}-${threadId}.tmp`;
        writeFileSync(tmp, JSON.stringify(entry));
        renameSync(tmp, file);
      } catch (error) {
        log.warn({ code: 'INDEX_CACHE_INVALID', name, err: (error as Error).message }, 'cannot write derived cache entry');
      }
    },
  };
}
