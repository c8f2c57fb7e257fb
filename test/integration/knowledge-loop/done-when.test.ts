/**
 * Issue 14, "Done when", on a running system: the whole service as `npm start` composes it (buildApp) with
 * Teams over real HTTP (connector stub as serviceUrl), the shared mailbox on a real Dovecot with smtp-server
 * as sink, the workplace in local mode, a real SQLite file and a temp copy of knowledge/ (hot reload on).
 * A mail enquiry becomes a ticket; a case worker answers it in the workplace and proposes the answer as FAQ;
 * a second person approves it. After the one reload the approval triggers, the same question asked again in
 * Teams and by mail is answered by the bot from the new entry, cited (passage id, FAQ link).
 */
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectorStub, type ConnectorStub } from '../../helpers/connector-stub.js';
import { imapEnv, startDovecot, type DovecotServer } from '../../helpers/dovecot.js';
import { waitUntil } from '../email/wait.js';
import { FormClient, hiddenValue, startWorkplace, unescapeHtml, waitForMail, type WorkplaceHarness } from '../workplace/harness.js';
import { DOLMETSCHER_ENQUIRY, knowledgeCopy, TEST_ANSWER } from '../workplace/proposal-fixtures.js';

const OWN = 'integrationsmanagement@rps.bwl.de';
const FAQ_URL = 'https://rp.example/faq/';
const QUESTION = 'Dürfen Dolmetscherkosten für Beratungsgespräche aus der Förderung bezahlt werden?';
const PASSAGE = 'faq#dolmetscher';

