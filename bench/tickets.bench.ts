/**
 * Ticket growth bench (issue 12 item 6): at 1,000 / 10,000 / 100,000 tickets (--quick: 1,000 / 10,000), the
 * operations that matter, ours (ledger and ticket service on SQLite, as the service runs them) beside a floor
 * of raw better-sqlite3 statements on a minimal schema holding the same rows (same pragmas: WAL, synchronous
 * NORMAL), interleaved rounds:
 *  - create: one enquiry opening a ticket (ticket, 2 events, message, 2 outbox entries), one transaction each;
 *    floor: the same 6 rows inserted in one transaction;
 *  - queue query: a team's new tickets, oldest due first, 50 rows (`tickets list --team … --status neu`);
 *    floor: one indexed SELECT;
 *  - take-over: a case worker claims a ticket (read, transition, conditional UPDATE, event); floor: a
 *    conditional UPDATE and an event INSERT in one transaction.
 * Usage: npx tsx bench/tickets.bench.ts [--rounds 3] [--quick] [--max 100000]
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/core/ports.js';
import type { EnquiryPlan } from '../src/core/enquiry-ledger-ports.js';
import { TICKET_CATEGORIES } from '../src/core/triage/types.js';
import { openDatabase } from '../src/tickets/database.sqlite.js';
import { createDeadlinePolicy } from '../src/tickets/deadlines.js';
import { ticketMigrations } from '../src/tickets/migrations.js';
import { createTicketService } from '../src/tickets/ticket-service.js';
import { createSqliteTicketStores } from '../src/tickets/ticket-store.sqlite.js';
import { FakeClock } from '../test/fakes/clock.js';
import { createFakeStaffDirectory, FAKE_TEAMS } from '../test/fakes/staff-directory.js';
import { askedTicketPlan } from './lib/ticket-plan.js';
import { benchOptions, finish, interleaved, median, noTarget, num, numberArg, row, type BenchRow } from './lib/report.js';

const options = benchOptions();
const MAX = numberArg('max', options.quick ? 10_000 : 100_000);
const SIZES = [1_000, 10_000, 100_000].filter((n) => n <= MAX);
const CREATES = options.quick ? 200 : 500;
const QUERIES = 50;
const TAKEOVERS = options.quick ? 100 : 200;
const KREISE = Array.from({ length: 44 }, (_, i) => `08${String(111 + i * 3).padStart(3, '0')}`);
const deadlines = createDeadlinePolicy();

function plan(i: number, at: Date): EnquiryPlan {
  const category = TICKET_CATEGORIES[i % TICKET_CATEGORIES.length]!;
  return askedTicketPlan(i, at, KREISE[i % KREISE.length]!, FAKE_TEAMS[i % 3]!, category, deadlines.due(category, at));
}

const BASE = new Date('2026-01-05T08:00:00.000Z').getTime();
const at = (i: number): Date => new Date(BASE + i * 60_000);
/** The spread of statuses once filled: every fifth ticket new, every fifth assigned, the rest further on. */
const STATUS = ['neu', 'zugewiesen', 'in_bearbeitung', 'wartet', 'erledigt'] as const;

