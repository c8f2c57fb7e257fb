/**
 * Requester side over real HTTP: questions, feedback, tickets, municipality ask-back, welcome and hilfe,
 * mentions in group chats, "Meinten Sie …" and the hand-over buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeAnswerer } from '../../../src/core/knowledge.js';
import { TeamsStore } from '../../../src/channels/teams/store.sqlite.js';
import { actionData, cardOf, cardText, REQUESTER_AAD, startTeamsHarness, type Sender, type TeamsHarness } from './harness.js';

const APPLICATION = 'Unser Antrag vom 3. März, Aktenzeichen 4711: der Bescheid ist noch nicht da. Stadt Sindelfingen, Landkreis Böblingen';
const AMBIGUOUS_APPLICATION = 'Antrag Gemeinde Altdorf: der Bescheid fehlt noch, Aktenzeichen 5';
const SUGGEST_TRIGGER = 'Wie war das noch mit dem Sachbericht?';

/** Forces "Meinten Sie …" for one question (the shipped knowledge answers everything else confidently). */
function suggesting(kb: KnowledgeAnswerer): KnowledgeAnswerer {
  return {
    ask(question, options) {
      if (question !== SUGGEST_TRIGGER) return kb.ask(question, options);
      const base = kb.ask('Sachbericht Verwendungsnachweis Frist', options);
      const suggestions = base.hits.slice(0, 3).map((h) => ({ passageId: h.id, title: h.title, citation: h.title }));
      return { ...base, question, outcome: 'suggest', answered: false, answer: null, confidence: 0.4, suggestions };
    },
  };
}

let h: TeamsHarness;
let conversation = 0;
const newSender = (extra: Partial<Sender> = {}): Sender => ({ aad: REQUESTER_AAD, conversationId: `a:requester-${++conversation}`, ...extra });

beforeAll(async () => {
  h = await startTeamsHarness({ answerer: suggesting });
});
afterAll(async () => {
  await h?.close();
});

