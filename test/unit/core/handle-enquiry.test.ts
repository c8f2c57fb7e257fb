import { beforeEach, describe, expect, it } from 'vitest';
import { handleEnquiry, type HandleEnquiryDeps } from '../../../src/core/handle-enquiry.js';
import { createDeadlinePolicy } from '../../../src/tickets/deadlines.js';
import { transition } from '../../../src/tickets/ticket.js';
import { FakeClock } from '../../fakes/clock.js';
import { ACTORS, makeEnquiry } from '../../fakes/factories.js';
import { createFakeAnswerer } from '../../fakes/knowledge.js';
import { createRecordingLogger } from '../../fakes/logger.js';
import { createFakeRouter } from '../../fakes/router.js';
import { createFakeStaffDirectory } from '../../fakes/staff-directory.js';
import { createInMemoryTicketStores, type InMemoryTicketStores } from '../../fakes/ticket-stores.js';

const APPLICATION = 'Unser Antrag vom 3. März, Aktenzeichen IM-123: der Bescheid ist noch nicht da. Gemeinde Sindelfingen, Landkreis Böblingen';

let stores: InMemoryTicketStores;
let deps: HandleEnquiryDeps & { staff: ReturnType<typeof createFakeStaffDirectory>; logger: ReturnType<typeof createRecordingLogger> };

beforeEach(() => {
  stores = createInMemoryTicketStores();
  deps = {
    answerer: createFakeAnswerer([
      [/Förderung/, 'answer'],
      [/Reisepass/, 'out_of_scope'],
      [/Fortbildung/, 'suggest'],
    ]),
    router: createFakeRouter(),
    staff: createFakeStaffDirectory(),
    ledger: stores.ledger,
    deadlines: createDeadlinePolicy(),
    clock: new FakeClock('2026-06-03T08:00:00.000Z'),
    logger: createRecordingLogger(),
  };
});

const kinds = (): string[] => stores.state.outbox.map((o) => o.kind);

