/**
 * Idempotency and resilience over real HTTP: duplicate deliveries, connector 429/5xx/403 through the
 * outbox, malformed and unknown input, very long messages, 50 conversations at once, authentication and
 * the polite error reply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import type { OutboundMessage } from '../../../src/core/outcome.js';
import { actionData, cardOf, cardText, REQUESTER_AAD, STAFF, startTeamsHarness, type Sender, type TeamsHarness } from './harness.js';

const APPLICATION = 'Unser Antrag vom 3. März, Aktenzeichen 4711: der Bescheid ist noch nicht da. Stadt Sindelfingen, Landkreis Böblingen';
const STAFF_CHANNEL = '19:staff-res@thread.tacv2';

let h: TeamsHarness;
let n = 0;
const requester = (): Sender => ({ aad: REQUESTER_AAD, conversationId: `a:res-${++n}` });
const staffSender = (messageId: string): Sender => ({
  aad: STAFF.mitte1.aad,
  conversationId: `${STAFF_CHANNEL};messageid=${messageId}`,
  conversationType: 'channel',
  channelData: { channel: { id: STAFF_CHANNEL } },
});

/** Creates a ticket from `sender`, answers it from the staff card; the answer waits in the outbox. */
async function staffAnswerPending(sender: Sender, text: string): Promise<string> {
  await h.post(h.activities.message(sender, APPLICATION));
  const number = /IM-2026-\d{6}/.exec(cardText(cardOf(h.stub.forConversation(sender.conversationId)[0]!)))![0];
  await h.worker.drainOnce();
  const card = h.stub.forConversation(STAFF_CHANNEL).find((a) => cardText(cardOf(a)).includes(number))!;
  const reply = { ...actionData(cardOf(card), 'reply')!, text };
  await h.post(h.activities.submit(staffSender(card.assignedId), reply, card.assignedId));
  return number;
}

beforeAll(async () => {
  h = await startTeamsHarness();
  await h.post(h.activities.message(staffSender('1'), 'registrieren'));
});
afterAll(async () => {
  await h?.close();
});

