import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import { runEscalations } from '../../../src/tickets/escalation.js';
import { runRetention } from '../../../src/tickets/retention.js';
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

async function escalate(s: ReturnType<typeof openStack>, at: string) {
  return await runEscalations(new Date(at), { store: s.stores.tickets, staff: s.staff, leadMailbox: 'leitung@rp.example', logger: silentLogger });
}

const escalationKeys = (s: ReturnType<typeof openStack>): string[] =>
  (s.db.prepare("SELECT key FROM outbox WHERE kind = 'escalation' ORDER BY id").all() as { key: string }[]).map((r) => r.key);

describe(runEscalations.name, () => {
  // Received Wed 3 June 2026; Fronleichnam Thu 4 June: first response due end of Mon 8 June,
  // resolution (10 working days) end of Thu 18 June.
  it('escalates each level exactly once, also across a restart', async () => {
    const s = openStack(path);
    const created = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const n = created.ticket.number;
    expect((await escalate(s, '2026-06-08T21:59:00Z')).escalated).toEqual([]);
    expect((await escalate(s, '2026-06-08T21:59:59.999Z')).escalated).toEqual([{ number: n, level: 1 }]);
    expect((await escalate(s, '2026-06-09T08:00:00Z')).escalated).toEqual([]);
    s.close();

    const restarted = openStack(path);
    expect((await escalate(restarted, '2026-06-10T08:00:00Z')).escalated).toEqual([]);
    expect((await escalate(restarted, '2026-06-18T21:59:59.999Z')).escalated).toEqual([{ number: n, level: 2 }]);
    expect((await escalate(restarted, '2026-06-18T22:00:00Z')).escalated).toEqual([]);
    expect((await escalate(restarted, '2026-07-01T08:00:00Z')).escalated).toEqual([]);
    expect(escalationKeys(restarted)).toEqual([`${n}:escalation:1:team`, `${n}:escalation:1:lead`, `${n}:escalation:2:team`, `${n}:escalation:2:lead`]);
    const events = (await restarted.service.show(n)).events.filter((e) => e.type === 'escalated');
    expect(events.map((e) => e.data.level)).toEqual([1, 2]);
    restarted.close();
  });

  it('does not escalate a first response that was given in time, nor a ticket waiting for the requester', async () => {
    const s = openStack(path);
    const created = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    s.clock.set('2026-06-05T09:00:00Z');
    expect((await s.service.answer(created.ticket.number, { text: 'Wir prüfen das.', by: ACTORS.nord1.id })).ok).toBe(true);
    expect((await escalate(s, '2026-07-01T08:00:00Z')).escalated).toEqual([]);
    s.close();
  });

  it('sends both levels when the job slept through both deadlines', async () => {
    const s = openStack(path);
    const created = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    expect((await escalate(s, '2026-07-01T08:00:00Z')).escalated.map((e) => e.level)).toEqual([1, 2]);
    s.close();
  });
});

