import { beforeEach, describe, expect, it } from 'vitest';
import { handleEnquiry, type HandleEnquiryDeps } from '../../../src/core/handle-enquiry.js';
import { fanOutLegs } from '../../../src/core/staff-messages.js';
import { createDeadlinePolicy } from '../../../src/tickets/deadlines.js';
import { transition } from '../../../src/tickets/ticket.js';
import { FakeClock } from '../../fakes/clock.js';
import { ACTORS, makeEnquiry, makeRequest } from '../../fakes/factories.js';
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
  it('answers a general question and enqueues the auto answer to the requester', async () => {
    const enquiry = makeEnquiry({ text: 'Wie hoch ist die Förderung für eine Stelle?' });
    const outcome = await handleEnquiry(makeRequest(enquiry), deps);
    expect(outcome.kind).toBe('answered');
    expect(stores.state.outbox).toHaveLength(1);
    expect(stores.state.outbox[0]).toMatchObject({ key: `${enquiry.key}:auto_answer`, kind: 'auto_answer', channel: 'email', replyHandle: enquiry.replyHandle });
    expect(stores.state.outbox[0]?.payload).toMatchObject({ answer: { passageId: 'vwv-im#5.2' } });
  });

  it('reports a repeated enquiry key as duplicate and sends nothing twice', async () => {
    const enquiry = makeEnquiry({ text: 'Wie hoch ist die Förderung?' });
    await handleEnquiry(makeRequest(enquiry), deps);
    const again = await handleEnquiry(makeRequest(enquiry), deps);
    expect(again).toEqual({ kind: 'duplicate', enquiryKey: enquiry.key, previous: 'answered' });
    expect(stores.state.outbox).toHaveLength(1);
  });

  it('creates a ticket for an application matter, assigned to the Kreis team, with confirmation and staff notice', async () => {
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ subject: 'Bescheid', text: APPLICATION })), deps);
    expect(outcome.kind).toBe('ticket_created');
    if (outcome.kind !== 'ticket_created') return;
    expect(outcome.ticket.number).toBe('IM-2026-000001');
    expect(outcome.ticket.team).toMatchObject({ teamId: 'team-nord' });
    expect(outcome.ticket.kreis?.ags).toBe('08115');
    expect(outcome.needsMunicipality).toBe(false);
    expect(outcome.ticket.firstResponseDue).toBe('2026-06-08T21:59:59.999Z');
    expect(kinds()).toEqual(['ticket_confirmation', 'staff_notification']);
    const notice = stores.state.outbox[1]!;
    expect(notice).toMatchObject({ channel: 'staff', replyHandle: { channel: 'staff', to: { team: 'team-nord' } } });
    expect(fanOutLegs(notice, { staff: deps.staff }).map((l) => l.replyHandle)).toEqual([expect.objectContaining({ channel: 'email', to: 'team-nord@rp.example' })]);
    expect(notice.payload).toMatchObject({ ticket: { number: 'IM-2026-000001' } });
    expect(stores.state.outbox[0]?.ticketNumber).toBe('IM-2026-000001');
    const events = stores.state.tickets.get('IM-2026-000001')!.events;
    expect(events.map((e) => e.type)).toEqual(['created', 'assigned']);
    expect(events[1]?.note).toContain('Team Nord');
  });

  it('sends an ambiguous Kreis to the central queue and asks for the municipality', async () => {
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ text: 'Unser Antrag: wann kommt der Bescheid? Gemeinde Altdorf' })), deps);
    expect(outcome.kind).toBe('ticket_created');
    if (outcome.kind !== 'ticket_created') return;
    expect(outcome.ticket.team.teamId).toBe('zentral');
    expect(outcome.needsMunicipality).toBe(true);
    expect(outcome.candidates).toHaveLength(2);
    // One message to the requester: the confirmation carries the ask-back (issue 10).
    expect(kinds()).toEqual(['ticket_confirmation', 'staff_notification']);
    expect(stores.state.outbox[0]?.payload).toMatchObject({ needsMunicipality: true, candidates: [{ kreisAgs: '08115' }, { kreisAgs: '08116' }] });
  });

  it('gives the ticket to the deputy team when the responsible team is absent, and records why', async () => {
    deps.staff.setAbsent(['team-nord']);
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ text: APPLICATION })), deps);
    if (outcome.kind !== 'ticket_created') throw new Error(outcome.kind);
    expect(outcome.ticket.team).toMatchObject({ teamId: 'team-sued', deputyFor: 'team-nord' });
    expect(stores.state.tickets.get(outcome.ticket.number)!.events[1]?.note).toContain('Vertretung für Team Nord');
  });

  it('puts no requester message in the outbox when Teams replies inline, but still notifies staff', async () => {
    const enquiry = makeEnquiry({ channel: 'teams', key: 'teams:a1', text: APPLICATION, replyHandle: { channel: 'teams', conversationReference: { conversation: { id: 'c1' } } } });
    const outcome = await handleEnquiry(makeRequest(enquiry, { reply: 'inline' }), deps);
    expect(outcome.kind).toBe('ticket_created');
    expect(kinds()).toEqual(['staff_notification']);
  });

  it('hands a question with only suggestions to a person in Teams too (TRIAGE.md), and declines out-of-scope questions with the contact', async () => {
    const teams = { channel: 'teams' as const, replyHandle: { channel: 'teams' as const, conversationReference: {} } };
    const suggested = await handleEnquiry(makeRequest(makeEnquiry({ ...teams, key: 'teams:s', text: 'Wird eine Fortbildung bezahlt?' })), deps);
    expect(suggested.kind).toBe('ticket_created');
    expect(suggested.kind === 'ticket_created' && suggested.triage.answer.suggestions.length).toBeGreaterThan(0);
    expect((await handleEnquiry(makeRequest(makeEnquiry({ text: 'Wie beantrage ich einen Reisepass?' })), deps)).kind).toBe('declined');
    expect(kinds()).toEqual(['ticket_confirmation', 'staff_notification', 'declined']);
  });

  it('opens a ticket for an escalation even when the knowledge base could answer (hand-over), and says nothing inline', async () => {
    const teams = { channel: 'teams' as const, replyHandle: { channel: 'teams' as const, conversationReference: {} } };
    const question = 'Wie hoch ist die Förderung für eine Stelle?';
    expect((await handleEnquiry(makeRequest(makeEnquiry({ ...teams, key: 'teams:q', text: question }), { reply: 'inline' }), deps)).kind).toBe('answered');
    const escalated = await handleEnquiry(makeRequest(makeEnquiry({ ...teams, key: 'teams:q:handover', text: question }), { kind: 'escalation', reply: 'inline' }), deps);
    expect(escalated).toMatchObject({ kind: 'ticket_created', triage: { answer: { outcome: 'handover', answer: null } } });
    expect(kinds()).toEqual(['staff_notification']);
  });

  it('sends the reply by the outbox whenever the request says so, whatever the channel', async () => {
    const cli = { channel: 'cli' as const, replyHandle: { channel: 'cli' as const } };
    await handleEnquiry(makeRequest(makeEnquiry({ ...cli, key: 'cli:1', text: 'Wie hoch ist die Förderung für eine Stelle?' }), { reply: 'inline' }), deps);
    expect(kinds()).toEqual([]);
    await handleEnquiry(makeRequest(makeEnquiry({ ...cli, key: 'cli:2', text: 'Wie hoch ist die Förderung für eine Stelle?' })), deps);
    expect(kinds()).toEqual(['auto_answer']);
  });

  it('acknowledges thanks without any outbox message', async () => {
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ subject: 'Danke', text: 'Vielen Dank für Ihre Hilfe!' })), deps);
    expect(outcome.kind).toBe('acknowledged');
    expect(stores.state.outbox).toHaveLength(0);
  });

  it('appends a reply to its ticket (by number), reopens a closed ticket and notifies the holder', async () => {
    const created = await handleEnquiry(makeRequest(makeEnquiry({ text: APPLICATION })), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const number = created.ticket.number;
    const current = (await stores.tickets.find(number))!;
    const closed = transition({ ...current, assignee: 'sb-nord-1', status: 'wartet' }, { type: 'close', by: ACTORS.nord1 }, deps.clock.now());
    if (!closed.ok) throw new Error('refused');
    await stores.tickets.save({ expectedVersion: current.version, ticket: closed.ticket, event: closed.event, outbox: [] });

    const reply = await handleEnquiry(makeRequest(makeEnquiry({ text: 'Es fehlt noch etwas.', ticketNumber: number })), deps);
    expect(reply).toMatchObject({ kind: 'follow_up', reopened: true, ticket: { number, status: 'in_bearbeitung' } });
    expect(stores.state.tickets.get(number)!.messages.map((m) => m.direction)).toEqual(['in', 'in']);
    expect(stores.state.outbox.at(-1)).toMatchObject({ kind: 'staff_notification', replyHandle: { to: { person: 'sb-nord-1' } } });
  });

  it('finds the ticket of a mail reply through its References', async () => {
    const first = makeEnquiry({ text: APPLICATION });
    const created = await handleEnquiry(makeRequest(first), deps);
    if (created.kind !== 'ticket_created' || first.replyHandle.channel !== 'email') throw new Error('setup');
    const reply = makeEnquiry({ text: 'Nachtrag', replyHandle: { channel: 'email', to: first.from, messageId: '<r@x>', references: [first.replyHandle.messageId!], subject: 'AW' } });
    expect(await handleEnquiry(makeRequest(reply), deps)).toMatchObject({ kind: 'follow_up', ticket: { number: created.ticket.number }, reopened: false });
  });

  it('records a suppressed auto-reply on its ticket without reopening or sending', async () => {
    const created = await handleEnquiry(makeRequest(makeEnquiry({ text: APPLICATION })), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const before = stores.state.outbox.length;
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ text: 'Ich bin im Urlaub.', ticketNumber: created.ticket.number }), { suppress: 'auto_reply' }), deps);
    expect(outcome).toMatchObject({ kind: 'suppressed', reason: 'auto_reply', ticket: { number: created.ticket.number, status: 'neu' } });
    expect(stores.state.outbox).toHaveLength(before);
    expect(stores.state.tickets.get(created.ticket.number)!.messages.at(-1)).toMatchObject({ suppressed: true });
    expect(await handleEnquiry(makeRequest(makeEnquiry({ text: 'Out of office' }), { suppress: 'auto_reply' }), deps)).toMatchObject({ kind: 'suppressed', ticket: null });
  });

  it('opens a forced ticket whatever triage says, without telling the requester unless asked to', async () => {
    const forced = { reason: 'Nicht verarbeitbare E-Mail in der Quarantäne', notifyRequester: false };
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ text: 'Wie hoch ist die Förderung?' }), { forceTicket: forced }), deps);
    expect(outcome.kind).toBe('ticket_created');
    if (outcome.kind !== 'ticket_created') return;
    expect(outcome.triage.reasons[0]).toBe(forced.reason);
    expect(outcome.ticket.category).toBe('sonstiges');
    expect(kinds()).toEqual(['staff_notification']);

    await handleEnquiry(makeRequest(makeEnquiry({ key: 'email:forced-2', text: 'Wie hoch ist die Förderung?' }), { forceTicket: { ...forced, notifyRequester: true } }), deps);
    expect(kinds()).toEqual(['staff_notification', 'ticket_confirmation', 'staff_notification']);
  });

  it('gives a ticket without subject (Teams) the start of the message as its subject', async () => {
    const text = 'Unser Antrag vom 3. März ist noch offen, der Bescheid fehlt uns weiterhin und wir bitten um Nachricht, wann er kommt. Gemeinde Sindelfingen';
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ channel: 'teams', subject: '', text }), { reply: 'inline' }), deps);
    expect(outcome.kind).toBe('ticket_created');
    if (outcome.kind !== 'ticket_created') return;
    expect(outcome.ticket.subject).toBe('Unser Antrag vom 3. März ist noch offen, der Bescheid fehlt uns weiterhin und …');
  });

  it('records an empty enquiry as invalid without any reply', async () => {
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ subject: ' ', text: '  ' })), deps);
    expect(outcome.kind).toBe('invalid');
    expect(stores.state.outbox).toHaveLength(0);
    expect([...stores.state.enquiries.values()]).toMatchObject([{ outcome: 'invalid', ticketNumber: null }]);
  });

  it('declines with the contact from the route', async () => {
    await handleEnquiry(makeRequest(makeEnquiry({ text: 'Wie beantrage ich einen Reisepass?' })), deps);
    expect(stores.state.outbox[0]?.payload).toMatchObject({ message: 'Dazu kann ich leider nichts sagen.' });
  });

  it('triages the whole text of a huge enquiry (the case is stated after 200,000 characters) and keeps all of it', async () => {
    const text = `${'Wir berichten über die Arbeit vor Ort, die Beratungen laufen gut. '.repeat(3_000)}Unser Antrag vom 3. März ist noch offen.`;
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ text })), deps);
    if (outcome.kind !== 'ticket_created') throw new Error(outcome.kind);
    expect(outcome.triage.intent).toBe('application_matter');
    expect(outcome.triage.reasons).toContain('Bezug auf einen eigenen Vorgang: „Unser Antrag“');
    expect(stores.state.tickets.get(outcome.ticket.number)!.messages[0]?.text).toHaveLength(text.length);
  });

  it('never logs personal data', async () => {
    await handleEnquiry(makeRequest(makeEnquiry({ text: APPLICATION })), deps);
    await handleEnquiry(makeRequest(makeEnquiry({ text: 'Wie hoch ist die Förderung?' })), deps);
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

  async function centralTicket(text = UNROUTED): Promise<string> {
    const created = await handleEnquiry(makeRequest(makeEnquiry({ text })), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    expect(created.ticket.team.teamId).toBe('zentral');
    return created.ticket.number;
  }

  it('re-routes and reassigns the ticket in the same commit, notifies the new team and remembers the sender', async () => {
    const number = await centralTicket();
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ text: 'Wir sind die Gemeinde Sindelfingen.', ticketNumber: number })), deps);
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
    expect(stores.state.outbox.at(-1)).toMatchObject({ kind: 'staff_notification', ticketNumber: number, replyHandle: { to: { team: 'team-nord' } }, payload: { teamId: 'team-nord' } });
    expect(confirmed).toEqual([{ address: 'erika@gemeinde.example', gemeindeAgs: '08115045', provenance: `Bestätigt in Vorgang ${number}`, at: deps.clock.now() }]);
  });

  it('reads the signature of the follow-up as well', async () => {
    const number = await centralTicket();
    await handleEnquiry(makeRequest(makeEnquiry({ text: 'Anbei die gewünschte Angabe.', signature: 'Universitätsstadt Tübingen', ticketNumber: number })), deps);
    expect(stores.state.tickets.get(number)!.ticket.team.teamId).toBe('team-sued');
    expect(confirmed.map((c) => c.gemeindeAgs)).toEqual(['08416041']);
  });

  it('keeps the ticket in the central queue when the follow-up names candidates again, and learns nothing', async () => {
    const number = await centralTicket();
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ text: 'Wir sind aus Altdorf.', ticketNumber: number })), deps);
    expect(outcome).toMatchObject({ kind: 'follow_up', ticket: { team: { teamId: 'zentral' }, kreis: null } });
    expect(stores.state.tickets.get(number)!.events.map((e) => e.type)).not.toContain('rerouted');
    expect(stores.state.outbox.at(-1)).toMatchObject({ kind: 'staff_notification', replyHandle: { to: { team: 'zentral' } } });
    expect(confirmed).toEqual([]);
  });

  it('leaves a ticket with a settled route where it is, even when the follow-up names another place', async () => {
    const created = await handleEnquiry(makeRequest(makeEnquiry({ text: APPLICATION })), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ text: 'Die Kollegin sitzt in Tübingen.', ticketNumber: created.ticket.number })), deps);
    expect(outcome).toMatchObject({ kind: 'follow_up', ticket: { team: { teamId: 'team-nord' } } });
    expect(stores.state.tickets.get(created.ticket.number)!.events.map((e) => e.type)).not.toContain('rerouted');
    expect(confirmed).toEqual([]);
  });

  it('does not re-route a suppressed auto-reply', async () => {
    const number = await centralTicket();
    await handleEnquiry(makeRequest(makeEnquiry({ text: 'Ich bin im Urlaub. Gemeinde Sindelfingen', ticketNumber: number }), { suppress: 'auto_reply' }), deps);
    expect(stores.state.tickets.get(number)!.ticket.team.teamId).toBe('zentral');
    expect(confirmed).toEqual([]);
  });

  it('still records the re-route when the sender cannot be remembered, and logs no personal data', async () => {
    const number = await centralTicket();
    deps.senders = {
      confirm: () => {
        throw new Error('unknown municipality');
      },
    };
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ text: 'Gemeinde Sindelfingen', ticketNumber: number })), deps);
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

  async function teamsTicket(aad: string): Promise<string> {
    const created = await handleEnquiry(makeRequest(makeEnquiry({ ...teamsFrom(aad), key: `teams:${aad}:1`, text: UNROUTED }), { reply: 'inline' }), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    return created.ticket.number;
  }

  it('treats another person\'s Teams message naming the number as a new enquiry: the ticket is neither appended to nor re-routed', async () => {
    const number = await teamsTicket('aad-a');
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ ...teamsFrom('aad-b'), key: 'teams:b:1', text: `${number} wir sind die Gemeinde Sindelfingen`, ticketNumber: number }), { reply: 'inline' }), deps);
    expect(outcome.kind).not.toBe('follow_up');
    const details = stores.state.tickets.get(number)!;
    expect(details.ticket.team.teamId).toBe('zentral');
    expect(details.messages).toHaveLength(1);
    expect(details.events.map((e) => e.type)).toEqual(['created', 'assigned']);
    expect(deps.logger.text()).toContain('ticket number from someone other than its requester ignored');
    expect(deps.logger.text()).not.toContain('aad-b');
    expect(deps.logger.text()).not.toContain('aad-a');
  });

  it('threads the requester\'s own Teams message by number, also by the mail address Teams knows for a ticket opened by mail', async () => {
    const number = await teamsTicket('aad-a');
    const own = await handleEnquiry(makeRequest(makeEnquiry({ ...teamsFrom('aad-a'), key: 'teams:a:2', text: `${number} Gemeinde Sindelfingen`, ticketNumber: number }), { reply: 'inline' }), deps);
    expect(own).toMatchObject({ kind: 'follow_up', ticket: { number, team: { teamId: 'team-nord' } } });

    const byMail = await handleEnquiry(makeRequest(makeEnquiry({ text: APPLICATION })), deps);
    if (byMail.kind !== 'ticket_created') throw new Error(byMail.kind);
    const viaTeams = makeEnquiry({ ...teamsFrom('aad-erika', 'Erika@Gemeinde.example'), key: 'teams:e:1', text: 'Nachtrag', ticketNumber: byMail.ticket.number });
    expect(await handleEnquiry(makeRequest(viaTeams, { reply: 'inline' }), deps)).toMatchObject({ kind: 'follow_up', ticket: { number: byMail.ticket.number } });
  });

  it('treats a mail naming the number from someone outside the ticket as a new ticket, like Teams (issue 10)', async () => {
    const created = await handleEnquiry(makeRequest(makeEnquiry({ text: UNROUTED })), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const colleague = makeEnquiry({ from: 'kollegin@gemeinde.example', text: 'Wir sind die Gemeinde Sindelfingen.', ticketNumber: created.ticket.number });
    expect(await handleEnquiry(makeRequest(colleague), deps)).toMatchObject({ kind: 'ticket_created', ticket: { number: 'IM-2026-000002' } });
    expect(stores.state.tickets.get(created.ticket.number)!.ticket.team.teamId).toBe('zentral');
  });
});

