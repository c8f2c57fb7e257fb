/**
 * A connection lost inside a transaction (server restart, pg_terminate_backend) fails that transaction with a
 * mapped error; it never reaches the process as an uncaught 'error' event of the checked-out client.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../../src/tickets/postgres/database.postgres.js';
import { inPgTransaction } from '../../../src/tickets/postgres/transaction.postgres.js';
import { postgresAvailability, startPostgres, type PostgresServer } from '../../helpers/postgres.js';

const availability = postgresAvailability();

describe.skipIf(!availability.available)('a connection lost inside a transaction', () => {
  let server: PostgresServer | undefined;
  let url = '';
  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase('lost');
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('rejects the transaction and raises no uncaught exception', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => {
      uncaught.push(error);
    };
    process.prependListener('uncaughtException', onUncaught);
    const pool = await openPostgres(url, { max: 2 });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const run = inPgTransaction(pool, 'probe', async (client) => {
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        // The termination arrives while the transaction does other work between two statements.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await client.query('SELECT 1');
      });
      await expect(run).rejects.toMatchObject({ code: 'DB_ERROR' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
      // The pool goes on with a new connection.
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    } finally {
      process.removeListener('uncaughtException', onUncaught);
      await admin.end();
      await pool.end();
    }
  });
});

if (!availability.available) it.skip(`PostgreSQL: ${availability.reason}`, () => undefined);