/** Ours: the ledger and the ticket service. */
function ours(path: string) {
  const db = openDatabase(path, ticketMigrations, silentLogger);
  const { ledger, tickets } = createSqliteTicketStores(db);
  const service = createTicketService({ store: tickets, staff: createFakeStaffDirectory(), clock: new FakeClock('2026-06-01T08:00:00.000Z'), logger: silentLogger });
  let count = 0;
  // The SQLite ledger does its work when called (the promise only carries the result), so the fill's commits
  // run inside this one outer transaction; their results are awaited afterwards to surface any error.
  const fill = db.transaction((to: number) => {
    const commits: Promise<unknown>[] = [];
    for (; count < to; count += 1) commits.push(ledger.commit(plan(count, at(count))));
    return commits;
  });
  return {
    get count() {
      return count;
    },
    async fillTo(to: number) {
      await Promise.all(fill(to));
      db.prepare(`UPDATE tickets SET status = CASE (CAST(substr(number, 9) AS INTEGER) % 5) WHEN 0 THEN 'neu' WHEN 1 THEN 'zugewiesen' WHEN 2 THEN 'in_bearbeitung' WHEN 3 THEN 'wartet' ELSE 'erledigt' END, assignee = NULL`).run();
      db.pragma('optimize');
    },
    async create() {
      await ledger.commit(plan(count, at(count)));
      count += 1;
    },
    async queue(team: string): Promise<number> {
      return (await service.list({ teamId: team, status: 'neu' })).length;
    },
    async takeOver(i: number): Promise<boolean> {
      return (await service.claim(`IM-2026-${String(i).padStart(6, '0')}`, 'lead-1')).ok;
    },
    close: () => db.close(),
  };
}

