/**
 * Ticket store benchmark on a real SQLite file (`npx tsx bench/tickets.bench.ts [N] [KEEP_PATH]`):
 * - ticket creation with its audit events, first message and outbox entries (one transaction each), per second;
 * - transition throughput through the ticket service (read → transition → conditional save + event);
 * - `tickets list` with filters on 100,000 tickets (median and p95 of repeated queries);
 * - database size per 10,000 tickets.
 * Targets (issue 4): ≥ 1,000 tickets/s created; list < 100 ms.
 */
import { mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Team } from '../src/core/routing.js';
import { silentLogger } from '../src/core/ports.js';
import type { EnquiryPlan, TicketFilter } from '../src/core/ticket-ports.js';
import { TICKET_CATEGORIES } from '../src/core/triage-types.js';
import { openDatabase } from '../src/tickets/database.sqlite.js';
import { createDeadlinePolicy } from '../src/tickets/deadlines.js';
import { ticketMigrations } from '../src/tickets/migrations.js';
import { renderTicketList } from '../src/tickets/render-text.js';
import { createTicketService } from '../src/tickets/ticket-service.js';
import { createSqliteTicketStores } from '../src/tickets/ticket-store.sqlite.js';
import { FakeClock } from '../test/fakes/clock.js';
import { createFakeStaffDirectory, FAKE_TEAMS } from '../test/fakes/staff-directory.js';

const TOTAL = Number(process.argv[2] ?? 100_000);
/** Optional: keep the filled database here (e.g. to time the real CLI: DATABASE_URL=sqlite:<path>). */
const KEEP = process.argv[3];
const TIMED = 5_000;
const KREISE = Array.from({ length: 44 }, (_, i) => `08${String(111 + i * 3).padStart(3, '0')}`);
const deadlines = createDeadlinePolicy();

function plan(i: number, at: Date): EnquiryPlan {
  const kreis = KREISE[i % KREISE.length]!;
  const team: Team = FAKE_TEAMS[i % 3]!;
  const category = TICKET_CATEGORIES[i % TICKET_CATEGORIES.length]!;
  const messageId = `<bench-${i}@gemeinde.example>`;
  const replyHandle = { channel: 'email' as const, to: `person${i}@gemeinde.example`, messageId, references: [], subject: `Antrag ${i}` };
  return {
    enquiry: { key: `email:${messageId}`, channel: 'email', from: replyHandle.to, fromName: `Person ${i}`, subject: replyHandle.subject, text: `Unser Antrag ${i}: wann kommt der Bescheid? Mit freundlichen Grüßen, Gemeinde ${kreis}`, receivedAt: at, replyHandle, attachments: [] },
    outcome: 'ticket_created',
    at: at.toISOString(),
    suppressedReason: null,
    ticket: {
      kind: 'create',
      draft: {
        category,
        channel: 'email',
        subject: replyHandle.subject,
        requester: { name: `Person ${i}`, address: replyHandle.to, gemeinde: null, kreis: { ags: kreis, name: `Kreis ${kreis}`, typ: 'Landkreis' }, routeStatus: 'resolved', evidence: ['Ortsname in der Signatur'], candidates: [] },
        replyHandle,
        team,
        deputyFor: null,
        assignmentReason: `Landkreis ${kreis} → ${team.name}`,
        due: deadlines.due(category, at),
        text: `Unser Antrag ${i}: wann kommt der Bescheid?`,
      },
    },
    outbox: [
      { key: `email:${messageId}:ticket_confirmation`, channel: 'email', kind: 'ticket_confirmation', replyHandle, payload: {}, withTicket: true },
      { key: `email:${messageId}:staff_notification`, channel: 'email', kind: 'staff_notification', replyHandle: { ...replyHandle, to: team.email }, payload: { headline: 'neu' }, withTicket: true },
    ],
  };
}

const ms = (t0: number): number => performance.now() - t0;
/** CPU time of this process (user + system) since `start`, in ms: comparable across machine load. */
const cpuMs = (start: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};
const fmt = (n: number, digits = 0): string => n.toLocaleString('de-DE', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function quantiles(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! };
}

