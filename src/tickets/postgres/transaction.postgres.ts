/**
 * Transactions and reads on a `pg.Pool` for the PostgreSQL ticket adapters: a transaction is BEGIN … COMMIT on
 * ONE pooled client (ROLLBACK on any error); driver errors become AppError DB_* (see `mapPgError`).
 */
import type pg from 'pg';
import { mapPgError } from './database.postgres.js';

/** A client inside a transaction, or the pool for a single statement. */
export type Queryable = pg.Pool | pg.PoolClient;

/** Runs one statement and returns its rows. */
export async function rows<T = Record<string, unknown>>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)).rows as T[];
}

/** Runs one statement and returns how many rows it changed. */
export async function changes(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  return (await db.query(sql, params)).rowCount ?? 0;
}

/**
 * Runs `fn` in a READ COMMITTED transaction on one client. Races are settled by the statements themselves
 * (conditional UPDATEs, `ON CONFLICT`, row locks), never by process memory.
 */
export async function inPgTransaction<T>(pool: pg.Pool, what: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw mapPgError(error, what);
  }
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw mapPgError(error, what);
  } finally {
    client.release();
  }
}

/** Runs a read on the pool; driver errors are mapped. */
export async function pgRead<T>(pool: pg.Pool, what: string, fn: (db: pg.Pool) => Promise<T>): Promise<T> {
  try {
    return await fn(pool);
  } catch (error) {
    throw mapPgError(error, what);
  }
}
