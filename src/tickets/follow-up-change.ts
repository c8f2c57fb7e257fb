/**
 * What a reacting follow-up does to its ticket (pure; shared by the SQLite and PostgreSQL ledgers and the
 * in-memory fake).
 */
import type { EnquiryPlan } from '../core/enquiry-ledger-ports.js';
import type { TicketEvent, TicketRecord } from '../core/ticket-model.js';
import { transition } from './ticket.js';

/** What a follow-up did to its ticket: the changed ticket and the events to append, in order. */
export interface FollowUpChange {
  ticket: TicketRecord;
  events: TicketEvent[];
  reopened: boolean;
  rerouted: boolean;
}

/**
 * The transitions of a reacting follow-up (pure; shared with the in-memory fake): the requester's reply
 * (which may reopen the ticket), then, when the plan carries one, the re-route to the team of the
 * municipality the reply names (event `rerouted` by `requester`, the evidence in its note).
 */
export function followUpChange(ticket: TicketRecord, spec: Extract<EnquiryPlan['ticket'], { kind: 'follow_up' }>, at: Date): FollowUpChange {
  const change: FollowUpChange = { ticket, events: [], reopened: false, rerouted: false };
  if (!spec.react) return change;
  const reply = transition(ticket, { type: 'requester_reply' }, at);
  if (reply.ok) {
    change.ticket = reply.ticket;
    change.events.push(reply.event);
    change.reopened = reply.event.type === 'reopened';
  }
  if (spec.reroute === undefined) return change;
  const { team, gemeinde, kreis, reason, evidence } = spec.reroute;
  const note = evidence.length === 0 ? reason : `${reason} (${evidence.join('; ')})`;
  const moved = transition(change.ticket, { type: 'reroute', by: 'requester', team, gemeinde, kreis, reason: note }, at);
  if (!moved.ok) return change;
  change.ticket = { ...moved.ticket, requester: { ...moved.ticket.requester, evidence } };
  change.events.push(moved.event);
  change.rerouted = true;
  return change;
}
