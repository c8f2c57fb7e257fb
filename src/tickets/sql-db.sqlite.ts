/**
 * The SqlDb port (core/sql.ts) over a better-sqlite3 connection: statements are prepared once per SQL text and
 * run synchronously inside the returned promise; driver errors become AppError DB_* (see `mapDbError`).
 */
import type Database from 'better-sqlite3';
import type { SqlDb } from '../core/sql.js';
import { mapDbError } from './database.sqlite.js';

/** Prepared statements kept per connection (SQL texts are constants of the stores, so the map stays small). */
const MAX_STATEMENTS = 500;

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
  const guarded = <T>(sql: string, fn: (statement: Database.Statement) => T): Promise<T> => {
    try {
      return Promise.resolve(fn(prepare(sql)));
    } catch (error) {
      return Promise.reject(mapDbError(error, 'statement'));
    }
  };
  return {
    dialect: 'sqlite',
    all: <T>(sql: string, params: readonly unknown[] = []) => guarded(sql, (s) => s.all(...params) as T[]),
    get: <T>(sql: string, params: readonly unknown[] = []) =>
      guarded(sql, (s) => {
        if (s.reader) return s.get(...params) as T | undefined;
        s.run(...params);
        return undefined;
      }),
    run: (sql: string, params: readonly unknown[] = []) => guarded(sql, (s) => (s.reader ? s.all(...params).length : s.run(...params).changes)),
    isOpen: () => db.open,
  };
}
