/**
 * Requester side over real HTTP: questions, feedback, tickets, municipality ask-back, welcome and hilfe,
 * mentions in group chats, "Meinten Sie …" and the hand-over buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeAnswerer } from '../../../src/core/knowledge.js';
import { TeamsStore } from '../../../src/channels/teams/store.js';
import { actionData, cardOf, cardText, REQUESTER_AAD, startTeamsHarness, type Sender, type TeamsHarness } from './harness.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';

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
/**
 * A requester of their own per test: the service remembers the municipality a requester once settled (sender
 * learning, as the server composes it), which would spare a shared requester the ask-back the tests look at.
 */
const newSender = (extra: Partial<Sender> = {}): Sender => {
  conversation += 1;
  return { aad: `${REQUESTER_AAD}-${conversation}`, conversationId: `a:requester-${conversation}`, ...extra };
};

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
    const store = new TeamsStore(sqliteSqlDb(h.db), h.clock);
    expect(await store.feedbackFor(String(helpful['enquiryKey']))).toEqual([{ passageId: helpful['passageId'], helpful: false }]);
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
    expect((await h.tickets.show(number)).ticket.replyHandle).toMatchObject({ channel: 'teams', fallbackEmail: 'im@gemeinde-beispiel.de' });
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
    expect((await h.tickets.show(number)).ticket.requester).toMatchObject({
      gemeinde: { ags: '08115002', name: 'Altdorf' },
      kreis: { ags: '08115', name: 'Böblingen', typ: 'Landkreis' },
      routeStatus: 'resolved',
      evidence: ['Gemeinde vom Anfragenden angegeben: Altdorf (Landkreis Böblingen)'],
      candidates: [],
    });
  });

  it('does not ask a requester again who settled the municipality once (sender learning as the server composes it)', async () => {
    const sender = newSender();
    await h.post(h.activities.message(sender, AMBIGUOUS_APPLICATION));
    const ask = h.stub.forConversation(sender.conversationId)[1]!;
    await h.post(h.activities.submit(sender, { ...actionData(cardOf(ask), 'setMunicipality')!, choice: '08115002' }, ask.assignedId));
    const later = { ...sender, conversationId: `${sender.conversationId}-later` };
    await h.post(h.activities.message(later, AMBIGUOUS_APPLICATION));
    const replies = h.stub.forConversation(later.conversationId);
    expect(replies).toHaveLength(1);
    const number = /IM-2026-\d{6}/.exec(cardText(cardOf(replies[0]!)))![0];
    expect((await h.tickets.show(number)).ticket.requester).toMatchObject({ gemeinde: { ags: '08115002' }, routeStatus: 'resolved' });
  });

  it('does not let another person re-route a ticket by forging the card data', async () => {
    const owner = newSender();
    await h.post(h.activities.message(owner, AMBIGUOUS_APPLICATION));
    const ask = h.stub.forConversation(owner.conversationId)[1]!;
    const number = String(actionData(cardOf(ask), 'setMunicipality')!['ticketNumber']);
    const intruder = newSender({ aad: 'aad-intruder' });
    await h.post(h.activities.submit(intruder, { verb: 'setMunicipality', ticketNumber: number, choice: '08115002' }, 'forged-card'));
    expect(h.stub.forConversation(intruder.conversationId)[0]!.body.text).toBe(`Ticket ${number} gibt es nicht.`);
    expect((await h.tickets.show(number)).ticket.requester.kreis).toBeNull();
  });

  it('understands a municipality typed as free text and stores its names and Kreis type, never the AGS as a name', async () => {
    const typed = async (municipality: string): Promise<string> => {
      const sender = newSender();
      await h.post(h.activities.message(sender, AMBIGUOUS_APPLICATION));
      const ask = h.stub.forConversation(sender.conversationId)[1]!;
      const data: Record<string, unknown> = actionData(cardOf(ask), 'setMunicipality')!;
      await h.post(h.activities.submit(sender, { ...data, municipality }, ask.assignedId));
      expect(h.stub.forConversation(sender.conversationId).at(-1)!.body.text).toMatch(/liegt jetzt bei/);
      return String(data['ticketNumber']);
    };
    const aidlingen = (await h.tickets.show(await typed('Aidlingen'))).ticket.requester;
    expect(aidlingen).toMatchObject({ gemeinde: { ags: '08115001', name: 'Aidlingen' }, kreis: { ags: '08115', name: 'Böblingen', typ: 'Landkreis' } });
    expect(aidlingen.evidence[0]).toBe('Gemeinde vom Anfragenden angegeben: Aidlingen (Landkreis Böblingen)');
    expect(aidlingen.evidence.slice(1).join(' ')).toMatch(/Aidlingen/);
    const ulm = (await h.tickets.show(await typed('Ulm'))).ticket.requester;
    expect(ulm).toMatchObject({ gemeinde: { ags: '08421000', name: 'Ulm' }, kreis: { ags: '08421', name: 'Ulm', typ: 'Stadtkreis' } });
    expect(ulm.evidence[0]).toBe('Gemeinde vom Anfragenden angegeben: Ulm (Stadtkreis Ulm)');
  });

  it('settles the ask-back from a normal message naming the municipality instead of opening a second ticket', async () => {
    const sender = newSender();
    await h.post(h.activities.message(sender, 'Wie lang darf der Sachbericht sein?'));
    const answer = h.stub.forConversation(sender.conversationId)[0]!;
    await h.post(h.activities.submit(sender, actionData(cardOf(answer), 'escalate')!, answer.assignedId));
    const [, confirmation, ask] = h.stub.forConversation(sender.conversationId);
    const number = /IM-2026-\d{6}/.exec(cardText(cardOf(confirmation!)))![0];
    expect(cardText(cardOf(ask!))).toMatch(/Gemeinde/);
    const count = (await h.tickets.list({ limit: 1000 })).length;

    // A new question meanwhile is answered as usual and leaves the ask-back open.
    await h.post(h.activities.message(sender, 'Sind Fortbildungskosten zuwendungsfähig?'));
    expect(cardText(cardOf(h.stub.forConversation(sender.conversationId).at(-1)!))).toMatch(/Quelle:/);

    const reply = h.activities.message(sender, 'Wir sind die Gemeinde Aidlingen');
    await h.post(reply);
    await h.post(reply); // Teams retries: recognised, nothing twice
    const replies = h.stub.forConversation(sender.conversationId);
    expect(replies.at(-1)!.body.text).toBe(`Danke! Ticket ${number} liegt jetzt bei Sachbearbeitung Team Mitte.`);
    expect(replies.filter((a) => /liegt jetzt bei/.test(a.body.text ?? ''))).toHaveLength(1);
    expect(await h.tickets.list({ limit: 1000 })).toHaveLength(count);
    const shown = await h.tickets.show(number);
    expect(shown.ticket.team.teamId).toBe('team-mitte');
    expect(shown.ticket.requester).toMatchObject({ gemeinde: { ags: '08115001', name: 'Aidlingen' }, kreis: { ags: '08115', name: 'Böblingen', typ: 'Landkreis' } });
    expect(shown.events.at(-1)).toMatchObject({ type: 'rerouted', actor: 'requester' });
    expect(await new TeamsStore(sqliteSqlDb(h.db), h.clock).pendingMunicipality(sender.conversationId, sender.aad)).toBeNull();

    // Settled: the next message naming a place is a question of its own again.
    await h.post(h.activities.message(sender, 'Wie lang darf der Sachbericht sein? Wir sind die Gemeinde Aidlingen'));
    expect(cardText(cardOf(h.stub.forConversation(sender.conversationId).at(-1)!))).toMatch(/Sachbericht/);
    expect((await h.tickets.show(number)).events.filter((e) => e.type === 'rerouted')).toHaveLength(1);
  });

  it('offers the choices again when the typed answer names several places, and forgets the ask-back once staff closed the ticket', async () => {
    const sender = newSender();
    await h.post(h.activities.message(sender, 'Wie lang darf der Sachbericht sein?'));
    const answer = h.stub.forConversation(sender.conversationId)[0]!;
    await h.post(h.activities.submit(sender, actionData(cardOf(answer), 'escalate')!, answer.assignedId));
    const number = /IM-2026-\d{6}/.exec(cardText(cardOf(h.stub.forConversation(sender.conversationId)[1]!)))![0];
    await h.post(h.activities.message(sender, 'Altdorf'));
    const again = cardOf(h.stub.forConversation(sender.conversationId).at(-1)!);
    expect(actionData(again, 'setMunicipality')).toMatchObject({ ticketNumber: number });
    expect(cardText(again)).toMatch(/Altdorf \(Landkreis Böblingen\)/);

    await h.tickets.close(number, { by: 'eingang-1', note: 'telefonisch geklärt' });
    const count = (await h.tickets.list({ limit: 1000 })).length;
    await h.post(h.activities.message(sender, 'Wir sind die Gemeinde Aidlingen'));
    expect(h.stub.forConversation(sender.conversationId).at(-1)!.body.text ?? '').not.toMatch(/liegt jetzt bei/);
    expect((await h.tickets.show(number)).ticket.requester.kreis).toBeNull();
    expect((await h.tickets.list({ limit: 1000 })).length).toBeGreaterThanOrEqual(count);
    expect(await new TeamsStore(sqliteSqlDb(h.db), h.clock).pendingMunicipality(sender.conversationId, sender.aad)).toBeNull();
  });

  it('does not let another person attach a message to a ticket or re-route it by writing its number', async () => {
    const owner = newSender({ aad: 'aad-owner' });
    await h.post(h.activities.message(owner, 'Unser Antrag vom 3. März, Aktenzeichen 4711: der Bescheid ist noch nicht da.'));
    const number = /IM-2026-\d{6}/.exec(cardText(cardOf(h.stub.forConversation(owner.conversationId)[0]!)))![0];
    expect((await h.tickets.show(number)).ticket.team.teamId).toBe('zentrale');

    const other = newSender({ aad: 'aad-other' });
    await h.post(h.activities.message(other, `${number} wir sind die Stadt Ulm`));
    const told = h.stub.forConversation(other.conversationId).map((a) => `${a.body.text ?? ''}${cardText(cardOf(a))}`).join('\n');
    expect(told).not.toMatch(/Ihre Nachricht ist bei Ticket/);
    const shown = await h.tickets.show(number);
    expect(shown.ticket.team.teamId).toBe('zentrale');
    expect(shown.ticket.requester.kreis).toBeNull();
    expect(shown.messages.filter((m) => m.direction === 'in')).toHaveLength(1);

    // The requester themself may continue their ticket by number, from another conversation too.
    const ownOther = { ...owner, conversationId: `${owner.conversationId}-b` };
    await h.post(h.activities.message(ownOther, `${number} wir sind die Stadt Ulm`));
    expect(h.stub.forConversation(ownOther.conversationId)[0]!.body.text).toBe(`Danke, Ihre Nachricht ist bei Ticket ${number} eingegangen.`);
    expect((await h.tickets.show(number)).ticket.requester.kreis).toMatchObject({ ags: '08421', typ: 'Stadtkreis' });
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

  it('hands a question with only suggestions to a person: ticket confirmation, then three passages to read while waiting', async () => {
    const sender = newSender();
    await h.post(h.activities.message(sender, SUGGEST_TRIGGER));
    const replies = h.stub.forConversation(sender.conversationId);
    expect(cardText(cardOf(replies[0]!))).toMatch(/Ticket IM-2026-\d{6}/);
    const waiting = replies.find((a) => /Bis dahin/.test(cardText(cardOf(a))))!;
    const card = cardOf(waiting);
    const passageButtons = card.actions.filter((a: { data: { verb: string } }) => a.data.verb === 'askPassage');
    expect(passageButtons).toHaveLength(3);
    expect(actionData(card, 'escalate')).toBeNull();
    const before = replies.length;
    await h.post(h.activities.submit(sender, passageButtons[0].data, waiting.assignedId));
    expect(cardText(cardOf(h.stub.forConversation(sender.conversationId)[before]!))).toMatch(/Quelle:/);
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
