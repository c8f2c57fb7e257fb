/**
 * SQLite connection for the service (better-sqlite3, synchronous). Opens the file with WAL, foreign keys and
 * a busy timeout, applies numbered migrations once each, and maps driver errors to AppError codes.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type Database from 'better-sqlite3';
import { AppError, isAppError, type ErrorCode } from '../core/errors.js';
import type { Logger, Migration } from '../core/ports.js';
import { errorCode } from '../core/error-code.js';

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Milliseconds to wait for a lock before failing with DB_LOCKED. Default 5000. */
  busyTimeoutMs?: number;
  /** Open read-only (no migrations are applied; missing ones fail with DB_ERROR). */
  readonly?: boolean;
  /**
   * `NORMAL` (default) is safe against process crashes in WAL mode and only risks the last commits on power
   * loss; `FULL` syncs every commit.
   */
  synchronous?: 'NORMAL' | 'FULL';
}

/** Maps a better-sqlite3 error (or anything thrown) to an AppError with a DB_* code; AppErrors pass through. */
export function mapDbError(error: unknown, what: string): AppError {
  if (isAppError(error)) return error;
  const code = errorCode(error) ?? '';
  let mapped: ErrorCode = 'DB_ERROR';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) mapped = 'DB_LOCKED';
  else if (code.startsWith('SQLITE_READONLY')) mapped = 'DB_READONLY';
  else if (code.startsWith('SQLITE_FULL')) mapped = 'DB_FULL';
  return new AppError(mapped, `database: ${what} failed (${code || (error as Error)?.name || 'error'})`, {
    cause: error,
    details: { sqliteCode: code },
  });
}

/** One transaction runner per connection: `db.transaction()` builds five wrapper functions on every call. */
const runners = new WeakMap<Database.Database, Database.Transaction<(fn: () => unknown) => unknown>>();

function runner(db: Database.Database): Database.Transaction<(fn: () => unknown) => unknown> {
  let tx = runners.get(db);
  if (tx === undefined) {
    tx = db.transaction((fn: () => unknown) => fn());
    runners.set(db, tx);
  }
  return tx;
}

/**
 * Runs `fn` in an IMMEDIATE transaction (write lock taken at BEGIN, so concurrent writers queue on the busy
 * timeout instead of failing on a stale snapshot). Any error rolls everything back and is mapped.
 */
export function inTransaction<T>(db: Database.Database, what: string, fn: () => T): T {
  try {
    return runner(db).immediate(fn) as T;
  } catch (error) {
    throw mapDbError(error, what);
  }
}

/** Runs a read; driver errors are mapped. */
export function read<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw mapDbError(error, what);
  }
}

/** Namespace of a migration id: "tickets-001" → "tickets". */
function namespaceOf(id: string): string {
  const dash = id.lastIndexOf('-');
  return dash < 0 ? id : id.slice(0, dash);
}

function applyMigrations(db: Database.Database, migrations: Migration[], logger: Logger, readonly: boolean): void {
  if (!readonly) {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  }
  const applied = new Set(
    (db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id),
  );
  const known = new Set(migrations.map((m) => m.id));
  const namespaces = new Set(migrations.map((m) => namespaceOf(m.id)));
  const unknown = [...applied].filter((id) => namespaces.has(namespaceOf(id)) && !known.has(id));
  if (unknown.length > 0) {
    throw new AppError('DB_ERROR', `database: schema has migrations this version does not know (${unknown.join(', ')}); refusing to open`, {
      details: { unknown },
    });
  }
  const pending = migrations.filter((m) => !applied.has(m.id));
  if (pending.length === 0) return;
  if (readonly) {
    throw new AppError('DB_ERROR', `database: opened read-only but migrations are missing (${pending.map((m) => m.id).join(', ')})`);
  }
  inTransaction(db, 'migration', () => {
    const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.id, new Date().toISOString());
    }
  });
  logger.info({ component: 'database', migrations: pending.map((m) => m.id) }, 'migrations applied');
}

/**
 * Opens (and creates) the database at `path`, applying `migrations` that are not yet recorded, each exactly
 * once, all pending ones in one transaction. Migration ids are namespaced (`tickets-001`); a database that
 * recorded a migration of one of the given namespaces that this code does not know is refused (DB_ERROR):
 * it was written by a newer version. Other modules' namespaces are left alone.
 *
 * @example
 * const db = openDatabase('./data/pakt.db', ticketMigrations, logger);
 */
export function openDatabase(
  path: string,
  migrations: Migration[],
  logger: Logger,
  options: OpenDatabaseOptions = {},
): Database.Database {
  const readonly = options.readonly ?? false;
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:' && !readonly) mkdirSync(dirname(path), { recursive: true });
    db = new BetterSqlite3(path, { readonly, fileMustExist: readonly });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations, logger, readonly);
    return db;
  } catch (error) {
    db?.close();
    const mapped = mapDbError(error, 'open');
    logger.error({ component: 'database', code: mapped.code }, 'cannot open database');
    throw mapped;
  }
}
