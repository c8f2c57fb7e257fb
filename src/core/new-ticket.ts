/**
 * Drafting a new ticket (split from handle-enquiry.ts): the draft the ledger creates, and the reasons a ticket
 * is opened whatever triage decides. Pure.
 */
import type { Assignment } from './assignment.js';
import type { Enquiry } from './enquiry.js';
import type { NewTicketDraft } from './enquiry-ledger-ports.js';
import type { DueTimes } from './ticket-model.js';
import type { TicketCategory, TriageResult } from './triage/index.js';

/** What a channel asks for when a ticket must be opened whatever triage decides (`EnquiryRequest.forceTicket`). */
export interface ForceTicket {
  reason: string;
  category?: TicketCategory;
  notifyRequester: boolean;
}

/** A ticket to open whatever triage decides, with the reasons staff read on it (German). */
export interface Forced {
  reasons: string[];
  category?: TicketCategory;
  notifyRequester: boolean;
}

/**
 * The channel's forced ticket (quarantine, rate limit) and a ticket number named by someone who does not
 * belong to that ticket (issue 10) combined; undefined when neither. The reasons head the triage reasons and
 * are recorded on the new ticket as internal notes, so staff read them there.
 *
 * @example
 * forcedTicket(undefined, 'IM-2026-000123')?.reasons; // → ['Bezieht sich auf IM-2026-000123; Zuordnung durch die Sachbearbeitung prüfen']
 */
export function forcedTicket(given: ForceTicket | undefined, foreign: string | null): Forced | undefined {
  const note = foreign === null ? [] : [`Bezieht sich auf ${foreign}; Zuordnung durch die Sachbearbeitung prüfen`];
  if (given === undefined) return note.length === 0 ? undefined : { reasons: note, notifyRequester: true };
  return { reasons: [...note, given.reason], notifyRequester: given.notifyRequester, ...(given.category === undefined ? {} : { category: given.category }) };
}

/**
 * The draft of a new ticket for an enquiry: requester and route from triage, team from the assignment, the
 * forced reasons as internal notes, triage's reasons (why a ticket at all) as `triageReasons`.
 *
 * @example
 * newTicket(enquiry, result, assignTeam(result.route, staff, now), deadlines.due('antrag', now)).team.id;
 */
export function newTicket(enquiry: Enquiry, result: TriageResult, assignment: Assignment, due: DueTimes, forced?: Forced): NewTicketDraft {
  const category = result.ticketCategory ?? 'sonstiges';
  const { route } = result;
  return {
    ...(forced === undefined ? {} : { notes: forced.reasons }),
    category,
    channel: enquiry.channel,
    // Teams messages have no subject: the ticket shows the start of the message instead.
    subject: enquiry.subject.trim() !== '' ? enquiry.subject : excerpt(enquiry.text),
    requester: {
      name: enquiry.fromName ?? null,
      address: enquiry.from,
      gemeinde: route.gemeinde,
      kreis: route.kreis,
      routeStatus: route.status,
      evidence: route.evidence,
      candidates: route.candidates,
    },
    replyHandle: enquiry.replyHandle,
    team: assignment.team,
    deputyFor: assignment.deputyFor,
    assignmentReason: assignment.reason,
    due,
    text: enquiry.text,
    triageReasons: result.reasons,
  };
}

/** The first words of a text, for a ticket without a subject. */
function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()} …`;
}
