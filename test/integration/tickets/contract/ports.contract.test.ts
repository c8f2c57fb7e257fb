/**
 * Port contract (issue 15): the same behaviour of TicketStore, OutboxStore and EnquiryLedger on every
 * implementation. Races run between two processes on one store (see implementations.ts); the outcome is
 * asserted, never a timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EnquiryPlan } from '../../../../src/core/enquiry-ledger-ports.js';
import type { OutboxDraft } from '../../../../src/core/ticket-model.js';
import { transition } from '../../../../src/tickets/ticket.js';
import { ACTORS, makeEnquiry } from '../../../fakes/factories.js';
import { FAKE_TEAMS } from '../../../fakes/staff-directory.js';
import { postgresAvailability, startPostgres, type PostgresServer } from '../../../helpers/postgres.js';
import { fakeImplementation, postgresImplementation, sqliteImplementation, type Implementation, type OpenStore } from './implementations.js';

// Without PostgreSQL binaries its implementation is skipped with a reason; with CI=true this throws (never a skip).
const availability = postgresAvailability();
let dir = '';
let server: PostgresServer | undefined;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pakt-contract-'));
  if (availability.available) server = await startPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const IMPLEMENTATIONS: Implementation[] = [
  fakeImplementation,
  sqliteImplementation(() => dir),
  ...(availability.available ? [postgresImplementation(() => server!)] : []),
];
if (!availability.available) it.skip(`PostgreSQL: ${availability.reason}`, () => undefined);

const AT = '2026-06-03T08:00:00.000Z';
const NOW = new Date(AT);

function createPlan(key: string, messageId = `<${key}@gemeinde.example>`): EnquiryPlan {
  const enquiry = makeEnquiry({ key, text: 'Unser Antrag', replyHandle: { channel: 'email', to: 'a@b.example', messageId, references: [], subject: 'Antrag' } });
  return {
    enquiry,
    outcome: 'ticket_created',
    at: AT,
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

const mailDraft = (key: string): OutboxDraft => ({
  key,
  channel: 'email',
  kind: 'auto_answer',
  replyHandle: { channel: 'email', to: 'a@b.example', messageId: null, references: [], subject: 'Frage' },
  payload: { n: key },
  withTicket: false,
});
const claim = (store: OpenStore['a'], owner: string, now = NOW, leaseMs = 1000, limit = 100) =>
  store.outbox.claimDue({ now, channels: ['email'], limit, leaseMs, owner });

describe.each(IMPLEMENTATIONS)('ticket ports: $name', (impl) => {
  let store: OpenStore;
  const open = async (): Promise<OpenStore> => {
    store = await impl.open();
    return store;
  };
  afterEach(async () => {
    await store?.close();
  });

  it('creates numbered tickets, finds them by number and Message-ID, and reports duplicates', async () => {
    const { a } = await open();
    const first = await a.ledger.commit(createPlan('k1'));
    expect(first).toMatchObject({ kind: 'committed', ticket: { number: 'IM-2026-000001', status: 'neu', team: { teamId: 'team-nord' } } });
    expect(await a.ledger.commit(createPlan('k2'))).toMatchObject({ ticket: { number: 'IM-2026-000002' } });
    expect(await a.ledger.commit(createPlan('k1'))).toEqual({ kind: 'duplicate', previous: 'ticket_created' });
    expect(await a.ledger.findEnquiry('k1')).toEqual({ outcome: 'ticket_created', ticketNumber: 'IM-2026-000001' });
    expect(await a.ledger.findEnquiry('k3')).toBeNull();
    expect((await a.ledger.findTicket({ references: ['<unknown@x>', '<k1@gemeinde.example>'] }))?.number).toBe('IM-2026-000001');
    expect(await a.ledger.findTicket({ references: ['<unknown@x>'] })).toBeNull();
    expect((await a.ledger.findTicket({ number: 'IM-2026-000002' }))?.number).toBe('IM-2026-000002');
  });

  it('allocates distinct consecutive ticket numbers to commits racing from two processes', async () => {
    const { a, b } = await open();
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? a : b).ledger.commit(createPlan(`race-${i}`))));
    const numbers = results.map((r) => (r.kind === 'committed' ? r.ticket?.number : null)).sort();
    expect(numbers).toEqual(Array.from({ length: 16 }, (_, i) => `IM-2026-${String(i + 1).padStart(6, '0')}`));
  });

  it('records an enquiry committed by two processes at once exactly once', async () => {
    const { a, b } = await open();
    const results = await Promise.all([a.ledger.commit(createPlan('same')), b.ledger.commit(createPlan('same'))]);
    expect(results.map((r) => r.kind).sort()).toEqual(['committed', 'duplicate']);
    expect(await a.tickets.list({})).toHaveLength(1);
    expect((await claim(a, 'w')).map((m) => m.key)).toEqual(['same:ticket_confirmation']);
  });

  it('saves a change only on the version it was computed from, also when two processes race', async () => {
    const { a, b } = await open();
    await a.ledger.commit(createPlan('k1'));
    const t = (await a.tickets.find('IM-2026-000001'))!;
    const by1 = transition(t, { type: 'claim', by: ACTORS.nord1 }, new Date('2026-06-03T09:00:00.000Z'));
    const by2 = transition(t, { type: 'claim', by: ACTORS.nord2 }, new Date('2026-06-03T09:00:00.000Z'));
    if (!by1.ok || !by2.ok) throw new Error('refused');
    const saved = await Promise.all([
      a.tickets.save({ expectedVersion: t.version, ticket: by1.ticket, event: by1.event, outbox: [] }),
      b.tickets.save({ expectedVersion: t.version, ticket: by2.ticket, event: by2.event, outbox: [] }),
    ]);
    expect(saved.sort()).toEqual(['conflict', 'saved']);
    const after = (await b.tickets.find('IM-2026-000001'))!;
    expect(after.version).toBe(t.version + 1);
    expect(after.assignee).toBe(saved[0] === 'saved' ? 'sb-nord-1' : after.assignee);
    expect((await a.tickets.details('IM-2026-000001'))!.events.filter((e) => e.type === 'claimed')).toHaveLength(1);
    expect(await a.tickets.save({ expectedVersion: t.version, ticket: by1.ticket, event: by1.event, outbox: [] })).toBe('conflict');
  });

  it('hands each due message to exactly one of the workers claiming at once from two processes', async () => {
    const { a, b } = await open();
    const all = Array.from({ length: 40 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    await a.outbox.enqueue(all.map(mailDraft), null, NOW);
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => claim(i % 2 === 0 ? a : b, `w${i}`, NOW, 1000, 7)));
    const keys = claims.flat().map((m) => m.key);
    expect(keys.length).toBe(new Set(keys).size);
    const rest = await claim(a, 'w-last', NOW, 1000, 100);
    expect([...keys, ...rest.map((m) => m.key)].sort()).toEqual(all);
  });

  it('lets a lease expire: the message goes to the next worker, and the first can no longer complete it', async () => {
    const { a, b } = await open();
    await a.outbox.enqueue([mailDraft('lease')], null, NOW);
    const [m] = await claim(a, 'w1', NOW, 1000);
    expect(m).toMatchObject({ key: 'lease', attempts: 1, payload: { n: 'lease' } });
    expect(await claim(b, 'w2', new Date(NOW.getTime() + 999))).toEqual([]);
    const [again] = await claim(b, 'w2', new Date(NOW.getTime() + 1000));
    expect(again).toMatchObject({ id: m!.id, attempts: 2 });
    expect(await a.outbox.markSent(m!.id, 'w1', NOW)).toBe(false);
    expect(await a.outbox.markRetry(m!.id, 'w1', NOW, 'x')).toBe(false);
    expect(await b.outbox.markSent(again!.id, 'w2', NOW, '<sent@rp.example>')).toBe(true);
    expect(await claim(a, 'w3', new Date('2026-06-04T00:00:00.000Z'))).toEqual([]);
  });

  it('retries at the time given and gives up on a dead message', async () => {
    const { a } = await open();
    await a.outbox.enqueue([mailDraft('r')], null, NOW);
    const [m] = await claim(a, 'w1');
    expect(await a.outbox.markRetry(m!.id, 'w1', new Date(NOW.getTime() + 5000), 'busy')).toBe(true);
    expect(await claim(a, 'w2', new Date(NOW.getTime() + 4999), 60_000)).toEqual([]);
    const [again] = await claim(a, 'w2', new Date(NOW.getTime() + 5000), 60_000);
    expect(await a.outbox.markDead(again!.id, 'w2', NOW, 'bounced')).toBe(true);
    expect(await claim(a, 'w3', new Date('2026-07-01T00:00:00.000Z'))).toEqual([]);
  });

  it('leases linked messages with the current ticket view', async () => {
    const { a } = await open();
    await a.ledger.commit(createPlan('k1'));
    const [m] = await claim(a, 'w1');
    expect(m).toMatchObject({ key: 'k1:ticket_confirmation', ticketNumber: 'IM-2026-000001', payload: { ticket: { number: 'IM-2026-000001', status: 'neu' } } });
  });

  it('fans a staff message out once: each leg one row, a repeated fan-out or enqueue adds nothing', async () => {
    const { a, b } = await open();
    const staff: OutboxDraft = { key: 's1', channel: 'staff', kind: 'staff_notification', replyHandle: { channel: 'staff', to: { team: 'team-nord' }, subject: 'Neu' }, payload: { headline: 'neu' }, withTicket: false };
    await a.outbox.enqueue([staff], null, NOW);
    await b.outbox.enqueue([staff], null, NOW);
    const [m, extra] = await a.outbox.claimDue({ now: NOW, channels: ['staff'], limit: 10, leaseMs: 1000, owner: 'w1' });
    expect(extra).toBeUndefined();
    const legs = [
      { suffix: 'email', channel: 'email' as const, replyHandle: { channel: 'email' as const, to: 'nord@rp.example', messageId: null, references: [], subject: 'Neu' } },
      { suffix: 'teams', channel: 'teams' as const, replyHandle: { channel: 'teams' as const, conversationReference: { conversation: { id: '19:nord' } } } },
    ];
    const fanned = await Promise.all([a.outbox.fanOut(m!.id, 'w1', NOW, legs), b.outbox.fanOut(m!.id, 'w1', NOW, legs)]);
    expect(fanned.sort()).toEqual([false, true]);
    expect(await b.outbox.fanOut(m!.id, 'w1', NOW, legs)).toBe(false);
    const out = await a.outbox.claimDue({ now: NOW, channels: ['email', 'teams', 'staff'], limit: 10, leaseMs: 1000, owner: 'w2' });
    expect(out.map((o) => [o.key, o.channel]).sort()).toEqual([['s1:email', 'email'], ['s1:teams', 'teams']]);
    expect(out.every((o) => o.payload['headline'] === 'neu')).toBe(true);
  });

  it('reroutes a dead message to its fallback channel once', async () => {
    const { a } = await open();
    await a.outbox.enqueue([{ ...mailDraft('t1'), channel: 'teams', replyHandle: { channel: 'teams', conversationReference: {} } }], null, NOW);
    const [m] = await a.outbox.claimDue({ now: NOW, channels: ['teams'], limit: 10, leaseMs: 1000, owner: 'w1' });
    const target = { channel: 'email' as const, replyHandle: { channel: 'email' as const, to: 'a@b.example', messageId: null, references: [], subject: 'Frage' } };
    expect(await a.outbox.reroute(m!.id, 'w1', NOW, 'gone', target)).toBe(true);
    expect(await a.outbox.reroute(m!.id, 'w1', NOW, 'gone', target)).toBe(false);
    expect((await claim(a, 'w2')).map((o) => o.key)).toEqual(['t1:fallback:email']);
  });

  it('threads a reply to the ticket whose reference was recorded last, and to a sent message of it', async () => {
    const { a } = await open();
    await a.ledger.commit(createPlan('k1', '<one@gemeinde.example>'));
    await a.ledger.commit(createPlan('k2', '<two@gemeinde.example>'));
    expect((await a.ledger.findTicket({ references: ['<two@gemeinde.example>', '<one@gemeinde.example>'] }))?.number).toBe('IM-2026-000002');
    const [first] = (await claim(a, 'w1')).filter((m) => m.ticketNumber === 'IM-2026-000001');
    expect(await a.outbox.markSent(first!.id, 'w1', NOW, '<our-reply@rp.example>')).toBe(true);
    const found = await a.ledger.findTicket({ references: ['<two@gemeinde.example>', '<our-reply@rp.example>'] });
    expect(found?.number).toBe('IM-2026-000001');
    expect(found?.ourReplies).toEqual([{ kind: 'ticket_confirmation', to: 'a@b.example' }]);
  });
});
