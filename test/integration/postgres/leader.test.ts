/**
 * Mailbox leadership by a PostgreSQL advisory lock on a dedicated connection (src/server/leader.postgres.ts),
 * against the throwaway cluster: of two contenders one leads; when the leader's connection is killed
 * (pg_terminate_backend) the other takes over and the old leader steps down and stays a follower; a leader
 * that stops hands over.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import { advisoryKey, createPostgresLeader, type PostgresLeader } from '../../../src/server/leader.postgres.js';
import { postgresAvailability, startPostgres, type PostgresServer } from '../../helpers/postgres.js';

const availability = postgresAvailability();
let server: PostgresServer;
let admin: pg.Client;
const POLL_MS = 200;
const WAIT = { timeout: 15_000, interval: 50 };

async function contender(name: string, changes: boolean[]): Promise<PostgresLeader> {
  return createPostgresLeader({ url: server.url(), name: 'mailbox:INBOX', logger: silentLogger, pollMs: POLL_MS, applicationName: name, onChange: (on) => changes.push(on) });
}

async function backends(name: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [name]);
  return rows.map((r) => r.pid);
}

describe.skipIf(!availability.available)('PostgreSQL leader lock', () => {
  beforeAll(async () => {
    server = await startPostgres();
    admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });

  it('one of two leads; killing its connection hands leadership to the other', async () => {
    const [changesA, changesB] = [[] as boolean[], [] as boolean[]];
    const a = await contender('pakt-leader-a', changesA);
    const b = await contender('pakt-leader-b', changesB);
    try {
      expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
      const { rows } = await admin.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted");
      expect(rows[0]?.n).toBe(1);

      const [pidA] = await backends('pakt-leader-a');
      await admin.query('SELECT pg_terminate_backend($1)', [pidA]);
      await vi.waitFor(() => {
        expect(b.isLeader()).toBe(true);
        expect(a.isLeader()).toBe(false);
      }, WAIT);
      expect(changesA).toEqual([true, false]);
      expect(changesB).toEqual([true]);

      // A reconnects and contends again, but B holds the lock: A stays a follower.
      await vi.waitFor(async () => expect((await backends('pakt-leader-a')).filter((p) => p !== pidA)).toHaveLength(1), WAIT);
      await vi.waitFor(async () => {
        const { rows: waiting } = await admin.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE application_name = 'pakt-leader-a' AND query LIKE '%pg_try_advisory_lock%'");
        expect(waiting[0]?.n).toBe(1);
      }, WAIT);
      expect(a.isLeader()).toBe(false);
      expect(b.isLeader()).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('a leader that stops releases the lock and the other takes over', async () => {
    const a = await contender('pakt-leader-c', []);
    const b = await contender('pakt-leader-d', []);
    try {
      expect(a.isLeader()).toBe(true);
      await a.stop();
      expect(a.isLeader()).toBe(false);
      await vi.waitFor(() => expect(b.isLeader()).toBe(true), WAIT);
    } finally {
      await a.stop();
      await b.stop();
    }
    const { rows } = await admin.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'");
    expect(rows[0]?.n).toBe(0);
  });

  it('derives one stable signed 64-bit key per name', () => {
    expect(advisoryKey('mailbox:INBOX')).toBe(advisoryKey('mailbox:INBOX'));
    expect(advisoryKey('mailbox:INBOX')).not.toBe(advisoryKey('mailbox:Archiv'));
    const key = BigInt(advisoryKey('mailbox:INBOX'));
    expect(key >= -(2n ** 63n) && key < 2n ** 63n).toBe(true);
  });
});

if (!availability.available) it.skip(`PostgreSQL: ${availability.reason}`, () => undefined);
