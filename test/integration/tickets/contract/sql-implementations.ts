/**
 * The SqlDb implementations the channel-store contracts run against (issue 15): a SQLite file and a database of
 * the throwaway PostgreSQL cluster, each migrated with the given migrations. Each `open()` is a fresh, empty store
 * reached by two "processes" (`a`, `b`: two connections or two pools), so what one writes the other must read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import type { Migration } from '../../../../src/core/ports.js';
import { silentLogger } from '../../../../src/core/ports.js';
import type { SqlDb } from '../../../../src/core/sql.js';
import { openDatabase } from '../../../../src/tickets/database.sqlite.js';
import { migratePostgres, openPostgres } from '../../../../src/tickets/postgres/database.postgres.js';
import { postgresSqlDb } from '../../../../src/tickets/postgres/sql-db.postgres.js';
import { sqliteSqlDb } from '../../../../src/tickets/sql-db.sqlite.js';
import { postgresAvailability, startPostgres, type PostgresServer } from '../../../helpers/postgres.js';

/** Two processes on one fresh store. */
export interface OpenSql {
  a: SqlDb;
  b: SqlDb;
  close(): Promise<void>;
}

/** One implementation under test. */
export interface SqlImplementation {
  name: string;
  open(): Promise<OpenSql>;
}

/** SQLite: a new file under `dir()` per store, two connections. */
export function sqliteSql(dir: () => string, migrations: Migration[], prefix: string): SqlImplementation {
  let n = 0;
  return {
    name: 'SQLite',
    open: async () => {
      n += 1;
      const path = join(dir(), `${prefix}-${n}.db`);
      const first = openDatabase(path, migrations, silentLogger);
      const second = openDatabase(path, migrations, silentLogger);
      return {
        a: sqliteSqlDb(first),
        b: sqliteSqlDb(second),
        close: async () => {
          first.close();
          second.close();
        },
      };
    },
  };
}

/** PostgreSQL: a new database of the cluster `server()` per store, two pools. */
export function postgresSql(server: () => PostgresServer, migrations: Migration[], prefix: string): SqlImplementation {
  let n = 0;
  return {
    name: 'PostgreSQL',
    open: async () => {
      n += 1;
      const url = await server().createDatabase(`${prefix}_${n}`);
      const first = await openPostgres(url, { max: 3 });
      await migratePostgres(first, migrations, silentLogger);
      const second = await openPostgres(url, { max: 3 });
      return {
        a: postgresSqlDb(first),
        b: postgresSqlDb(second),
        close: async () => {
          await Promise.all([first.end(), second.end()]);
        },
      };
    },
  };
}

/**
 * The implementations of one contract file: SQLite, and PostgreSQL when its binaries are there (in CI they must
 * be: `postgresAvailability` throws there). Registers the temp directory and the cluster's start and stop.
 */
export function sqlImplementations(migrations: Migration[], prefix: string): SqlImplementation[] {
  const availability = postgresAvailability();
  let dir = '';
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `pakt-${prefix}-contract-`));
    if (availability.available) server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  // Skipped only on a developer machine without PostgreSQL binaries, with the reason shown.
  if (!availability.available) it.skip(`PostgreSQL: ${availability.reason}`, () => undefined);
  return [sqliteSql(() => dir, migrations, prefix), ...(availability.available ? [postgresSql(() => server!, migrations, prefix)] : [])];
}
