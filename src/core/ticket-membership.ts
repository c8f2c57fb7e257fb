/**
 * Who may continue a ticket (issue 10, one rule for every channel). A ticket number is sequential and a
 * subject is free text, so naming a ticket proves nothing: a follow-up changes a ticket (text, reopen,
 * re-route, learned sender) only when its sender belongs to it. Anyone else starts a new ticket that names
 * the number for staff to link by hand (handle-enquiry.ts).
 *
 * Members (any channel):
 * - the ticket's requester: the same address or Teams id, or the mail address Teams knows for the user;
 * - a colleague: a sender the learned directory knows for the ticket's own municipality AND who writes from
 *   the requester's own organisational mail domain. The directory alone is not enough: it learns what a
 *   requester declares about themself, so an outsider could declare the municipality on a ticket of their
 *   own and then write into every ticket of that municipality. A generic provider (web.de, gmail.com …) is
 *   nobody's organisation;
 * - the recipient of our reply: the mail names one of our messages on this ticket (In-Reply-To/References)
 *   AND that message was sent to this sender (a Reply-To address that is not the From). A Message-ID alone
 *   is not enough: a forwarded copy carries it to people we never wrote to.
 *
 * A suppressed mail (auto-reply, bounce) is only recorded on the ticket, never reacted to. Besides members,
 * the RP's own staff (a copy of their answer sent from Outlook, from the authority's mail domain) and reports
 * about our own message (a bounce naming our Message-ID, which only the recipients of that message can know)
 * may be recorded there. Staff never act as the requester: a staff mail that is not suppressed and names a
 * ticket opens a new one like any other.
 *
 * Non-goal: a forged From. The rule trusts the sender address as the mail gateway delivered it; SPF/DKIM/
 * DMARC enforcement belongs to the gateway.
 */
import type { Enquiry } from './enquiry.js';
import type { FollowUpTarget } from './enquiry-ledger-ports.js';
import { organisationDomain } from './mail-domains.js';
import type { StaffDirectory } from './routing.js';

/** Why a sender belongs to a ticket (recorded in logs; no personal data). */
export type MembershipBasis = 'requester' | 'colleague' | 'our_reply' | 'staff' | 'report';

/** What the rule reads besides the enquiry and the ticket. */
export interface MembershipDeps {
  staff: Pick<StaffDirectory, 'findStaff' | 'teams' | 'staff'>;
  /** The municipality (AGS) the learned sender directory holds for an address, or null. */
  municipalityOf?: (address: string) => string | null;
}

/**
 * The comparable form of an address: the bare address in angle brackets if any, trimmed, lower-case
 * ("Erika <Erika@Gemeinde.example>" → "erika@gemeinde.example"). Teams ids pass through lower-cased.
 *
 * @example
 * addressKey(' Erika <Erika@Gemeinde.example> '); // → 'erika@gemeinde.example'
 */
export function addressKey(address: string): string {
  const bare = /<([^>]*)>/.exec(address)?.[1] ?? address;
  return bare.trim().toLowerCase();
}

/** The addresses the sender of an enquiry is known by (Teams: the user id and the mail address it knows). */
function senderKeys(enquiry: Enquiry): string[] {
  const keys = [addressKey(enquiry.from)];
  if (enquiry.replyHandle.channel === 'teams' && enquiry.replyHandle.fallbackEmail !== undefined) keys.push(addressKey(enquiry.replyHandle.fallbackEmail));
  return keys.filter((k) => k !== '');
}

/**
 * Whether the sender of `enquiry` may continue `target`, and why; null for anyone else. `recordOnly` is
 * true for suppressed mail, which may only be recorded on the ticket (then staff and reports on our own
 * message count as well).
 *
 * @example
 * ticketMembership(enquiry, target, { staff, municipalityOf }, { recordOnly: false }); // → 'requester' | … | null
 */
export function ticketMembership(enquiry: Enquiry, target: FollowUpTarget, deps: MembershipDeps, options: { recordOnly: boolean }): MembershipBasis | null {
  const keys = senderKeys(enquiry);
  if (keys.length === 0) return null;
  const requester = addressKey(target.requesterAddress ?? '');
  if (requester !== '' && keys.includes(requester)) return 'requester';
  const replies = target.ourReplies ?? [];
  if (replies.some((r) => keys.includes(addressKey(r.to)))) return 'our_reply';
  if (keys.some((k) => isColleague(k, requester, target, deps))) return 'colleague';
  if (!options.recordOnly) return null;
  if (keys.some((k) => isStaff(k, deps.staff))) return 'staff';
  // A report (bounce, auto-reply) about one of our own messages on this ticket: the Message-ID was proven by
  // the ledger against what we sent for this very ticket.
  if (replies.length > 0) return 'report';
  return null;
}

/** Same municipality in the learned directory and the same organisational mail domain as the requester. */
function isColleague(key: string, requester: string, target: FollowUpTarget, deps: MembershipDeps): boolean {
  const gemeinde = target.gemeinde?.ags;
  if (gemeinde === undefined || deps.municipalityOf === undefined) return false;
  const domain = organisationDomain(key);
  if (domain === null || domain !== organisationDomain(requester)) return false;
  return deps.municipalityOf(key) === gemeinde;
}

/**
 * A staff member (by mailbox or id), or an address on the authority's own mail domain: the domain of a team
 * or staff mailbox of the contacts file (a case worker answering from Outlook writes from a personal address
 * there, as the mail channel's loop guard also assumes). Role mailboxes belong on the authority's domain.
 */
function isStaff(key: string, staff: MembershipDeps['staff']): boolean {
  if (staff.findStaff(key) !== null) return true;
  const domain = organisationDomain(key);
  if (domain === null) return false;
  const mailboxes = [...staff.teams().map((t) => t.email), ...staff.staff().flatMap((s) => (s.email === undefined ? [] : [s.email]))];
  return mailboxes.some((m) => organisationDomain(addressKey(m)) === domain);
}
