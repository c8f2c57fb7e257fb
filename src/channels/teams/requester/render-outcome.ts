/**
 * Outcome → the activities of the inline reply (STYLE G7: one exhaustive switch; the core decided, this
 * only renders). Staff notifications are not here: they come through the outbox (deliverer.teams.ts).
 */
import { MessageFactory, type Activity } from 'botbuilder';
import type { Outcome } from '../../../core/outcome.js';
import type { CardRenderer } from '../cards/render.js';
import { teamsText } from '../texts.js';

/** What rendering needs besides the outcome. */
export interface RenderInput {
  cards: CardRenderer;
  /** The question as handed to the core (carried in card data for "An Sachbearbeitung übergeben"). */
  question: string;
  /** German note when the message was truncated. */
  truncationNote?: string;
  /** True when the request answered the municipality ask-back: a follow-up then says where the ticket went. */
  askBack?: boolean;
}

/**
 * The reply activities for an outcome; empty for duplicates and suppressed enquiries (nothing to say).
 *
 * @example
 * for (const a of renderOutcome(outcome, { cards, question })) await context.sendActivity(a);
 */
export function renderOutcome(outcome: Outcome, input: RenderInput): Partial<Activity>[] {
  const { cards, question, truncationNote, askBack } = input;
  switch (outcome.kind) {
    case 'answered':
      return [card(cards.answer(outcome.triage.answer, outcome.enquiryKey, question, truncationNote))];
    case 'suggested':
      return [card(cards.suggestions(outcome.triage.answer, outcome.enquiryKey, question, truncationNote))];
    case 'ticket_created': {
      const replies = [card(cards.ticketConfirmation(outcome.ticket, truncationNote, outcome.triage.answer.language !== undefined))];
      if (outcome.needsMunicipality) replies.push(card(cards.askMunicipality(outcome.ticket.number, outcome.candidates)));
      const { answer } = outcome.triage;
      if (answer.outcome === 'suggest' && answer.suggestions.length > 0) replies.push(card(cards.suggestionsWhileWaiting(answer, outcome.enquiryKey)));
      return replies;
    }
    case 'follow_up':
      if (askBack === true) return [MessageFactory.text(teamsText.municipalityResolved(outcome.ticket.number, outcome.ticket.team.team))];
      return [MessageFactory.text(teamsText.followUp(outcome.ticket.number, outcome.reopened))];
    case 'ask_back_open':
      return [askBackOpen(outcome, cards)];
    case 'declined':
      return [MessageFactory.text(declinedText(outcome))];
    case 'acknowledged':
      return [MessageFactory.text(teamsText.acknowledged)];
    case 'invalid':
      return [MessageFactory.text(outcome.message || teamsText.empty)];
    case 'suppressed':
    case 'duplicate':
      return [];
    default:
      return assertNever(outcome);
  }
}

/** Why an answer to the ask-back settled nothing, in the requester's words; several places: the choices again. */
function askBackOpen(outcome: Extract<Outcome, { kind: 'ask_back_open' }>, cards: CardRenderer): Partial<Activity> {
  const number = outcome.ticketNumber;
  switch (outcome.reason) {
    case 'ambiguous':
      return card(cards.askMunicipality(number, outcome.candidates));
    case 'missing':
      return MessageFactory.text(teamsText.municipalityMissing);
    case 'unclear':
      return MessageFactory.text(teamsText.municipalityStillUnclear(number));
    case 'closed':
      return MessageFactory.text(teamsText.refused('Das Ticket ist erledigt.'));
    case 'settled':
      return MessageFactory.text(teamsText.municipalityResolved(number, outcome.ticket?.team.team ?? ''));
    case 'not_found':
      return MessageFactory.text(teamsText.ticketMissing(number));
  }
}

function declinedText(outcome: Extract<Outcome, { kind: 'declined' }>): string {
  const message = outcome.triage.answer.message ?? 'Dazu kann ich Ihnen leider keine Auskunft geben.';
  const contact = outcome.triage.route.contact;
  if (!contact) return message;
  const parts = [contact.team, contact.email, contact.phone].filter((p) => p && p.trim() !== '');
  return parts.length > 0 ? `${message}\n\nAnsprechpartner: ${parts.join(', ')}` : message;
}

function card(attachment: ReturnType<CardRenderer['welcome']>): Partial<Activity> {
  return MessageFactory.attachment(attachment);
}

function assertNever(value: never): never {
  throw new Error(`teams render: unhandled outcome ${JSON.stringify(value)}`);
}
