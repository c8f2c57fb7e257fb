/**
 * The SqlDb port (core/sql.ts) over a better-sqlite3 connection: statements are prepared once per SQL text and
 * run synchronously inside the returned promise; driver errors become AppError DB_* (see `mapDbError`).
 *
 * A transaction holds the connection while its (asynchronous) body runs: statements through this SqlDb wait
 * until it ends. The synchronous ticket adapters share the connection and cannot wait: a statement of theirs
 * issued while a body awaits joins the transaction (as a savepoint). Bodies are a few statements that resolve
 * at once, so that needs another task's continuation in the same microtask turn; and a rollback happens only
 * when a statement of the body fails.
 */
import type Database from 'better-sqlite3';
import { errorCode } from '../core/error-code.js';
import { AppError } from '../core/errors.js';
import type { SqlDb } from '../core/sql.js';
import { mapDbError } from './database.sqlite.js';

/** Prepared statements kept per connection (SQL texts are constants of the stores, so the map stays small). */
const MAX_STATEMENTS = 500;
/** Longest pause between two attempts to begin a transaction while another connection writes. */
const MAX_BEGIN_WAIT_MS = 25;

/**
 * Wraps an open database (migrations applied by `openDatabase`).
 *
 * @example
 * const sql = sqliteSqlDb(openDatabase(path, migrations, logger));
 * await sql.get('SELECT 1 AS one'); // → { one: 1 }
 */
export function sqliteSqlDb(db: Database.Database): SqlDb {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const guarded = <T>(sql: string, fn: (statement: Database.Statement) => T): T => {
    try {
      return fn(prepare(sql));
    } catch (error) {
      throw mapDbError(error, 'statement');
    }
  };
  const all = <T>(sql: string, params: readonly unknown[]): T[] => guarded(sql, (s) => s.all(...params) as T[]);
  const get = <T>(sql: string, params: readonly unknown[]): T | undefined =>
    guarded(sql, (s) => {
      if (s.reader) return s.get(...params) as T | undefined;
      s.run(...params);
      return undefined;
    });
  const run = (sql: string, params: readonly unknown[]): number => guarded(sql, (s) => (s.reader ? s.all(...params).length : s.run(...params).changes));

  // The running transaction (resolved when it ends). Waiting, checking and taking happen without an await in
  // between, so two callers never both see the connection free.
  let busy: Promise<void> | null = null;
  /** Runs `op` now (synchronously, when no transaction runs) or after the running transaction. */
  const whenFree = async <T>(op: () => T): Promise<T> => {
    while (busy !== null) await busy;
    return op();
  };
  /**
   * BEGIN IMMEDIATE without the connection's blocking busy wait: while another connection holds the write lock
   * (another process, or another connection of this one, whose transaction needs this event loop to finish) it is
   * retried after a timer, up to the connection's busy timeout; then DB_LOCKED.
   */
  const begin = async (): Promise<void> => {
    const timeoutMs = Number(db.pragma('busy_timeout', { simple: true }));
    const deadline = Date.now() + timeoutMs;
    for (let waitMs = 1; ; waitMs = Math.min(waitMs * 2, MAX_BEGIN_WAIT_MS)) {
      db.pragma('busy_timeout = 0');
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!String(errorCode(error)).startsWith('SQLITE_BUSY') || Date.now() >= deadline) throw mapDbError(error, 'transaction begin');
      } finally {
        db.pragma(`busy_timeout = ${timeoutMs}`);
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  };
  const inside: SqlDb = {
    dialect: 'sqlite',
    all: async <T>(sql: string, params: readonly unknown[] = []) => all<T>(sql, params),
    get: async <T>(sql: string, params: readonly unknown[] = []) => get<T>(sql, params),
    run: async (sql: string, params: readonly unknown[] = []) => run(sql, params),
    transaction: () => Promise.reject(new AppError('DB_ERROR', 'database: nested transactions are not supported')),
    isOpen: () => db.open,
  };
  return {
    dialect: 'sqlite',
    all: <T>(sql: string, params: readonly unknown[] = []) => whenFree(() => all<T>(sql, params)),
    get: <T>(sql: string, params: readonly unknown[] = []) => whenFree(() => get<T>(sql, params)),
    run: (sql: string, params: readonly unknown[] = []) => whenFree(() => run(sql, params)),
    async transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T> {
      while (busy !== null) await busy;
      let end!: () => void;
      busy = new Promise<void>((resolve) => (end = resolve));
      try {
        await begin();
        try {
          const result = await fn(inside);
          try {
            db.exec('COMMIT');
          } catch (error) {
            throw mapDbError(error, 'transaction commit');
          }
          return result;
        } catch (error) {
          if (db.inTransaction) {
            try {
              db.exec('ROLLBACK');
            } catch {
              // The connection is gone or already rolled back: the original error says why.
            }
          }
          throw error;
        }
      } finally {
        busy = null;
        end();
      }
    },
    isOpen: () => db.open,
  };
}