console.log(`Lastmittel der Maschine beim Start: ${loadavg().map((l) => fmt(l, 2)).join(' / ')} (1/5/15 min)`);
const dir = mkdtempSync(join(tmpdir(), 'pakt-bench-tickets-'));
const path = join(dir, 'bench.db');
try {
  const db = openDatabase(path, ticketMigrations, silentLogger);
  const { ledger, tickets } = createSqliteTicketStores(db);
  const clock = new FakeClock('2026-01-05T08:00:00.000Z');

  // 1. Creation: one transaction per ticket (as in production), on the file with WAL.
  let t0 = performance.now();
  let cpu0 = process.cpuUsage();
  for (let i = 0; i < TIMED; i += 1) ledger.commit(plan(i, new Date(clock.now().getTime() + i * 60_000)));
  const createMs = ms(t0);
  const createCpu = cpuMs(cpu0);
  console.log(`Ticket-Anlage (je Ticket 1 Transaktion: Ticket, 2 Audit-Ereignisse, Nachricht, 2 Outbox-Einträge): ${fmt(TIMED / (createMs / 1000))} Tickets/s Wanduhr, ${fmt(TIMED / (createCpu / 1000))} Tickets je CPU-Sekunde (${fmt(TIMED)} in ${fmt(createMs)} ms)`);

  // 2. Transitions through the service: claim, note, answer, close on the created tickets.
  const service = createTicketService({ store: tickets, staff: createFakeStaffDirectory(), clock, logger: silentLogger });
  const ops = Math.min(TIMED, 2_000);
  t0 = performance.now();
  cpu0 = process.cpuUsage();
  for (let i = 1; i <= ops; i += 1) {
    const n = `IM-2026-${String(i).padStart(6, '0')}`;
    service.claim(n, 'lead-1');
    service.note(n, { text: 'Notiz', by: 'lead-1' });
    service.answer(n, { text: 'Antwort', by: 'lead-1' });
    service.close(n, { by: 'lead-1' });
  }
  const opMs = ms(t0);
  const opCpu = cpuMs(cpu0);
  console.log(`Statuswechsel über den Ticket-Service (lesen → transition → bedingtes UPDATE + Ereignis): ${fmt((ops * 4) / (opMs / 1000))} Operationen/s Wanduhr, ${fmt((ops * 4) / (opCpu / 1000))} je CPU-Sekunde (${fmt(ops * 4)} in ${fmt(opMs)} ms)`);

  // 3. Fill up to TOTAL (batched into larger transactions only to save bench time), spread statuses.
  t0 = performance.now();
  const fill = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) ledger.commit(plan(i, new Date(clock.now().getTime() + i * 60_000)));
  });
  for (let from = TIMED; from < TOTAL; from += 5_000) fill(from, Math.min(TOTAL, from + 5_000));
  db.prepare(`UPDATE tickets SET status = CASE (CAST(substr(number, 9) AS INTEGER) % 5) WHEN 0 THEN 'neu' WHEN 1 THEN 'zugewiesen' WHEN 2 THEN 'in_bearbeitung' WHEN 3 THEN 'wartet' ELSE 'erledigt' END`).run();
  db.pragma('optimize');
  console.log(`Auffüllen auf ${fmt(TOTAL)} Tickets: ${fmt(ms(t0) / 1000, 1)} s`);

  // 4. `tickets list` with filters (query + mapping + text rendering, limit 50).
  const filters: [string, TicketFilter][] = [
    ['ohne Filter', {}],
    ['--status wartet', { status: 'wartet' }],
    ['--kreis', { kreisAgs: KREISE[7]! }],
    ['--status neu --kreis', { status: 'neu', kreisAgs: KREISE[3]! }],
    ['--team team-nord', { teamId: 'team-nord' }],
    ['--team team-sued --status in_bearbeitung', { teamId: 'team-sued', status: 'in_bearbeitung' }],
    ['--assignee lead-1', { assignee: 'lead-1' }],
  ];
  for (const [label, filter] of filters) {
    const samples: number[] = [];
    let rows = 0;
    service.list(filter); // warm-up (page cache, prepared statement)
    for (let r = 0; r < 30; r += 1) {
      t0 = performance.now();
      const list = service.list(filter);
      renderTicketList(list);
      samples.push(ms(t0));
      rows = list.length;
    }
    const q = quantiles(samples);
    console.log(`tickets list ${label.padEnd(44)} ${fmt(q.median, 2)} ms Median, ${fmt(q.p95, 2)} ms p95 (${rows} Zeilen, ${fmt(TOTAL)} Tickets)`);
  }

  // 5. Size per 10,000 tickets (after a checkpoint so the WAL is folded in).
  db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = statSync(path).size;
  const count = (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
  console.log(`Datenbankgröße: ${fmt(bytes / 1024 / 1024, 1)} MiB für ${fmt(count)} Tickets = ${fmt((bytes / count) * 10_000 / 1024 / 1024, 2)} MiB je 10.000 Tickets (inkl. Ereignisse, Nachrichten, Outbox, Indizes)`);
  const parts = db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 8').all() as { name: string; bytes: number }[];
  console.log(`  größte Teile: ${parts.map((p) => `${p.name} ${fmt(p.bytes / 1024 / 1024, 1)} MiB`).join(', ')}`);
  db.close();
  if (KEEP !== undefined) {
    renameSync(path, KEEP);
    console.log(`Datenbank behalten: ${KEEP}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
