/**
 * Use case: handle one enquiry from any channel (STYLE G1). Decides answer / suggestion / decline /
 * ticket / follow-up from the triage result and commits the enquiry record, the ticket change and every
 * outgoing message as ONE plan through the {@link EnquiryLedger} port. Core only: ports, no drivers.
 */
import type { Enquiry } from './enquiry.js';
import type { KnowledgeAnswerer } from './knowledge.js';
import type { Outcome } from './outcome.js';
import type { Clock, Logger } from './ports.js';
import type { Router, StaffDirectory } from './routing.js';
import type { DeadlinePolicy, EnquiryLedger } from './ticket-ports.js';

/** Collaborators of {@link handleEnquiry}. */
export interface HandleEnquiryDeps {
  answerer: KnowledgeAnswerer;
  router: Router;
  staff: StaffDirectory;
  ledger: EnquiryLedger;
  deadlines: DeadlinePolicy;
  clock: Clock;
  logger: Logger;
  /**
   * Set by the mail channel for auto-replies, bounces and loops: the enquiry is recorded (and attached to
   * its ticket when it is a follow-up) but nothing is sent and nothing is reopened.
   */
  suppress?: string;
  /**
   * Teams answers the requester inline in the same turn: no outbox message for the requester then.
   * Staff notifications still go through the outbox.
   */
  inlineReply?: boolean;
}

/**
 * Handles one enquiry and returns what was decided; implied replies are already in the outbox.
 *
 * @example
 * const outcome = handleEnquiry(enquiry, { answerer, router, staff, ledger, deadlines, clock, logger });
 * if (outcome.kind === 'ticket_created') console.log(outcome.ticket.number);
 */
export function handleEnquiry(enquiry: Enquiry, deps: HandleEnquiryDeps): Outcome {
  void enquiry;
  void deps;
  throw new Error('handleEnquiry: not implemented yet');
}
