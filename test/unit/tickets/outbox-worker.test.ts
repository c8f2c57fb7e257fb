import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReplyHandle } from '../../../src/core/enquiry.js';
import type { DeliveryResult, OutboundMessage } from '../../../src/core/outcome.js';
import { silentLogger } from '../../../src/core/ports.js';
import { backoffMs, createOutboxWorker, laneOf } from '../../../src/tickets/outbox-worker.js';
import { FakeClock } from '../../fakes/clock.js';
import { createInMemoryTicketStores, type InMemoryTicketStores } from '../../fakes/ticket-stores.js';

let stores: InMemoryTicketStores;
let clock: FakeClock;

async function enqueue(key: string, channel: 'email' | 'teams' = 'email', to?: string): Promise<void> {
  const replyHandle: ReplyHandle = to === undefined ? { channel: 'cli' } : { channel: 'email', to, messageId: null, references: [], subject: '' };
  await stores.ledger.commit({
    enquiry: { key, channel, from: 'x', subject: '', text: '', receivedAt: clock.now(), replyHandle, attachments: [] },
    outcome: 'answered',
    at: clock.now().toISOString(),
    suppressedReason: null,
    ticket: { kind: 'none' },
    outbox: [{ key: `${key}:auto_answer`, channel, kind: 'auto_answer', replyHandle, payload: {}, withTicket: false }],
  });
}

function deliverer(results: DeliveryResult[]): { fn: (m: OutboundMessage) => Promise<DeliveryResult>; calls: OutboundMessage[] } {
  const calls: OutboundMessage[] = [];
  return {
    calls,
    fn: async (m) => {
      calls.push(m);
      return results.shift() ?? { kind: 'sent' };
    },
  };
}

beforeEach(() => {
  stores = createInMemoryTicketStores();
  clock = new FakeClock('2026-06-03T08:00:00.000Z');
});

afterEach(() => {
  vi.useRealTimers();
});

