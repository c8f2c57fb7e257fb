/**
 * The throwaway cluster itself: it starts as an unprivileged user (also when the tests run as root), serves
 * the loopback port, and `stop()` removes its directory.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresAvailability, startPostgres } from '../../helpers/postgres.js';

const availability = postgresAvailability();

describe.skipIf(!availability.available)('throwaway PostgreSQL cluster', () => {
  it('runs as a non-root user on a loopback port, creates databases, and is gone after stop()', async () => {
    const server = await startPostgres();
    try {
      const owner = statSync(join(server.dir, 'data')).uid;
      expect(owner).not.toBe(0);
      const url = await server.createDatabase('probe');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ db: string; addr: string }>('SELECT current_database() AS db, inet_server_addr()::text AS addr');
      await client.end();
      expect(rows[0]).toEqual({ db: 'probe', addr: '127.0.0.1/32' });
    } finally {
      await server.stop();
    }
    expect(existsSync(server.dir)).toBe(false);
  });
});

if (!availability.available) it.skip(`PostgreSQL: ${availability.reason}`, () => undefined);
