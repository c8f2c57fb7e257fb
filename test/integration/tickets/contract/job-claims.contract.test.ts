/**
 * Job runs across replicas (issue 15): a run of a job in a period is claimed by exactly one of two replicas
 * (SQLite and PostgreSQL), and the wired jobs run only when their claim was won.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../src/core/ports.js';
import { openDatabase } from '../../../../src/tickets/database.sqlite.js';
import { createJobClaims, type JobClaims } from '../../../../src/tickets/job-claims.js';
import { ticketMigrations } from '../../../../src/tickets/migrations.js';
import { createTickets } from '../../../../src/tickets/wiring.sqlite.js';
import { FakeClock } from '../../../fakes/clock.js';
import { createFakeStaffDirectory } from '../../../fakes/staff-directory.js';
import { postgresAvailability, startPostgres, type PostgresServer } from '../../../helpers/postgres.js';
import { postgresSql, sqliteSql, type SqlImplementation } from './sql-implementations.js';

const availability = postgresAvailability();
let dir = '';
let server: PostgresServer | undefined;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pakt-jobs-contract-'));
  if (availability.available) server = await startPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const IMPLEMENTATIONS: SqlImplementation[] = [
  sqliteSql(() => dir, ticketMigrations, 'jobs'),
  ...(availability.available ? [postgresSql(() => server!, ticketMigrations, 'jobs')] : []),
];
if (!availability.available) it.skip(`PostgreSQL: ${availability.reason}`, () => undefined);

describe.each(IMPLEMENTATIONS)('job claims on $name', (impl) => {
  it('gives each period of a job to exactly one of two racing replicas', async () => {
    const { a, b, close } = await impl.open();
    try {
      const [ca, cb] = [createJobClaims(a, 'replica-a'), createJobClaims(b, 'replica-b')];
      const at = new Date('2026-06-03T08:00:00Z');
      for (let period = 1; period <= 10; period += 1) {
        const won = await Promise.all([ca.claim('escalation', period, at), cb.claim('escalation', period, at)]);
        expect(won.filter(Boolean)).toHaveLength(1);
      }
      expect(await ca.claim('retention', 1, at)).toBe(true);
      expect(await cb.claim('retention', 1, at)).toBe(false);
    } finally {
      await close();
    }
  });
});

describe('wired jobs with claims', () => {
  it('run the retention job only in a period whose claim this replica won', async () => {
    const db = openDatabase(join(dir, 'wired.db'), ticketMigrations, silentLogger);
    const retained: Date[] = [];
    const answers = [false, true];
    const claims: JobClaims = { claim: vi.fn((job: string) => Promise.resolve(job === 'retention' ? answers.shift() ?? false : false)) };
    const tickets = createTickets(db, { staff: createFakeStaffDirectory(), clock: new FakeClock('2026-06-03T08:00:00Z'), logger: silentLogger, retainChannels: (now) => void retained.push(now), jobClaims: claims });
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const stop = tickets.startJobs({ retentionEveryMs: 1000, escalationEveryMs: 1_000_000 });
      await vi.advanceTimersByTimeAsync(1000);
      await vi.advanceTimersByTimeAsync(1000);
      await stop();
    } finally {
      vi.useRealTimers();
      db.close();
    }
    expect(vi.mocked(claims.claim).mock.calls.filter(([job]) => job === 'retention')).toHaveLength(2);
    expect(retained).toHaveLength(1);
  });
});
