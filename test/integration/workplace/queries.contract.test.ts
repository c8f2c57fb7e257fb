/**
 * Contract of the workplace's read queries (src/channels/workplace/queue.ts, overview-query.ts) on SQLite and
 * PostgreSQL (issue 15), over the service's ticket and workplace migrations: the same tickets give the same
 * page, counts, search hits (case-insensitive, wildcards literal), Kreis list, earlier tickets, change stamps
 * and overview figures (median, week keys counted in UTC as SQLite's %W, open tickets per team and Kreis).
 */
import { describe, expect, it } from 'vitest';
import { createOverviewQuery } from '../../../src/channels/workplace/overview-query.js';
import { sqliteWeek } from '../../../src/channels/workplace/overview-charts.js';
import { workplaceMigrations } from '../../../src/channels/workplace/migrations.js';
import { createQueueQuery } from '../../../src/channels/workplace/queue.js';
import { PAGE_SIZE, parseQueueFilter, type QueueFilter } from '../../../src/channels/workplace/queue-filter.js';
import type { SqlDb } from '../../../src/core/sql.js';
import type { TicketRecord } from '../../../src/core/ticket-model.js';
import { ticketMigrations } from '../../../src/tickets/migrations.js';
import { ticketToParams } from '../../../src/tickets/ticket-rows.js';
import { makeTicket } from '../../fakes/factories.js';
import { sqlImplementations } from '../tickets/contract/sql-implementations.js';

const IMPLEMENTATIONS = sqlImplementations([...ticketMigrations, ...workplaceMigrations], 'workplace');

const NOW = new Date('2026-06-10T10:00:00.000Z');
const VIEWER = { staffId: 'sb-nord-1', teamId: 'team-nord' };
const HEILBRONN = { gemeinde: { ags: '08121000', name: 'Heilbronn' }, kreis: { ags: '08121', name: 'Heilbronn', typ: 'Stadtkreis' as const } };
const NORD = { teamId: 'team-nord', team: 'Team Nord', email: 'nord@rp.example', phone: '1' };
const SUED = { teamId: 'team-sued', team: 'Team Süd', email: 'sued@rp.example', phone: '2' };

const n = (i: number): string => `IM-2026-${String(i).padStart(6, '0')}`;

function ticket(i: number, address: string, overrides: Partial<TicketRecord> = {}, place: Partial<TicketRecord['requester']> = HEILBRONN): TicketRecord {
  const base = makeTicket();
  return makeTicket({ number: n(i), team: NORD, requester: { ...base.requester, address, ...place }, ...overrides });
}

/** The tickets of most tests: four open (two overdue at NOW), two done (one anonymised), one old answered. */
const TICKETS: TicketRecord[] = [
  ticket(1, 'integration@heilbronn.de', { subject: 'Antrag über 1000 Euro', firstResponseDue: '2026-06-09T10:00:00.000Z', createdAt: '2026-06-01T08:00:00.000Z' }),
  ticket(2, 'Integration@Heilbronn.DE', { status: 'in_bearbeitung', assignee: 'sb-nord-1', firstRespondedAt: '2026-06-02T12:00:00.000Z', resolutionDue: '2026-06-20T10:00:00.000Z', createdAt: '2026-06-02T08:00:00.000Z' }),
  ticket(3, 'integration@heilbronn.de', { status: 'erledigt', firstRespondedAt: '2026-06-03T18:00:00.000Z', resolutionDue: '2026-06-01T00:00:00.000Z', createdAt: '2026-06-03T08:00:00.000Z', closedAt: '2026-06-04T08:00:00.000Z' }),
  ticket(4, 'erika@sindelfingen.de', { subject: 'Frage zu 100% Förderung', channel: 'teams', category: 'aenderung', team: SUED, firstResponseDue: '2026-06-11T10:00:00.000Z', createdAt: '2026-06-04T07:00:00.000Z' }, { gemeinde: { ags: '08115045', name: 'Sindelfingen' }, kreis: { ags: '08115', name: 'Böblingen', typ: 'Landkreis' } }),
  ticket(5, 'buergerbuero@heilbronn.de', { status: 'wartet', firstRespondedAt: '2026-06-04T09:30:00.000Z', resolutionDue: '2026-06-08T10:00:00.000Z', createdAt: '2026-06-04T08:00:00.000Z' }),
  ticket(6, 'integration@heilbronn.de', { status: 'erledigt', resolutionDue: '2026-05-30T00:00:00.000Z', createdAt: '2026-05-01T08:00:00.000Z', anonymisedAt: '2026-06-05T00:00:00.000Z' }),
  ticket(7, 'alt@heilbronn.de', { status: 'erledigt', firstRespondedAt: '2026-01-09T12:00:00.000Z', resolutionDue: '2026-01-20T00:00:00.000Z', createdAt: '2026-01-05T08:00:00.000Z' }),
];

