/**
 * The database of `DATABASE_URL` behind the SqlDb port, for CLI commands that read a store written over it
 * (issue 15): a SQLite file, or PostgreSQL (the driver loaded only then; a small pool named `pakt-cli`). The
 * given migrations are applied first, as the service would; an unreachable PostgreSQL throws AppError DB_ERROR
 * with `details.unreachable` (exit 2 by the caller).
 */
import { isAppError } from '../core/errors.js';
import type { Logger, Migration } from '../core/ports.js';
import type { SqlDb } from '../core/sql.js';
import { sqlitePath, type Config } from '../server/config.js';
import { openDatabase } from '../tickets/database.sqlite.js';
import { sqliteSqlDb } from '../tickets/sql-db.sqlite.js';

/** An open database and how to close it. */
export interface OpenedSql {
  sql: SqlDb;
  close(): Promise<void>;
}

/**
 * @example
 * const { sql, close } = await openSql(ctx.config, gapsMigrations, ctx.logger);
 * try { … } finally { await close(); }
 */
export async function openSql(config: Pick<Config, 'DATABASE_URL'>, migrations: Migration[], logger: Logger): Promise<OpenedSql> {
  if (config.DATABASE_URL.startsWith('sqlite:')) {
    const db = openDatabase(sqlitePath(config), migrations, logger);
    return {
      sql: sqliteSqlDb(db),
      close: async () => {
        db.close();
      },
    };
  }
  const [{ openPostgres, migratePostgres }, { postgresSqlDb }] = await Promise.all([
    import('../tickets/postgres/database.postgres.js'),
    import('../tickets/postgres/sql-db.postgres.js'),
  ]);
  const pool = await openPostgres(config.DATABASE_URL, { max: 2, applicationName: 'pakt-cli' });
  try {
    await migratePostgres(pool, migrations, logger);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { sql: postgresSqlDb(pool), close: () => pool.end() };
}

/** True for an error of {@link openSql} meaning the database cannot be reached (the operator's to fix: exit 2). */
export function isUnreachableDatabase(error: unknown): boolean {
  return isAppError(error) && (error.details as { unreachable?: unknown } | undefined)?.unreachable === true;
}
