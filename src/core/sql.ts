/**
 * Port: a small asynchronous SQL database as the channel and routing stores use it (issue 15). One store
 * implementation runs on SQLite and PostgreSQL alike; the adapters (tickets/sql-db.sqlite.ts,
 * tickets/postgres/sql-db.postgres.ts) translate placeholders and map driver errors to AppError DB_*.
 *
 * SQL given here is the shared dialect of the migrations: `?` placeholders (never inside string literals),
 * TEXT/INTEGER columns, `ON CONFLICT … DO …`, `RETURNING`; no `rowid`, no `INSERT OR …`. Column aliases in
 * camelCase must be double-quoted (`AS "updatedAt"`): PostgreSQL folds unquoted names to lower case. Where the
 * dialects differ (JSON in TEXT columns, date arithmetic) a statement asks `dialect`; the helpers below cover
 * what the stores need.
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
  /**
   * Runs `fn` in one transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: READ COMMITTED on one pooled client):
   * committed when `fn` resolves, rolled back when it throws. Inside `fn` use only `tx`; the database itself
   * waits for the transaction (SQLite) or uses another connection (PostgreSQL). Keep the body to a few statements:
   * races are still settled by the statements themselves (conditional UPDATEs, `ON CONFLICT`).
   */
  transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T>;
  /** True until closed (readiness). */
  isOpen(): boolean;
}

/**
 * The text at `path` inside a JSON document kept in a TEXT column (null when absent).
 *
 * @example
 * jsonText('sqlite', 'route_json', ['kreis', 'name']);   // "json_extract(route_json, '$.kreis.name')"
 * jsonText('postgres', 'route_json', ['kreis', 'name']); // "(route_json::json #>> '{kreis,name}')"
 */
export function jsonText(dialect: SqlDialect, column: string, path: readonly string[]): string {
  if (!path.every((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) throw new Error(`jsonText: unsupported path ${path.join('.')}`);
  return dialect === 'sqlite' ? `json_extract(${column}, '$.${path.join('.')}')` : `(${column}::json #>> '{${path.join(',')}}')`;
}
