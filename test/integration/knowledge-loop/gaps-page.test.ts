/**
 * Übersicht → Wissenslücken in the workplace (issue 14 item 1): the whole service in local mode (the
 * workplace harness), questions the knowledge base cannot answer handled through the core, then the page for
 * the team lead (topics, anonymised examples, weeks) and 403 for a case worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectorStub } from '../../helpers/connector-stub.js';
import { FormClient, hiddenValue, startWorkplace, unescapeHtml, type WorkplaceHarness } from '../workplace/harness.js';

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
    await h.seedTicket({ from: 'integration@heilbronn.de', subject: 'Dolmetscher', text: 'Gibt es Zuschüsse für Dolmetscher bei Beratungsgesprächen im Integrationsmanagement? Rückruf an Frau Anna Schmidt, Tel. 07131 562345' });
    await h.seedTicket({ from: 'integration@heilbronn.de', subject: 'Dienstwagen', text: 'Darf die Integrationsmanagerin einen Dienstwagen privat nutzen?' });
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

  it('lists a passage voted down twice in Teams for review, with the anonymised comment from the card', async () => {
    const stub = await startConnectorStub();
    try {
      const activity = (aad: string, extra: Record<string, unknown>): Record<string, unknown> => ({
        type: 'message',
        id: `gaps-${aad}-${Math.random()}`,
        channelId: 'msteams',
        serviceUrl: stub.url,
        from: { id: `29:${aad}`, aadObjectId: aad, name: 'Test' },
        recipient: { id: '28:pakt-bot', name: 'Pakt-Assistent' },
        conversation: { id: `a:${aad}`, conversationType: 'personal', tenantId: 'tenant-1' },
        channelData: { tenant: { id: 'tenant-1' } },
        ...extra,
      });
      const post = async (body: Record<string, unknown>): Promise<void> => {
        const res = await fetch(`${h.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        expect(res.status).toBeLessThan(300);
      };
      const card = (a: { body: { attachments?: { content: { actions: { data: Record<string, unknown> }[] } }[] } }) => a.body.attachments![0]!.content;
      for (const [n, aad] of ['aad-gaps-1', 'aad-gaps-2'].entries()) {
        await post(activity(aad, { text: 'Wie umfangreich darf der Sachbericht sein?' }));
        const answer = await stub.waitFor((a) => a.conversationId === `a:${aad}` && Array.isArray(a.body.attachments));
        const vote = card(answer).actions.find((x) => x.data['verb'] === 'feedback')!.data;
        await post(activity(aad, { value: { ...vote, helpful: false }, replyToId: answer.assignedId }));
        const ask = await stub.waitFor((a) => a.conversationId === `a:${aad}` && JSON.stringify(a.body).includes('feedbackComment'));
        if (n === 0) {
          const send = card(ask).actions[0]!.data;
          await post(activity(aad, { value: { ...send, kommentar: 'Rückruf an Herrn Jonas Weber, Tel. 0711 123456: Gilt das auch für Zwischenberichte?' }, replyToId: ask.assignedId }));
          await stub.waitFor((a) => a.conversationId === `a:${aad}` && /Vielen Dank für Ihren Hinweis/.test(String(a.body.text)));
        }
      }
      const lead = await signIn(h, 'leitung');
      const page = await lead.request(`${h.url}/arbeitsplatz/uebersicht/wissensluecken`);
      const review = /<section aria-labelledby="h-pruefen">([\s\S]*?)<\/section>/.exec(page.text)![1]!;
      expect(review).toMatch(/<td>2<\/td><td>0<\/td>/);
      expect(unescapeHtml(review)).toContain('Gilt das auch für Zwischenberichte?');
      for (const fragment of ['Weber', '123456']) expect(page.text).not.toContain(fragment);
    } finally {
      await stub.close();
    }
  });

  it('refuses a case worker (403)', async () => {
    const worker = await signIn(h, 'sb-nord-1');
    const page = await worker.request(`${h.url}/arbeitsplatz/uebersicht/wissensluecken`);
    expect(page.status).toBe(403);
    expect(page.text).not.toContain('Dolmetscher');
  });
});