describe(handleEnquiry.name, () => {
  it('answers a general question and enqueues the auto answer to the requester', () => {
    const enquiry = makeEnquiry({ text: 'Wie hoch ist die Förderung für eine Stelle?' });
    const outcome = handleEnquiry(enquiry, deps);
    expect(outcome.kind).toBe('answered');
    expect(stores.state.outbox).toHaveLength(1);
    expect(stores.state.outbox[0]).toMatchObject({ key: `${enquiry.key}:auto_answer`, kind: 'auto_answer', channel: 'email', replyHandle: enquiry.replyHandle });
    expect(stores.state.outbox[0]?.payload).toMatchObject({ answer: { passageId: 'vwv-im#5.2' } });
  });

  it('reports a repeated enquiry key as duplicate and sends nothing twice', () => {
    const enquiry = makeEnquiry({ text: 'Wie hoch ist die Förderung?' });
    handleEnquiry(enquiry, deps);
    const again = handleEnquiry(enquiry, deps);
    expect(again).toEqual({ kind: 'duplicate', enquiryKey: enquiry.key, previous: 'answered' });
    expect(stores.state.outbox).toHaveLength(1);
  });

  it('creates a ticket for an application matter, assigned to the Kreis team, with confirmation and staff notice', () => {
    const outcome = handleEnquiry(makeEnquiry({ subject: 'Bescheid', text: APPLICATION }), deps);
    expect(outcome.kind).toBe('ticket_created');
    if (outcome.kind !== 'ticket_created') return;
    expect(outcome.ticket.number).toBe('IM-2026-000001');
    expect(outcome.ticket.team).toMatchObject({ teamId: 'team-nord' });
    expect(outcome.ticket.kreis?.ags).toBe('08115');
    expect(outcome.needsMunicipality).toBe(false);
    expect(outcome.ticket.firstResponseDue).toBe('2026-06-08T21:59:59.999Z');
    expect(kinds()).toEqual(['ticket_confirmation', 'staff_notification']);
    const notice = stores.state.outbox[1]!;
    expect(notice.replyHandle).toMatchObject({ channel: 'email', to: 'team-nord@rp.example' });
    expect(notice.payload).toMatchObject({ ticket: { number: 'IM-2026-000001' } });
    expect(stores.state.outbox[0]?.ticketNumber).toBe('IM-2026-000001');
    const events = stores.state.tickets.get('IM-2026-000001')!.events;
    expect(events.map((e) => e.type)).toEqual(['created', 'assigned']);
    expect(events[1]?.note).toContain('Team Nord');
  });

  it('sends an ambiguous Kreis to the central queue and asks for the municipality', () => {
    const outcome = handleEnquiry(makeEnquiry({ text: 'Unser Antrag: wann kommt der Bescheid? Gemeinde Altdorf' }), deps);
    expect(outcome.kind).toBe('ticket_created');
    if (outcome.kind !== 'ticket_created') return;
    expect(outcome.ticket.team.teamId).toBe('zentral');
    expect(outcome.needsMunicipality).toBe(true);
    expect(outcome.candidates).toHaveLength(2);
    expect(kinds()).toEqual(['ticket_confirmation', 'ask_municipality', 'staff_notification']);
    expect(stores.state.outbox[1]?.payload).toMatchObject({ candidates: [{ kreisAgs: '08115' }, { kreisAgs: '08116' }] });
  });

  it('gives the ticket to the deputy team when the responsible team is absent, and records why', () => {
    deps.staff.setAbsent(['team-nord']);
    const outcome = handleEnquiry(makeEnquiry({ text: APPLICATION }), deps);
    if (outcome.kind !== 'ticket_created') throw new Error(outcome.kind);
    expect(outcome.ticket.team).toMatchObject({ teamId: 'team-sued', deputyFor: 'team-nord' });
    expect(stores.state.tickets.get(outcome.ticket.number)!.events[1]?.note).toContain('Vertretung für Team Nord');
  });

  it('puts no requester message in the outbox when Teams replies inline, but still notifies staff', () => {
    const enquiry = makeEnquiry({ channel: 'teams', key: 'teams:a1', text: APPLICATION, replyHandle: { channel: 'teams', conversationReference: { conversation: { id: 'c1' } } } });
    const outcome = handleEnquiry(enquiry, { ...deps, inlineReply: true });
    expect(outcome.kind).toBe('ticket_created');
    expect(kinds()).toEqual(['staff_notification']);
  });

  it('offers suggestions in Teams and declines out-of-scope questions with the contact', () => {
    const teams = { channel: 'teams' as const, replyHandle: { channel: 'teams' as const, conversationReference: {} } };
    expect(handleEnquiry(makeEnquiry({ ...teams, key: 'teams:s', text: 'Wird eine Fortbildung bezahlt?' }), deps).kind).toBe('suggested');
    expect(handleEnquiry(makeEnquiry({ text: 'Wie beantrage ich einen Reisepass?' }), deps).kind).toBe('declined');
    expect(kinds()).toEqual(['suggestions', 'declined']);
  });

  it('acknowledges thanks without any outbox message', () => {
    const outcome = handleEnquiry(makeEnquiry({ subject: 'Danke', text: 'Vielen Dank für Ihre Hilfe!' }), deps);
    expect(outcome.kind).toBe('acknowledged');
    expect(stores.state.outbox).toHaveLength(0);
  });

  it('appends a reply to its ticket (by number), reopens a closed ticket and notifies the holder', () => {
    const created = handleEnquiry(makeEnquiry({ text: APPLICATION }), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const number = created.ticket.number;
    const current = stores.tickets.find(number)!;
    const closed = transition({ ...current, assignee: 'sb-nord-1', status: 'wartet' }, { type: 'close', by: ACTORS.nord1 }, deps.clock.now());
    if (!closed.ok) throw new Error('refused');
    stores.tickets.save({ expectedVersion: current.version, ticket: closed.ticket, event: closed.event, outbox: [] });

    const reply = handleEnquiry(makeEnquiry({ text: 'Es fehlt noch etwas.', ticketNumber: number }), deps);
    expect(reply).toMatchObject({ kind: 'follow_up', reopened: true, ticket: { number, status: 'in_bearbeitung' } });
    expect(stores.state.tickets.get(number)!.messages.map((m) => m.direction)).toEqual(['in', 'in']);
    expect(stores.state.outbox.at(-1)).toMatchObject({ kind: 'staff_notification', replyHandle: { to: 'sb-nord-1@rp.example' } });
  });

  it('finds the ticket of a mail reply through its References', () => {
    const first = makeEnquiry({ text: APPLICATION });
    const created = handleEnquiry(first, deps);
    if (created.kind !== 'ticket_created' || first.replyHandle.channel !== 'email') throw new Error('setup');
    const reply = makeEnquiry({ text: 'Nachtrag', replyHandle: { channel: 'email', to: first.from, messageId: '<r@x>', references: [first.replyHandle.messageId!], subject: 'AW' } });
    expect(handleEnquiry(reply, deps)).toMatchObject({ kind: 'follow_up', ticket: { number: created.ticket.number }, reopened: false });
  });

  it('records a suppressed auto-reply on its ticket without reopening or sending', () => {
    const created = handleEnquiry(makeEnquiry({ text: APPLICATION }), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const before = stores.state.outbox.length;
    const outcome = handleEnquiry(makeEnquiry({ text: 'Ich bin im Urlaub.', ticketNumber: created.ticket.number }), { ...deps, suppress: 'auto_reply' });
    expect(outcome).toMatchObject({ kind: 'suppressed', reason: 'auto_reply', ticket: { number: created.ticket.number, status: 'neu' } });
    expect(stores.state.outbox).toHaveLength(before);
    expect(stores.state.tickets.get(created.ticket.number)!.messages.at(-1)).toMatchObject({ suppressed: true });
    expect(handleEnquiry(makeEnquiry({ text: 'Out of office' }), { ...deps, suppress: 'auto_reply' })).toMatchObject({ kind: 'suppressed', ticket: null });
  });

  it('opens a forced ticket whatever triage says, without telling the requester unless asked to', () => {
    const forced = { reason: 'Nicht verarbeitbare E-Mail in der Quarantäne', notifyRequester: false };
    const outcome = handleEnquiry(makeEnquiry({ text: 'Wie hoch ist die Förderung?' }), { ...deps, forceTicket: forced });
    expect(outcome.kind).toBe('ticket_created');
    if (outcome.kind !== 'ticket_created') return;
    expect(outcome.triage.reasons[0]).toBe(forced.reason);
    expect(outcome.ticket.category).toBe('sonstiges');
    expect(kinds()).toEqual(['staff_notification']);

    handleEnquiry(makeEnquiry({ key: 'email:forced-2', text: 'Wie hoch ist die Förderung?' }), { ...deps, forceTicket: { ...forced, notifyRequester: true } });
    expect(kinds()).toEqual(['staff_notification', 'ticket_confirmation', 'ask_municipality', 'staff_notification']);
  });

  it('gives a ticket without subject (Teams) the start of the message as its subject', () => {
    const text = 'Unser Antrag vom 3. März ist noch offen, der Bescheid fehlt uns weiterhin und wir bitten um Nachricht, wann er kommt. Gemeinde Sindelfingen';
    const outcome = handleEnquiry(makeEnquiry({ channel: 'teams', subject: '', text }), { ...deps, inlineReply: true });
    expect(outcome.kind).toBe('ticket_created');
    if (outcome.kind !== 'ticket_created') return;
    expect(outcome.ticket.subject).toBe('Unser Antrag vom 3. März ist noch offen, der Bescheid fehlt uns weiterhin und …');
  });

  it('records an empty enquiry as invalid without any reply', () => {
    const outcome = handleEnquiry(makeEnquiry({ subject: ' ', text: '  ' }), deps);
    expect(outcome.kind).toBe('invalid');
    expect(stores.state.outbox).toHaveLength(0);
    expect([...stores.state.enquiries.values()]).toMatchObject([{ outcome: 'invalid', ticketNumber: null }]);
  });

  it('declines with the contact from the route', () => {
    handleEnquiry(makeEnquiry({ text: 'Wie beantrage ich einen Reisepass?' }), deps);
    expect(stores.state.outbox[0]?.payload).toMatchObject({ message: 'Dazu kann ich leider nichts sagen.' });
  });

  it('triages the whole text of a huge enquiry (the case is stated after 200,000 characters) and keeps all of it', () => {
    const text = `${'Wir berichten über die Arbeit vor Ort, die Beratungen laufen gut. '.repeat(3_000)}Unser Antrag vom 3. März ist noch offen.`;
    const outcome = handleEnquiry(makeEnquiry({ text }), deps);
    if (outcome.kind !== 'ticket_created') throw new Error(outcome.kind);
    expect(outcome.triage.intent).toBe('application_matter');
    expect(outcome.triage.reasons).toContain('Bezug auf einen eigenen Vorgang: „Unser Antrag“');
    expect(stores.state.tickets.get(outcome.ticket.number)!.messages[0]?.text).toHaveLength(text.length);
  });

  it('never logs personal data', () => {
    handleEnquiry(makeEnquiry({ text: APPLICATION }), deps);
    handleEnquiry(makeEnquiry({ text: 'Wie hoch ist die Förderung?' }), deps);
    const logged = deps.logger.text();
    expect(logged).toContain('IM-2026-000001');
    for (const secret of ['erika', 'Erika Muster', 'Aktenzeichen', 'Förderung', 'gemeinde.example']) expect(logged).not.toContain(secret);
  });
});

describe(`${handleEnquiry.name}: a follow-up that names the municipality (issues 3, 5, 6)`, () => {
  const UNROUTED = 'Unser Antrag vom 3. März, Aktenzeichen IM-123: der Bescheid ist noch nicht da.';
  let confirmed: { address: string; gemeindeAgs: string; provenance: string; at: Date }[];

  beforeEach(() => {
    confirmed = [];
    deps.senders = { confirm: (address, gemeindeAgs, provenance, at) => void confirmed.push({ address, gemeindeAgs, provenance, at }) };
  });

  function centralTicket(text = UNROUTED): string {
    const created = handleEnquiry(makeEnquiry({ text }), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    expect(created.ticket.team.teamId).toBe('zentral');
    return created.ticket.number;
  }

  it('re-routes and reassigns the ticket in the same commit, notifies the new team and remembers the sender', () => {
    const number = centralTicket();
    const outcome = handleEnquiry(makeEnquiry({ text: 'Wir sind die Gemeinde Sindelfingen.', ticketNumber: number }), deps);
    expect(outcome).toMatchObject({ kind: 'follow_up', ticket: { number, team: { teamId: 'team-nord' }, kreis: { ags: '08115' }, gemeinde: { ags: '08115045' } } });
    const details = stores.state.tickets.get(number)!;
    expect(details.events.map((e) => [e.type, e.actor])).toEqual([
      ['created', 'system'],
      ['assigned', 'system'],
      ['requester_replied', 'requester'],
      ['rerouted', 'requester'],
    ]);
    expect(details.events[3]).toMatchObject({ note: 'Landkreis Böblingen → Team Nord (Ortsname in der Nachricht)', data: { fromTeamId: 'zentral', toTeamId: 'team-nord', kreisAgs: '08115' } });
    expect(details.ticket.requester).toMatchObject({ routeStatus: 'resolved', evidence: ['Ortsname in der Nachricht'], candidates: [] });
    expect(stores.state.outbox.at(-1)).toMatchObject({ kind: 'staff_notification', ticketNumber: number, replyHandle: { to: 'team-nord@rp.example' }, payload: { teamId: 'team-nord' } });
    expect(confirmed).toEqual([{ address: 'erika@gemeinde.example', gemeindeAgs: '08115045', provenance: `Bestätigt in Vorgang ${number}`, at: deps.clock.now() }]);
  });

  it('reads the signature of the follow-up as well', () => {
    const number = centralTicket();
    handleEnquiry(makeEnquiry({ text: 'Anbei die gewünschte Angabe.', signature: 'Universitätsstadt Tübingen', ticketNumber: number }), deps);
    expect(stores.state.tickets.get(number)!.ticket.team.teamId).toBe('team-sued');
    expect(confirmed.map((c) => c.gemeindeAgs)).toEqual(['08416041']);
  });

  it('keeps the ticket in the central queue when the follow-up names candidates again, and learns nothing', () => {
    const number = centralTicket();
    const outcome = handleEnquiry(makeEnquiry({ text: 'Wir sind aus Altdorf.', ticketNumber: number }), deps);
    expect(outcome).toMatchObject({ kind: 'follow_up', ticket: { team: { teamId: 'zentral' }, kreis: null } });
    expect(stores.state.tickets.get(number)!.events.map((e) => e.type)).not.toContain('rerouted');
    expect(stores.state.outbox.at(-1)).toMatchObject({ kind: 'staff_notification', replyHandle: { to: 'zentral@rp.example' } });
    expect(confirmed).toEqual([]);
  });

  it('leaves a ticket with a settled route where it is, even when the follow-up names another place', () => {
    const created = handleEnquiry(makeEnquiry({ text: APPLICATION }), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const outcome = handleEnquiry(makeEnquiry({ text: 'Die Kollegin sitzt in Tübingen.', ticketNumber: created.ticket.number }), deps);
    expect(outcome).toMatchObject({ kind: 'follow_up', ticket: { team: { teamId: 'team-nord' } } });
    expect(stores.state.tickets.get(created.ticket.number)!.events.map((e) => e.type)).not.toContain('rerouted');
    expect(confirmed).toEqual([]);
  });

  it('does not re-route a suppressed auto-reply', () => {
    const number = centralTicket();
    handleEnquiry(makeEnquiry({ text: 'Ich bin im Urlaub. Gemeinde Sindelfingen', ticketNumber: number }), { ...deps, suppress: 'auto_reply' });
    expect(stores.state.tickets.get(number)!.ticket.team.teamId).toBe('zentral');
    expect(confirmed).toEqual([]);
  });

  it('still records the re-route when the sender cannot be remembered, and logs no personal data', () => {
    const number = centralTicket();
    deps.senders = {
      confirm: () => {
        throw new Error('unknown municipality');
      },
    };
    const outcome = handleEnquiry(makeEnquiry({ text: 'Gemeinde Sindelfingen', ticketNumber: number }), deps);
    expect(outcome).toMatchObject({ kind: 'follow_up', ticket: { team: { teamId: 'team-nord' } } });
    expect(deps.logger.text()).toContain('could not remember sender');
    expect(deps.logger.text()).not.toContain('erika');
  });
});

describe(`${handleEnquiry.name}: a ticket number in the text threads only for its requester in Teams (issue 5)`, () => {
  const UNROUTED = 'Unser Antrag vom 3. März, Aktenzeichen 4711: der Bescheid ist noch nicht da.';
  const teamsFrom = (aad: string, fallbackEmail?: string) => ({
    channel: 'teams' as const,
    from: aad,
    subject: '',
    replyHandle: { channel: 'teams' as const, conversationReference: { conversation: { id: `conv-${aad}` } }, ...(fallbackEmail === undefined ? {} : { fallbackEmail }) },
  });
  const teamsDeps = (): HandleEnquiryDeps => ({ ...deps, inlineReply: true });

  function teamsTicket(aad: string): string {
    const created = handleEnquiry(makeEnquiry({ ...teamsFrom(aad), key: `teams:${aad}:1`, text: UNROUTED }), teamsDeps());
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    return created.ticket.number;
  }

  it('treats another person\'s Teams message naming the number as a new enquiry: the ticket is neither appended to nor re-routed', () => {
    const number = teamsTicket('aad-a');
    const outcome = handleEnquiry(makeEnquiry({ ...teamsFrom('aad-b'), key: 'teams:b:1', text: `${number} wir sind die Gemeinde Sindelfingen`, ticketNumber: number }), teamsDeps());
    expect(outcome.kind).not.toBe('follow_up');
    const details = stores.state.tickets.get(number)!;
    expect(details.ticket.team.teamId).toBe('zentral');
    expect(details.messages).toHaveLength(1);
    expect(details.events.map((e) => e.type)).toEqual(['created', 'assigned']);
    expect(deps.logger.text()).toContain('ticket number from someone other than its requester ignored');
    expect(deps.logger.text()).not.toContain('aad-b');
    expect(deps.logger.text()).not.toContain('aad-a');
  });

  it('threads the requester\'s own Teams message by number, also by the mail address Teams knows for a ticket opened by mail', () => {
    const number = teamsTicket('aad-a');
    const own = handleEnquiry(makeEnquiry({ ...teamsFrom('aad-a'), key: 'teams:a:2', text: `${number} Gemeinde Sindelfingen`, ticketNumber: number }), teamsDeps());
    expect(own).toMatchObject({ kind: 'follow_up', ticket: { number, team: { teamId: 'team-nord' } } });

    const byMail = handleEnquiry(makeEnquiry({ text: APPLICATION }), deps);
    if (byMail.kind !== 'ticket_created') throw new Error(byMail.kind);
    const viaTeams = makeEnquiry({ ...teamsFrom('aad-erika', 'Erika@Gemeinde.example'), key: 'teams:e:1', text: 'Nachtrag', ticketNumber: byMail.ticket.number });
    expect(handleEnquiry(viaTeams, teamsDeps())).toMatchObject({ kind: 'follow_up', ticket: { number: byMail.ticket.number } });
  });

  it('keeps mail threading by number for anyone (a staff answer from Outlook, a colleague of the requester)', () => {
    const created = handleEnquiry(makeEnquiry({ text: UNROUTED }), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const colleague = makeEnquiry({ from: 'kollegin@gemeinde.example', text: 'Wir sind die Gemeinde Sindelfingen.', ticketNumber: created.ticket.number });
    expect(handleEnquiry(colleague, deps)).toMatchObject({ kind: 'follow_up', ticket: { number: created.ticket.number, team: { teamId: 'team-nord' } } });
  });
});
