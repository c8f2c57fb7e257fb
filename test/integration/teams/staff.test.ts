/**
 * Staff side over real HTTP: registering a staff channel, the ticket card posted there, Übernehmen,
 * Antworten (reaching the requester proactively through the outbox), Weitergeben an (note required),
 * Interne Notiz and Erledigt, each updating the card in place; actions from non-staff are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import { runEscalations } from '../../../src/tickets/escalation.js';
import type { RecordedActivity } from '../../helpers/connector-stub.js';
import { actionData, cardOf, cardText, REQUESTER_AAD, STAFF, startTeamsHarness, type Sender, type TeamsHarness } from './harness.js';

const APPLICATION = 'Unser Antrag vom 3. März, Aktenzeichen 4711: der Bescheid ist noch nicht da. Stadt Sindelfingen, Landkreis Böblingen';
const STAFF_CHANNEL = '19:staff-im@thread.tacv2';

let h: TeamsHarness;
const requester: Sender = { aad: REQUESTER_AAD, conversationId: 'a:requester-staff-test' };

/** A staff member acting in the thread of a message in the staff channel (as Teams delivers it). */
function inStaffChannel(aad: string, messageId: string): Sender {
  return {
    aad,
    conversationId: `${STAFF_CHANNEL};messageid=${messageId}`,
    conversationType: 'channel',
    channelData: { channel: { id: STAFF_CHANNEL }, team: { id: '19:team-im@thread.tacv2' } },
  };
}

async function newTicketCard(): Promise<{ number: string; card: RecordedActivity }> {
  const before = h.stub.forConversation(STAFF_CHANNEL).length;
  await h.post(h.activities.message(requester, APPLICATION));
  const confirmation = h.stub.forConversation(requester.conversationId).at(-1)!;
  const number = /IM-2026-\d{6}/.exec(cardText(cardOf(confirmation)))![0];
  await h.worker.drainOnce();
  const posted = h.stub.forConversation(STAFF_CHANNEL).slice(before);
  const card = posted.find((a) => cardText(cardOf(a)).includes(number));
  if (!card) throw new Error(`no staff card for ${number}`);
  return { number, card };
}

/** Submits a card action as `aad` and returns what the stub recorded for that submit. */
async function act(aad: string, cardId: string, data: Record<string, unknown>): Promise<RecordedActivity[]> {
  const sender = inStaffChannel(aad, cardId);
  const before = h.stub.forConversation(sender.conversationId).length;
  const response = await h.post(h.activities.submit(sender, data, cardId));
  expect(response.status).toBe(200);
  return h.stub.forConversation(sender.conversationId).slice(before);
}

beforeAll(async () => {
  h = await startTeamsHarness();
  await h.post(h.activities.message(inStaffChannel(STAFF.mitte1.aad, '100'), '<at>Pakt-Assistent</at> registrieren'));
});
afterAll(async () => {
  await h?.close();
});

