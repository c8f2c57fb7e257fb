/**
 * Staff side over real HTTP: registering a staff channel, the ticket card posted there, Übernehmen,
 * Antworten (reaching the requester proactively through the outbox), Weitergeben an (note required),
 * Interne Notiz and Erledigt, each updating the card in place through the outbox (one update per action,
 * within one outbox cycle); actions from non-staff are refused.
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
    expect((await h.tickets.show(number)).ticket.assignee).toBeNull();
  });

  it('takes over, answers, hands over, notes and closes through card submits, the outbox updating the card in place', async () => {
    const { number, card } = await newTicketCard();
    const staffCard = cardOf(card);
    const cardId = card.assignedId;
    /** Submits an action, then runs one outbox cycle; returns the in-turn replies and the card as updated. */
    const step = async (aad: string, data: Record<string, unknown>): Promise<{ replies: RecordedActivity[]; updated: RecordedActivity }> => {
      const replies = await act(aad, cardId, data);
      await h.worker.drainOnce();
      return { replies, updated: h.stub.forConversation(STAFF_CHANNEL).at(-1)! };
    };

    const claimed = await step(STAFF.mitte1.aad, actionData(staffCard, 'takeOver')!);
    expect(claimed.replies).toEqual([]);
    expect(claimed.updated).toMatchObject({ method: 'PUT', activityId: cardId });
    expect(cardText(cardOf(claimed.updated))).toMatch(/Bearbeitet von\nSachbearbeitung Team Mitte \(1\)/);
    expect((await h.tickets.show(number)).ticket.assignee).toBe(STAFF.mitte1.id);

    const answered = await step(STAFF.mitte1.aad, { ...actionData(staffCard, 'reply')!, text: 'Der Bescheid ist gestern rausgegangen.' });
    expect(answered.updated).toMatchObject({ method: 'PUT', activityId: cardId });
    expect(cardText(cardOf(answered.updated))).toMatch(/Antwort gesendet von Sachbearbeitung Team Mitte \(1\)/);
    const proactive = await h.stub.waitFor((a) => a.conversationId === requester.conversationId && /Antwort zu Ticket/.test(cardText(cardOf(a))));
    expect(proactive.activityId).toBeNull();
    expect(cardText(cardOf(proactive))).toMatch(/gestern rausgegangen/);

    const withoutNote = await act(STAFF.mitte1.aad, cardId, { ...actionData(staffCard, 'handOver')!, target: 'team:team-nord' });
    expect(withoutNote[0]!.body.text).toMatch(/Pflichtfelder/);
    const handedOver = await step(STAFF.mitte1.aad, { ...actionData(staffCard, 'handOver')!, target: 'team:team-nord', note: 'Kreis gehört zu Nord' });
    expect(handedOver.updated).toMatchObject({ method: 'PUT', activityId: cardId });
    expect(cardText(cardOf(handedOver.updated))).toMatch(/Team\nSachbearbeitung Team Nord/);
    expect(cardText(cardOf(handedOver.updated))).toMatch(/Weitergegeben von .* an Sachbearbeitung Team Nord/);

    const noted = await step(STAFF.nord1.aad, { ...actionData(staffCard, 'note')!, text: 'Rückruf vereinbart' });
    expect(cardText(cardOf(noted.updated))).toMatch(/Interne Notiz von Sachbearbeitung Team Nord \(1\)/);
    expect((await h.tickets.show(number)).messages.some((m) => m.direction === 'note' && m.text === 'Rückruf vereinbart')).toBe(true);

    const closed = await step(STAFF.nord1.aad, actionData(staffCard, 'resolve')!);
    const closedCard = cardOf(closed.updated);
    expect(cardText(closedCard)).toMatch(/· Erledigt/);
    expect(closedCard.actions.map((a: { title: string }) => a.title)).toEqual(['Wieder öffnen']);
    expect((await h.tickets.show(number)).ticket.status).toBe('erledigt');
  });

  it('updates the staff card once per Teams staff action, within one outbox cycle (also a hand-over inside the same channel)', async () => {
    const { number, card } = await newTicketCard();
    const cardRequests = (): RecordedActivity[] => h.stub.received.filter((a) => cardText(cardOf(a)).includes(number));
    const once = { method: 'PUT', conversationId: STAFF_CHANNEL, activityId: card.assignedId };

    let before = cardRequests().length;
    await act(STAFF.mitte1.aad, card.assignedId, actionData(cardOf(card), 'takeOver')!);
    await h.worker.drainOnce();
    expect(cardRequests().slice(before)).toEqual([expect.objectContaining(once)]);

    // Team Mitte and Team Nord share the staff channel: the hand-over reaches it once, not once per team.
    before = cardRequests().length;
    await act(STAFF.mitte1.aad, card.assignedId, { ...actionData(cardOf(card), 'handOver')!, target: 'team:team-nord', note: 'Kreis gehört zu Nord' });
    await h.worker.drainOnce();
    const handedOver = cardRequests().slice(before);
    expect(handedOver).toEqual([expect.objectContaining(once)]);
    expect(cardText(cardOf(handedOver[0]!))).toMatch(/Weitergegeben von Sachbearbeitung Team Mitte \(1\) an Sachbearbeitung Team Nord/);
    await h.worker.drainOnce();
    expect(cardRequests().slice(before)).toHaveLength(1);
  });

  it('tells the second of two staff members who already has the ticket', async () => {
    const { card } = await newTicketCard();
    await act(STAFF.mitte1.aad, card.assignedId, actionData(cardOf(card), 'takeOver')!);
    const second = await act(STAFF.eingang1.aad, card.assignedId, actionData(cardOf(card), 'takeOver')!);
    expect(second[0]!.body.text).toMatch(/^Nicht möglich: /);
  });

  it('posts the card again with an escalation banner when the ticket becomes overdue', async () => {
    const { number } = await newTicketCard();
    h.clock.set(new Date(new Date((await h.tickets.show(number)).ticket.firstResponseDue).getTime() + 60_000));
    await runEscalations(h.clock.now(), { store: h.stores.tickets, staff: h.routing.staff, logger: silentLogger });
    await h.worker.drainOnce();
    const escalated = h.stub.forConversation(STAFF_CHANNEL).filter((a) => a.method === 'POST' && cardText(cardOf(a)).includes(number));
    expect(escalated).toHaveLength(2);
    expect(cardText(cardOf(escalated[1]!))).toMatch(/^Eskaliert: Frist überschritten/);
    await runEscalations(h.clock.now(), { store: h.stores.tickets, staff: h.routing.staff, logger: silentLogger });
    await h.worker.drainOnce();
    expect(h.stub.forConversation(STAFF_CHANNEL).filter((a) => a.method === 'POST' && cardText(cardOf(a)).includes(number))).toHaveLength(2);
  });

  it('delivers a Teams staff notification from the outbox: updates the existing card, or posts one', async () => {
    const { number, card } = await newTicketCard();
    const ticket = (await h.tickets.list({ limit: 1000 })).find((t) => t.number === number)!;
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
    expect((await h.tickets.claim(number, STAFF.nord1.id)).ok).toBe(true);
    await h.worker.drainOnce();
    const updated = h.stub.forConversation(STAFF_CHANNEL).at(-1)!;
    expect(updated).toMatchObject({ method: 'PUT', activityId: card.assignedId });
    expect(cardText(cardOf(updated))).toMatch(/Übernommen von Sachbearbeitung Team Nord \(1\)/);
  });

  it('posts the cards of the tickets already open when a staff channel is registered, once', async () => {
    const { number } = await newTicketCard();
    const other = '19:staff-late@thread.tacv2';
    const late = { ...inStaffChannel(STAFF.mitte1.aad, '200'), conversationId: `${other};messageid=200`, channelData: { channel: { id: other } } };
    const team = (await h.tickets.show(number)).ticket.team.teamId;
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