describe(`${handleEnquiry.name}: only who belongs to a ticket may continue it by mail (issue 10)`, async () => {
  const UNROUTED = 'Unser Antrag vom 3. März, Aktenzeichen 4711: der Bescheid ist noch nicht da.';
  const STRANGER = 'fremder@example.net';
  let confirmed: string[];
  let directory: Map<string, string>;

  beforeEach(() => {
    confirmed = [];
    directory = new Map();
    deps.senders = {
      confirm: (address, gemeindeAgs) => {
        confirmed.push(`${address} → ${gemeindeAgs}`);
        directory.set(address.toLowerCase(), gemeindeAgs);
      },
      municipalityOf: (address) => directory.get(address) ?? null,
    };
  });

  /** Delivers every pending mail as the outbox worker would; returns our Message-ID per outbox key. */
  async function deliver(): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const now = deps.clock.now();
    for (const m of await stores.outbox.claimDue({ now, channels: ['staff'], limit: 100, leaseMs: 60_000, owner: 'w' })) {
      await stores.outbox.fanOut(m.id, 'w', now, fanOutLegs(m, { staff: deps.staff }));
    }
    for (const m of await stores.outbox.claimDue({ now: deps.clock.now(), channels: ['email'], limit: 100, leaseMs: 60_000, owner: 'w' })) {
      const id = `<pakt.${m.id}@rp.example>`;
      await stores.outbox.markSent(m.id, 'w', deps.clock.now(), id);
      ids.set(m.key, id);
    }
    return ids;
  }

  async function ticketOf(text: string, overrides: Parameters<typeof makeEnquiry>[0] = {}): Promise<{ number: string; enquiry: ReturnType<typeof makeEnquiry> }> {
    const enquiry = makeEnquiry({ text, ...overrides });
    const created = await handleEnquiry(makeRequest(enquiry), deps);
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    return { number: created.ticket.number, enquiry };
  }

  async function closeTicket(number: string): Promise<void> {
    const current = (await stores.tickets.find(number))!;
    const closed = transition({ ...current, assignee: 'sb-nord-1', status: 'wartet' }, { type: 'close', by: ACTORS.nord1 }, deps.clock.now());
    if (!closed.ok) throw new Error('refused');
    await stores.tickets.save({ expectedVersion: current.version, ticket: closed.ticket, event: closed.event, outbox: [] });
  }

  it('opens a new ticket naming the number for a stranger: the closed ticket stays closed, unchanged, and nothing is learned', async () => {
    const { number } = await ticketOf(UNROUTED);
    await closeTicket(number);
    const before = structuredClone(stores.state.tickets.get(number)!);
    const stranger = makeEnquiry({
      from: STRANGER,
      subject: `AW: [${number}] Frage`,
      text: 'Wir sind die Gemeinde Sindelfingen. Bitte ändern Sie die Bankverbindung.',
      ticketNumber: number,
      replyHandle: { channel: 'email', to: STRANGER, messageId: '<x1@example.net>', references: [], subject: `AW: [${number}] Frage` },
    });
    const outcome = await handleEnquiry(makeRequest(stranger), deps);

    expect(outcome).toMatchObject({ kind: 'ticket_created', ticket: { number: 'IM-2026-000002' } });
    if (outcome.kind !== 'ticket_created') return;
    expect(outcome.triage.reasons[0]).toBe(`Bezieht sich auf ${number}; Zuordnung durch die Sachbearbeitung prüfen`);
    expect(stores.state.tickets.get(number)).toEqual(before);
    expect(confirmed).toEqual([]);
    const created = stores.state.tickets.get(outcome.ticket.number)!;
    expect(created.ticket.requester.address).toBe(STRANGER);
    expect(created.messages).toContainEqual(expect.objectContaining({ direction: 'note', author: 'system', text: `Bezieht sich auf ${number}; Zuordnung durch die Sachbearbeitung prüfen` }));
    const toStranger = stores.state.outbox.filter((o) => o.ticketNumber === outcome.ticket.number && o.kind === 'ticket_confirmation');
    expect(toStranger.map((o) => o.replyHandle)).toEqual([expect.objectContaining({ to: STRANGER })]);
    expect(stores.state.outbox.at(-1)?.payload).toMatchObject({ note: expect.stringContaining(`Bezieht sich auf ${number}`) });
    expect(deps.logger.text()).not.toContain('fremder');
  });

  it('opens a new ticket even when triage would have answered the stranger automatically', async () => {
    const { number } = await ticketOf(APPLICATION);
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ from: STRANGER, text: 'Wie hoch ist die Förderung?', ticketNumber: number })), deps);
    expect(outcome.kind).toBe('ticket_created');
    expect(stores.state.tickets.get(number)!.messages).toHaveLength(1);
  });

  it('lets a colleague continue the ticket (known for its municipality, same organisation domain), but not one of another municipality', async () => {
    const { number } = await ticketOf(APPLICATION);
    directory.set('kollegin@gemeinde.example', '08115045');
    directory.set('nachbar@gemeinde.example', '08416041');
    const colleague = await handleEnquiry(makeRequest(makeEnquiry({ from: 'Kollegin <Kollegin@Gemeinde.example>', text: 'Nachtrag der Kollegin', ticketNumber: number })), deps);
    expect(colleague).toMatchObject({ kind: 'follow_up', ticket: { number } });
    const neighbour = await handleEnquiry(makeRequest(makeEnquiry({ from: 'nachbar@gemeinde.example', text: 'Nachtrag', ticketNumber: number })), deps);
    expect(neighbour.kind).toBe('ticket_created');
    expect(stores.state.tickets.get(number)!.messages.map((m) => m.text)).toEqual([APPLICATION, 'Nachtrag der Kollegin']);
  });

  it('does not let an outsider in who declared the victim\'s municipality on a ticket of his own first', async () => {
    const { number } = await ticketOf(APPLICATION);
    const own = await ticketOf(UNROUTED, { from: STRANGER, replyHandle: { channel: 'email', to: STRANGER, messageId: '<o1@example.net>', references: [], subject: 'Frage' } });
    await handleEnquiry(makeRequest(makeEnquiry({ from: STRANGER, text: 'Wir sind die Gemeinde Sindelfingen.', ticketNumber: own.number })), deps);
    expect(confirmed).toEqual([`${STRANGER} → 08115045`]);
    const attack = await handleEnquiry(makeRequest(makeEnquiry({ from: STRANGER, text: 'Neue Bankverbindung', ticketNumber: number })), deps);
    expect(attack.kind).toBe('ticket_created');
    expect(stores.state.tickets.get(number)!.messages).toHaveLength(1);
  });

  it('lets the address our reply went to (Reply-To) continue the ticket through our Message-ID, re-route it and be remembered', async () => {
    const { number, enquiry } = await ticketOf(UNROUTED, {
      from: 'buergermeisteramt@gemeinde.example',
      replyHandle: { channel: 'email', to: 'integration@gemeinde.example', messageId: '<q1@gemeinde.example>', references: [], subject: 'Frage' },
    });
    const confirmation = (await deliver()).get(`${enquiry.key}:ticket_confirmation`)!;
    const reply = makeEnquiry({
      from: 'integration@gemeinde.example',
      text: 'Wir sind die Gemeinde Sindelfingen.',
      ticketNumber: number,
      replyHandle: { channel: 'email', to: 'integration@gemeinde.example', messageId: '<a1@gemeinde.example>', references: [confirmation], subject: 'AW' },
    });
    expect(await handleEnquiry(makeRequest(reply), deps)).toMatchObject({ kind: 'follow_up', ticket: { number, team: { teamId: 'team-nord' } } });
    expect(confirmed).toEqual(['integration@gemeinde.example → 08115045']);
  });

  it('does not let a stranger in with a forwarded copy of our reply (References alone prove nothing)', async () => {
    const { number, enquiry } = await ticketOf(UNROUTED);
    const confirmation = (await deliver()).get(`${enquiry.key}:ticket_confirmation`)!;
    const forwarded = makeEnquiry({
      from: STRANGER,
      text: 'Wir sind die Gemeinde Sindelfingen.',
      ticketNumber: number,
      replyHandle: { channel: 'email', to: STRANGER, messageId: '<f1@example.net>', references: [confirmation], subject: 'AW' },
    });
    expect((await handleEnquiry(makeRequest(forwarded), deps)).kind).toBe('ticket_created');
    expect(stores.state.tickets.get(number)!.ticket.team.teamId).toBe('zentral');
    expect(confirmed).toEqual([]);
  });

  it('does not count a reply to our staff notice as a reply to the requester', async () => {
    const { number, enquiry } = await ticketOf(APPLICATION);
    const notice = (await deliver()).get(`${enquiry.key}:staff_notification:email`)!;
    const reply = makeEnquiry({
      from: 'team-nord@rp.example',
      text: 'Ist erledigt.',
      ticketNumber: number,
      replyHandle: { channel: 'email', to: 'team-nord@rp.example', messageId: '<s1@rp.example>', references: [notice], subject: 'AW' },
    });
    expect((await handleEnquiry(makeRequest(reply), deps)).kind).toBe('ticket_created');
  });

  it('records suppressed mail on the ticket only from members, staff, or as a report on our own message', async () => {
    const { number, enquiry } = await ticketOf(APPLICATION);
    const confirmation = (await deliver()).get(`${enquiry.key}:ticket_confirmation`)!;

    const fake = await handleEnquiry(makeRequest(makeEnquiry({ from: STRANGER, text: 'Bitte Konto ändern.', ticketNumber: number }), { suppress: 'auto_submitted' }), deps);
    expect(fake).toMatchObject({ kind: 'suppressed', ticket: null });
    expect(stores.state.tickets.get(number)!.messages).toHaveLength(1);

    const staffCopy = await handleEnquiry(makeRequest(makeEnquiry({ from: 'Team Nord <team-nord@rp.example>', text: 'Antwort aus Outlook', ticketNumber: number }), { suppress: 'staff_sender' }), deps);
    expect(staffCopy).toMatchObject({ kind: 'suppressed', ticket: { number } });

    const bounce = makeEnquiry({
      from: 'MAILER-DAEMON@mx.gemeinde.example',
      text: 'Undelivered Mail Returned to Sender',
      ticketNumber: number,
      reportedIds: [confirmation],
      replyHandle: { channel: 'email', to: 'MAILER-DAEMON@mx.gemeinde.example', messageId: '<dsn1@mx.gemeinde.example>', references: [], subject: 'Undelivered' },
    });
    expect(await handleEnquiry(makeRequest(bounce, { suppress: 'mailer_daemon' }), deps)).toMatchObject({ kind: 'suppressed', ticket: { number, status: 'neu' } });
    expect(stores.state.tickets.get(number)!.messages.map((m) => [m.text, m.suppressed ?? false])).toEqual([
      [APPLICATION, false],
      ['Antwort aus Outlook', true],
      ['Undelivered Mail Returned to Sender', true],
    ]);
  });
});