describe('Teams idempotency and resilience', () => {
  it('replies once to the same activity delivered twice, also concurrently', async () => {
    const sender = requester();
    const activity = h.activities.message(sender, APPLICATION);
    const ticketsBefore = (await h.tickets.list({ limit: 1000 })).length;
    await Promise.all([h.post(activity), h.post(activity)]);
    await h.post(activity);
    expect(h.stub.forConversation(sender.conversationId).filter((a) => /Ihr Anliegen ist als Ticket/.test(cardText(cardOf(a))))).toHaveLength(1);
    expect((await h.tickets.list({ limit: 1000 })).length - ticketsBefore).toBe(1);
  });

  it('replies once to a repeated question, command and card submit', async () => {
    const sender = requester();
    const question = h.activities.message(sender, 'Wie lang darf der Sachbericht sein?');
    const help = h.activities.message(sender, 'hilfe');
    await Promise.all([h.post(question), h.post(question), h.post(help), h.post(help)]);
    const answer = h.stub.forConversation(sender.conversationId).find((a) => /drei Seiten/.test(cardText(cardOf(a))))!;
    const feedback = h.activities.submit(sender, actionData(cardOf(answer), 'feedback')!, answer.assignedId);
    await Promise.all([h.post(feedback), h.post(feedback)]);
    const replies = h.stub.forConversation(sender.conversationId);
    expect(replies.filter((a) => /drei Seiten/.test(cardText(cardOf(a))))).toHaveLength(1);
    expect(replies.filter((a) => /Willkommen/.test(cardText(cardOf(a))))).toHaveLength(1);
    expect(replies.filter((a) => a.body.text === 'Danke für Ihre Rückmeldung!')).toHaveLength(1);
  });

  it('retries a staff answer after 429 no earlier than Retry-After, then delivers it once', async () => {
    const sender = requester();
    await staffAnswerPending(sender, 'Antwort nach Drosselung');
    h.stub.failNext({ status: 429, retryAfterSeconds: 3, conversationId: sender.conversationId });
    // The answer waits; the ticket's card update (staff channel) goes out in the same drain.
    expect(await h.worker.drainOnce()).toMatchObject({ retried: 1 });
    expect(h.stub.forConversation(sender.conversationId).filter((a) => /Antwort nach Drosselung/.test(cardText(cardOf(a))))).toHaveLength(0);
    h.clock.advance(2000);
    expect((await h.worker.drainOnce()).claimed).toBe(0);
    h.clock.advance(1500);
    expect(await h.worker.drainOnce()).toMatchObject({ sent: 1 });
    const answers = h.stub.forConversation(sender.conversationId).filter((a) => /Antwort nach Drosselung/.test(cardText(cardOf(a))));
    expect(answers).toHaveLength(1);
    expect(h.stub.failed.filter((f) => f.conversationId === sender.conversationId)).toHaveLength(1);
  });

  it('retries after a 503 as well', async () => {
    const sender = requester();
    await staffAnswerPending(sender, 'Antwort nach Störung');
    h.stub.failNext({ status: 503, conversationId: sender.conversationId });
    expect(await h.worker.drainOnce()).toMatchObject({ retried: 1 });
    h.clock.advance(60_000);
    await h.worker.drainOnce();
    const answers = h.stub.forConversation(sender.conversationId).filter((a) => /Antwort nach Störung/.test(cardText(cardOf(a))));
    expect(answers).toHaveLength(1);
  });

  it('marks the conversation dead on 403 and reports a reason the tickets side can act on', async () => {
    const sender = requester();
    const number = await staffAnswerPending(sender, 'Antwort ins Leere');
    h.stub.failConversation(sender.conversationId, 403);
    expect(await h.worker.drainOnce()).toMatchObject({ dead: 1 });
    const entry = (await h.tickets.show(number)).outbox.find((o) => o.kind === 'staff_answer')!;
    expect(entry.status).toBe('dead');
    expect(entry.lastError).toMatch(/^teams_conversation_gone: 403/);
    const failedBefore = h.stub.failed.length;
    const result = await h.channel.deliverer({ ...fakeMessage(sender), key: 'after-death' });
    expect(result).toEqual({ kind: 'dead', reason: expect.stringMatching(/^teams_conversation_gone/) });
    expect(h.stub.failed.length).toBe(failedBefore);
  });

  it('falls back to e-mail on 403 when the requester\'s address is known', async () => {
    const sender: Sender = { aad: 'aad-fallback', conversationId: `a:res-fallback-${++n}` };
    h.stub.members.set('29:aad-fallback', { id: '29:aad-fallback', aadObjectId: 'aad-fallback', email: 'im@gemeinde-fallback.example' });
    const number = await staffAnswerPending(sender, 'Antwort per Post');
    h.stub.failConversation(sender.conversationId, 403);
    expect(await h.worker.drainOnce()).toMatchObject({ dead: 1 });
    const outbox = (await h.tickets.show(number)).outbox.filter((o) => o.kind === 'staff_answer');
    expect(outbox.map((o) => [o.channel, o.status])).toEqual([
      ['teams', 'dead'],
      ['email', 'pending'],
    ]);
    const row = h.db.prepare("SELECT reply_handle FROM outbox WHERE channel = 'email' AND kind = 'staff_answer' AND ticket_number = ?").get(number) as { reply_handle: string };
    expect(JSON.parse(row.reply_handle)).toMatchObject({ channel: 'email', to: 'im@gemeinde-fallback.example', subject: `Ihre Anfrage [${number}]` });
  });

  it('delivers the same outbox key only once (a redelivery after a lost lease sends nothing)', async () => {
    const sender = requester();
    await h.post(h.activities.message(sender, 'hilfe'));
    const message = fakeMessage(sender);
    expect((await h.channel.deliverer(message)).kind).toBe('sent');
    expect(await h.channel.deliverer(message)).toEqual({ kind: 'sent', providerId: 'already-delivered' });
    expect(h.stub.forConversation(sender.conversationId).filter((a) => /Antwort zu Ticket/.test(cardText(cardOf(a))))).toHaveLength(1);
  });

  it('answers malformed JSON with 400 and sends nothing', async () => {
    const before = h.stub.received.length;
    const response = await h.post('{"type":"message", "text": ');
    expect(response.status).toBe(400);
    expect(h.stub.received.length).toBe(before);
  });

  it('ignores unknown activity types with 200 and no reply', async () => {
    const sender = requester();
    const response = await h.post({ ...h.activities.base(sender), type: 'somethingNew' });
    expect(response.status).toBe(200);
    await h.post(h.activities.message(sender, 'hilfe'));
    expect(h.stub.forConversation(sender.conversationId)).toHaveLength(1);
  });

  it('handles a 100 kB message and says that it was shortened', async () => {
    const sender = requester();
    const text = `Wie lang darf der Sachbericht sein? ${'Ausführliche Erläuterung unseres Vorhabens. '.repeat(2400)}`.slice(0, 100_000);
    const response = await h.post(h.activities.message(sender, text));
    expect(response.status).toBe(200);
    const reply = h.stub.forConversation(sender.conversationId)[0]!;
    expect(cardText(cardOf(reply)) + (reply.body.text ?? '')).toMatch(/sehr lang; berücksichtigt wurden die ersten 8\.000 Zeichen/);
  });

  it('serves 50 conversations at once, one reply each', async () => {
    const senders = Array.from({ length: 50 }, () => requester());
    const responses = await Promise.all(senders.map((s, i) => h.post(h.activities.message(s, i % 2 ? 'Wie lang darf der Sachbericht sein?' : APPLICATION))));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    for (const s of senders) expect(h.stub.forConversation(s.conversationId).length).toBeGreaterThanOrEqual(1);
    const answers = senders.filter((_, i) => i % 2).map((s) => h.stub.forConversation(s.conversationId));
    expect(answers.every((replies) => replies.length === 1 && /drei Seiten/.test(cardText(cardOf(replies[0]!))))).toBe(true);
  });
});

