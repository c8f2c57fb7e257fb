/**
 * Port: a small asynchronous SQL database as the channel and routing stores use it (issue 15). One store
 * implementation runs on SQLite and PostgreSQL alike; the adapters (tickets/sql-db.sqlite.ts,
 * tickets/postgres/sql-db.postgres.ts) translate placeholders and map driver errors to AppError DB_*.
 *
 * SQL given here is the shared dialect of the migrations: `?` placeholders (never inside string literals),
 * TEXT/INTEGER columns, `ON CONFLICT … DO …`, `RETURNING`; no `rowid`, no `INSERT OR …`.
 */

/** Which database answers (for the rare statement or message that must differ). */
export type SqlDialect = 'sqlite' | 'postgres';

/** An open database (a connection or a pool). Errors are AppError DB_*. */
export interface SqlDb {
  readonly dialect: SqlDialect;
  /** Every row of a query. */
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The first row of a query, or undefined. */
  get<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** True until closed (readiness). */
  isOpen(): boolean;
}