describe(createOutboxWorker.name, () => {
  it('delivers a due message once and marks it sent', async () => {
    await enqueue('a');
    const d = deliverer([]);
    const worker = createOutboxWorker({ store: stores.outbox, deliverers: { email: d.fn }, clock, logger: silentLogger, pollMs: 1000 });
    expect(await worker.drainOnce()).toEqual({ claimed: 1, sent: 1, retried: 0, dead: 0, fannedOut: 0 });
    expect(await worker.drainOnce()).toEqual({ claimed: 0, sent: 0, retried: 0, dead: 0, fannedOut: 0 });
    expect(d.calls.map((m) => m.key)).toEqual(['a:auto_answer']);
    expect(stores.state.outbox[0]?.status).toBe('sent');
  });

  it('leaves messages of channels without a deliverer pending', async () => {
    await enqueue('t', 'teams');
    const worker = createOutboxWorker({ store: stores.outbox, deliverers: { email: deliverer([]).fn }, clock, logger: silentLogger, pollMs: 1000 });
    expect((await worker.drainOnce()).claimed).toBe(0);
    expect(stores.state.outbox[0]?.status).toBe('pending');
  });

  it('retries with exponential backoff and honours the deliverer’s afterMs', async () => {
    await enqueue('r');
    const d = deliverer([{ kind: 'retry', reason: 'busy' }, { kind: 'retry', reason: 'throttled', afterMs: 600_000 }]);
    const worker = createOutboxWorker({ store: stores.outbox, deliverers: { email: d.fn }, clock, logger: silentLogger, pollMs: 1000, baseBackoffMs: 1000 });
    await worker.drainOnce();
    expect(stores.state.outbox[0]?.nextAttemptAt).toBe('2026-06-03T08:00:01.000Z');
    clock.advance(999);
    expect((await worker.drainOnce()).claimed).toBe(0);
    clock.advance(1);
    await worker.drainOnce();
    expect(stores.state.outbox[0]?.nextAttemptAt).toBe('2026-06-03T08:10:01.000Z');
    clock.set('2026-06-03T08:10:01.000Z');
    expect(await worker.drainOnce()).toMatchObject({ sent: 1 });
    expect(d.calls.map((m) => m.attempts)).toEqual([1, 2, 3]);
  });

  it('gives up after maxAttempts and on a dead result', async () => {
    await enqueue('x');
    await enqueue('y');
    const d = deliverer([{ kind: 'retry', reason: 'a' }, { kind: 'dead', reason: 'no such mailbox' }, { kind: 'retry', reason: 'b' }]);
    const worker = createOutboxWorker({ store: stores.outbox, deliverers: { email: d.fn }, clock, logger: silentLogger, pollMs: 1000, maxAttempts: 2, baseBackoffMs: 10 });
    await worker.drainOnce();
    clock.advance(10);
    await worker.drainOnce();
    expect(stores.state.outbox.map((o) => [o.key, o.status, o.lastError])).toEqual([
      ['x:auto_answer', 'dead', 'b'],
      ['y:auto_answer', 'dead', 'no such mailbox'],
    ]);
  });

  it('treats a throwing deliverer as a retry', async () => {
    await enqueue('e');
    const worker = createOutboxWorker({
      store: stores.outbox,
      deliverers: { email: () => Promise.reject(Object.assign(new Error('boom'), { code: 'ECONNECTION' })) },
      clock,
      logger: silentLogger,
      pollMs: 1000,
    });
    expect(await worker.drainOnce()).toMatchObject({ retried: 1 });
    expect(stores.state.outbox[0]?.lastError).toContain('ECONNECTION');
  });

  it('polls while started and stops cleanly', async () => {
    vi.useFakeTimers();
    const d = deliverer([]);
    const worker = createOutboxWorker({ store: stores.outbox, deliverers: { email: d.fn }, clock, logger: silentLogger, pollMs: 500 });
    worker.start();
    await vi.advanceTimersByTimeAsync(0);
    await enqueue('p');
    await vi.advanceTimersByTimeAsync(500);
    expect(d.calls).toHaveLength(1);
    await worker.stop();
    await enqueue('q');
    await vi.advanceTimersByTimeAsync(5000);
    expect(d.calls).toHaveLength(1);
  });
});

describe('createOutboxWorker backlog', () => {
  it('drains a backlog batch after batch without waiting a poll interval in between', async () => {
    vi.useFakeTimers();
    for (const key of ['b1', 'b2', 'b3', 'b4', 'b5']) await enqueue(key);
    const d = deliverer([]);
    const worker = createOutboxWorker({ store: stores.outbox, deliverers: { email: d.fn }, clock, logger: silentLogger, pollMs: 60_000, batchSize: 2 });
    worker.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(d.calls).toHaveLength(5);
    await worker.stop();
  });
});

