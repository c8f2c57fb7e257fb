/**
 * Issue 13 "Measured", the read side on a real SQLite file with the service's migrations: the workplace's
 * indexes exist and the queries use them (their expressions must match the index text), and the results stay
 * what the pages promise: earlier tickets of the sender (any case) or municipality, newest first, never the
 * ticket itself or an anonymised one; the Kreis list follows new tickets; done tickets sort last; the overview's
 * first-response median covers the last weeks only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOverviewQuery } from '../../../src/channels/workplace/overview-query.js';
import { parseQueueFilter } from '../../../src/channels/workplace/queue-filter.js';
import { createQueueQuery, NEXT_DUE, OPEN } from '../../../src/channels/workplace/queue.js';
import { startWorkplace, type WorkplaceHarness } from './harness.js';

const ask = 'wir haben unseren Antrag auf Förderung des Integrationsmanagements gestellt (Aktenzeichen HN-4711). Wann erhalten wir den Bescheid?';
const mail = (from: string, town: string) => ({ from, subject: 'Stand unseres Antrags', text: `Sehr geehrte Damen und Herren,\n${ask}\nMit freundlichen Grüßen\n${town}` });

describe('workplace read queries on SQLite', () => {
  let h: WorkplaceHarness;
  const viewer = { staffId: 'leitung', teamId: 'team-nord' };

  beforeAll(async () => {
    h = await startWorkplace({ local: true });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const db = () => h.app.services.sql;
  const plan = async (sql: string, params: unknown[] = []): Promise<string> =>
    (await db().all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => r.detail).join(' | ');

  it('has the workplace indexes, and the first page, the overdue count and the earlier tickets use them', async () => {
    expect(db().dialect).toBe('sqlite');
    const names = (await db().all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index'")).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['tickets_open_due', 'tickets_queue_order', 'tickets_team_status', 'tickets_requester_lower', 'tickets_gemeinde_created', 'enquiries_received']));
    // INDEXED BY fails to prepare ("no query solution") when the query's expression no longer matches the index.
    expect(await plan(`SELECT count(*) FROM tickets t INDEXED BY tickets_open_due WHERE ${OPEN} AND ${NEXT_DUE} < ?`, ['2026-01-01'])).toContain('tickets_open_due');
    expect(await plan(`SELECT t.number FROM tickets t INDEXED BY tickets_open_due WHERE ${OPEN} ORDER BY ${NEXT_DUE}, t.number LIMIT 25`)).not.toContain('TEMP B-TREE');
    expect(await plan(`SELECT t.number FROM tickets t INDEXED BY tickets_queue_order ORDER BY (t.status = 'erledigt'), ${NEXT_DUE}, t.number LIMIT 25`)).not.toContain('TEMP B-TREE');
    expect(await plan('SELECT * FROM tickets INDEXED BY tickets_requester_lower WHERE lower(requester_address) = lower(?) ORDER BY created_at DESC LIMIT 10', ['a@b.de'])).not.toContain('TEMP B-TREE');
  });

  it('lists earlier tickets of the same sender in any case and of the same municipality, newest first, without itself or anonymised ones', async () => {
    const first = await h.seedTicket(mail('integration@heilbronn.de', 'Stadt Heilbronn'));
    const second = await h.seedTicket(mail('Integration@Heilbronn.DE', 'Stadt Heilbronn'));
    const colleague = await h.seedTicket(mail('buergerbuero@heilbronn.de', 'Stadt Heilbronn'));
    const gone = await h.seedTicket(mail('integration@heilbronn.de', 'Stadt Heilbronn'));
    const elsewhere = await h.seedTicket(mail('integration@ulm.de', 'Stadt Ulm'));
    const stamp = (number: string, at: string) => db().run('UPDATE tickets SET created_at = ? WHERE number = ?', [at, number]);
    await stamp(first, '2026-01-01T08:00:00.000Z');
    await stamp(second, '2026-02-01T08:00:00.000Z');
    await stamp(colleague, '2026-03-01T08:00:00.000Z');
    await db().run("UPDATE tickets SET anonymised_at = '2026-04-01T00:00:00.000Z' WHERE number = ?", [gone]);
    const queue = createQueueQuery(db());
    const ticket = (await h.app.services.ticketModule.tickets.find(first))!;
    const related = (await queue.related(ticket)).map((t) => t.number);
    expect(related).toContain(second);
    expect(related).not.toContain(first);
    expect(related).not.toContain(gone);
    expect(related).not.toContain(elsewhere);
    if (ticket.requester.gemeinde !== null) expect(related.indexOf(colleague)).toBeLessThan(related.indexOf(second));
    expect(await queue.related(ticket, 1)).toHaveLength(1);
  });

  it('follows new tickets in the Kreis list and sorts done tickets last', async () => {
    const queue = createQueueQuery(db());
    const before = (await queue.kreise()).map((k) => k.ags);
    const number = await h.seedTicket(mail('integration@freiburg.de', 'Stadt Freiburg im Breisgau'));
    const kreis = (await h.app.services.ticketModule.tickets.find(number))!.requester.kreis?.ags;
    expect(kreis).toBeDefined();
    expect(before).not.toContain(kreis);
    expect((await queue.kreise()).map((k) => k.ags)).toContain(kreis);

    await db().run("UPDATE tickets SET status = 'erledigt' WHERE number = ?", [number]);
    const all = (await queue.page({ ...parseQueueFilter({ status: 'alle' }, 'alle') }, viewer, new Date())).tickets;
    expect(all.at(-1)?.number).toBe(number);
    const open = await queue.page(parseQueueFilter({}, 'alle'), viewer, new Date());
    expect(open.tickets.map((t) => t.number)).not.toContain(number);
    expect(open.perStatus.erledigt).toBeGreaterThanOrEqual(1);
  });

  it('takes the first-response median over the tickets of the last weeks only', async () => {
    const old = await h.seedTicket(mail('integration@heilbronn.de', 'Stadt Heilbronn'));
    const recent = await h.seedTicket(mail('integration@heilbronn.de', 'Stadt Heilbronn'));
    const now = new Date();
    const set = (number: string, created: Date, hours: number) =>
      db().run('UPDATE tickets SET created_at = ?, first_responded_at = ? WHERE number = ?', [created.toISOString(), new Date(created.getTime() + hours * 3_600_000).toISOString(), number]);
    await set(old, new Date(now.getTime() - 20 * 7 * 86_400_000), 100);
    await set(recent, new Date(now.getTime() - 7 * 86_400_000), 4);
    const figures = await createOverviewQuery(db()).figures(now, 12);
    expect(figures.firstResponses).toBe(1);
    expect(figures.medianFirstResponseHours).toBe(4);
  });
});