/** Floor: raw better-sqlite3 on a minimal schema with the same rows. */
function floor(path: string) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE tickets (id INTEGER PRIMARY KEY, number TEXT UNIQUE, team TEXT, status TEXT, assignee TEXT, due TEXT, data TEXT);
    CREATE INDEX tickets_queue ON tickets (team, status, due);
    CREATE TABLE events (id INTEGER PRIMARY KEY, ticket INTEGER, at TEXT, data TEXT);
    CREATE TABLE messages (id INTEGER PRIMARY KEY, ticket INTEGER, at TEXT, text TEXT);
    CREATE TABLE outbox (id INTEGER PRIMARY KEY, key TEXT UNIQUE, status TEXT, data TEXT)`);
  const insTicket = db.prepare('INSERT INTO tickets (number, team, status, due, data) VALUES (?, ?, ?, ?, ?)');
  const insEvent = db.prepare('INSERT INTO events (ticket, at, data) VALUES (?, ?, ?)');
  const insMessage = db.prepare('INSERT INTO messages (ticket, at, text) VALUES (?, ?, ?)');
  const insOutbox = db.prepare("INSERT INTO outbox (key, status, data) VALUES (?, 'pending', ?)");
  const queue = db.prepare("SELECT * FROM tickets WHERE team = ? AND status = 'neu' ORDER BY due LIMIT 50");
  const claim = db.prepare("UPDATE tickets SET status = 'in_bearbeitung', assignee = ? WHERE number = ? AND status IN ('neu', 'zugewiesen')");
  let count = 0;
  const one = (i: number, status: string): void => {
    const p = plan(i, at(i));
    const draft = p.ticket.kind === 'create' ? p.ticket.draft : null;
    const id = insTicket.run(`IM-2026-${String(i + 1).padStart(6, '0')}`, draft?.team.id ?? '', status, draft?.due.firstResponseDue ?? p.at, JSON.stringify(draft)).lastInsertRowid;
    insEvent.run(id, p.at, '{"type":"created"}');
    insEvent.run(id, p.at, '{"type":"assigned"}');
    insMessage.run(id, p.at, p.enquiry.text);
    for (const o of p.outbox) insOutbox.run(o.key, JSON.stringify(o));
  };
  const createOne = db.transaction(one);
  const fill = db.transaction((to: number) => {
    for (; count < to; count += 1) one(count, STATUS[(count + 1) % 5]!);
  });
  const takeOver = db.transaction((number: string) => {
    const changed = claim.run('lead-1', number).changes === 1;
    if (changed) insEvent.run(0, new Date().toISOString(), '{"type":"claimed"}');
    return changed;
  });
  return {
    get count() {
      return count;
    },
    fillTo(to: number) {
      fill(to);
      db.prepare(`UPDATE tickets SET status = CASE (CAST(substr(number, 9) AS INTEGER) % 5) WHEN 0 THEN 'neu' WHEN 1 THEN 'zugewiesen' WHEN 2 THEN 'in_bearbeitung' WHEN 3 THEN 'wartet' ELSE 'erledigt' END, assignee = NULL`).run();
      db.pragma('optimize');
    },
    create() {
      createOne(count, 'neu');
      count += 1;
    },
    queue: (team: string): number => queue.all(team).length,
    takeOver: (i: number): boolean => takeOver(`IM-2026-${String(i).padStart(6, '0')}`),
    close: () => db.close(),
  };
}

type Store = ReturnType<typeof ours>;

/**
 * One round at one size: creates per second, queue query ms (median), take-over ms per ticket. The floor's
 * methods are synchronous; awaiting their plain values costs a microtask, as the ports' promises do.
 */
async function measure(store: Store, round: number, size: number): Promise<{ createsPerSecond: number; queueMs: number; takeOverMs: number }> {
  let t0 = performance.now();
  for (let i = 0; i < CREATES; i += 1) await store.create();
  const createsPerSecond = CREATES / ((performance.now() - t0) / 1000);
  const samples: number[] = [];
  await store.queue(FAKE_TEAMS[0]!.id);
  for (let q = 0; q < QUERIES; q += 1) {
    const team = FAKE_TEAMS[q % FAKE_TEAMS.length]!.id;
    t0 = performance.now();
    await store.queue(team);
    samples.push(performance.now() - t0);
  }
  // Distinct new or assigned tickets per round (numbers ending in 0/1 modulo 5 among the filled ones).
  const claimable = (k: number): number => Math.floor(k / 2) * 5 + (k % 2 === 0 ? 5 : 1);
  const from = round * TAKEOVERS;
  let ok = 0;
  t0 = performance.now();
  for (let k = from; k < from + TAKEOVERS; k += 1) if (await store.takeOver(Math.min(size, claimable(k)))) ok += 1;
  const takeOverMs = (performance.now() - t0) / TAKEOVERS;
  if (ok < TAKEOVERS / 2) process.stderr.write(`  only ${ok}/${TAKEOVERS} take-overs succeeded\n`);
  return { createsPerSecond, queueMs: median(samples), takeOverMs };
}

const dir = mkdtempSync(join(tmpdir(), 'pakt-bench-tickets-'));
try {
  const stores = { ours: ours(join(dir, 'ours.db')), floor: floor(join(dir, 'floor.db')) as unknown as Store };
  const rows: BenchRow[] = [];
  for (const size of SIZES) {
    process.stderr.write(`filling to ${size.toLocaleString('en-US')} tickets …\n`);
    await stores.ours.fillTo(size);
    await stores.floor.fillTo(size);
    const r = await interleaved(options.rounds, {
      ours: async (round) => measure(stores.ours, round, size),
      floor: async (round) => measure(stores.floor, round, size),
    });
    const m = (k: 'ours' | 'floor', f: (x: Awaited<ReturnType<typeof measure>>) => number): number => median(r[k].map(f));
    const n = size.toLocaleString('en-US');
    const c = { ours: m('ours', (x) => x.createsPerSecond), floor: m('floor', (x) => x.createsPerSecond) };
    const q = { ours: m('ours', (x) => x.queueMs), floor: m('floor', (x) => x.queueMs) };
    const t = { ours: m('ours', (x) => x.takeOverMs), floor: m('floor', (x) => x.takeOverMs) };
    rows.push(row('tickets', `tickets at ${n}: create (one transaction each; floor: raw better-sqlite3, same rows)`, num(c.ours, '/s'), num(c.floor, '/s'), c.ours / c.floor, noTarget));
    rows.push(row('tickets', `tickets at ${n}: queue query (a team's new tickets, 50 rows)`, num(q.ours, 'ms'), num(q.floor, 'ms'), q.ours / q.floor, noTarget));
    rows.push(row('tickets', `tickets at ${n}: take-over (claim)`, num(t.ours, 'ms'), num(t.floor, 'ms'), t.ours / t.floor, noTarget));
  }
  stores.ours.close();
  stores.floor.close();
  finish(rows, options);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
