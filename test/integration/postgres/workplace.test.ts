/**
 * The staff workplace on PostgreSQL (issue 15): the whole service (buildApp) with DATABASE_URL=postgres://…, the
 * loopback OpenID provider and a temp copy of knowledge/. Staff sign in, find a ticket created by an enquiry in
 * the Eingang (also by searching), open and take it over, and the open pages' live streams report the change; the lead sees the Übersicht and the Wissenslücken; a
 * case worker proposes an FAQ entry from the ticket and a colleague approves it into knowledge/. Every row is
 * read back from PostgreSQL itself.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailability, startPostgres, type PostgresServer } from '../../helpers/postgres.js';
import { FormClient, hiddenValue, signIn, startWorkplace, unescapeHtml, type WorkplaceHarness } from '../workplace/harness.js';
import { DOLMETSCHER_ENQUIRY, knowledgeCopy, TEST_ANSWER } from '../workplace/proposal-fixtures.js';

const availability = postgresAvailability();

describe.skipIf(!availability.available)('the staff workplace on PostgreSQL', { timeout: 120_000 }, () => {
  let server: PostgresServer | undefined;
  let h: WorkplaceHarness | undefined;
  let knowledge: ReturnType<typeof knowledgeCopy> | undefined;
  let client: pg.Client | undefined;
  let number = '';

  beforeAll(async () => {
    server = await startPostgres();
    const url = await server.createDatabase('workplace');
    knowledge = knowledgeCopy();
    h = await startWorkplace({ env: { DATABASE_URL: url, KNOWLEDGE_DIR: knowledge.dir } });
    client = new pg.Client({ connectionString: url });
    await client.connect();
    number = await h.seedTicket(DOLMETSCHER_ENQUIRY);
  }, 90_000);
  afterAll(async () => {
    await client?.end();
    await h?.stop();
    knowledge?.remove();
    await server?.stop();
  });

  const rows = async (sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> => (await client!.query(sql, params)).rows as Record<string, unknown>[];

  it('lists the ticket of an enquiry in the Eingang of a signed-in case worker, finds it by search, and lets her take it over', async () => {
    expect(h!.app.services.storage.kind).toBe('postgres');
    expect(await rows('SELECT number, status FROM tickets')).toEqual([{ number, status: 'neu' }]);
    const nord1 = new FormClient();
    const eingang = await signIn(nord1, h!, 'sb-nord-1');
    expect(eingang.status).toBe(200);
    expect(eingang.url).toContain('/arbeitsplatz/eingang');
    expect(eingang.text).toContain(`href="/arbeitsplatz/vorgang/${number}"`);
    expect(eingang.text).toMatch(/1 Vorgang \(1–1 angezeigt\)/);
    expect(eingang.text).toContain('Stadtkreis Heilbronn');
    const found = await nord1.request(`${h!.url}/arbeitsplatz/eingang?ansicht=alle&q=DOLMETSCHER`);
    expect(found.text).toContain(`href="/arbeitsplatz/vorgang/${number}"`);
    const none = await nord1.request(`${h!.url}/arbeitsplatz/eingang?ansicht=alle&q=dolmetscher%25x`);
    expect(none.text).toContain('Keine Vorgänge gefunden.');

    const vorgang = await nord1.request(`${h!.url}/arbeitsplatz/vorgang/${number}`);
    expect(vorgang.status).toBe(200);
    const taken = await nord1.request(`${h!.url}/arbeitsplatz/vorgang/${number}/uebernehmen`, { form: { _csrf: hiddenValue(vorgang.text, '_csrf'), version: hiddenValue(vorgang.text, 'version') } });
    expect(taken.status).toBe(200);
    expect(taken.text).toContain('Sie haben den Vorgang übernommen.');
    expect(await rows('SELECT status, assignee FROM tickets WHERE number = $1', [number])).toEqual([{ status: 'in_bearbeitung', assignee: 'sb-nord-1' }]);
    const mine = await nord1.request(`${h!.url}/arbeitsplatz/eingang?ansicht=meine`);
    expect(mine.text).toContain(`href="/arbeitsplatz/vorgang/${number}"`);
    // The pages opened before the change learn of it by their live streams (ticket version, queue change stamp).
    for (const html of [vorgang.text, eingang.text]) {
      const live = unescapeHtml(/data-live="([^"]+)"/.exec(html)![1]!);
      const stream = await nord1.request(`${h!.url}${live}`);
      expect(stream.text).toContain('event: geaendert');
    }
    const current = /data-live="([^"]+)"/.exec((await nord1.request(`${h!.url}/arbeitsplatz/vorgang/${number}`)).text)![1]!;
    const [{ version }] = (await rows('SELECT version FROM tickets WHERE number = $1', [number])) as [{ version: string }];
    expect(Number(version)).toBeGreaterThan(1);
    expect(unescapeHtml(current)).toBe(`/arbeitsplatz/live?vorgang=${number}&version=${version}`);
  });

  it('shows the lead the Übersicht and the Wissenslücken from PostgreSQL', async () => {
    const lead = new FormClient();
    await signIn(lead, h!, 'leitung');
    const overview = await lead.request(`${h!.url}/arbeitsplatz/uebersicht`);
    expect(overview.status).toBe(200);
    // The one open ticket, by Kreis and by team (status in Bearbeitung after the take-over; none overdue).
    expect(overview.text).toContain('<a href="/arbeitsplatz/eingang?ansicht=alle&amp;kreis=08121">Heilbronn</a></th><td>1</td>');
    expect(overview.text).toMatch(/<th scope="row">[^<]+<\/th><td>0<\/td><td>0<\/td><td>1<\/td><td>0<\/td><td>1<\/td><td>0<\/td><\/tr>/);
    const gaps = await lead.request(`${h!.url}/arbeitsplatz/uebersicht/wissensluecken`);
    expect(gaps.status).toBe(200);
    expect(gaps.text).toContain('Wissenslücken');
  });

  it('takes an FAQ proposal from the ticket through the second person\'s approval into knowledge/', async () => {
    const author = new FormClient();
    await signIn(author, h!, 'sb-nord-1');
    const page = await author.request(`${h!.url}/arbeitsplatz/vorschlaege/neu/${number}`);
    expect(page.status).toBe(200);
    const form = { _csrf: hiddenValue(page.text, '_csrf'), vorgang: number, frage: 'Dürfen Dolmetscherkosten für Beratungsgespräche aus der Förderung bezahlt werden?', antwort: TEST_ANSWER, alternativen: 'Sind Dolmetscher förderfähig?', quelle: 'Antwort der Sachbearbeitung (Test)', stand: '2026-12-05', kennung: 'dolmetscher-pg' };
    const created = await author.request(`${h!.url}/arbeitsplatz/vorschlaege`, { form });
    expect(created.status).toBe(200);
    expect(created.text).toContain('liegt jetzt zur Prüfung vor');
    const id = /vorschlaege\/(\d+)$/.exec(created.url)![1]!;
    expect(await rows('SELECT status, author, ticket_number FROM faq_proposals WHERE id = $1', [id])).toEqual([{ status: 'offen', author: 'sb-nord-1', ticket_number: number }]);

    const reviewer = new FormClient();
    await signIn(reviewer, h!, 'sb-nord-2');
    const list = await reviewer.request(`${h!.url}/arbeitsplatz/vorschlaege`);
    expect(list.text).toContain(`href="/arbeitsplatz/vorschlaege/${id}"`);
    const review = await reviewer.request(`${h!.url}/arbeitsplatz/vorschlaege/${id}`);
    const approved = await reviewer.request(`${h!.url}/arbeitsplatz/vorschlaege/${id}`, {
      form: { ...form, _csrf: hiddenValue(review.text, '_csrf'), version: hiddenValue(review.text, 'version'), aktion: 'freigeben' },
    });
    expect(approved.status).toBe(200);
    expect(approved.text).toContain('Freigegeben: Der Eintrag steht als faq#dolmetscher-pg in der Wissensbasis');
    expect(await rows('SELECT status, approved_by, passage_id FROM faq_proposals WHERE id = $1', [id])).toEqual([{ status: 'freigegeben', approved_by: 'sb-nord-2', passage_id: 'faq#dolmetscher-pg' }]);
    expect((await rows('SELECT type FROM faq_proposal_events WHERE proposal_id = $1 ORDER BY id', [id])).map((r) => r.type)).toEqual(['proposed', 'approved']);
    expect(await rows('SELECT count(*)::int AS n FROM faq_proposal_claims')).toEqual([{ n: 0 }]);
  });
});

if (!availability.available) it.skip(`PostgreSQL: ${availability.reason}`, () => undefined);
