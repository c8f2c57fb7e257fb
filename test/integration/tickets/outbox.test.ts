import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryResult, OutboundMessage } from '../../../src/core/outcome.js';
import { silentLogger } from '../../../src/core/ports.js';
import { createOutboxWorker } from '../../../src/tickets/outbox-worker.js';
import { FakeClock } from '../../fakes/clock.js';
import { ACTORS, makeEnquiry } from '../../fakes/factories.js';
import { APPLICATION_TEXT, openStack, tempDir } from './stack.js';

let tmp: ReturnType<typeof tempDir>;
let path: string;

beforeEach(() => {
  tmp = tempDir();
  path = join(tmp.dir, 'pakt.db');
});
afterEach(() => tmp.remove());

/** A deliverer recording every call; the mail "server" counts deliveries per key. */
function recorder(): { deliver: (m: OutboundMessage) => Promise<DeliveryResult>; keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    deliver: async (m) => {
      await new Promise((r) => setImmediate(r));
      keys.push(m.key);
      return { kind: 'sent', providerId: `<${m.key}@pakt>` };
    },
  };
}

const status = (s: ReturnType<typeof openStack>): { key: string; status: string; attempts: number }[] =>
  s.db.prepare('SELECT key, status, attempts FROM outbox ORDER BY id').all() as { key: string; status: string; attempts: number }[];

describe('outbox on a real database file', () => {
  it('delivers exactly once after a crash between the state change and delivery', async () => {
    const before = openStack(path);
    const outcome = await before.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
    if (outcome.kind !== 'ticket_created') throw new Error(outcome.kind);
    expect((await before.service.answer(outcome.ticket.number, { text: 'Der Bescheid ist unterwegs.', by: ACTORS.nord1.id })).ok).toBe(true);
    before.close(); // crash: committed, nothing delivered

    const after = openStack(path);
    const mail = recorder();
    const worker = createOutboxWorker({ store: after.stores.outbox, deliverers: { email: mail.deliver }, fanOut: after.fanOut, clock: after.clock, logger: silentLogger, pollMs: 1000 });
    // Confirmation, answer and the staff notice's mail leg; the notice and the card update fan out.
    expect(await worker.drainOnce()).toMatchObject({ sent: 3, fannedOut: 2 });
    expect(await worker.drainOnce()).toMatchObject({ claimed: 0 });
    const mailRows = after.db.prepare("SELECT key FROM outbox WHERE channel = 'email'").all() as { key: string }[];
    expect(mail.keys.sort()).toEqual(mailRows.map((o) => o.key).sort());
    expect(new Set(mail.keys).size).toBe(3);
    expect(status(after).every((o) => o.status === 'sent' && o.attempts === 1)).toBe(true);
    after.close();
  });

  it('retries a message whose worker crashed mid-delivery only after the lease expired, with the same key', async () => {
    const s = openStack(path);
    await s.enquire(makeEnquiry({ text: 'Wie hoch ist die Förderung?' }));
    const leased = await s.stores.outbox.claimDue({ now: s.clock.now(), channels: ['email'], limit: 10, leaseMs: 60_000, owner: 'crashed-worker' });
    expect(leased).toHaveLength(1);
    s.close(); // crash while delivering

    const clock = new FakeClock('2026-06-03T08:00:30.000Z');
    const again = openStack(path, { clock });
    const mail = recorder();
    const worker = createOutboxWorker({ store: again.stores.outbox, deliverers: { email: mail.deliver }, clock, logger: silentLogger, pollMs: 1000 });
    expect(await worker.drainOnce()).toMatchObject({ claimed: 0 });
    clock.set('2026-06-03T08:01:00.000Z');
    expect(await worker.drainOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(mail.keys).toEqual([leased[0]?.key]);
    // The crashed worker cannot mark it afterwards (its lease is gone).
    expect(await again.stores.outbox.markSent(leased[0]!.id, 'crashed-worker', clock.now())).toBe(false);
    again.close();
  });

  it('never delivers a message twice when two workers on two connections drain at once', async () => {
    const a = openStack(path);
    for (let i = 0; i < 20; i += 1) await a.enquire(makeEnquiry({ text: 'Wie hoch ist die Förderung?' }));
    const b = openStack(path);
    const mail = recorder();
    const make = (s: ReturnType<typeof openStack>, owner: string) =>
      createOutboxWorker({ store: s.stores.outbox, deliverers: { email: mail.deliver }, clock: s.clock, logger: silentLogger, pollMs: 1000, batchSize: 3, owner });
    const wa = make(a, 'wa');
    const wb = make(b, 'wb');
    for (let round = 0; round < 10; round += 1) await Promise.all([wa.drainOnce(), wb.drainOnce()]);
    expect(mail.keys).toHaveLength(20);
    expect(new Set(mail.keys).size).toBe(20);
    a.close();
    b.close();
  });

  it('records dead messages, visible on the ticket', async () => {
    const s = openStack(path);
    const outcome = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
    if (outcome.kind !== 'ticket_created') throw new Error(outcome.kind);
    const worker = createOutboxWorker({
      store: s.stores.outbox,
      deliverers: { email: async () => ({ kind: 'dead', reason: '550 mailbox unknown' }) },
      fanOut: s.fanOut,
      clock: s.clock,
      logger: silentLogger,
      pollMs: 1000,
    });
    await worker.drainOnce();
    const shown = (await s.service.show(outcome.ticket.number)).outbox;
    expect(shown.map((o) => [o.kind, o.status, o.lastError])).toEqual([
      ['ticket_confirmation', 'dead', '550 mailbox unknown'],
      ['staff_notification', 'sent', null],
      ['staff_notification', 'dead', '550 mailbox unknown'],
    ]);
    s.close();
  });

  it('threads a reply to a sent message back to its ticket via the provider Message-ID', async () => {
    const s = openStack(path);
    const outcome = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
    if (outcome.kind !== 'ticket_created') throw new Error(outcome.kind);
    const mail = recorder();
    await createOutboxWorker({ store: s.stores.outbox, deliverers: { email: mail.deliver }, clock: s.clock, logger: silentLogger, pollMs: 1000 }).drainOnce();
    const confirmation = `<${mail.keys[0]}@pakt>`;
    const reply = makeEnquiry({ text: 'Danke, anbei die Unterlagen.', replyHandle: { channel: 'email', to: 'x', messageId: '<new@x>', references: [confirmation], subject: 'AW' } });
    expect(await s.enquire(reply)).toMatchObject({ kind: 'follow_up', ticket: { number: outcome.ticket.number } });
    s.close();
  });
});
