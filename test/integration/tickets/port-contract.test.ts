import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutboxStore, TicketStore } from '../../../src/core/ticket-model.js';
import type { EnquiryPlan, EnquiryLedger } from '../../../src/core/enquiry-ledger-ports.js';
import { transition } from '../../../src/tickets/ticket.js';
import { ACTORS, makeEnquiry } from '../../fakes/factories.js';
import { FAKE_TEAMS } from '../../fakes/staff-directory.js';
import { createInMemoryTicketStores } from '../../fakes/ticket-stores.js';
import { openStack, tempDir } from './stack.js';

// The in-memory fakes (used by channel unit tests) and the SQLite adapters must behave alike.
const tmp = tempDir();
afterAll(() => tmp.remove());

const IMPLEMENTATIONS: [string, () => { ledger: EnquiryLedger; tickets: TicketStore; outbox: OutboxStore }][] = [
  ['in-memory fake', () => createInMemoryTicketStores()],
  ['SQLite', () => openStack(join(tmp.dir, `${Math.random().toString(36).slice(2)}.db`)).stores],
];

function createPlan(key: string): EnquiryPlan {
  const enquiry = makeEnquiry({ key, text: 'Unser Antrag' });
  return {
    enquiry,
    outcome: 'ticket_created',
    at: '2026-06-03T08:00:00.000Z',
    suppressedReason: null,
    ticket: {
      kind: 'create',
      draft: {
        category: 'antrag',
        channel: 'email',
        subject: 'Antrag',
        requester: { name: null, address: 'a@b.example', gemeinde: null, kreis: null, routeStatus: 'unknown', evidence: [], candidates: [] },
        replyHandle: enquiry.replyHandle,
        team: FAKE_TEAMS[0]!,
        deputyFor: null,
        assignmentReason: 'test',
        due: { firstResponseDue: '2026-06-08T21:59:59.999Z', resolutionDue: '2026-06-18T21:59:59.999Z' },
        text: 'Unser Antrag',
      },
    },
    outbox: [{ key: `${key}:ticket_confirmation`, channel: 'email', kind: 'ticket_confirmation', replyHandle: enquiry.replyHandle, payload: {}, withTicket: true }],
  };
}

describe.each(IMPLEMENTATIONS)('ticket ports: %s', (_name, make) => {
  it('creates numbered tickets, finds them by number and Message-ID, and reports duplicates', async () => {
    const { ledger } = make();
    const plan = createPlan('k1');
    const first = await ledger.commit(plan);
    expect(first).toMatchObject({ kind: 'committed', ticket: { number: 'IM-2026-000001', status: 'neu', team: { teamId: 'team-nord' } } });
    expect(await ledger.commit(createPlan('k2'))).toMatchObject({ ticket: { number: 'IM-2026-000002' } });
    expect(await ledger.commit(createPlan('k1'))).toEqual({ kind: 'duplicate', previous: 'ticket_created' });
    expect(await ledger.findEnquiry('k1')).toEqual({ outcome: 'ticket_created', ticketNumber: 'IM-2026-000001' });
    const handle = plan.enquiry.replyHandle;
    expect((await ledger.findTicket({ references: ['<unknown@x>', handle.channel === 'email' ? handle.messageId! : ''] }))?.number).toBe('IM-2026-000001');
    expect(await ledger.findTicket({ references: ['<unknown@x>'] })).toBeNull();
    expect((await ledger.findTicket({ number: 'IM-2026-000002' }))?.number).toBe('IM-2026-000002');
  });

  it('saves a change only on the version it was computed from', async () => {
    const { ledger, tickets } = make();
    await ledger.commit(createPlan('k1'));
    const t = (await tickets.find('IM-2026-000001'))!;
    const r = transition(t, { type: 'claim', by: ACTORS.nord1 }, new Date('2026-06-03T09:00:00.000Z'));
    if (!r.ok) throw new Error('refused');
    expect(await tickets.save({ expectedVersion: t.version, ticket: r.ticket, event: r.event, outbox: [] })).toBe('saved');
    expect(await tickets.save({ expectedVersion: t.version, ticket: r.ticket, event: r.event, outbox: [] })).toBe('conflict');
    expect(await tickets.find('IM-2026-000001')).toMatchObject({ assignee: 'sb-nord-1', version: t.version + 1 });
  });

  it('leases outbox messages with the ticket view, retries and marks them sent once', async () => {
    const { ledger, outbox } = make();
    await ledger.commit(createPlan('k1'));
    const now = new Date('2026-06-03T08:00:00.000Z');
    const [m] = await outbox.claimDue({ now, channels: ['email'], limit: 10, leaseMs: 1000, owner: 'w1' });
    expect(m).toMatchObject({ key: 'k1:ticket_confirmation', attempts: 1, ticketNumber: 'IM-2026-000001', payload: { ticket: { number: 'IM-2026-000001' } } });
    expect(await outbox.claimDue({ now, channels: ['email'], limit: 10, leaseMs: 1000, owner: 'w2' })).toEqual([]);
    expect(await outbox.markRetry(m!.id, 'w1', new Date('2026-06-03T08:00:05.000Z'), 'busy')).toBe(true);
    expect(await outbox.claimDue({ now: new Date('2026-06-03T08:00:04.000Z'), channels: ['email'], limit: 10, leaseMs: 1000, owner: 'w2' })).toEqual([]);
    const [again] = await outbox.claimDue({ now: new Date('2026-06-03T08:00:05.000Z'), channels: ['email'], limit: 10, leaseMs: 1000, owner: 'w2' });
    expect(again).toMatchObject({ key: 'k1:ticket_confirmation', attempts: 2 });
    expect(await outbox.markSent(again!.id, 'w1', now)).toBe(false);
    expect(await outbox.markSent(again!.id, 'w2', now)).toBe(true);
    expect(await outbox.claimDue({ now: new Date('2026-06-04T00:00:00.000Z'), channels: ['email'], limit: 10, leaseMs: 1000, owner: 'w3' })).toEqual([]);
  });
});
