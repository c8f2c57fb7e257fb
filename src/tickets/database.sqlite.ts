/**
 * SQLite connection for the service (better-sqlite3, synchronous). Opens the file with WAL, foreign keys and
 * a busy timeout, applies numbered migrations once each, and maps driver errors to AppError codes.
 */
import type Database from 'better-sqlite3';
import type { Logger, Migration } from '../core/ports.js';

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Milliseconds to wait for a lock before failing with DB_LOCKED. Default 5000. */
  busyTimeoutMs?: number;
  /** Open read-only (no migrations are applied; missing ones fail with DB_ERROR). */
  readonly?: boolean;
}

/**
 * Opens (and creates) the database at `path`, applying `migrations` that are not yet recorded.
 * Refuses (DB_ERROR) a database that recorded migrations of the same namespaces that this code does not know.
 *
 * @example
 * const db = openDatabase('./data/pakt.db', ticketMigrations, logger);
 */
export function openDatabase(path: string, migrations: Migration[], logger: Logger, options: OpenDatabaseOptions = {}): Database.Database {
  void path;
  void migrations;
  void logger;
  void options;
  throw new Error('openDatabase: not implemented yet');
}
