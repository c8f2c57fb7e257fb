/**
 * A follow-up that names the municipality re-routes its ticket (issues 3, 5, 6), on a real SQLite file with
 * the real router, staff directory (knowledge/kontakte.yaml) and learned sender directory in the same
 * database, wired as the composition root does.
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleEnquiry, type HandleEnquiryDeps } from '../../../src/core/handle-enquiry.js';
import { silentLogger } from '../../../src/core/ports.js';
import { routingMigrations } from '../../../src/routing/migrations.js';
import { loadRouting, type Routing } from '../../../src/routing/router.loader.js';
import { SqliteSenderDirectory } from '../../../src/routing/sender-directory.sqlite.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import { createDeadlinePolicy } from '../../../src/tickets/deadlines.js';
import { ticketMigrations } from '../../../src/tickets/migrations.js';
import { createTicketService, type TicketService } from '../../../src/tickets/ticket-service.js';
import { createSqliteTicketStores } from '../../../src/tickets/ticket-store.sqlite.js';
import { FakeClock } from '../../fakes/clock.js';
import { makeEnquiry, makeRequest } from '../../fakes/factories.js';
import { createFakeAnswerer } from '../../fakes/knowledge.js';
import { tempDir } from './stack.js';

/** An application matter without any hint of municipality or Kreis. */
const UNROUTED = 'Unser Antrag vom 3. März, Aktenzeichen 4711: der Bescheid ist noch nicht da.';
const SENDER = 'sachbearbeitung@example.org';

let tmp: ReturnType<typeof tempDir>;
let db: Database.Database;
let routing: Routing;
let senders: SqliteSenderDirectory;
let deps: HandleEnquiryDeps;
let service: TicketService;
let stores: ReturnType<typeof createSqliteTicketStores>;
let clock: FakeClock;

beforeEach(async () => {
  tmp = tempDir();
  db = openDatabase(join(tmp.dir, 'pakt.db'), [...ticketMigrations, ...routingMigrations], silentLogger);
  senders = new SqliteSenderDirectory(db);
  clock = new FakeClock('2026-06-03T08:00:00.000Z');
  routing = await loadRouting({ logger: silentLogger, senderDirectory: senders, clock });
  stores = createSqliteTicketStores(db);
  deps = {
    answerer: createFakeAnswerer([]),
    router: routing.router,
    staff: routing.staff,
    ledger: stores.ledger,
    deadlines: createDeadlinePolicy(),
    clock,
    logger: silentLogger,
    senders: {
      confirm: (address, gemeindeAgs, provenance, at) => routing.confirmSender(address, gemeindeAgs, provenance, at),
      municipalityOf: (address) => senders.lookup(address)?.gemeindeAgs ?? null,
    },
  };
  service = createTicketService({ store: stores.tickets, staff: routing.staff, clock, logger: silentLogger });
});
afterEach(() => {
  db.close();
  tmp.remove();
});

async function centralTicket(from = SENDER): Promise<string> {
  const created = await handleEnquiry(makeRequest(makeEnquiry({ from, text: UNROUTED })), deps);
  if (created.kind !== 'ticket_created') throw new Error(created.kind);
  expect(created).toMatchObject({ needsMunicipality: true, ticket: { team: { teamId: 'zentrale' } } });
  return created.ticket.number;
}

