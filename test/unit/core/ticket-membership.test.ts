/** The membership rule of issue 10, table-driven over plain data (no ledger). */
import { describe, expect, it } from 'vitest';
import type { Enquiry } from '../../../src/core/enquiry.js';
import type { FollowUpTarget } from '../../../src/core/enquiry-ledger-ports.js';
import { addressKey, ticketMembership, type MembershipBasis } from '../../../src/core/ticket-membership.js';
import { makeEnquiry } from '../../fakes/factories.js';
import { createFakeStaffDirectory, FAKE_STAFF } from '../../fakes/staff-directory.js';

const TARGET: FollowUpTarget = {
  number: 'IM-2026-000123',
  status: 'erledigt',
  category: 'antrag',
  channel: 'email',
  subject: 'Antrag',
  gemeinde: { ags: '08115045', name: 'Sindelfingen' },
  kreis: { ags: '08115', name: 'Böblingen', typ: 'Landkreis' },
  team: { teamId: 'team-nord', team: 'Team Nord', email: 'team-nord@rp.example', phone: '0711 1' },
  assignee: null,
  firstResponseDue: '2026-06-03T22:00:00.000Z',
  resolutionDue: '2026-06-15T22:00:00.000Z',
  createdAt: '2026-06-01T08:00:00.000Z',
  routeStatus: 'resolved',
  requesterAddress: 'Erika@Gemeinde.example',
};
const DIRECTORY: Record<string, string> = {
  'kollegin@gemeinde.example': '08115045',
  'nachbar@gemeinde.example': '08416041',
  'selbsterklaert@example.net': '08115045',
  'erika@web.de': '08115045',
  'fremder@web.de': '08115045',
};
const deps = { staff: createFakeStaffDirectory(), municipalityOf: (a: string) => DIRECTORY[a] ?? null };
const ourConfirmation = [{ kind: 'ticket_confirmation' as const, to: 'integration@gemeinde.example' }];

const mail = (from: string): Enquiry => makeEnquiry({ from });
const teams = (aad: string, fallbackEmail?: string): Enquiry =>
  makeEnquiry({ channel: 'teams', from: aad, replyHandle: { channel: 'teams', conversationReference: {}, ...(fallbackEmail === undefined ? {} : { fallbackEmail }) } });

const CASES: [string, Enquiry, Partial<FollowUpTarget>, { recordOnly: boolean }, MembershipBasis | null][] = [
  ['the requester, written differently', mail('"Muster, Erika" <ERIKA@gemeinde.example>'), {}, { recordOnly: false }, 'requester'],
  ['the requester in Teams by the mail address Teams knows', teams('aad-1', 'erika@gemeinde.example'), {}, { recordOnly: false }, 'requester'],
  ['a Teams user by id', teams('AAD-7'), { requesterAddress: 'aad-7' }, { recordOnly: false }, 'requester'],
  ['a stranger who knows the number', mail('fremder@example.net'), {}, { recordOnly: false }, null],
  ['another person in Teams', teams('aad-2'), {}, { recordOnly: false }, null],
  ['a colleague: known for the same municipality, same organisation domain', mail('Kollegin <kollegin@Gemeinde.example>'), {}, { recordOnly: false }, 'colleague'],
  ['a known sender of another municipality on the same domain', mail('nachbar@gemeinde.example'), {}, { recordOnly: false }, null],
  ['an outsider who declared the municipality on a ticket of his own', mail('selbsterklaert@example.net'), {}, { recordOnly: false }, null],
  ['a known sender of the same municipality on the same generic provider', mail('fremder@web.de'), { requesterAddress: 'erika@web.de' }, { recordOnly: false }, null],
  ['a colleague while the ticket has no municipality', mail('kollegin@gemeinde.example'), { gemeinde: null, kreis: null }, { recordOnly: false }, null],
  ['the address our reply went to', mail('integration@gemeinde.example'), { ourReplies: ourConfirmation }, { recordOnly: false }, 'our_reply'],
  ['a stranger naming our reply to someone else (forwarded copy)', mail('fremder@example.net'), { ourReplies: ourConfirmation }, { recordOnly: false }, null],
  ['staff writing as if a requester', mail('team-nord@rp.example'), {}, { recordOnly: false }, null],
  ['a staff copy, recorded only', mail('Team Nord <team-nord@rp.example>'), {}, { recordOnly: true }, 'staff'],
  ['a staff member\'s mailbox, recorded only', mail('sb-nord-1@rp.example'), {}, { recordOnly: true }, 'staff'],
  ['a colleague on the authority\'s mail domain, recorded only', mail('Sachbearbeiterin <s.weber@RP.example>'), {}, { recordOnly: true }, 'staff'],
  ['an address on another domain that merely contains it, recorded only', mail('x@notrp.example'), {}, { recordOnly: true }, null],
  ['a bounce naming our reply, recorded only', mail('MAILER-DAEMON@mx.example'), { ourReplies: ourConfirmation }, { recordOnly: true }, 'report'],
  ['a stranger\'s auto-reply naming only the number', mail('fremder@example.net'), {}, { recordOnly: true }, null],
  ['a sender without address', mail(''), { requesterAddress: '' }, { recordOnly: true }, null],
];

describe(ticketMembership.name, () => {
  it.each(CASES)('%s', (_name, enquiry, target, options, expected) => {
    expect(ticketMembership(enquiry, { ...TARGET, ...target }, deps, options)).toBe(expected);
  });

  it('never takes a generic provider for the authority\'s domain, even with a staff mailbox there', () => {
    const staff = createFakeStaffDirectory({ staff: [...FAKE_STAFF, { id: 'sb-x', displayName: 'Sachbearbeitung X', teamId: 'team-nord', email: 'sb.x@gmail.com' }] });
    expect(ticketMembership(mail('sb.x@gmail.com'), TARGET, { staff }, { recordOnly: true })).toBe('staff');
    expect(ticketMembership(mail('irgendwer@gmail.com'), TARGET, { staff }, { recordOnly: true })).toBeNull();
  });

  it('counts nobody by municipality without a directory', () => {
    expect(ticketMembership(mail('kollegin@gemeinde.example'), TARGET, { staff: deps.staff }, { recordOnly: false })).toBeNull();
  });
});

describe(addressKey.name, () => {
  it.each([
    [' Erika <Erika@Gemeinde.example> ', 'erika@gemeinde.example'],
    ['ERIKA@gemeinde.example', 'erika@gemeinde.example'],
    ['', ''],
  ])('%s → %s', (input, expected) => expect(addressKey(input)).toBe(expected));
});
