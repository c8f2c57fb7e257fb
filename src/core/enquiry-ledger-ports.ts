/**
 * The enquiry ledger port (STYLE G5): how `handleEnquiry` finds the ticket an enquiry continues and commits
 * everything one enquiry changes as one plan. Implemented by src/tickets/enquiry-ledger.sqlite.ts; tests use
 * the in-memory fake in test/fakes. Split from ticket-model.ts, which re-exports these types.
 */
import type { Channel, Enquiry, ReplyHandle } from './enquiry.js';
import type { OutboundKind, Outcome, TicketView } from './outcome.js';
import type { Contact, GemeindeRef, KreisRef, RouteCandidate, RouteStatus, Team } from './routing.js';
import type { DueTimes, OutboxDraft, Requester } from './ticket-model.js';
import type { TicketCategory } from './triage/index.js';

/** A ticket to create; the store allocates the number inside the transaction. */
export interface NewTicketDraft {
  category: TicketCategory;
  channel: Channel;
  subject: string;
  requester: Requester;
  replyHandle: ReplyHandle;
  team: Team;
  /** Team id the deputy stands in for, when the responsible team is absent. */
  deputyFor: string | null;
  /** Why this team (German): "Kreis Böblingen → Team Nord", "Kreis unbekannt → zentrale Eingangsstelle". */
  assignmentReason: string;
  due: DueTimes;
  /** The enquiry text, recorded as the first inbound message. */
  text: string;
  /**
   * Internal notes for staff (German), recorded on the new ticket as messages of direction `note` by `system`:
   * why the ticket was forced open, a ticket number it refers to that staff should check (issue 10).
   */
  notes?: string[];
  /**
   * Why the enquiry became a ticket (German), as triage gave them (a forced reason first): stored on the
   * ticket and shown to staff on the Vorgang page.
   */
  triageReasons?: string[];
}

/**
 * A follow-up that settles an open route (issues 5/6: the requester names the municipality asked for):
 * the ticket is re-routed and reassigned in the same transaction (event `rerouted`, by `requester`).
 */
export interface FollowUpReroute {
  team: Contact & { teamId: string };
  gemeinde: GemeindeRef | null;
  kreis: KreisRef;
  /** Why this team (German), recorded as the event note together with the evidence. */
  reason: string;
  /** Routing evidence of the follow-up in German words; replaces the requester's evidence. */
  evidence: string[];
}

/**
 * One of our own messages to the requester side of a ticket that an inbound mail names (In-Reply-To,
 * References or the returned headers of a delivery report). `to` is personal data: compared, never logged.
 */
export interface ReferencedReply {
  kind: OutboundKind;
  /** The address our message was sent to. */
  to: string;
}

/**
 * A ticket found for a follow-up, with how far its route was settled and who asked (both absent from older
 * implementations), which of our messages on it the enquiry names (issue 10: membership by our reply) and the
 * ask-back's choices.
 * `requesterAddress` is personal data: compared, never logged.
 */
export type FollowUpTarget = TicketView & {
  routeStatus?: RouteStatus;
  requesterAddress?: string;
  ourReplies?: ReferencedReply[];
  /** The places the requester was asked to choose from while the route is open (the ask-back's choices). */
  candidates?: RouteCandidate[];
};

/** Everything one enquiry changes, committed as ONE transaction by {@link EnquiryLedger.commit}. */
export interface EnquiryPlan {
  enquiry: Enquiry;
  outcome: Outcome['kind'];
  /** ISO-8601 UTC of handling. */
  at: string;
  suppressedReason: string | null;
  ticket:
    | { kind: 'none' }
    | { kind: 'create'; draft: NewTicketDraft }
    /**
     * Append the enquiry to an existing ticket; `react` false records it only (suppressed auto-reply);
     * `reroute` (only with `react`) re-routes it after the requester's reply.
     */
    | { kind: 'follow_up'; number: string; react: boolean; reroute?: FollowUpReroute };
  outbox: OutboxDraft[];
}

/** Result of committing a plan. */
export type LedgerCommitResult =
  | { kind: 'committed'; ticket: TicketView | null; reopened: boolean; rerouted?: boolean }
  /** Another process recorded the same enquiry key first. */
  | { kind: 'duplicate'; previous: Outcome['kind'] };

/** Port: records enquiries idempotently and applies their ticket changes and outbox entries atomically. */
export interface EnquiryLedger {
  /** The outcome recorded for an enquiry key, or null when the key is new. */
  findEnquiry(key: string): Promise<{ outcome: Outcome['kind']; ticketNumber: string | null } | null>;
  /**
   * An open or closed ticket named by number, or found via mail Message-IDs (References/In-Reply-To and the
   * ids a delivery report names). `ourReplies` lists our requester messages of that ticket among `references`.
   */
  findTicket(ref: { number?: string; references?: string[] }): Promise<FollowUpTarget | null>;
  /** Commits the whole plan in one transaction (throws AppError DB_* on storage failure, leaving nothing). */
  commit(plan: EnquiryPlan): Promise<LedgerCommitResult>;
}
