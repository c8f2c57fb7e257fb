/**
 * Working a ticket in the workplace without JavaScript: queue filters, take-over race, hand-over with a note
 * into a colleague's queue, internal note, answer with preview sent through the outbox to the SMTP sink, a
 * stale form refused, another team's ticket refused, an oversized form refused, HTML shown as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient, hiddenValue, signIn, startWorkplace, waitForMail, type WorkplaceHarness } from './harness.js';

const HEILBRONN = {
  from: 'integration@heilbronn.de',
  subject: 'Stand unseres Antrags',
  text: 'Sehr geehrte Damen und Herren,\nwir haben unseren Antrag auf Förderung des Integrationsmanagements gestellt (Aktenzeichen HN-4711). Wann erhalten wir den Bescheid?\nMit freundlichen Grüßen\nStadt Heilbronn',
};

describe('workplace actions', () => {
  let h: WorkplaceHarness;
  let nord1: FormClient;
  let nord2: FormClient;

  beforeAll(async () => {
    h = await startWorkplace();
    nord1 = new FormClient();
    nord2 = new FormClient();
    await signIn(nord1, h, 'sb-nord-1');
    await signIn(nord2, h, 'sb-nord-2');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const open = (client: FormClient, number: string) => client.request(`${h.url}/arbeitsplatz/vorgang/${number}`);
  const post = async (client: FormClient, number: string, action: string, fields: Record<string, string>, page?: string) => {
    const html = page ?? (await open(client, number)).text;
    return client.request(`${h.url}/arbeitsplatz/vorgang/${number}/${action}`, {
      form: { _csrf: hiddenValue(html, '_csrf'), version: hiddenValue(html, 'version'), ...fields },
    });
  };

  it('finds a ticket by its file number and filters the queue by status', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const found = await nord1.request(`${h.url}/arbeitsplatz/eingang?ansicht=team&q=HN-4711`);
    expect(found.text).toContain(number);
    const none = await nord1.request(`${h.url}/arbeitsplatz/eingang?ansicht=team&q=HN-4711&status=erledigt`);
    expect(none.text).not.toContain(number);
    expect(none.text).toContain('Keine Vorgänge');
  });

  it('lets exactly one of two case workers take a ticket over; the loser sees who was faster', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const page1 = (await open(nord1, number)).text;
    const page2 = (await open(nord2, number)).text;
    const [first, second] = await Promise.all([post(nord1, number, 'uebernehmen', {}, page1), post(nord2, number, 'uebernehmen', {}, page2)]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    const winnerName = first.status === 409 ? 'Sachbearbeitung Team Nord (2)' : 'Sachbearbeitung Team Nord (1)';
    expect(loser.text).toContain(`${winnerName} hat den Vorgang bereits übernommen`);
  });

  it('hands over with a required note; the ticket appears in the colleague\'s queue', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const noNote = await post(nord1, number, 'weitergeben', { to: 'sb-nord-2', note: '  ' });
    expect(noNote.status).toBe(422);
    expect(noNote.text).toContain('Notiz');
    const done = await post(nord1, number, 'weitergeben', { to: 'sb-nord-2', note: 'Bitte Bescheid prüfen' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('übergeben');
    const queue = await nord2.request(`${h.url}/arbeitsplatz/eingang?ansicht=meine`);
    expect(queue.text).toContain(number);
    expect((await open(nord2, number)).text).toContain('Bitte Bescheid prüfen');
  });

  it('refuses a form based on an old version and keeps the typed text', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const stale = (await open(nord1, number)).text;
    await post(nord2, number, 'notiz', { text: 'Erste Notiz' });
    const refused = await post(nord1, number, 'notiz', { text: 'Meine ungesicherte Notiz' }, stale);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('inzwischen geändert');
    expect(refused.text).toContain('Meine ungesicherte Notiz');
  });

  it('answers after a preview; the mail reaches the requester through the outbox, threaded', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const preview = await post(nord1, number, 'antworten', { text: 'Ihr Bescheid ist in Arbeit.', schritt: 'vorschau' });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Vorschau');
    expect(preview.text).toContain('An: integration@heilbronn.de');
    const sent = await post(nord1, number, 'antworten', { text: 'Ihr Bescheid ist in Arbeit.', schritt: 'senden', bestaetigt: '1' }, preview.text);
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('in den Versand gegeben');
    const answer = await waitForMail(h.sink, 'Ihr Bescheid ist in Arbeit.');
    expect(answer.envelopeTo).toEqual(['integration@heilbronn.de']);
    expect(answer.headers['in-reply-to']).toMatch(/^<workplace-\d+@test>$/);
  });

  it('refuses a case worker acting on another team\'s ticket with 403', async () => {
    const number = await h.seedTicket({
      from: 'integration@stuttgart.de',
      subject: 'Bescheid',
      text: 'Sehr geehrte Damen und Herren,\nwir haben unseren Antrag auf Förderung gestellt. Wann erhalten wir den Bescheid?\nLandeshauptstadt Stuttgart',
    });
    const page = await open(nord1, number);
    expect(page.text).toContain('nicht bearbeiten');
    const refused = await post(nord1, number, 'uebernehmen', {}, (await open(nord1, `${number}`)).text.replace('<main', '<input name="version" value="0"><main'));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Keine Berechtigung');
  });

  it('refuses an oversized form with 413 and shows HTML from an enquiry as text', async () => {
    const number = await h.seedTicket({ ...HEILBRONN, text: `${HEILBRONN.text}\n<script>window.pwned = 1</script><b>fett</b>` });
    const page = await open(nord1, number);
    expect(page.text).not.toContain('<script>window.pwned');
    expect(page.text).toContain('&lt;script&gt;window.pwned');
    const huge = await post(nord1, number, 'notiz', { text: 'x'.repeat(200_000) }, page.text);
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('zu groß');
  });
});