describe('Teams staff side', () => {
  it('registers the staff channel on command from staff, and refuses the command from others', async () => {
    const registered = h.stub.forConversation(`${STAFF_CHANNEL};messageid=100`)[0]!;
    expect(registered.body.text).toMatch(/Dieser Kanal erhält ab jetzt/);
    await h.post(h.activities.message(inStaffChannel('aad-stranger', '101'), 'registrieren'));
    expect(h.stub.forConversation(`${STAFF_CHANNEL};messageid=101`)[0]!.body.text).toMatch(/vorbehalten/);
  });

  it('posts a card for a new ticket at the top level of the staff channel, once', async () => {
    const { number, card } = await newTicketCard();
    const text = cardText(cardOf(card));
    expect(card.activityId).toBeNull();
    expect(text).toMatch(new RegExp(`Ticket ${number} · Neu`));
    expect(text).toMatch(/Landkreis Böblingen/);
    expect(text).toMatch(/Antrag/);
    expect(text).toMatch(/Rückmeldung fällig/);
    await h.worker.drainOnce();
    expect(h.stub.forConversation(STAFF_CHANNEL).filter((a) => a.method === 'POST' && cardText(cardOf(a)).includes(number))).toHaveLength(1);
  });

  it('refuses card actions from non-staff and leaves the ticket unchanged', async () => {
    const { number, card } = await newTicketCard();
    const replies = await act('aad-stranger', card.assignedId, actionData(cardOf(card), 'takeOver')!);
    expect(replies.map((r) => r.body.text)).toEqual([expect.stringMatching(/vorbehalten/)]);
    expect(h.tickets.show(number).ticket.assignee).toBeNull();
  });

  it('takes over, answers, hands over, notes and closes through card submits, updating the card in place', async () => {
    const { number, card } = await newTicketCard();
    const staffCard = cardOf(card);
    const cardId = card.assignedId;

    const [claimed] = await act(STAFF.mitte1.aad, cardId, actionData(staffCard, 'takeOver')!);
    expect(claimed).toMatchObject({ method: 'PUT', activityId: cardId });
    expect(cardText(cardOf(claimed!))).toMatch(/Bearbeitet von\nSachbearbeitung Team Mitte \(1\)/);
    expect(h.tickets.show(number).ticket.assignee).toBe(STAFF.mitte1.id);

    const [answered] = await act(STAFF.mitte1.aad, cardId, { ...actionData(staffCard, 'reply')!, text: 'Der Bescheid ist gestern rausgegangen.' });
    expect(answered?.method).toBe('PUT');
    await h.worker.drainOnce();
    const proactive = await h.stub.waitFor((a) => a.conversationId === requester.conversationId && /Antwort zu Ticket/.test(cardText(cardOf(a))));
    expect(proactive.activityId).toBeNull();
    expect(cardText(cardOf(proactive))).toMatch(/gestern rausgegangen/);

    const withoutNote = await act(STAFF.mitte1.aad, cardId, { ...actionData(staffCard, 'handOver')!, target: 'team:team-nord' });
    expect(withoutNote[0]!.body.text).toMatch(/Pflichtfelder/);
    const [handedOver] = await act(STAFF.mitte1.aad, cardId, { ...actionData(staffCard, 'handOver')!, target: 'team:team-nord', note: 'Kreis gehört zu Nord' });
    expect(cardText(cardOf(handedOver!))).toMatch(/Team\nSachbearbeitung Team Nord/);
    expect(cardText(cardOf(handedOver!))).toMatch(/Weitergegeben von .* an Sachbearbeitung Team Nord/);

    const [noted] = await act(STAFF.nord1.aad, cardId, { ...actionData(staffCard, 'note')!, text: 'Rückruf vereinbart' });
    expect(cardText(cardOf(noted!))).toMatch(/Interne Notiz von Sachbearbeitung Team Nord \(1\)/);
    expect(h.tickets.show(number).messages.some((m) => m.direction === 'note' && m.text === 'Rückruf vereinbart')).toBe(true);

    const [closed] = await act(STAFF.nord1.aad, cardId, actionData(staffCard, 'resolve')!);
    const closedCard = cardOf(closed!);
    expect(cardText(closedCard)).toMatch(/· Erledigt/);
    expect(closedCard.actions.map((a: { title: string }) => a.title)).toEqual(['Wieder öffnen']);
    expect(h.tickets.show(number).ticket.status).toBe('erledigt');
  });

  it('tells the second of two staff members who already has the ticket', async () => {
    const { card } = await newTicketCard();
    await act(STAFF.mitte1.aad, card.assignedId, actionData(cardOf(card), 'takeOver')!);
    const second = await act(STAFF.eingang1.aad, card.assignedId, actionData(cardOf(card), 'takeOver')!);
    expect(second[0]!.body.text).toMatch(/^Nicht möglich: /);
  });

  it('posts the card again with an escalation banner when the ticket becomes overdue', async () => {
    const { number } = await newTicketCard();
    h.clock.set(new Date(new Date(h.tickets.show(number).ticket.firstResponseDue).getTime() + 60_000));
    runEscalations(h.clock.now(), { store: h.stores.tickets, staff: h.routing.staff, logger: silentLogger });
    await h.worker.drainOnce();
    const escalated = h.stub.forConversation(STAFF_CHANNEL).filter((a) => a.method === 'POST' && cardText(cardOf(a)).includes(number));
    expect(escalated).toHaveLength(2);
    expect(cardText(cardOf(escalated[1]!))).toMatch(/^Eskaliert: Frist überschritten/);
    runEscalations(h.clock.now(), { store: h.stores.tickets, staff: h.routing.staff, logger: silentLogger });
    await h.worker.drainOnce();
    expect(h.stub.forConversation(STAFF_CHANNEL).filter((a) => a.method === 'POST' && cardText(cardOf(a)).includes(number))).toHaveLength(2);
  });

  it('delivers a Teams staff notification from the outbox: updates the existing card, or posts one', async () => {
    const { number, card } = await newTicketCard();
    const ticket = h.tickets.list({ limit: 1000 }).find((t) => t.number === number)!;
    const message = {
      id: 0,
      key: `${number}:staff_notification:test`,
      channel: 'teams' as const,
      kind: 'staff_notification' as const,
      ticketNumber: number,
      replyHandle: { channel: 'teams' as const, conversationReference: {} },
      payload: { ticket },
      attempts: 0,
      createdAt: h.clock.now().toISOString(),
    };
    expect(await h.channel.deliverer(message)).toEqual({ kind: 'sent', providerId: card.assignedId });
    const updated = h.stub.forConversation(STAFF_CHANNEL).at(-1)!;
    expect(updated).toMatchObject({ method: 'PUT', activityId: card.assignedId });
    const unknownTeam = { ...message, key: 'x', payload: { ticket: { ...ticket, number: 'IM-2026-999998', team: { ...ticket.team, teamId: 'team-nord' } } } };
    expect((await h.channel.deliverer(unknownTeam)).kind).toBe('sent');
    expect(h.stub.forConversation(STAFF_CHANNEL).at(-1)).toMatchObject({ method: 'POST', activityId: null });
  });

  it('updates the card within one outbox cycle of a change made outside Teams (CLI, workplace)', async () => {
    const { number, card } = await newTicketCard();
    expect(h.tickets.claim(number, STAFF.nord1.id).ok).toBe(true);
    await h.worker.drainOnce();
    const updated = h.stub.forConversation(STAFF_CHANNEL).at(-1)!;
    expect(updated).toMatchObject({ method: 'PUT', activityId: card.assignedId });
    expect(cardText(cardOf(updated))).toMatch(/Übernommen von Sachbearbeitung Team Nord \(1\)/);
  });

  it('posts the cards of the tickets already open when a staff channel is registered, once', async () => {
    const { number } = await newTicketCard();
    const other = '19:staff-late@thread.tacv2';
    const late = { ...inStaffChannel(STAFF.mitte1.aad, '200'), conversationId: `${other};messageid=200`, channelData: { channel: { id: other } } };
    const team = h.tickets.show(number).ticket.team.teamId;
    await h.post(h.activities.message(late, `registrieren ${team}`));
    await h.worker.drainOnce();
    const cards = () => h.stub.forConversation(other).filter((a) => cardText(cardOf(a)).includes(number));
    expect(cards()).toHaveLength(1);
    await h.post(h.activities.message({ ...late, conversationId: `${other};messageid=201` }, `registrieren ${team}`));
    await h.worker.drainOnce();
    expect(cards()).toHaveLength(1);
  });

  it('answers an unknown verb clearly', async () => {
    const replies = await act(STAFF.mitte1.aad, 'no-card', { verb: 'selfDestruct' });
    expect(replies[0]!.body.text).toMatch(/Schaltfläche kenne ich nicht/);
  });
});
