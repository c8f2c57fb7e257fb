/**
 * Übersicht → Wissenslücken in the workplace (issue 14 item 1): the whole service in local mode (the
 * workplace harness), questions the knowledge base cannot answer handled through the core, then the page for
 * the team lead (topics, anonymised examples, weeks) and 403 for a case worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient, hiddenValue, startWorkplace, type WorkplaceHarness } from '../workplace/harness.js';

async function signIn(h: WorkplaceHarness, staffId: string): Promise<FormClient> {
  const client = new FormClient();
  const page = await client.request(`${h.url}/arbeitsplatz/anmelden`);
  await client.request(`${h.url}/arbeitsplatz/anmelden/lokal`, { form: { _csrf: hiddenValue(page.text, '_csrf'), staffId, ziel: '/arbeitsplatz/eingang' } });
  return client;
}

describe('workplace Wissenslücken', { timeout: 120_000 }, () => {
  let h: WorkplaceHarness;

  beforeAll(async () => {
    h = await startWorkplace({ local: true });
    h.seedTicket({ from: 'integration@heilbronn.de', subject: 'Dolmetscher', text: 'Gibt es Zuschüsse für Dolmetscher bei Beratungsgesprächen im Integrationsmanagement? Rückruf an Frau Anna Schmidt, Tel. 07131 562345' });
    h.seedTicket({ from: 'integration@heilbronn.de', subject: 'Dienstwagen', text: 'Darf die Integrationsmanagerin einen Dienstwagen privat nutzen?' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('shows the team lead the topics with anonymised example questions and the weeks', async () => {
    const lead = await signIn(h, 'leitung');
    const page = await lead.request(`${h.url}/arbeitsplatz/uebersicht/wissensluecken`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Wissenslücken</h1>');
    expect(page.text).toContain('Dolmetscher');
    expect(page.text).toContain('Dienstwagen');
    expect(page.text).toMatch(/2 Fragen: \d mit Vorschlägen, \d übergeben, 0 „Hat nicht geholfen“/);
    for (const fragment of ['Schmidt', '562345']) expect(page.text).not.toContain(fragment);
    expect(page.text).toMatch(/<th scope="row">\d{4}-W\d{2}<\/th>/);
  });

  it('refuses a case worker (403)', async () => {
    const worker = await signIn(h, 'sb-nord-1');
    const page = await worker.request(`${h.url}/arbeitsplatz/uebersicht/wissensluecken`);
    expect(page.status).toBe(403);
    expect(page.text).not.toContain('Dolmetscher');
  });
});
