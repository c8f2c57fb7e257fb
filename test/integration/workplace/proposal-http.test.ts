/**
 * FAQ proposals over real HTTP (issue 14 item 2): the whole service with the workplace in local mode, a real
 * SQLite file and a temp copy of knowledge/ (never the real one). Propose from a ticket (pre-filled and
 * anonymised), refusals (CSRF, empty answer, headings, self-approval, duplicate id), approval by a second
 * person, the change log, ticket events, and the hot reload answering the question afterwards.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient, hiddenValue, readerContacts, startWorkplace, type WorkplaceHarness } from './harness.js';
import { DOLMETSCHER_ENQUIRY, knowledgeCopy, TEST_ANSWER } from './proposal-fixtures.js';

async function signInLocal(h: WorkplaceHarness, staffId: string): Promise<FormClient> {
  const client = new FormClient();
  const page = await client.request(`${h.url}/arbeitsplatz/anmelden`);
  const eingang = await client.request(`${h.url}/arbeitsplatz/anmelden/lokal`, { form: { _csrf: hiddenValue(page.text, '_csrf'), staffId, ziel: '/arbeitsplatz/eingang' } });
  expect(eingang.status).toBe(200);
  return client;
}

const field = (html: string, id: string): string => {
  const input = new RegExp(`id="${id}" name="[^"]+" type="text" value="([^"]*)"`).exec(html)?.[1];
  const area = new RegExp(`id="${id}" name="[^"]+"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1];
  return (input ?? area ?? '').replace(/&#x3D;/g, '=').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
};

describe('FAQ proposals over HTTP', { timeout: 120_000 }, () => {
  let h: WorkplaceHarness;
  let knowledge: ReturnType<typeof knowledgeCopy>;

  beforeAll(async () => {
    knowledge = knowledgeCopy();
    h = await startWorkplace({ local: true, env: { KNOWLEDGE_DIR: knowledge.dir, CONTACTS_FILE: readerContacts(join(knowledge.dir, '..')) } });
  });
  afterAll(async () => {
    await h?.stop();
    knowledge?.remove();
  });

  it('proposes from a ticket, refuses bad input and self-approval, and a second person approves into knowledge/', async () => {
    const number = await h.seedTicket(DOLMETSCHER_ENQUIRY);
    const author = await signInLocal(h, 'sb-nord-1');
    const vorgang = await author.request(`${h.url}/arbeitsplatz/vorgang/${number}`);
    expect(vorgang.text).toContain(`formaction="/arbeitsplatz/vorschlaege/neu/${number}"`);
    const csrf = hiddenValue(vorgang.text, '_csrf');

    expect((await author.request(`${h.url}/arbeitsplatz/vorschlaege/neu/${number}`, { form: { _csrf: 'forged', text: TEST_ANSWER } })).status).toBe(403);
    const prefilled = await author.request(`${h.url}/arbeitsplatz/vorschlaege/neu/${number}`, { form: { _csrf: csrf, text: `Sehr geehrte Frau Schulze,\n${TEST_ANSWER}` } });
    expect(prefilled.status).toBe(200);
    const question = field(prefilled.text, 'frage');
    expect(question).toContain('Dürfen Dolmetscherkosten für Beratungsgespräche aus der Förderung bezahlt werden?');
    expect(prefilled.text).not.toContain('Schulze');
    expect(prefilled.text).not.toContain('56-2345');
    expect(field(prefilled.text, 'antwort')).toContain(TEST_ANSWER);
    expect(field(prefilled.text, 'stand')).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const form = { _csrf: hiddenValue(prefilled.text, '_csrf'), vorgang: number, frage: 'Dürfen Dolmetscherkosten für Beratungsgespräche aus der Förderung bezahlt werden?', antwort: TEST_ANSWER, alternativen: 'Sind Dolmetscher förderfähig?\nZahlt die Förderung Übersetzungen?', quelle: 'Antwort der Sachbearbeitung (Test)', stand: '2026-12-05', kennung: 'dolmetscher' };
    const empty = await author.request(`${h.url}/arbeitsplatz/vorschlaege`, { form: { ...form, antwort: '  ' } });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Bitte geben Sie die Antwort an.');
    const heading = await author.request(`${h.url}/arbeitsplatz/vorschlaege`, { form: { ...form, antwort: `${TEST_ANSWER}\n## Noch ein Abschnitt` } });
    expect(heading.status).toBe(422);
    expect(heading.text).toContain('keine Überschriften');
    expect(heading.text).toContain('Noch ein Abschnitt'); // the typed text is kept

    const created = await author.request(`${h.url}/arbeitsplatz/vorschlaege`, { form });
    expect(created.status).toBe(200);
    expect(created.url).toMatch(/\/arbeitsplatz\/vorschlaege\/\d+$/);
    expect(created.text).toContain('liegt jetzt zur Prüfung vor');
    const id = /vorschlaege\/(\d+)$/.exec(created.url)![1]!;
    const version = /name="version" value="(\d+)"/.exec(created.text)?.[1] ?? '1';

    const faqBefore = readFileSync(join(knowledge.dir, 'faq.md'), 'utf8');
    const own = await author.request(`${h.url}/arbeitsplatz/vorschlaege/${id}`, { form: { ...form, _csrf: hiddenValue(created.text, '_csrf'), version, aktion: 'freigeben' } });
    expect(own.status).toBe(403);
    expect(own.text).toContain('Sie haben diesen Vorschlag selbst verfasst. Freigeben oder zurückgeben muss eine zweite Person (Vier-Augen-Prinzip).');

    const reviewer = await signInLocal(h, 'sb-nord-2');
    const list = await reviewer.request(`${h.url}/arbeitsplatz/vorschlaege`);
    expect(list.text).toContain(`href="/arbeitsplatz/vorschlaege/${id}"`);
    const review = await reviewer.request(`${h.url}/arbeitsplatz/vorschlaege/${id}`);
    const rcsrf = hiddenValue(review.text, '_csrf');
    const rversion = hiddenValue(review.text, 'version');
    const duplicate = await reviewer.request(`${h.url}/arbeitsplatz/vorschlaege/${id}`, { form: { ...form, _csrf: rcsrf, version: rversion, kennung: 'stellenteilung', aktion: 'freigeben' } });
    expect(duplicate.status).toBe(422);
    expect(duplicate.text).toContain('Die Kennung „stellenteilung“ gibt es in faq.md schon');
    expect(readFileSync(join(knowledge.dir, 'faq.md'), 'utf8')).toBe(faqBefore);

    const approved = await reviewer.request(`${h.url}/arbeitsplatz/vorschlaege/${id}`, { form: { ...form, _csrf: rcsrf, version: rversion, aktion: 'freigeben' } });
    expect(approved.status).toBe(200);
    expect(approved.text).toContain('Freigegeben: Der Eintrag steht als faq#dolmetscher in der Wissensbasis (im Änderungsprotokoll vermerkt)');
    const faq = readFileSync(join(knowledge.dir, 'faq.md'), 'utf8');
    expect(faq).toContain(`<!-- herkunft: Vorgang ${number}, vorgeschlagen von sb-nord-1, freigegeben von sb-nord-2, am `);
    expect(existsSync(join(knowledge.dir, 'CHANGELOG-faq.jsonl'))).toBe(true);

    const notes = (await h.app.services.tickets.show(number)).events.filter((e) => e.type === 'noted').map((e) => e.actor);
    expect(notes).toEqual(['sb-nord-1', 'sb-nord-2']);

    // Hot reload: the same question is answered from the new entry.
    const until = Date.now() + 30_000;
    let answeredFrom: string | undefined;
    while (Date.now() < until) {
      const r = h.app.services.kb.ask(question);
      answeredFrom = r.outcome === 'answer' ? r.answer?.passageId : undefined;
      if (answeredFrom === 'faq#dolmetscher') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(answeredFrom).toBe('faq#dolmetscher');
  });

  it('shows the approver the development questions a proposal makes worse and saves only after the explicit confirmation', async () => {
    const author = await signInLocal(h, 'sb-nord-1');
    const start = await author.request(`${h.url}/arbeitsplatz/vorschlaege`);
    const form = {
      frage: 'Darf eine Integrationsmanagerstelle auf mehrere Personen aufgeteilt werden?',
      antwort: 'Testeintrag: Nein, eine Stelle darf nicht geteilt werden, jede Teilstelle 0,25 VZÄ Stellenteilung.',
      alternativen: 'Ist Stellenteilung beim Integrationsmanagement erlaubt?',
      quelle: 'Test',
      stand: '2026',
      kennung: 'teilung-test',
    };
    const created = await author.request(`${h.url}/arbeitsplatz/vorschlaege`, { form: { ...form, _csrf: hiddenValue(start.text, '_csrf'), vorgang: '' } });
    expect(created.text).toContain('liegt jetzt zur Prüfung vor');
    const reviewer = await signInLocal(h, 'leitung');
    const review = await reviewer.request(created.url);
    const base = { ...form, _csrf: hiddenValue(review.text, '_csrf'), version: hiddenValue(review.text, 'version'), aktion: 'freigeben' };
    expect((await reviewer.request(created.url, { form: { ...base, _csrf: 'forged' } })).status).toBe(403);
    const faqBefore = readFileSync(join(knowledge.dir, 'faq.md'), 'utf8');
    const check = await reviewer.request(created.url, { form: base });
    expect(check.status).toBe(409);
    expect(check.text).toContain('Mit diesem Eintrag werden Fragen der Entwicklungssätze schlechter beantwortet');
    expect(check.text).toContain('heldout-like.jsonl');
    expect(/<ul id="betroffene-fragen">([\s\S]*?)<\/ul>/.exec(check.text)?.[1]).toContain('jetzt sicher falsch beantwortet');
    expect(readFileSync(join(knowledge.dir, 'faq.md'), 'utf8')).toBe(faqBefore);
    const fingerprint = /name="bestaetigt" value="([0-9a-f]+)"/.exec(check.text)![1]!;
    const saved = await reviewer.request(created.url, { form: { ...base, bestaetigt: fingerprint } });
    expect(saved.text).toContain('Freigegeben: Der Eintrag steht als faq#teilung-test');
  });

  it('two reviewers approving the same proposal at once: one saves, the other gets a German 409 page; written once', async () => {
    const author = await signInLocal(h, 'sb-nord-1');
    const start = await author.request(`${h.url}/arbeitsplatz/vorschlaege`);
    // An entry no development question is about (one on Fortbildungen took x16 of unseen-15 away: both would see a regression page).
    const form = { frage: 'Dürfen Dienstfahrräder angeschafft werden?', antwort: 'Testeintrag: Dienstfahrräder sind kein Gegenstand dieser Testfrage.', alternativen: '', quelle: 'Test', stand: '2026-12-05', kennung: 'fahrtkosten-gleichzeitig' };
    const created = await author.request(`${h.url}/arbeitsplatz/vorschlaege`, { form: { ...form, _csrf: hiddenValue(start.text, '_csrf'), vorgang: '' } });
    expect(created.text).toContain('liegt jetzt zur Prüfung vor');
    const reviewers = await Promise.all(['sb-nord-2', 'leitung'].map((id) => signInLocal(h, id)));
    const pages = await Promise.all(reviewers.map((r) => r.request(created.url)));
    const results = await Promise.all(
      reviewers.map((r, n) => r.request(created.url, { form: { ...form, _csrf: hiddenValue(pages[n]!.text, '_csrf'), version: hiddenValue(pages[n]!.text, 'version'), aktion: 'freigeben' } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.text).toMatch(/gibt gerade eine andere Person frei|bereits freigegeben|inzwischen geändert/);
    expect(loser.text).not.toMatch(/Interner Fehler|Internal/i);
    expect(readFileSync(join(knowledge.dir, 'faq.md'), 'utf8').split('{#fahrtkosten-gleichzeitig}')).toHaveLength(2);
  });

  it('lets the role Lesen read proposals but neither propose nor review (403 in German)', async () => {
    const reader = await signInLocal(h, 'lesen-1');
    const list = await reader.request(`${h.url}/arbeitsplatz/vorschlaege`);
    expect(list.status).toBe(200);
    const first = /href="(\/arbeitsplatz\/vorschlaege\/\d+)"/.exec(list.text)![1]!;
    const page = await reader.request(`${h.url}${first}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('name="aktion"');
    const csrf = hiddenValue(page.text, '_csrf');
    const propose = await reader.request(`${h.url}/arbeitsplatz/vorschlaege`, { form: { _csrf: csrf, frage: 'Frage?', antwort: 'Antwort.', quelle: 'Q', stand: '2026', alternativen: '', kennung: '' } });
    expect(propose.status).toBe(403);
    expect(propose.text).toContain('FAQ-Vorschläge anlegen und prüfen können nur Sachbearbeitung und Teamleitung.');
    expect((await reader.request(`${h.url}${first}`, { form: { _csrf: csrf, aktion: 'zurueckgeben', kommentar: 'x', version: '1' } })).status).toBe(403);
  });
});