describe('Teams requester side', () => {
  it('answers a question with an answer card: citation with link, Stand, reminder and three buttons', async () => {
    const sender = newSender();
    const activity = h.activities.message(sender, 'Wie lang darf der Sachbericht sein?');
    const response = await h.post(activity);
    expect(response.status).toBe(200);
    const [reply] = h.stub.forConversation(sender.conversationId);
    expect(reply?.activityId).toBe(activity['id']);
    const card = cardOf(reply!);
    const text = cardText(card);
    expect(text).toMatch(/drei Seiten/);
    expect(text).toMatch(/Quelle: \[.+\]\(https:\/\//);
    expect(text).toMatch(/Stand: /);
    expect(text).toMatch(/Verbindlich sind die VwV/);
    expect(card.actions.map((a: { title: string }) => a.title)).toEqual(['Hat geholfen', 'Hat nicht geholfen', 'An Sachbearbeitung übergeben']);
  });

  it('stores "Hat geholfen" / "Hat nicht geholfen" as feedback, one vote per person', async () => {
    const sender = newSender();
    await h.post(h.activities.message(sender, 'Sind Fortbildungskosten zuwendungsfähig?'));
    const card = cardOf(h.stub.forConversation(sender.conversationId)[0]!);
    const helpful = actionData(card, 'feedback')!;
    const cardId = h.stub.forConversation(sender.conversationId)[0]!.assignedId;
    await h.post(h.activities.submit(sender, helpful, cardId));
    await h.post(h.activities.submit(sender, { ...helpful, helpful: false }, cardId));
    const store = new TeamsStore(h.db, h.clock);
    expect(store.feedbackFor(String(helpful['enquiryKey']))).toEqual([{ passageId: helpful['passageId'], helpful: false }]);
    const replies = h.stub.forConversation(sender.conversationId).map((a) => a.body.text);
    expect(replies).toContain('Danke für Ihre Rückmeldung!');
  });

  it('turns an application matter into a ticket and tells number, team and expected response time', async () => {
    const sender = newSender();
    await h.post(h.activities.message(sender, APPLICATION));
    const text = cardText(cardOf(h.stub.forConversation(sender.conversationId)[0]!));
    expect(text).toMatch(/Ticket IM-2026-\d{6}/);
    expect(text).toMatch(/Sachbearbeitung Team/);
    expect(text).toMatch(/Rückmeldung bis\n\d{2}\.\d{2}\.2026/);
  });

  it('records the requester\'s mail address on the ticket for the e-mail fallback', async () => {
    const sender = newSender({ aad: 'aad-with-mail' });
    h.stub.members.set('29:aad-with-mail', { id: '29:aad-with-mail', aadObjectId: 'aad-with-mail', email: 'im@gemeinde-beispiel.de' });
    await h.post(h.activities.message(sender, APPLICATION));
    const number = /IM-2026-\d{6}/.exec(cardText(cardOf(h.stub.forConversation(sender.conversationId)[0]!)))![0];
    expect(h.tickets.show(number).ticket.replyHandle).toMatchObject({ channel: 'teams', fallbackEmail: 'im@gemeinde-beispiel.de' });
  });

  it('asks for the municipality when the Kreis is ambiguous and re-routes with the chosen candidate', async () => {
    const sender = newSender();
    await h.post(h.activities.message(sender, AMBIGUOUS_APPLICATION));
    const [confirmation, ask] = h.stub.forConversation(sender.conversationId);
    const number = /IM-2026-\d{6}/.exec(cardText(cardOf(confirmation!)))![0];
    const askCard = cardOf(ask!);
    expect(cardText(askCard)).toMatch(/Altdorf \(Landkreis Böblingen\)/);
    const submit = { ...actionData(askCard, 'setMunicipality')!, choice: '08115002' };
    await h.post(h.activities.submit(sender, submit, ask!.assignedId));
    const last = h.stub.forConversation(sender.conversationId).at(-1)!;
    expect(last.body.text).toMatch(new RegExp(`Ticket ${number} liegt jetzt bei Sachbearbeitung Team`));
    expect(h.tickets.show(number).ticket.requester.kreis?.ags).toBe('08115');
  });

  it('does not let another person re-route a ticket by forging the card data', async () => {
    const owner = newSender();
    await h.post(h.activities.message(owner, AMBIGUOUS_APPLICATION));
    const ask = h.stub.forConversation(owner.conversationId)[1]!;
    const number = String(actionData(cardOf(ask), 'setMunicipality')!['ticketNumber']);
    const intruder = newSender({ aad: 'aad-intruder' });
    await h.post(h.activities.submit(intruder, { verb: 'setMunicipality', ticketNumber: number, choice: '08115002' }, 'forged-card'));
    expect(h.stub.forConversation(intruder.conversationId)[0]!.body.text).toBe(`Ticket ${number} gibt es nicht.`);
    expect(h.tickets.show(number).ticket.requester.kreis).toBeNull();
  });

  it('understands a municipality typed as free text', async () => {
    const sender = newSender();
    await h.post(h.activities.message(sender, AMBIGUOUS_APPLICATION));
    const ask = h.stub.forConversation(sender.conversationId)[1]!;
    const submit = { ...actionData(cardOf(ask), 'setMunicipality')!, municipality: 'Esslingen am Neckar' };
    await h.post(h.activities.submit(sender, submit, ask.assignedId));
    expect(h.stub.forConversation(sender.conversationId).at(-1)!.body.text).toMatch(/liegt jetzt bei/);
  });

  it('welcomes on install with three lines and repeats them on "hilfe"', async () => {
    const sender = newSender();
    await h.post(h.activities.conversationUpdate(sender, [{ id: '28:pakt-bot' }]));
    await h.post(h.activities.message(sender, 'hilfe'));
    const [welcome, help] = h.stub.forConversation(sender.conversationId).map((a) => cardOf(a));
    expect(welcome.body.filter((b: { text: string }) => /^\d\. /.test(b.text))).toHaveLength(3);
    expect(help).toEqual(welcome);
  });

  it('strips the bot mention in a group chat before answering', async () => {
    const sender = newSender({ conversationType: 'groupChat' });
    const activity = h.activities.message(sender, '<at>Pakt-Assistent</at> hilfe', {
      entities: [{ type: 'mention', text: '<at>Pakt-Assistent</at>', mentioned: { id: '28:pakt-bot', name: 'Pakt-Assistent' } }],
    });
    await h.post(activity);
    expect(cardText(cardOf(h.stub.forConversation(sender.conversationId)[0]!))).toMatch(/Willkommen/);
  });

  it('answers in a channel thread too', async () => {
    const sender = newSender({ conversationType: 'channel', conversationId: '19:kommune@thread.tacv2;messageid=1' });
    await h.post(h.activities.message(sender, '<at>Pakt-Assistent</at> Wie lang darf der Sachbericht sein?'));
    expect(cardText(cardOf(h.stub.forConversation(sender.conversationId)[0]!))).toMatch(/drei Seiten/);
  });

  it('offers "Meinten Sie …" with three passages; a button answers with that passage, "Keine davon" opens a ticket', async () => {
    const sender = newSender();
    await h.post(h.activities.message(sender, SUGGEST_TRIGGER));
    const suggestion = h.stub.forConversation(sender.conversationId)[0]!;
    const card = cardOf(suggestion);
    expect(cardText(card)).toMatch(/Meinten Sie/);
    const passageButtons = card.actions.filter((a: { data: { verb: string } }) => a.data.verb === 'askPassage');
    expect(passageButtons).toHaveLength(3);
    await h.post(h.activities.submit(sender, passageButtons[0].data, suggestion.assignedId));
    const answer = cardOf(h.stub.forConversation(sender.conversationId)[1]!);
    expect(cardText(answer)).toMatch(/Quelle:/);
    await h.post(h.activities.submit(sender, actionData(card, 'escalate')!, suggestion.assignedId));
    expect(cardText(cardOf(h.stub.forConversation(sender.conversationId)[2]!))).toMatch(/Ticket IM-2026-\d{6}/);
  });

  it('"An Sachbearbeitung übergeben" creates exactly one ticket, even when clicked twice', async () => {
    const sender = newSender();
    await h.post(h.activities.message(sender, 'Wie lang darf der Sachbericht sein?'));
    const answer = h.stub.forConversation(sender.conversationId)[0]!;
    const data = actionData(cardOf(answer), 'escalate')!;
    await Promise.all([h.post(h.activities.submit(sender, data, answer.assignedId)), h.post(h.activities.submit(sender, data, answer.assignedId))]);
    const confirmations = h.stub.forConversation(sender.conversationId).filter((a) => /Ihr Anliegen ist als Ticket IM-/.test(cardText(cardOf(a))));
    expect(confirmations).toHaveLength(1);
  });
});