describe('createOutboxWorker lanes', () => {
  /** A deliverer whose deliveries stay open until released, recording which were in flight together. */
  function gated(): { fn: (m: OutboundMessage) => Promise<DeliveryResult>; started: string[]; release(): void; maxInFlight: number } {
    const waiting: (() => void)[] = [];
    let inFlight = 0;
    const state = {
      started: [] as string[],
      maxInFlight: 0,
      fn: async (m: OutboundMessage): Promise<DeliveryResult> => {
        state.started.push(m.key);
        inFlight += 1;
        state.maxInFlight = Math.max(state.maxInFlight, inFlight);
        await new Promise<void>((resolve) => waiting.push(resolve));
        inFlight -= 1;
        return { kind: 'sent' };
      },
      release: () => waiting.splice(0).forEach((resolve) => resolve()),
    };
    return state;
  }

  it('delivers messages to different recipients side by side, up to the concurrency', async () => {
    for (const key of ['l1', 'l2', 'l3']) await enqueue(key, 'email', `${key}@gemeinde.example`);
    const d = gated();
    const worker = createOutboxWorker({ store: stores.outbox, deliverers: { email: d.fn }, clock, logger: silentLogger, pollMs: 1000, concurrency: 2 });
    const drained = worker.drainOnce();
    await vi.waitFor(() => expect(d.started).toEqual(['l1:auto_answer', 'l2:auto_answer']));
    d.release();
    await vi.waitFor(() => expect(d.started).toHaveLength(3));
    d.release();
    expect(await drained).toMatchObject({ claimed: 3, sent: 3 });
    expect(d.maxInFlight).toBe(2);
  });

  it('keeps the order of messages to one recipient: the second waits for the first', async () => {
    await enqueue('o1', 'email', 'IM@Gemeinde.example');
    await enqueue('o2', 'email', 'im@gemeinde.example');
    const d = gated();
    const worker = createOutboxWorker({ store: stores.outbox, deliverers: { email: d.fn }, clock, logger: silentLogger, pollMs: 1000 });
    const drained = worker.drainOnce();
    await vi.waitFor(() => expect(d.started).toEqual(['o1:auto_answer']));
    d.release();
    await vi.waitFor(() => expect(d.started).toEqual(['o1:auto_answer', 'o2:auto_answer']));
    d.release();
    expect(await drained).toMatchObject({ sent: 2 });
    expect(d.maxInFlight).toBe(1);
  });

  it('puts the messages of one ticket in one lane, whatever their recipients', () => {
    const base = { id: 1, key: 'k', channel: 'email' as const, kind: 'auto_answer' as const, payload: {}, attempts: 0, createdAt: '' };
    const mail = (to: string) => ({ channel: 'email' as const, to, messageId: null, references: [], subject: '' });
    expect(laneOf({ ...base, ticketNumber: 'IM-2026-000001', replyHandle: mail('a@x.example') })).toBe(laneOf({ ...base, id: 2, ticketNumber: 'IM-2026-000001', replyHandle: mail('b@x.example') }));
    expect(laneOf({ ...base, ticketNumber: null, replyHandle: mail('A@x.example') })).toBe(laneOf({ ...base, id: 2, ticketNumber: null, replyHandle: mail('a@x.example') }));
    const teams = (id: string) => ({ channel: 'teams' as const, conversationReference: { conversation: { id } } });
    expect(laneOf({ ...base, ticketNumber: null, replyHandle: teams('c1') })).not.toBe(laneOf({ ...base, id: 2, ticketNumber: null, replyHandle: teams('c2') }));
    expect(laneOf({ ...base, ticketNumber: null, replyHandle: { channel: 'cli' } })).not.toBe(laneOf({ ...base, id: 2, ticketNumber: null, replyHandle: { channel: 'cli' } }));
  });
});

describe('createOutboxWorker fallback', () => {
  it('gives up on a dead message with a fallback and queues it for the other channel once', async () => {
    await enqueue('f', 'teams');
    const fallback = { channel: 'email' as const, replyHandle: { channel: 'email' as const, to: 'im@gemeinde.example', messageId: null, references: [], subject: 'Ihre Anfrage' } };
    const teams = deliverer([{ kind: 'dead', reason: 'teams_conversation_gone: 403', fallback }]);
    const mail = deliverer([]);
    const worker = createOutboxWorker({ store: stores.outbox, deliverers: { teams: teams.fn, email: mail.fn }, clock, logger: silentLogger, pollMs: 1000 });
    expect(await worker.drainOnce()).toMatchObject({ dead: 1 });
    expect(await worker.drainOnce()).toMatchObject({ sent: 1 });
    expect(mail.calls.map((m) => [m.key, m.replyHandle])).toEqual([['f:auto_answer:fallback:email', fallback.replyHandle]]);
    expect(stores.state.outbox.map((o) => o.status)).toEqual(['dead', 'sent']);
  });
});

describe(backoffMs.name, () => {
  it.each([
    [1, 5000, undefined, 5000],
    [2, 5000, undefined, 10_000],
    [5, 5000, undefined, 80_000],
    [30, 5000, undefined, 3_600_000],
    [1, 5000, 60_000, 60_000],
  ])('attempt %i base %i afterMs %s → %i', (attempt, base, after, expected) => {
    expect(backoffMs(attempt, base, 3_600_000, after)).toBe(expected);
  });
});
