/**
 * The SqlDb port (core/sql.ts) over a `pg.Pool`: the shared dialect's `?` placeholders become `$1, $2, …`
 * (outside string literals), driver errors become AppError DB_* (see `mapPgError`). A transaction is BEGIN …
 * COMMIT on one client checked out of the pool (ROLLBACK when its body throws).
 */
import type pg from 'pg';
import { AppError } from '../../core/errors.js';
import type { SqlDb } from '../../core/sql.js';
import { mapPgError } from './database.postgres.js';

/** `?` → `$n`, left to right, skipping single-quoted literals. Cached per SQL text. */
const translated = new Map<string, string>();

/**
 * Translates the placeholders of one statement.
 *
 * @example
 * toNumberedPlaceholders("SELECT ? WHERE x = '?' AND y = ?"); // "SELECT $1 WHERE x = '?' AND y = $2"
 */
export function toNumberedPlaceholders(sql: string): string {
  const cached = translated.get(sql);
  if (cached !== undefined) return cached;
  let n = 0;
  const out = sql.replace(/'(?:[^']|'')*'|\?/g, (m) => (m === '?' ? `$${++n}` : m));
  if (translated.size < 1000) translated.set(sql, out);
  return out;
}

/**
 * Wraps an open pool (see `openPostgres`; migrations applied by `migratePostgres`).
 *
 * @example
 * const sql = postgresSqlDb(await openPostgres(url));
 * await sql.run('DELETE FROM teams_processed WHERE key = ?', ['activity:1']);
 */
export function postgresSqlDb(pool: pg.Pool): SqlDb {
  const over = (db: pg.Pool | pg.PoolClient, transaction: SqlDb['transaction']): SqlDb => {
    const query = async (sql: string, params: readonly unknown[]): Promise<pg.QueryResult> => {
      try {
        return await db.query(toNumberedPlaceholders(sql), [...params]);
      } catch (error) {
        throw mapPgError(error, 'statement');
      }
    };
    return {
      dialect: 'postgres',
      all: async <T>(sql: string, params: readonly unknown[] = []) => (await query(sql, params)).rows as T[],
      get: async <T>(sql: string, params: readonly unknown[] = []) => (await query(sql, params)).rows[0] as T | undefined,
      run: async (sql: string, params: readonly unknown[] = []) => (await query(sql, params)).rowCount ?? 0,
      transaction,
      isOpen: () => !pool.ending && !pool.ended,
    };
  };
  const nested: SqlDb['transaction'] = () => Promise.reject(new AppError('DB_ERROR', 'database: nested transactions are not supported'));
  return over(pool, async <T>(fn: (tx: SqlDb) => Promise<T>): Promise<T> => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw mapPgError(error, 'transaction');
    }
    const tx = over(client, nested);
    try {
      await tx.run('BEGIN');
      const result = await fn(tx);
      await tx.run('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  });
}