describe(runRetention.name, () => {
  it('anonymises tickets closed longer than the retention period and keeps the audit facts', async () => {
    const clock = new FakeClock('2025-03-03T08:00:00.000Z');
    const s = openStack(path, { clock });
    const old = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT, receivedAt: clock.now() }));
    const recent = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
    if (old.kind !== 'ticket_created' || recent.kind !== 'ticket_created') throw new Error('setup');
    await s.service.answer(old.ticket.number, { text: 'Ihr Bescheid kommt.', by: ACTORS.nord1.id });
    await s.service.close(old.ticket.number, { by: ACTORS.nord1.id });
    clock.set('2026-01-10T08:00:00.000Z');
    await s.service.close(recent.ticket.number, { by: ACTORS.nord1.id });

    const before = (await s.service.show(old.ticket.number)).events.length;
    const result = await runRetention(new Date('2026-03-10T08:00:00.000Z'), { store: s.stores.tickets, logger: silentLogger, retentionDays: 365 });
    expect(result.anonymised).toEqual([old.ticket.number]);

    const shown = await s.service.show(old.ticket.number);
    expect(shown.ticket.requester).toMatchObject({ name: null, address: '[anonymisiert]', kreis: { ags: '08115' } });
    expect(shown.ticket.subject).toBe('[anonymisiert]');
    expect(shown.messages.every((m) => m.text === '[anonymisiert]')).toBe(true);
    expect(shown.events.map((e) => e.type)).toEqual(['created', 'assigned', 'answered', 'closed', 'anonymised']);
    expect(shown.events).toHaveLength(before + 1);
    const dump = JSON.stringify(s.db.prepare('SELECT * FROM outbox WHERE ticket_number = ?').all(old.ticket.number));
    expect(dump).not.toContain('erika');
    expect(dump).not.toContain('Bescheid kommt');
    expect((await s.stores.tickets.exportRequester('erika@gemeinde.example')).tickets.map((t) => t.ticket.number)).toEqual([recent.ticket.number]);
    expect((await runRetention(new Date('2026-03-10T08:00:00.000Z'), { store: s.stores.tickets, logger: silentLogger })).anonymised).toEqual([]);
    s.close();
  });

  it('returns a stored file for deletion only when no ticket left lists it (files are stored once by content)', async () => {
    const clock = new FakeClock('2025-03-03T08:00:00.000Z');
    const s = openStack(path, { clock });
    const shared = { filename: 'Sachbericht.pdf', contentType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) };
    const own = { filename: 'Liste.pdf', contentType: 'application/pdf', size: 10, sha256: 'b'.repeat(64) };
    const first = await s.enquire(makeEnquiry({ key: 'email:first@x', text: APPLICATION_TEXT, attachments: [shared, own], receivedAt: clock.now() }));
    const second = await s.enquire(makeEnquiry({ key: 'email:second@x', text: APPLICATION_TEXT, attachments: [shared], receivedAt: clock.now() }));
    if (first.kind !== 'ticket_created' || second.kind !== 'ticket_created') throw new Error('setup');
    await s.service.close(first.ticket.number, { by: ACTORS.nord1.id });
    clock.set('2026-01-10T08:00:00.000Z');
    await s.service.close(second.ticket.number, { by: ACTORS.nord1.id });

    const early = await runRetention(new Date('2026-03-10T08:00:00.000Z'), { store: s.stores.tickets, logger: silentLogger, retentionDays: 365 });
    expect(early.anonymised).toEqual([first.ticket.number]);
    expect(early.attachmentHashes).toEqual([own.sha256]);
    const late = await runRetention(new Date('2027-03-10T08:00:00.000Z'), { store: s.stores.tickets, logger: silentLogger, retentionDays: 365 });
    expect(late.anonymised).toEqual([second.ticket.number]);
    expect(late.attachmentHashes).toEqual([shared.sha256]);
    s.close();
  });

  it('removes the sender and answers of old enquiries without a ticket, and exports them before', async () => {
    const clock = new FakeClock('2025-03-03T08:00:00.000Z');
    const s = openStack(path, { clock });
    const enquiry = makeEnquiry({ text: 'Wie hoch ist die Förderung?', receivedAt: clock.now() });
    expect((await s.enquire(enquiry)).kind).toBe('answered');
    const exported = await s.stores.tickets.exportRequester('erika@gemeinde.example');
    expect(exported.enquiries).toMatchObject([{ key: enquiry.key, outcome: 'answered', ticketNumber: null }]);
    expect(exported.replies).toMatchObject([{ kind: 'auto_answer', payload: { answer: { passageId: 'vwv-im#5.2' } } }]);

    const result = await runRetention(new Date('2026-03-10T08:00:00.000Z'), { store: s.stores.tickets, logger: silentLogger });
    expect(result.enquiries).toBe(1);
    expect((await s.stores.tickets.exportRequester('erika@gemeinde.example')).enquiries).toEqual([]);
    const dump = JSON.stringify(s.db.prepare('SELECT * FROM outbox').all()) + JSON.stringify(s.db.prepare('SELECT * FROM enquiries').all());
    expect(dump).not.toContain('erika');
    s.close();
  });
});

describe('replies to anonymised tickets', () => {
  it('start a new ticket instead of reopening the anonymised one', async () => {
    const clock = new FakeClock('2025-03-03T08:00:00.000Z');
    const s = openStack(path, { clock });
    const old = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
    if (old.kind !== 'ticket_created') throw new Error(old.kind);
    await s.service.close(old.ticket.number, { by: ACTORS.nord1.id });
    await runRetention(new Date('2026-06-01T08:00:00.000Z'), { store: s.stores.tickets, logger: silentLogger });
    clock.set('2026-06-02T08:00:00.000Z');
    const late = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT, ticketNumber: old.ticket.number }));
    expect(late).toMatchObject({ kind: 'ticket_created', ticket: { number: 'IM-2026-000001' } });
    expect((await s.service.show(old.ticket.number)).ticket.status).toBe('erledigt');
    s.close();
  });
});