describe('Teams endpoint guards', () => {
  it('refuses requests without a valid token when MicrosoftAppId is set', async () => {
    const secured = await startTeamsHarness({ appId: '00000000-0000-0000-0000-000000000001' });
    try {
      const sender = requester();
      const response = await secured.post(secured.activities.message(sender, 'hilfe'));
      expect(response.status).toBe(401);
      const forged = await secured.post(secured.activities.message(sender, 'hilfe'), { authorization: 'Bearer not-a-token' });
      expect(forged.status).toBe(401);
      expect(secured.stub.received).toHaveLength(0);
    } finally {
      await secured.close();
    }
  });

  it('answers politely in German with an error number, never with internals, when a turn fails', async () => {
    const failing = await startTeamsHarness({
      handle: async () => {
        throw new AppError('DB_ERROR', 'tickets: SQLITE_CORRUPT at /var/lib/secret.db');
      },
    });
    try {
      const sender = requester();
      const response = await failing.post(failing.activities.message(sender, 'Wie lang darf der Sachbericht sein?'));
      expect(response.status).toBe(200);
      const reply = failing.stub.forConversation(sender.conversationId)[0]!;
      expect(reply.body.text).toMatch(/^Entschuldigung, dabei ist etwas schiefgegangen.*Fehlernummer [0-9a-f]{8}\.$/);
      expect(reply.body.text).not.toMatch(/SQLITE|secret|Error/);
    } finally {
      await failing.close();
    }
  });
});

function fakeMessage(sender: Sender): OutboundMessage {
  return {
    id: 0,
    key: `test:${sender.conversationId}`,
    channel: 'teams',
    kind: 'staff_answer',
    ticketNumber: 'IM-2026-999999',
    replyHandle: {
      channel: 'teams',
      conversationReference: { channelId: 'msteams', serviceUrl: h.stub.url, conversation: { id: sender.conversationId }, bot: { id: '28:pakt-bot' } },
    },
    payload: { text: 'Testantwort' },
    attempts: 0,
    createdAt: new Date().toISOString(),
  };
}