async function insertTicket(db: SqlDb, t: TicketRecord): Promise<void> {
  const params = ticketToParams(t);
  const columns = Object.keys(params);
  await db.run(`INSERT INTO tickets (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(params));
  await db.run("INSERT INTO ticket_events (ticket_number, type, actor, at, to_status, data_json) VALUES (?, 'created', 'system', ?, ?, '{}')", [t.number, t.createdAt, t.status]);
}

async function seed(db: SqlDb): Promise<void> {
  for (const t of TICKETS) await insertTicket(db, t);
  await db.run("INSERT INTO ticket_messages (ticket_number, direction, author, text, at) VALUES (?, 'in', 'requester', ?, ?)", [n(5), 'Unser Aktenzeichen HN-4711_b, bitte prüfen.', '2026-06-04T08:00:00.000Z']);
}

const filter = (query: Record<string, string> = {}): QueueFilter => parseQueueFilter(query, 'alle');

describe.each(IMPLEMENTATIONS)('workplace queue query on $name', (impl) => {
  it('pages open tickets by next due date with counts per view, status and overdue', async () => {
    const { a, b, close } = await impl.open();
    try {
      await seed(a);
      const queue = createQueueQuery(b);
      const page = await queue.page(filter(), VIEWER, NOW);
      expect(page.tickets.map((t) => t.number)).toEqual([n(5), n(1), n(4), n(2)]);
      expect(page.tickets[0]).toEqual(TICKETS[4]);
      expect({ total: page.total, perView: page.perView, perStatus: page.perStatus, overdue: page.overdue }).toEqual({
        total: 4,
        perView: { meine: 1, team: 3, alle: 4 },
        perStatus: { neu: 2, in_bearbeitung: 1, wartet: 1, erledigt: 3 },
        overdue: 2,
      });
      const numbers = async (query: Record<string, string>): Promise<string[]> => (await queue.page(filter(query), VIEWER, NOW)).tickets.map((t) => t.number);
      // Done tickets last, by their next due date too (n7: 20 Jan, n3: 1 Jun, n6: 3 Jun).
      expect(await numbers({ status: 'alle' })).toEqual([n(5), n(1), n(4), n(2), n(7), n(3), n(6)]);
      expect(await numbers({ ueberfaellig: '1' })).toEqual([n(5), n(1)]);
      expect(await numbers({ ansicht: 'team', status: 'neu' })).toEqual([n(1)]);
      expect(await numbers({ ansicht: 'meine' })).toEqual([n(2)]);
      expect(await numbers({ kreis: '08115' })).toEqual([n(4)]);
      expect(await numbers({ kanal: 'teams' })).toEqual([n(4)]);
      expect(await numbers({ kategorie: 'aenderung' })).toEqual([n(4)]);
      expect(await numbers({ status: 'erledigt', ansicht: 'team' })).toEqual([n(7), n(3), n(6)]);
    } finally {
      await close();
    }
  });

  it('searches number, subject, sender, place and message texts without regard to ASCII case, wildcards taken literally', async () => {
    const { a, close } = await impl.open();
    try {
      await seed(a);
      const queue = createQueueQuery(a);
      const numbers = async (q: string, status = 'offen'): Promise<string[]> => (await queue.page(filter({ q, status }), VIEWER, NOW)).tickets.map((t) => t.number);
      expect(await numbers('HEILBRONN')).toEqual([n(5), n(1), n(2)]);
      expect(await numbers('hn-4711_B')).toEqual([n(5)]);
      expect(await numbers('hn-4711%b')).toEqual([]);
      expect(await numbers('100%')).toEqual([n(4)]);
      expect(await numbers('Böblingen')).toEqual([n(4)]);
      expect(await numbers('im-2026-000003', 'alle')).toEqual([n(3)]);
      const page = await queue.page(filter({ q: 'heilbronn', ueberfaellig: '1' }), VIEWER, NOW);
      expect([page.total, page.overdue, page.perView.team]).toEqual([2, 2, 2]);
    } finally {
      await close();
    }
  });

  it('turns pages of 25 and counts all of them', async () => {
    const { a, close } = await impl.open();
    try {
      for (let i = 1; i <= PAGE_SIZE + 2; i += 1) await insertTicket(a, ticket(100 + i, `s${i}@heilbronn.de`, { firstResponseDue: `2026-06-${String(10 + (i % 5)).padStart(2, '0')}T12:00:00.000Z` }));
      const queue = createQueueQuery(a);
      const first = await queue.page(filter(), VIEWER, NOW);
      const second = await queue.page(filter({ seite: '2' }), VIEWER, NOW);
      expect([first.tickets.length, second.tickets.length, second.total]).toEqual([PAGE_SIZE, 2, PAGE_SIZE + 2]);
      const all = [...first.tickets, ...second.tickets].map((t) => `${t.firstResponseDue} ${t.number}`);
      expect(all).toEqual([...all].sort());
      expect(new Set(all).size).toBe(PAGE_SIZE + 2);
    } finally {
      await close();
    }
  });

  it('lists the Kreise by name and follows a new ticket; stamps move on with every change', async () => {
    const { a, b, close } = await impl.open();
    try {
      const queue = createQueueQuery(b);
      expect(await queue.lastChange()).toBe('0');
      await seed(a);
      expect(await queue.kreise()).toEqual([
        { ags: '08115', label: 'Landkreis Böblingen' },
        { ags: '08121', label: 'Stadtkreis Heilbronn' },
      ]);
      const before = await queue.lastChange();
      await insertTicket(a, ticket(8, 'integration@freiburg.de', {}, { gemeinde: { ags: '08311000', name: 'Freiburg im Breisgau' }, kreis: { ags: '08311', name: 'Freiburg im Breisgau', typ: 'Stadtkreis' } }));
      expect(await queue.lastChange()).not.toBe(before);
      expect((await queue.kreise()).map((k) => k.label)).toEqual(['Landkreis Böblingen', 'Stadtkreis Freiburg im Breisgau', 'Stadtkreis Heilbronn']);
      expect(await queue.stamp(n(2))).toEqual({ version: 1, updatedAt: TICKETS[1]!.updatedAt });
      await a.run("UPDATE tickets SET version = version + 1, updated_at = '2026-06-10T09:00:00.000Z' WHERE number = ?", [n(2)]);
      expect(await queue.stamp(n(2))).toEqual({ version: 2, updatedAt: '2026-06-10T09:00:00.000Z' });
      expect(await queue.stamp(n(999))).toBeNull();
    } finally {
      await close();
    }
  });

  it('lists earlier tickets of the sender in any case and of the municipality, newest first, never itself or anonymised ones', async () => {
    const { a, close } = await impl.open();
    try {
      await seed(a);
      const queue = createQueueQuery(a);
      const first = TICKETS[0]!;
      expect((await queue.related(first)).map((t) => t.number)).toEqual([n(5), n(3), n(2), n(7)]);
      expect((await queue.related(first, 1)).map((t) => t.number)).toEqual([n(5)]);
      const withoutPlace = { ...first, number: n(50), requester: { ...first.requester, gemeinde: null } };
      expect((await queue.related(withoutPlace)).map((t) => t.number)).toEqual([n(3), n(2), n(1)]);
      expect(await queue.related(TICKETS[3]!)).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe.each(IMPLEMENTATIONS)('workplace overview query on $name', (impl) => {
  it('counts open and overdue tickets per team and Kreis and takes the first-response median of the last weeks', async () => {
    const { a, b, close } = await impl.open();
    try {
      await seed(a);
      const figures = await createOverviewQuery(b).figures(NOW, 12);
      expect(figures.teams).toEqual([
        { teamId: 'team-nord', team: 'Team Nord', perStatus: { neu: 1, in_bearbeitung: 1, wartet: 1 }, open: 3, overdue: 2 },
        { teamId: 'team-sued', team: 'Team Süd', perStatus: { neu: 1 }, open: 1, overdue: 0 },
      ]);
      // Within 12 weeks: 1.5 h (n5), 4 h (n2), 10 h (n3); n7 (100 h) is older.
      expect([figures.firstResponses, figures.medianFirstResponseHours]).toEqual([3, 4]);
      expect(figures.kreise).toEqual([
        { ags: '08121', name: 'Heilbronn', open: 3 },
        { ags: '08115', name: 'Böblingen', open: 1 },
      ]);
      expect((await createOverviewQuery(b).figures(new Date('2026-12-31T00:00:00.000Z'), 1)).medianFirstResponseHours).toBeNull();
    } finally {
      await close();
    }
  });

  it('counts enquiries per UTC week as SQLite does (Monday first, week 00 before the first Monday), whatever the session time zone', async () => {
    const { a, close } = await impl.open();
    try {
      const received = ['2025-10-01T10:00:00.000Z', '2025-12-31T12:00:00.000Z', '2026-01-01T12:00:00.000Z', '2026-01-04T23:30:00.000Z', '2026-01-05T00:30:00.000Z', '2026-01-05T09:00:00.000Z'];
      for (const [i, at] of received.entries()) {
        await a.run("INSERT INTO enquiries (key, channel, received_at, recorded_at, outcome) VALUES (?, 'email', ?, ?, ?)", [`k${i}`, at, at, i === 5 ? 'ticket_created' : 'answered']);
      }
      // A session far from UTC on PostgreSQL (Kiritimati, UTC+14): the keys must not move.
      const figures = await a.transaction(async (tx) => {
        if (tx.dialect === 'postgres') await tx.run("SET LOCAL TIME ZONE 'Pacific/Kiritimati'");
        return createOverviewQuery(tx).figures(new Date('2026-01-20T00:00:00.000Z'), 12);
      });
      expect(figures.weeks).toEqual([
        { week: '2025-W52', channel: 'email', outcome: 'answered', count: 1 },
        { week: '2026-W00', channel: 'email', outcome: 'answered', count: 2 },
        { week: '2026-W01', channel: 'email', outcome: 'answered', count: 1 },
        { week: '2026-W01', channel: 'email', outcome: 'ticket_created', count: 1 },
      ]);
      expect(received.slice(1).map((at) => sqliteWeek(new Date(at)))).toEqual(['2025-W52', '2026-W00', '2026-W00', '2026-W01', '2026-W01']);
    } finally {
      await close();
    }
  });
});
