/**
 * The staff card after an action: re-rendered from the ticket and updated in place (updateActivity on the
 * card the action came from), so the channel always shows the current assignee and status.
 */
import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import { isAppError } from '../../../core/errors.js';
import type { TicketView } from '../../../core/outcome.js';
import type { TicketOpResult } from '../../../tickets/ticket-service.js';
import type { TeamsContext } from '../context.js';
import { teamsText } from '../texts.js';
import type { ActionCall } from './types.js';

/** Renders the staff card of a ticket; the requester label comes from the ticket record when readable. */
export function staffCardFor(ctx: TeamsContext, ticket: TicketView, extra: { lastAction?: string; banner?: string } = {}): Attachment {
  let requester: string | null = null;
  let subject = ticket.subject;
  try {
    const details = ctx.tickets.show(ticket.number);
    requester = details.ticket.requester.name;
    // Teams enquiries have no subject: summarise with the start of the first message instead.
    if (subject.trim() === '') subject = summary(details.messages.find((m) => m.direction === 'in')?.text ?? '');
  } catch (error) {
    if (!isAppError(error, 'TICKET_NOT_FOUND')) throw error;
  }
  return ctx.cards.staffTicket({ ticket: { ...ticket, subject }, requester: requester ?? 'Anfragende Person', ...extra }, ctx.staff);
}

function summary(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

/** Replaces the card the action came from (or posts a fresh one) and remembers it for later updates. */
export async function refreshStaffCard(turn: TurnContext, ctx: TeamsContext, ticket: TicketView, lastAction: string): Promise<void> {
  const attachment = staffCardFor(ctx, ticket, { lastAction });
  const conversationId = turn.activity.conversation.id;
  const cardId = turn.activity.replyToId;
  if (cardId) {
    await turn.updateActivity({ id: cardId, type: 'message', attachments: [attachment] });
    ctx.store.saveTicketCard(ticket.number, conversationId, cardId);
    return;
  }
  const sent = await turn.sendActivity(MessageFactory.attachment(attachment));
  if (sent?.id) ctx.store.saveTicketCard(ticket.number, conversationId, sent.id);
}

/**
 * Runs one ticket operation for a staff action: a refusal is told to the staff member, success updates the
 * card. Bad references (unknown ticket, team or person) are answered politely; other errors propagate.
 */
export async function applyStaffOp(call: ActionCall, number: string, op: () => TicketOpResult, lastAction: string): Promise<void> {
  const { turn, ctx } = call;
  let result: TicketOpResult;
  try {
    result = op();
  } catch (error) {
    if (isAppError(error, 'TICKET_NOT_FOUND')) return void (await turn.sendActivity(teamsText.ticketMissing(number)));
    if (isAppError(error, 'STAFF_UNKNOWN') && error.details['staffId'] === call.actor?.id) {
      return void (await turn.sendActivity(teamsText.staffNotInDirectory));
    }
    if (isAppError(error, 'STAFF_UNKNOWN') || isAppError(error, 'TEAM_UNKNOWN')) {
      return void (await turn.sendActivity(teamsText.refused('Ziel oder Person ist nicht bekannt.')));
    }
    throw error;
  }
  if (!result.ok) {
    await turn.sendActivity(teamsText.refused(result.refusal.message));
    return;
  }
  ctx.logger.info({ component: 'teams', ticketNumber: number, event: result.event.type }, 'staff action applied');
  await refreshStaffCard(turn, ctx, result.ticket, lastAction);
}
