/**
 * Issue 13, the Vorgang's remaining parts over real HTTP (real server, SQLite file, SMTP sink, OpenID provider):
 * the triage reasons shown, the answer preview equal to the mail the sink receives, Frist ändern with a
 * required reason (CSRF, stale version, history), and the read-only role "Lesen".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient, hiddenValue, readerContacts, signIn, startWorkplace, unescapeHtml, waitForMail, type WorkplaceHarness } from './harness.js';

const HEILBRONN = {
  from: 'integration@heilbronn.de',
  subject: 'Stand unseres Antrags',
  text: 'Sehr geehrte Damen und Herren,\nwir haben unseren Antrag auf Förderung des Integrationsmanagements gestellt (Aktenzeichen HN-4711). Wann erhalten wir den Bescheid?\nMit freundlichen Grüßen\nStadt Heilbronn',
};

describe('workplace: reasons, preview, Frist ändern, role Lesen', () => {
  let h: WorkplaceHarness;
  let dir: string;
  let nord1: FormClient;
  let nord2: FormClient;
  let reader: FormClient;
  let lead: FormClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pakt-workplace-roles-'));
    h = await startWorkplace({ env: { CONTACTS_FILE: readerContacts(dir) } });
    [nord1, nord2, reader, lead] = [new FormClient(), new FormClient(), new FormClient(), new FormClient()];
    await signIn(nord1, h, 'sb-nord-1');
    await signIn(nord2, h, 'sb-nord-2');
    await signIn(reader, h, 'lesen-1');
    await signIn(lead, h, 'leitung');
  });
  afterAll(async () => {
    await h?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (client: FormClient, number: string) => client.request(`${h.url}/arbeitsplatz/vorgang/${number}`);
  const post = async (client: FormClient, number: string, action: string, fields: Record<string, string>, page?: string) => {
    const html = page ?? (await open(client, number)).text;
    return client.request(`${h.url}/arbeitsplatz/vorgang/${number}/${action}`, {
      form: { _csrf: hiddenValue(html, '_csrf'), version: hiddenValue(html, 'version'), ...fields },
    });
  };

  it('shows why the enquiry became a ticket', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const reasons = (await h.app.services.sql.get<{ triage_reasons: string }>('SELECT triage_reasons FROM tickets WHERE number = ?', [number]))!;
    const stored = JSON.parse(reasons.triage_reasons) as string[];
    expect(stored.length).toBeGreaterThan(0);
    const page = unescapeHtml((await open(nord1, number)).text);
    expect(page).toContain('Warum ein Vorgang');
    for (const reason of stored) expect(page).toContain(reason);
  });

  it('previews exactly the mail the municipality receives: subject and text as the sink gets them', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const text = 'Guten Tag,\nIhr Bescheid ist in Arbeit & geht <bald> raus.';
    const preview = await post(nord1, number, 'antworten', { text, schritt: 'vorschau' });
    const shown = unescapeHtml(/<section class="vorschau"[\s\S]*?<pre>([\s\S]*?)<\/pre>/.exec(preview.text)?.[1] ?? '');
    const [to, subject, blank, ...body] = shown.split('\n');
    expect(to).toBe('An: integration@heilbronn.de');
    expect(subject).toBe(`Betreff: AW: [${number}] Stand unseres Antrags`);
    expect(blank).toBe('');
    await post(nord1, number, 'antworten', { text, schritt: 'senden', bestaetigt: '1' }, preview.text);
    const mail = await waitForMail(h.sink, 'geht <bald> raus');
    expect(`Betreff: ${mail.parsed.subject ?? ''}`).toBe(subject);
    expect(mail.parsed.text?.trimEnd()).toBe(body.join('\n'));
  });

  it('changes a deadline with a required reason, shown in the history; refuses a stale form and a missing token', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const page = (await open(nord1, number)).text;
    expect(page).toContain('Frist ändern');
    const noReason = await post(nord1, number, 'frist', { frist: 'resolution', datum: '2099-03-02', grund: ' ' }, page);
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('Grund');
    const past = await post(nord1, number, 'frist', { frist: 'resolution', datum: '2020-01-02', grund: 'zu spät' }, page);
    expect(past.status).toBe(422);
    expect(past.text).toContain('in der Zukunft');
    const forged = await nord1.request(`${h.url}/arbeitsplatz/vorgang/${number}/frist`, { form: { _csrf: 'falsch', version: hiddenValue(page, 'version'), frist: 'resolution', datum: '2099-03-02', grund: 'x' } });
    expect(forged.status).toBe(403);

    await post(nord2, number, 'notiz', { text: 'Zwischenstand' });
    const stale = await post(nord1, number, 'frist', { frist: 'resolution', datum: '2099-03-02', grund: 'Unterlagen fehlen noch' }, page);
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('inzwischen geändert');
    expect(stale.text).toContain('Unterlagen fehlen noch');

    const done = await post(nord1, number, 'frist', { frist: 'resolution', datum: '2099-03-02', grund: 'Unterlagen fehlen noch' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Die Frist für die Erledigung wurde geändert.');
    expect(done.text).toContain('bis 02.03.2099, 23:59');
    expect(done.text).toMatch(/Frist geändert<\/strong> \(Erledigung: [\d.]+, [\d:]+ → 02\.03\.2099, 23:59\) – Sachbearbeitung Team Nord \(1\): <q>Unterlagen fehlen noch<\/q>/);
    const event = (await h.app.services.sql.get<{ actor: string; note: string; data_json: string }>("SELECT actor, note, data_json FROM ticket_events WHERE ticket_number = ? AND type = 'deadline_changed'", [number]))!;
    expect(event).toMatchObject({ actor: 'sb-nord-1', note: 'Unterlagen fehlen noch' });
    expect(JSON.parse(event.data_json)).toMatchObject({ deadline: 'resolution', to: '2099-03-02T22:59:59.999Z' });
  });

  it('lets a reader see queue, ticket and overview without any action form; every POST is 403 in German', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const queue = await reader.request(`${h.url}/arbeitsplatz/eingang`);
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(number);
    expect(queue.text).toContain('(Lesen)');
    const page = await open(reader, number);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<form method="post" action="/arbeitsplatz/vorgang/');
    expect(page.text).toContain('Rolle „Lesen“');
    const overview = await reader.request(`${h.url}/arbeitsplatz/uebersicht`);
    expect(overview.status).toBe(200);
    // Charts as SVG with their numbers as tables: the seeded mail enquiries are e-mail tickets of this week.
    expect(overview.text).toContain('<caption>Anfragen je Woche nach Kanal (letzte 12 Wochen): Zahlen</caption>');
    expect(overview.text).toMatch(/<rect class="balken"[^>]*><title>W\d+, E-Mail: \d+<\/title>/);
    expect(overview.text).toMatch(/<rect class="balken"[^>]*><title>W\d+, Vorgang: \d+<\/title>/);
    for (const action of ['uebernehmen', 'notiz', 'frist', 'antworten']) {
      const refused = await reader.request(`${h.url}/arbeitsplatz/vorgang/${number}/${action}`, { form: { _csrf: hiddenValue(page.text, '_csrf'), version: '1', text: 'x' } });
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('erlaubt nur das Lesen');
    }
    expect(await h.app.services.sql.get("SELECT count(*) AS n FROM ticket_events WHERE ticket_number = ? AND actor = 'lesen-1'", [number])).toEqual({ n: 0 });
    // Nobody can hand a ticket to a reader.
    expect((await open(lead, number)).text).not.toContain('value="lesen-1"');
    expect(await h.app.services.tickets.handover(number, { to: 'lesen-1', note: 'x', by: 'leitung' })).toMatchObject({ ok: false, refusal: { code: 'READ_ONLY' } });
  });
});
