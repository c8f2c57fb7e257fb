/**
 * The staff card of a ticket, and how a card action runs its ticket operation. The card is not updated in the
 * turn: the ticket change queues its own card update (or notification) in the outbox, whose Teams leg updates
 * the card in place (deliverer.teams.ts), so every change reaches the card the same way and exactly once.
 */
import type { Attachment } from 'botbuilder';
import { isAppError } from '../../../core/errors.js';
import type { TicketView } from '../../../core/outcome.js';
import type { TicketOpResult } from '../../../tickets/ticket-service.js';
import type { TeamsContext } from '../context.js';
import { teamsText } from '../texts.js';
import type { ActionCall } from '../action-types.js';

/** Renders the staff card of a ticket; the requester label comes from the ticket record when readable. */
export async function staffCardFor(ctx: TeamsContext, ticket: TicketView, extra: { lastAction?: string; banner?: string } = {}): Promise<Attachment> {
  let requester: string | null = null;
  let subject = ticket.subject;
  try {
    const details = await ctx.tickets.show(ticket.number);
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

/**
 * Runs one ticket operation for a staff action: a refusal is told to the staff member; on success the outbox
 * brings the card up to date within one cycle (the change queued it). Bad references (unknown ticket, team or
 * person) are answered politely; other errors propagate.
 */
export async function applyStaffOp(call: ActionCall, number: string, op: () => Promise<TicketOpResult>): Promise<void> {
  const { turn, ctx } = call;
  let result: TicketOpResult;
  try {
    result = await op();
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
}
