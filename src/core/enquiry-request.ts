/**
 * What a door asks the core to do with one enquiry (issue 11 item 2): what happened and how the reply
 * travels. Plain data; the ports stay in `HandleEnquiryDeps`.
 */
import type { Enquiry } from './enquiry.js';
import type { KnowledgeAnswerer } from './knowledge.js';
import type { ForceTicket } from './new-ticket.js';

/**
 * How the requester hears back: `inline` in the same turn (Teams, the CLI), so no outbox message for the
 * requester; `outbox` by a queued message (mail). Staff notifications always go through the outbox.
 */
export type ReplyPath = 'inline' | 'outbox';

/**
 * What happened: a question (typed or mailed), a passage chosen from "Meinten Sie …" (its title is asked as a
 * question), an escalation ("An Sachbearbeitung übergeben", "Keine davon": a person must take it, so a
 * ticket is opened even for a question the knowledge base could answer), or a municipality's answer to the
 * ask-back ("Für welche Gemeinde fragen Sie?", core/ask-back.ts): the core reads it (a chosen candidate, an
 * AGS, or free text routed) and re-routes the ticket as a mail follow-up naming the municipality does.
 */
export type EnquiryKind = 'question' | 'passage_choice' | 'escalation' | 'municipality_answer';

/**
 * Which ask-back a `municipality_answer` answers: the ticket asked about, the candidate chosen on the card
 * (its AGS) and how the answer came: `card` (the ask-back card: whatever it names is the answer) or `message`
 * (a plain message while the ticket waits: when it names no place, or asks something new, it is a question).
 */
export interface AskBackAnswer {
  ticketNumber: string;
  choice?: string | undefined;
  via: 'card' | 'message';
}

/** One request to {@link handleEnquiry}. */
export interface EnquiryRequest {
  kind: EnquiryKind;
  enquiry: Enquiry;
  reply: ReplyPath;
  /** With `municipality_answer`: the ask-back answered (without it the enquiry is asked as a question). */
  askBack?: AskBackAnswer;
  /**
   * Set by the mail door for auto-replies, bounces and loops: the enquiry is recorded (and attached to its
   * ticket when it is a follow-up) but nothing is sent and nothing is reopened.
   */
  suppress?: string;
  /**
   * Opens a ticket whatever triage decides (a quarantined or rate-limited mail for staff to read by hand);
   * `reason` heads the ticket's reasons. Without `notifyRequester` no confirmation or ask-back goes out.
   */
  forceTicket?: ForceTicket;
}

/**
 * The answerer triage consults for a request: for an escalation every answerable question counts as
 * "a person should take it" (`handover`), so triage opens a ticket.
 *
 * @example
 * triage(input, { answerer: answererFor(request, deps.answerer), router, now });
 */
export function answererFor(request: Pick<EnquiryRequest, 'kind'>, answerer: KnowledgeAnswerer): KnowledgeAnswerer {
  if (request.kind !== 'escalation') return answerer;
  return {
    ask(question, options) {
      const result = answerer.ask(question, options);
      if (result.outcome === 'invalid') return result;
      return { ...result, outcome: 'handover', answered: false, answer: null };
    },
  };
}
