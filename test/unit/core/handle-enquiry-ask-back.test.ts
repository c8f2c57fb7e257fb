/**
 * The answer to the municipality ask-back as a request kind of its own (issue 11): read once in the core
 * (chosen candidate, AGS, free text routed), settled through the ledger like a mail follow-up naming the
 * municipality, only for the ticket's requester, and the sender learned.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { handleEnquiry, type AskBackAnswer, type HandleEnquiryDeps } from '../../../src/core/handle-enquiry.js';
import type { Enquiry } from '../../../src/core/enquiry.js';
import { createDeadlinePolicy } from '../../../src/tickets/deadlines.js';
import { FakeClock } from '../../fakes/clock.js';
import { makeEnquiry, makeRequest } from '../../fakes/factories.js';
import { createFakeAnswerer } from '../../fakes/knowledge.js';
import { createRecordingLogger } from '../../fakes/logger.js';
import { createFakeRouter } from '../../fakes/router.js';
import { createFakeStaffDirectory } from '../../fakes/staff-directory.js';
import { createInMemoryTicketStores, type InMemoryTicketStores } from '../../fakes/ticket-stores.js';

const REQUESTER = 'aad-requester';
let stores: InMemoryTicketStores;
let deps: HandleEnquiryDeps;
let learned: string[];
let number: string;

function teamsEnquiry(text: string, from = REQUESTER): Enquiry {
  return makeEnquiry({ channel: 'teams', from, text, subject: '', replyHandle: { channel: 'teams', conversationReference: { conversation: { id: 'c1' } } } });
}

async function answer(text: string, askBack: Partial<AskBackAnswer> = {}, from = REQUESTER) {
  const request = { ...makeRequest(teamsEnquiry(text, from), { reply: 'inline' }), kind: 'municipality_answer' as const, askBack: { ticketNumber: number, via: 'card' as const, ...askBack } };
  return await handleEnquiry(request, deps);
}

beforeEach(async () => {
  stores = createInMemoryTicketStores();
  learned = [];
  deps = {
    answerer: createFakeAnswerer([[/Sachbericht/, 'answer']]),
    router: createFakeRouter(),
    staff: createFakeStaffDirectory(),
    ledger: stores.ledger,
    deadlines: createDeadlinePolicy(),
    clock: new FakeClock('2026-06-03T08:00:00.000Z'),
    logger: createRecordingLogger(),
    senders: { confirm: (address, ags) => void learned.push(`${address} → ${ags ?? '-'}`), municipalityOf: () => null },
  };
  const asked = await handleEnquiry(makeRequest(teamsEnquiry('Unser Antrag: wann kommt der Bescheid? Gemeinde Altdorf'), { reply: 'inline' }), deps);
  if (asked.kind !== 'ticket_created' || !asked.needsMunicipality) throw new Error(asked.kind);
  number = asked.ticket.number;
  stores.state.outbox.length = 0;
});

const ticket = () => stores.state.tickets.get(number)!;

describe('handleEnquiry: municipality_answer', () => {
  it('settles the ticket with a chosen candidate: names from the candidate, event by the requester, new team told, sender learned', async () => {
    const outcome = await answer('', { choice: '08115002' });
    expect(outcome).toMatchObject({ kind: 'follow_up', ticket: { number, team: { teamId: 'team-nord' } } });
    expect(ticket().ticket.requester).toMatchObject({
      gemeinde: { ags: '08115002', name: 'Altdorf' },
      kreis: { ags: '08115', typ: 'Landkreis' },
      routeStatus: 'resolved',
      evidence: ['Gemeinde vom Anfragenden angegeben: Altdorf (Landkreis Böblingen)'],
    });
    expect(ticket().events.at(-1)).toMatchObject({ type: 'rerouted', actor: 'requester' });
    expect(ticket().messages.at(-1)).toMatchObject({ direction: 'in', text: 'Gemeinde vom Anfragenden angegeben: Altdorf (Landkreis Böblingen)' });
    expect(stores.state.outbox.map((o) => [o.kind, o.replyHandle])).toEqual([['staff_notification', expect.objectContaining({ to: { team: 'team-nord' } })]]);
    expect(learned).toEqual([`${REQUESTER} → 08115002`]);
  });

  it('routes a typed answer and keeps its evidence after the line naming who settled it', async () => {
    expect((await answer('Sindelfingen')).kind).toBe('follow_up');
    expect(ticket().ticket.requester.evidence).toEqual(['Gemeinde vom Anfragenden angegeben: Sindelfingen (Landkreis Böblingen)', 'Ortsname in der Nachricht']);
  });

  it('offers the choices again for several places and says what is missing or unclear, recording nothing', async () => {
    expect(await answer('Altdorf')).toMatchObject({ kind: 'ask_back_open', reason: 'ambiguous', candidates: [{ gemeindeAgs: '08115002' }, { gemeindeAgs: '08116004' }] });
    expect(await answer('', { choice: '08999001' })).toMatchObject({ kind: 'ask_back_open', reason: 'unclear' });
    expect(await answer('Mond')).toMatchObject({ kind: 'ask_back_open', reason: 'unclear' });
    expect(await answer('')).toMatchObject({ kind: 'ask_back_open', reason: 'missing' });
    expect(ticket().ticket.requester.kreis).toBeNull();
    expect(stores.state.enquiries.size).toBe(1);
    expect(stores.state.outbox).toEqual([]);
  });

  it('never lets another person settle the ticket', async () => {
    expect(await answer('', { choice: '08115002' }, 'aad-intruder')).toMatchObject({ kind: 'ask_back_open', reason: 'not_found', ticket: null });
    expect(ticket().ticket.requester.kreis).toBeNull();
    expect(learned).toEqual([]);
  });

  it('treats a plain message that names no place, or asks something new, as a question', async () => {
    expect((await answer('Wie lang darf der Sachbericht sein?', { via: 'message' })).kind).toBe('answered');
    expect((await answer('Altdorf? Wie lang darf der Sachbericht sein?', { via: 'message' })).kind).toBe('answered');
    expect(await answer('Altdorf', { via: 'message' })).toMatchObject({ kind: 'ask_back_open', reason: 'ambiguous' });
    expect(ticket().ticket.requester.kreis).toBeNull();
  });

  it('answers a card on a settled or closed ticket without changing it; a message then is a question', async () => {
    expect((await answer('Sindelfingen')).kind).toBe('follow_up');
    expect(await answer('Tübingen')).toMatchObject({ kind: 'ask_back_open', reason: 'settled', ticket: { team: { teamId: 'team-nord' } } });
    expect((await answer('Tübingen', { via: 'message' })).kind).not.toBe('follow_up');
    expect(ticket().ticket.team.teamId).toBe('team-nord');
    expect(ticket().events.filter((e) => e.type === 'rerouted')).toHaveLength(1);
  });

  it('is one enquiry per key: a retry of a settling answer is a duplicate', async () => {
    const request = { ...makeRequest(teamsEnquiry('Sindelfingen'), { reply: 'inline' }), kind: 'municipality_answer' as const, askBack: { ticketNumber: number, via: 'message' as const } };
    expect((await handleEnquiry(request, deps)).kind).toBe('follow_up');
    expect(await handleEnquiry(request, deps)).toMatchObject({ kind: 'duplicate', previous: 'follow_up' });
  });
});