describe(`${handleEnquiry.name}: follow-up re-routing on a real SQLite file`, () => {
  it('assigns the ticket to the Böblingen team when the reply names Aidlingen, records the event and remembers the sender', async () => {
    const number = await centralTicket();
    const reply = await handleEnquiry(makeRequest(makeEnquiry({ from: SENDER, text: 'Wir sind die Gemeinde Aidlingen.', ticketNumber: number })), deps);
    expect(reply).toMatchObject({ kind: 'follow_up', ticket: { number, team: { teamId: 'team-mitte' }, kreis: { ags: '08115' }, gemeinde: { name: 'Aidlingen' } } });

    const shown = await service.show(number);
    expect(shown.ticket).toMatchObject({ status: 'neu', assignee: null, requester: { routeStatus: 'resolved', candidates: [] } });
    expect(shown.events.map((e) => [e.type, e.actor])).toEqual([
      ['created', 'system'],
      ['assigned', 'system'],
      ['requester_replied', 'requester'],
      ['rerouted', 'requester'],
    ]);
    expect(shown.events[3]).toMatchObject({ data: { fromTeamId: 'zentrale', toTeamId: 'team-mitte', kreisAgs: '08115' } });
    expect(shown.events[3]?.note).toMatch(/^Landkreis Böblingen → .+ \(.*Aidlingen.*\)$/);
    expect(shown.outbox.at(-1)).toMatchObject({ kind: 'staff_notification', status: 'pending' });
    const notice = db.prepare("SELECT reply_handle FROM outbox WHERE ticket_number = ? AND kind = 'staff_notification' ORDER BY id DESC LIMIT 1").get(number) as { reply_handle: string };
    expect(JSON.parse(notice.reply_handle)).toMatchObject({ channel: 'staff', to: { team: 'team-mitte' } });

    const gemeindeAgs = reply.kind === 'follow_up' ? reply.ticket.gemeinde?.ags : undefined;
    expect(senders.lookup(SENDER)).toEqual({ gemeindeAgs, provenance: `Bestätigt in Vorgang ${number}`, confirmedAt: '2026-06-03T08:00:00.000Z' });
    // The next enquiry from that sender is routed without asking back.
    const next = await handleEnquiry(makeRequest(makeEnquiry({ from: SENDER, text: UNROUTED })), deps);
    expect(next).toMatchObject({ kind: 'ticket_created', needsMunicipality: false, ticket: { team: { teamId: 'team-mitte' } } });
  });

  it('keeps the ticket in the central queue when the reply is ambiguous again', async () => {
    const number = await centralTicket();
    await handleEnquiry(makeRequest(makeEnquiry({ from: SENDER, text: 'Wir sind aus Altdorf.', ticketNumber: number })), deps);
    const shown = await service.show(number);
    expect(shown.ticket.team.teamId).toBe('zentrale');
    expect(shown.events.map((e) => e.type)).not.toContain('rerouted');
    expect(senders.lookup(SENDER)).toBeNull();
  });

  it('records the same event type as the ask-back answered in Teams (resolveMunicipality)', async () => {
    const byMail = await centralTicket();
    await handleEnquiry(makeRequest(makeEnquiry({ from: SENDER, text: 'Wir sind die Gemeinde Aidlingen.', ticketNumber: byMail })), deps);
    const byTeams = await centralTicket('someone-else@example.org');
    const aidlingen = routing.gemeinden.all().find((g) => g.name === 'Aidlingen')!;
    // No candidates on this ticket: the names come from the route of the answer, as the Teams card passes them.
    await expect(service.resolveMunicipality(byTeams, { ags: aidlingen.ags, by: 'requester' })).rejects.toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    const route = routing.router.route({ text: 'Aidlingen' });
    const input = { ags: aidlingen.ags, by: 'requester', gemeinde: route.gemeinde, kreis: route.kreis!, evidence: route.evidence };
    expect((await service.resolveMunicipality(byTeams, input)).ok).toBe(true);
    expect((await service.show(byTeams)).ticket.requester).toMatchObject({
      gemeinde: { ags: '08115001', name: 'Aidlingen' },
      kreis: { ags: '08115', name: 'Böblingen', typ: 'Landkreis' },
      evidence: ['Gemeinde vom Anfragenden angegeben: Aidlingen (Landkreis Böblingen)', ...route.evidence],
    });

    const last = async (number: string) => (await service.show(number)).events.at(-1);
    expect(await last(byMail)).toMatchObject({ type: 'rerouted', actor: 'requester', data: { toTeamId: 'team-mitte' } });
    expect(await last(byTeams)).toMatchObject({ type: 'rerouted', actor: 'requester', data: { toTeamId: 'team-mitte' } });
  });
});

