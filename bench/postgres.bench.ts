/**
 * PostgreSQL beside SQLite (issue 15, "Measured (bench/)"), the same script against each database, both opened
 * as the service opens them (server/storage.ts `openStorage` with every service migration: SQLite through
 * `createTickets`, PostgreSQL through `createPostgresTickets` on a pool of 10). Ours is PostgreSQL, the floor
 * (the reference) SQLite with the service's settings (WAL, synchronous NORMAL). Interleaved rounds:
 *  - ticket creation: enquiries opening a ticket (ticket, 2 events, message, 2 outbox entries) through the
 *    ledger, one transaction each, one at a time and 8 in flight;
 *  - outbox delivery: enquiries queue 2 messages each (not timed), then the real outbox worker
 *    (tickets/outbox-worker.ts) delivers them to a no-op deliverer; messages per second until every one is
 *    sent, with one worker and with two (as two replicas would run);
 *  - failover of the mailbox leader (bench/lib/failover.ts): two service processes, Dovecot, the SMTP sink.
 *
 * PostgreSQL runs on a throwaway cluster (test/helpers/postgres.ts) with its default durability: every commit
 * waits for its WAL flush (synchronous_commit on, fsync on). SQLite's synchronous NORMAL does not flush at
 * commit, so a second PostgreSQL database with synchronous_commit off (the same guarantee: a crashed process
 * loses nothing, a power cut the last commits) shows how much of the gap is that flush.
 *
 * Usage: npx tsx bench/postgres.bench.ts [--rounds 3] [--quick] [--leader-poll-ms 5000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SERVICE_MIGRATIONS } from '../src/cli/commands/db.js';
import { silentLogger, systemClock } from '../src/core/ports.js';
import type { Deliverer } from '../src/core/outcome.js';
import type { EnquiryPlan } from '../src/core/enquiry-ledger-ports.js';
import { TICKET_CATEGORIES } from '../src/core/triage/types.js';
import { openStorage, type Storage } from '../src/server/storage.js';
import { createOutboxWorker } from '../src/tickets/outbox-worker.js';
import type { Tickets } from '../src/tickets/wiring.js';
import { createFakeStaffDirectory, FAKE_TEAMS } from '../test/fakes/staff-directory.js';
import { findPostgresBinDir, startPostgres } from '../test/helpers/postgres.js';
import { measureFailover, type FailoverResult, type FailoverRound } from './lib/failover.js';
import { askedTicketPlan } from './lib/ticket-plan.js';
import { benchOptions, finish, interleaved, median, noTarget, num, numberArg, row, type BenchRow, type Target } from './lib/report.js';

const options = benchOptions();
const CREATES = options.quick ? 200 : 500;
const IN_FLIGHT = 8;
/** Enquiries queued per outbox measurement (2 messages each). */
const OUTBOX_ENQUIRIES = options.quick ? 150 : 500;
const WORKERS = [1, 2];
/** The service's default MAILBOX_LEADER_POLL_MS. */
const LEADER_POLL_MS = numberArg('leader-poll-ms', 5_000);
/** Issue 15: the mailbox is read again within 30 s of losing its leader. */
const FAILOVER_TARGET_MS = 30_000;
const staff = createFakeStaffDirectory();

/** One database as the service opens it, with a counter for unique enquiries. */
interface Store {
  storage: Storage;
  tickets: Tickets;
  count: number;
}

async function open(url: string): Promise<Store> {
  const storage = await openStorage({ DATABASE_URL: url }, SERVICE_MIGRATIONS, silentLogger);
  return { storage, tickets: storage.tickets({ staff, clock: systemClock, logger: silentLogger }), count: 0 };
}

/** An e-mail enquiry from a municipality that opens a ticket and queues its confirmation and the team's notice. */
function plan(store: Store): EnquiryPlan {
  const i = store.count;
  store.count += 1;
  const at = new Date();
  const kreis = `08${String(111 + (i % 44) * 3).padStart(3, '0')}`;
  const category = TICKET_CATEGORIES[i % TICKET_CATEGORIES.length]!;
  return askedTicketPlan(i, at, kreis, FAKE_TEAMS[i % FAKE_TEAMS.length]!, category, store.tickets.deadlines.due(category, at));
}

/** Commits `n` enquiries with `inFlight` of them in flight at a time; returns commits per second. */
async function create(store: Store, n: number, inFlight: number): Promise<number> {
  let started = 0;
  const lane = async (): Promise<void> => {
    while (started < n) {
      started += 1;
      await store.tickets.ledger.commit(plan(store));
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: inFlight }, lane));
  return n / ((performance.now() - t0) / 1000);
}

/**
 * Queues `enquiries` enquiries (untimed), then lets `workers` outbox workers deliver every message to a no-op
 * deliverer; returns messages per second from their start until the last is marked sent.
 */
async function deliver(store: Store, workers: number, enquiries = OUTBOX_ENQUIRIES): Promise<number> {
  await create(store, enquiries, IN_FLIGHT);
  const messages = enquiries * 2;
  let delivered = 0;
  let allDelivered: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allDelivered = resolve));
  const noop: Deliverer = async () => {
    delivered += 1;
    if (delivered === messages) allDelivered();
    return { kind: 'sent' };
  };
  const started = Array.from({ length: workers }, () => createOutboxWorker({ store: store.tickets.outbox, deliverers: { email: noop }, clock: systemClock, logger: silentLogger, pollMs: 1000 }));
  const t0 = performance.now();
  started.forEach((w) => w.start());
  const timeout = setTimeout(() => process.stderr.write(`  outbox: only ${delivered}/${messages} delivered after 120 s\n`), 120_000);
  await done;
  await Promise.all(started.map((w) => w.stop()));
  const seconds = (performance.now() - t0) / 1000;
  clearTimeout(timeout);
  const pending = await store.storage.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'");
  if (Number(pending?.n) !== 0 || delivered !== messages) process.stderr.write(`  outbox: ${pending?.n} pending, ${delivered} deliveries for ${messages} messages\n`);
  return messages / seconds;
}

