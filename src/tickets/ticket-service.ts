/**
 * Staff operations on tickets (STYLE G1, G10): take over, hand over with a note, answer the requester,
 * internal note, close, reopen, and the municipality ask-back. Driven by the CLI now and Teams cards later.
 * Each operation reads the ticket, applies the pure `transition()` and saves with a version check
 * (a conditional UPDATE), retrying on a lost race so the loser gets a refusal naming the holder.
 */
import type { Clock, Logger } from '../core/ports.js';
import type { StaffDirectory } from '../core/routing.js';
import type { TicketView } from '../core/outcome.js';
import type { Refusal, TicketDetails, TicketEvent, TicketFilter, TicketStore } from '../core/ticket-ports.js';

/** Collaborators of the ticket service. */
export interface TicketServiceDeps {
  store: TicketStore;
  staff: StaffDirectory;
  clock: Clock;
  logger: Logger;
}

/** Result of a staff operation: the changed ticket and its event, or a refusal (an expected outcome). */
export type TicketOpResult = { ok: true; ticket: TicketView; event: TicketEvent } | { ok: false; refusal: Refusal };

/** Staff operations; throw AppError TICKET_NOT_FOUND, STAFF_UNKNOWN, TEAM_UNKNOWN or DB_* on bad input/faults. */
export interface TicketService {
  /** Takes a ticket over. Of two staff at once exactly one wins; the other gets ALREADY_CLAIMED naming the holder. */
  claim(number: string, by: string): TicketOpResult;
  /** Hands over to a team id or a staff id, with a required note. */
  handover(number: string, input: { to: string; note: string; by: string }): TicketOpResult;
  /** Answers the requester through the ticket's channel (outbox 'staff_answer'); status → wartet. */
  answer(number: string, input: { text: string; by: string }): TicketOpResult;
  /** Adds an internal note (never sent to the requester). */
  note(number: string, input: { text: string; by: string }): TicketOpResult;
  close(number: string, input: { by: string; note?: string }): TicketOpResult;
  reopen(number: string, input: { by: string; note?: string }): TicketOpResult;
  /**
   * The requester's answer to the municipality ask-back: an 8-digit Gemeinde AGS or a 5-digit Kreis AGS.
   * Re-routes and reassigns the ticket (event 'rerouted'). `by` is a staff id or 'requester'.
   */
  resolveMunicipality(number: string, input: { ags: string; by: string }): TicketOpResult;
  show(number: string): TicketDetails;
  list(filter: TicketFilter): TicketView[];
}

/**
 * Creates the ticket service.
 *
 * @example
 * const service = createTicketService({ store, staff, clock, logger });
 * const r = service.claim('IM-2026-000001', 'sb-nord-1');
 */
export function createTicketService(deps: TicketServiceDeps): TicketService {
  void deps;
  throw new Error('createTicketService: not implemented yet');
}
