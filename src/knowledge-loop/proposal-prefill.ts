/**
 * The pre-filled proposal of a ticket (issue 14 item 2): the question from the enquiry (its asking sentences,
 * as triage reads them) and the answer from the staff reply, both with personal data removed (anonymise.ts);
 * Stand is today. Pure.
 */
import { berlinDay } from '../core/berlin-time.js';
import type { TicketDetails } from '../core/ticket-model.js';
import { extractQuestion } from '../core/triage/question-extract.js';
import { anonymise } from './anonymise.js';
import type { ProposalContent } from './proposal-markdown.js';

/**
 * @example prefillFromTicket(tickets.show('IM-2026-000001'), null, new Date()).question
 */
export function prefillFromTicket(details: TicketDetails, draftAnswer: string | null, now: Date): ProposalContent {
  const enquiry = details.messages.find((m) => m.direction === 'in' && m.suppressed !== true);
  const extracted = enquiry === undefined ? null : extractQuestion({ subject: details.ticket.subject, text: enquiry.text });
  const asked = extracted === null ? '' : extracted.questions.length > 0 ? extracted.questions.join(' ') : extracted.text;
  const reply = draftAnswer !== null && draftAnswer.trim() !== '' ? draftAnswer : ([...details.messages].reverse().find((m) => m.direction === 'out')?.text ?? '');
  return {
    question: anonymise(asked.replace(/\s+/g, ' ').trim()),
    answer: anonymise(reply.replace(/\r\n?/g, '\n').trim()),
    alternatives: [],
    source: '',
    stand: berlinDay(now),
    sectionId: '',
  };
}