interface Figures {
  sequential: number;
  concurrent: number;
  /** Messages per second by worker count. */
  outbox: number[];
}

async function measure(stores: { creates: Store; outbox: Store }): Promise<Figures> {
  const sequential = await create(stores.creates, CREATES, 1);
  const concurrent = await create(stores.creates, CREATES, IN_FLIGHT);
  const outbox: number[] = [];
  for (const w of WORKERS) outbox.push(await deliver(stores.outbox, w));
  return { sequential, concurrent, outbox };
}

/** An absolute limit (the failover target), shown in the target column; the ratio column stays ours ÷ floor. */
const within = (limitMs: number, valueMs: number): Target => ({ text: `≤ ${limitMs / 1000} s`, check: () => valueMs <= limitMs });

function failoverRows(result: FailoverResult): BenchRow[] {
  const poll = `${num(LEADER_POLL_MS / 1000, 's')} (MAILBOX_LEADER_POLL_MS)`;
  const whats = [
    `failover: leader SIGKILLed → the standby's /readyz says leader (2 replicas, \`node dist/server/main.js\`; floor: the leader poll interval)`,
    'failover: leader SIGKILLed → first mail after the kill answered (reply at the SMTP sink)',
  ];
  if (result.kind === 'skipped') return whats.map((what) => row('postgres', what, `skipped: ${result.reason}`, poll, NaN, noTarget));
  const { rounds } = result;
  const figure = (f: (r: FailoverRound) => number, what: string): BenchRow => {
    const values = rounds.map(f);
    const m = median(values);
    const spread = `${num(Math.min(...values) / 1000)}–${num(Math.max(...values) / 1000)} s`;
    return row('postgres', what, `${num(m / 1000, 's')} (${spread})`, poll, m / LEADER_POLL_MS, within(FAILOVER_TARGET_MS, m));
  };
  return [figure((r) => r.leaderMs, whats[0]!), figure((r) => r.answeredMs, whats[1]!)];
}

if (findPostgresBinDir() === null) {
  process.stderr.write('postgres bench: skipped: no PostgreSQL (initdb, postgres not found; apt-get install postgresql)\n');
  finish([row('postgres', 'PostgreSQL beside SQLite', 'skipped: no PostgreSQL', '—', NaN, noTarget)], options);
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'pakt-bench-postgres-'));
const server = await startPostgres({ durable: true });
try {
  const pgStores = async (name: string, synchronousCommit: 'on' | 'off'): Promise<{ creates: Store; outbox: Store }> => {
    const openDatabase = async (suffix: string): Promise<Store> => {
      const url = await server.createDatabase(`${name}_${suffix}`);
      const admin = new pg.Client({ connectionString: server.url() });
      await admin.connect();
      await admin.query(`ALTER DATABASE ${name}_${suffix} SET synchronous_commit = ${synchronousCommit}`).finally(() => admin.end());
      return open(url);
    };
    return { creates: await openDatabase('creates'), outbox: await openDatabase('outbox') };
  };
  const stores = {
    sqlite: { creates: await open(`sqlite:${join(dir, 'creates.db')}`), outbox: await open(`sqlite:${join(dir, 'outbox.db')}`) },
    postgres: await pgStores('bench', 'on'),
    postgresAsync: await pgStores('bench_async', 'off'),
  };
  // Warm-up (untimed): each driver's code paths run once before the first measured round.
  for (const s of Object.values(stores)) {
    await create(s.creates, 50, 1);
    await deliver(s.outbox, 1, 20);
  }
  const r = await interleaved(options.rounds, {
    sqlite: async () => measure(stores.sqlite),
    postgres: async () => measure(stores.postgres),
    postgresAsync: async () => measure(stores.postgresAsync),
  });
  for (const s of Object.values(stores)) {
    await s.creates.storage.close();
    await s.outbox.storage.close();
  }
  const rows: BenchRow[] = [];
  const add = (what: string, f: (x: Figures) => number): void => {
    const floor = median(r.sqlite.map(f));
    for (const [key, label] of [['postgres', 'PostgreSQL'], ['postgresAsync', 'PostgreSQL, synchronous_commit off']] as const) {
      const ours = median(r[key].map(f));
      rows.push(row('postgres', `${what}; ours: ${label}, floor: SQLite`, num(ours, '/s'), num(floor, '/s'), ours / floor, noTarget));
    }
  };
  add(`ticket creation (an enquiry opening a ticket: ledger commit, one transaction), one at a time, ${CREATES} per round`, (x) => x.sequential);
  add(`ticket creation, ${IN_FLIGHT} in flight, ${CREATES} per round`, (x) => x.concurrent);
  WORKERS.forEach((w, k) => add(`outbox delivery to a no-op deliverer, ${w} worker${w === 1 ? '' : 's'}, ${OUTBOX_ENQUIRIES * 2} messages per round`, (x) => x.outbox[k]!));

  process.stderr.write(`failover (${options.rounds} round${options.rounds === 1 ? '' : 's'}, MAILBOX_LEADER_POLL_MS ${LEADER_POLL_MS}) …\n`);
  const failover = await measureFailover({ server, rounds: options.rounds, leaderPollMs: LEADER_POLL_MS });
  if (failover.kind === 'skipped') process.stderr.write(`failover: skipped: ${failover.reason}\n`);
  rows.push(...failoverRows(failover));
  finish(rows, options);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