function mail(id: string, from: string, subject: string, body: string): string {
  return [`From: ${from}`, `To: ${OWN}`, `Subject: ${subject}`, `Message-ID: <${id}>`, `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', body, ''].join('\r\n');
}

describe('issue 14 done: an approved FAQ answers the same question in Teams and by mail', { timeout: 180_000 }, () => {
  let dovecot: DovecotServer;
  let stub: ConnectorStub;
  let knowledge: ReturnType<typeof knowledgeCopy>;
  let h: WorkplaceHarness;

  const deliver = async (raw: string): Promise<void> => {
    const imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await imap.connect();
    try {
      await imap.append('INBOX', raw);
    } finally {
      await imap.logout();
    }
  };
  const signInLocal = async (staffId: string): Promise<FormClient> => {
    const client = new FormClient();
    const page = await client.request(`${h.url}/arbeitsplatz/anmelden`);
    await client.request(`${h.url}/arbeitsplatz/anmelden/lokal`, { form: { _csrf: hiddenValue(page.text, '_csrf'), staffId, ziel: '/arbeitsplatz/eingang' } });
    return client;
  };

  beforeAll(async () => {
    knowledge = knowledgeCopy();
    [dovecot, stub] = await Promise.all([startDovecot(), startConnectorStub()]);
    h = await startWorkplace({
      local: true,
      env: {
        KNOWLEDGE_DIR: knowledge.dir,
        ...imapEnv(dovecot),
        MAIL_FROM: OWN,
        PUBLIC_FAQ_URL: FAQ_URL,
      },
    });
  });
  afterAll(async () => {
    await h?.stop();
    await Promise.all([dovecot?.stop(), stub?.close()]);
    knowledge?.remove();
  });

  it('ticket by mail → answered and proposed in the workplace → approved → Teams and mail answer from the new entry', async () => {
    // 1. The question arrives by mail and becomes a ticket (the knowledge base has no answer yet).
    expect(h.app.services.kb.ask(QUESTION).answer?.passageId).not.toBe(PASSAGE);
    await deliver(mail('done-1@heilbronn.de', `Stadt Heilbronn <${DOLMETSCHER_ENQUIRY.from}>`, DOLMETSCHER_ENQUIRY.subject, DOLMETSCHER_ENQUIRY.text));
    const [ticket] = await waitUntil(async () => await h.app.services.tickets.list({}), (list) => list.length === 1, 30_000);
    const number = ticket!.number;

    // 2. A case worker answers the ticket in the workplace (the municipality gets the mail) ...
    const author = await signInLocal('sb-nord-1');
    const vorgang = (await author.request(`${h.url}/arbeitsplatz/vorgang/${number}`)).text;
    const reply = `Sehr geehrte Damen und Herren,\n${TEST_ANSWER}`;
    const base = { _csrf: hiddenValue(vorgang, '_csrf'), version: hiddenValue(vorgang, 'version') };
    const preview = await author.request(`${h.url}/arbeitsplatz/vorgang/${number}/antworten`, { form: { ...base, text: reply, schritt: 'vorschau' } });
    expect(preview.status).toBe(200);
    await author.request(`${h.url}/arbeitsplatz/vorgang/${number}/antworten`, { form: { _csrf: hiddenValue(preview.text, '_csrf'), version: hiddenValue(preview.text, 'version'), text: reply, schritt: 'senden', bestaetigt: '1' } });
    const staffMail = await waitForMail(h.sink, 'entscheidet die Sachbearbeitung im Einzelfall', 30_000);
    expect(staffMail.envelopeTo).toContain(DOLMETSCHER_ENQUIRY.from);

    // ... and proposes the answer as FAQ (pre-filled from the ticket, anonymised) ...
    const answered = (await author.request(`${h.url}/arbeitsplatz/vorgang/${number}`)).text;
    const prefilled = await author.request(`${h.url}/arbeitsplatz/vorschlaege/neu/${number}`, { form: { _csrf: hiddenValue(answered, '_csrf'), text: reply } });
    expect(prefilled.status).toBe(200);
    expect(prefilled.text).not.toContain('Schulze');
    const form = { vorgang: number, frage: QUESTION, antwort: TEST_ANSWER, alternativen: 'Sind Dolmetscherkosten förderfähig?', quelle: `Antwort der Sachbearbeitung in Vorgang ${number}`, stand: '2026-12-05', kennung: 'dolmetscher' };
    const created = await author.request(`${h.url}/arbeitsplatz/vorschlaege`, { form: { ...form, _csrf: hiddenValue(prefilled.text, '_csrf') } });
    expect(created.text).toContain('liegt jetzt zur Prüfung vor');

    // 3. ... which a second person approves.
    const reviewer = await signInLocal('sb-nord-2');
    const review = await reviewer.request(created.url);
    const loadedBefore = h.app.services.kb.status().loadedAt;
    const approved = await reviewer.request(created.url, { form: { ...form, _csrf: hiddenValue(review.text, '_csrf'), version: hiddenValue(review.text, 'version'), aktion: 'freigeben' } });
    expect(approved.status).toBe(200);
    expect(unescapeHtml(approved.text)).toContain(`Freigegeben: Der Eintrag steht als ${PASSAGE} in der Wissensbasis`);

    // 4. The hot reload the write triggers: the first reload after the approval already holds the entry.
    await waitUntil(() => h.app.services.kb.status().loadedAt, (at) => at !== loadedBefore, 30_000);
    expect(h.app.services.kb.passages().some((p) => p.id === PASSAGE)).toBe(true);

    // 5a. Asked again in Teams: the answer card comes from the new entry and cites it.
    const activity = {
      type: 'message',
      id: 'done-teams-1',
      channelId: 'msteams',
      serviceUrl: stub.url,
      text: QUESTION,
      from: { id: '29:aad-done', aadObjectId: 'aad-done', name: 'Test' },
      recipient: { id: '28:pakt-bot', name: 'Pakt-Assistent' },
      conversation: { id: 'a:done-1', conversationType: 'personal', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' } },
    };
    const res = await fetch(`${h.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBeLessThan(300);
    const teamsReply = await stub.waitFor((a) => a.conversationId === 'a:done-1' && Array.isArray(a.body.attachments));
    const card = JSON.stringify(teamsReply.body.attachments[0].content);
    expect(card).toContain('entscheidet die Sachbearbeitung im Einzelfall');
    expect(card).toContain(`"passageId":"${PASSAGE}"`);
    expect(card).toContain(`${FAQ_URL}faq.html#dolmetscher`);

    // 5b. Asked again by mail (another municipality, same question): answered automatically, citing the entry.
    await deliver(mail('done-2@aidlingen.example', 'Hauptamt Aidlingen <hauptamt@aidlingen.example>', 'Frage Dolmetscherkosten', `Guten Tag,\n\n${QUESTION}\n\nMit freundlichen Grüßen\nGemeinde Aidlingen`));
    const answer = await waitUntil(() => h.sink.messages.find((m) => m.envelopeTo.includes('hauptamt@aidlingen.example')), (m) => m !== undefined, 30_000);
    expect(answer!.headers['auto-submitted']).toBe('auto-replied');
    expect(answer!.parsed.text).toContain('entscheidet die Sachbearbeitung im Einzelfall');
    expect(answer!.parsed.text).toContain(`${FAQ_URL}faq.html#dolmetscher`);
    expect(await h.app.services.tickets.list({})).toHaveLength(1);
  });
});