describe(`${handleEnquiry.name}: who may continue a ticket by its number (real ledger)`, () => {
  const teams = (aad: string, key: string) => ({
    key,
    channel: 'teams' as const,
    from: aad,
    subject: '',
    replyHandle: { channel: 'teams' as const, conversationReference: { conversation: { id: `a:${aad}` } } },
  });

  it('ignores the number in someone else\'s Teams message (a new enquiry, the ticket untouched) but threads the requester\'s own', async () => {
    const created = await handleEnquiry(makeRequest(makeEnquiry({ ...teams('aad-a', 'teams:a:1'), text: UNROUTED }), { reply: 'inline' }), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const number = created.ticket.number;
    const hijack = await handleEnquiry(makeRequest(makeEnquiry({ ...teams('aad-b', 'teams:b:1'), text: `${number} wir sind die Stadt Ulm`, ticketNumber: number }), { reply: 'inline' }), deps);
    expect(hijack.kind).not.toBe('follow_up');
    expect(await service.show(number)).toMatchObject({ ticket: { team: { teamId: 'zentrale' }, requester: { kreis: null } }, messages: [{ direction: 'in' }] });
    expect((await service.show(number)).messages).toHaveLength(1);

    const own = await handleEnquiry(makeRequest(makeEnquiry({ ...teams('aad-a', 'teams:a:2'), text: `${number} wir sind die Stadt Ulm`, ticketNumber: number }), { reply: 'inline' }), deps);
    expect(own).toMatchObject({ kind: 'follow_up', ticket: { number, kreis: { ags: '08421', typ: 'Stadtkreis' } } });
  });

  it('opens a new ticket for a stranger naming the number: the old ticket keeps status, team and events, and no sender is learned', async () => {
    const number = await centralTicket();
    const before = await service.show(number);
    const stranger = makeEnquiry({
      from: 'fremder@example.net',
      subject: `AW: [${number}] Ihr Vorgang`,
      text: 'Wir sind die Gemeinde Aidlingen.',
      ticketNumber: number,
      replyHandle: { channel: 'email', to: 'fremder@example.net', messageId: '<x1@example.net>', references: [], subject: `AW: [${number}] Ihr Vorgang` },
    });
    const outcome = await handleEnquiry(makeRequest(stranger), deps);
    expect(outcome.kind).toBe('ticket_created');
    if (outcome.kind !== 'ticket_created') return;
    expect(await service.show(number)).toEqual(before);
    expect(senders.lookup('fremder@example.net')).toBeNull();
    const note = `Bezieht sich auf ${number}; Zuordnung durch die Sachbearbeitung prüfen`;
    expect((await service.show(outcome.ticket.number)).messages).toEqual([
      expect.objectContaining({ direction: 'in', author: 'requester', text: 'Wir sind die Gemeinde Aidlingen.' }),
      expect.objectContaining({ direction: 'note', author: 'system', text: note }),
    ]);
    const confirmation = db.prepare("SELECT reply_handle FROM outbox WHERE ticket_number = ? AND kind = 'ticket_confirmation'").get(outcome.ticket.number) as { reply_handle: string };
    expect(JSON.parse(confirmation.reply_handle)).toMatchObject({ to: 'fremder@example.net' });
  });

  it('lets a colleague the directory knows for the ticket\'s municipality continue it', async () => {
    const created = await handleEnquiry(makeRequest(makeEnquiry({ from: SENDER, text: `${UNROUTED} Gemeinde Aidlingen` })), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    expect(created.ticket.gemeinde?.name).toBe('Aidlingen');
    routing.confirmSender('kollegin@example.org', '08115001', 'test', clock.now());
    const colleague = await handleEnquiry(makeRequest(makeEnquiry({ from: 'Kollegin@Example.org', text: 'Anbei der Bescheid.', ticketNumber: created.ticket.number })), deps);
    expect(colleague).toMatchObject({ kind: 'follow_up', ticket: { number: created.ticket.number } });
  });

  it('does not let an outsider in who had the directory learn the municipality on a ticket of his own', async () => {
    const created = await handleEnquiry(makeRequest(makeEnquiry({ from: SENDER, text: `${UNROUTED} Gemeinde Aidlingen` })), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const own = await centralTicket('fremder@example.net');
    await handleEnquiry(makeRequest(makeEnquiry({ from: 'fremder@example.net', text: 'Wir sind die Gemeinde Aidlingen.', ticketNumber: own })), deps);
    expect(senders.lookup('fremder@example.net')?.gemeindeAgs).toBe('08115001');
    const before = await service.show(created.ticket.number);
    expect((await handleEnquiry(makeRequest(makeEnquiry({ from: 'fremder@example.net', text: 'Neue Bankverbindung', ticketNumber: created.ticket.number })), deps)).kind).toBe('ticket_created');
    expect(await service.show(created.ticket.number)).toEqual(before);
  });

  it('lets the recipient of our sent reply continue through its Message-ID, but not a stranger holding a forwarded copy', async () => {
    const first = makeEnquiry({
      from: 'amt@example.org',
      text: UNROUTED,
      replyHandle: { channel: 'email', to: 'integration@example.org', messageId: '<q1@example.org>', references: [], subject: 'Frage' },
    });
    const created = await handleEnquiry(makeRequest(first), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const number = created.ticket.number;
    for (const m of await stores.outbox.claimDue({ now: clock.now(), channels: ['email'], limit: 10, leaseMs: 60_000, owner: 'w' })) {
      await stores.outbox.markSent(m.id, 'w', clock.now(), `<pakt.${m.kind}@rps.bwl.de>`);
    }
    const ours = '<pakt.ticket_confirmation@rps.bwl.de>';
    const reply = (from: string, id: string, references: string[]) =>
      makeEnquiry({ from, text: 'Wir sind die Gemeinde Aidlingen.', replyHandle: { channel: 'email', to: from, messageId: id, references, subject: 'AW' } });

    expect((await stores.ledger.findTicket({ references: [ours, '<pakt.staff_notification@rps.bwl.de>'] }))?.ourReplies).toEqual([{ kind: 'ticket_confirmation', to: 'integration@example.org' }]);
    expect((await handleEnquiry(makeRequest(reply('fremder@example.net', '<f1@example.net>', [ours])), deps)).kind).toBe('ticket_created');
    expect((await handleEnquiry(makeRequest(reply('team-mitte@rps.bwl.de', '<s1@rps.bwl.de>', ['<pakt.staff_notification@rps.bwl.de>'])), deps)).kind).toBe('ticket_created');
    expect((await service.show(number)).ticket.team.teamId).toBe('zentrale');
    expect(await handleEnquiry(makeRequest(reply('integration@example.org', '<a1@example.org>', [ours])), deps)).toMatchObject({ kind: 'follow_up', ticket: { number, team: { teamId: 'team-mitte' } } });
    expect(senders.lookup('integration@example.org')?.gemeindeAgs).toBe('08115001');
    expect(senders.lookup('fremder@example.net')).toBeNull();
  });
});
