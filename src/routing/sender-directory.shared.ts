/**
 * The learned sender directory shared by several replicas (issue 15, PostgreSQL): the router reads the directory
 * synchronously while it routes (router.ts is pure and synchronous), so each replica keeps the whole table in
 * memory, writes through to the database and reloads it every `refreshMs`. A confirmation made on one replica is
 * known to the others after at most one refresh; the worst case is one more ask-back, never a wrong route (the
 * directory is evidence, not a decision). The table is small: one row per sender who ever confirmed a place.
 *
 * SQLite (one process) keeps using the exact, synchronous sender-directory.sqlite.ts.
 */
import { z } from 'zod';
import { errorCode } from '../core/error-code.js';
import type { Logger } from '../core/ports.js';
import type { SqlDb } from '../core/sql.js';
import { senderKey, type SenderDirectory, type SenderEntry } from './sender-directory.js';

const Row = z.object({ sender: z.string(), gemeinde_ags: z.string(), provenance: z.string(), confirmed_at: z.string() });

/** Options of {@link openSharedSenderDirectory}. */
export interface SharedSenderDirectoryOptions {
  logger: Logger;
  /** Milliseconds between reloads (default 15 000). */
  refreshMs?: number;
}

/** A running shared directory: the port, plus reload and stop. */
export interface SharedSenderDirectory {
  directory: SenderDirectory;
  /** Reloads the table now (also what the timer does). */
  refresh(): Promise<void>;
  /** Stops reloading and waits for writes still on their way. */
  close(): Promise<void>;
}

/**
 * Loads the directory and starts reloading it.
 *
 * @example
 * const shared = await openSharedSenderDirectory(postgresSqlDb(pool), { logger });
 * await loadRouting({ contactsFile, senderDirectory: shared.directory, logger });
 */
export async function openSharedSenderDirectory(db: SqlDb, options: SharedSenderDirectoryOptions): Promise<SharedSenderDirectory> {
  const log = options.logger.child({ component: 'sender-directory' });
  let entries = new Map<string, SenderEntry>();
  /** Confirmations written here and not yet acknowledged: a reload must not drop them. */
  const unwritten = new Map<string, SenderEntry>();
  const pending = new Set<Promise<void>>();
  const refresh = async (): Promise<void> => {
    const rows = await db.all('SELECT sender, gemeinde_ags, provenance, confirmed_at FROM routing_sender_directory');
    const next = new Map<string, SenderEntry>();
    for (const r of rows.map((x) => Row.parse(x))) next.set(r.sender, { gemeindeAgs: r.gemeinde_ags, provenance: r.provenance, confirmedAt: r.confirmed_at });
    for (const [key, entry] of unwritten) next.set(key, entry);
    entries = next;
  };
  await refresh();
  const timer = setInterval(() => {
    refresh().catch((error: unknown) => log.warn({ code: errorCode(error) ?? 'DB_ERROR' }, 'sender directory reload failed'));
  }, options.refreshMs ?? 15_000);
  timer.unref();
  const directory: SenderDirectory = {
    lookup: (address) => entries.get(senderKey(address)) ?? null,
    remember(address, gemeindeAgs, provenance, at) {
      const key = senderKey(address);
      const entry = { gemeindeAgs, provenance, confirmedAt: at.toISOString() };
      entries.set(key, entry);
      unwritten.set(key, entry);
      const write = db
        .run(
          `INSERT INTO routing_sender_directory (sender, gemeinde_ags, provenance, confirmed_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (sender) DO UPDATE SET gemeinde_ags = excluded.gemeinde_ags, provenance = excluded.provenance,
           confirmed_at = excluded.confirmed_at`,
          [key, gemeindeAgs, provenance, entry.confirmedAt],
        )
        .then(
          () => undefined,
          (error: unknown) => log.warn({ code: errorCode(error) ?? 'DB_ERROR' }, 'sender confirmation not stored'),
        )
        .finally(() => {
          pending.delete(write);
          if (unwritten.get(key) === entry) unwritten.delete(key);
        });
      pending.add(write);
    },
  };
  return {
    directory,
    refresh,
    async close() {
      clearInterval(timer);
      await Promise.all([...pending]);
    },
  };
}
