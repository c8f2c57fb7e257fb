/**
 * The service's database, chosen by `DATABASE_URL` (issue 15): `sqlite:<path>` (the default; one process) or
 * `postgres://…` (pooled; any number of replicas). Opens it, applies every migration (SQLite: all in one go;
 * PostgreSQL: each in its own transaction, rolled back on failure, so a failing migration stops the start with
 * nothing half-applied), and hands out what the rest of the service builds on: the SqlDb port for the channel
 * stores, the workplace queries, the FAQ proposals and the knowledge loop (one implementation each, issue 15),
 * the ticket module, the sender directory and a health flag for /readyz. Nothing outside this file and the
 * ticket module's own wiring touches the SQLite connection.
 *
 * The PostgreSQL driver is loaded only when a postgres:// URL is configured (start-up time of the default).
 */
import { errorCode } from '../core/error-code.js';
import type { Logger, Migration } from '../core/ports.js';
import type { SqlDb } from '../core/sql.js';
import type { SenderDirectory } from '../routing/sender-directory.js';
import { SqliteSenderDirectory } from '../routing/sender-directory.sqlite.js';
import { openDatabase } from '../tickets/database.sqlite.js';
import { sqliteSqlDb } from '../tickets/sql-db.sqlite.js';
import { createTickets, type Tickets, type TicketsOptions } from '../tickets/wiring.sqlite.js';
import { sqlitePath, type Config } from './config.js';

/** Milliseconds between health checks of a PostgreSQL pool (readiness). */
const HEALTH_CHECK_MS = 5_000;

/** An open database of the service. */
export interface Storage {
  kind: 'sqlite' | 'postgres';
  /** The database behind the SqlDb port (channel stores, workplace, FAQ proposals, knowledge loop). */
  sql: SqlDb;
  /** The postgres:// URL (for the mailbox leader's dedicated connection); null on SQLite. */
  postgresUrl: string | null;
  /** The ticket module over this database (jobs claimed per period on PostgreSQL). */
  tickets(options: TicketsOptions): Tickets;
  /** The learned sender directory (SQLite: exact; PostgreSQL: shared, reloaded). */
  senderDirectory(): Promise<SenderDirectory>;
  /** False while the database does not answer (PostgreSQL: checked every 5 s). */
  isHealthy(): boolean;
  close(): Promise<void>;
}

/**
 * Opens the database named by `DATABASE_URL` and applies `migrations`. An unreachable PostgreSQL throws AppError
 * DB_ERROR with `details.unreachable` (the start ends with exit 2); a failing migration throws DB_ERROR.
 *
 * @example
 * const storage = await openStorage(config, SERVICE_MIGRATIONS, logger);
 */
export async function openStorage(config: Pick<Config, 'DATABASE_URL'>, migrations: Migration[], logger: Logger): Promise<Storage> {
  if (config.DATABASE_URL.startsWith('sqlite:')) return openSqlite(sqlitePath(config), migrations, logger);
  return openPostgresStorage(config.DATABASE_URL, migrations, logger);
}

function openSqlite(path: string, migrations: Migration[], logger: Logger): Storage {
  const db = openDatabase(path, migrations, logger);
  return {
    kind: 'sqlite',
    sql: sqliteSqlDb(db),
    postgresUrl: null,
    tickets: (options) => createTickets(db, options),
    senderDirectory: () => Promise.resolve(new SqliteSenderDirectory(db)),
    isHealthy: () => db.open,
    close: async () => {
      db.close();
    },
  };
}

async function openPostgresStorage(url: string, migrations: Migration[], logger: Logger): Promise<Storage> {
  const [{ openPostgres, migratePostgres }, { postgresSqlDb }, { createPostgresTickets }, { openSharedSenderDirectory }] = await Promise.all([
    import('../tickets/postgres/database.postgres.js'),
    import('../tickets/postgres/sql-db.postgres.js'),
    import('../tickets/postgres/wiring.postgres.js'),
    import('../routing/sender-directory.shared.js'),
  ]);
  const pool = await openPostgres(url, { applicationName: 'pakt' });
  const log = logger.child({ component: 'database' });
  const closers: (() => Promise<void>)[] = [];
  try {
    await migratePostgres(pool, migrations, logger);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const sql = postgresSqlDb(pool);
  let healthy = true;
  const timer = setInterval(() => {
    pool.query('SELECT 1').then(
      () => {
        if (!healthy) log.info({}, 'database reachable again');
        healthy = true;
      },
      (error: unknown) => {
        if (healthy) log.error({ code: errorCode(error) ?? 'DB_ERROR' }, 'database not reachable');
        healthy = false;
      },
    );
  }, HEALTH_CHECK_MS);
  timer.unref();
  log.info({ kind: 'postgres' }, 'database open');
  return {
    kind: 'postgres',
    sql,
    postgresUrl: url,
    tickets: (options) => createPostgresTickets(pool, options),
    async senderDirectory() {
      const shared = await openSharedSenderDirectory(sql, { logger });
      closers.push(() => shared.close());
      return shared.directory;
    },
    isHealthy: () => healthy && sql.isOpen(),
    async close() {
      clearInterval(timer);
      for (const close of closers) await close().catch(() => undefined);
      await pool.end();
    },
  };
}
