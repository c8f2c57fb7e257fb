/**
 * The municipality ask-back in Teams ("Für welche Gemeinde fragen Sie?", issue 5 item 2): the door only
 * remembers it and passes answers on. The answer (a candidate chosen on the card, or a plain message while the
 * ticket waits) goes to the core as a `municipality_answer` request (core/ask-back.ts), which reads it, settles
 * the ticket through the ledger as a mail follow-up naming the municipality does, and learns the sender.
 * While a requester's ticket awaits the answer, the conversation remembers it (teams_pending_municipality), so
 * "Wir sind die Gemeinde Aidlingen" typed as a normal message settles that ticket instead of opening another.
 */
import type { Activity } from 'botbuilder';
import { awaitsMunicipality } from '../../../core/ask-back.js';
import type { AskBackAnswer } from '../../../core/enquiry-request.js';
import { isAppError } from '../../../core/errors.js';
import type { Outcome } from '../../../core/outcome.js';
import type { TeamsContext } from '../context.js';
import { activityKey, senderId } from './inbound.js';

/** After a turn that asked back for the municipality: remember it for this requester and conversation. */
export async function rememberAskBack(ctx: TeamsContext, activity: Partial<Activity>, outcome: Outcome): Promise<void> {
  const conversationId = activity.conversation?.id;
  if (outcome.kind !== 'ticket_created' || !outcome.needsMunicipality || !conversationId) return;
  await ctx.store.awaitMunicipality(conversationId, senderId(activity), outcome.ticket.number);
}

/**
 * After the core handled an answer to the ask-back: a settled, closed or foreign ticket is forgotten. A plain
 * message that settled nothing (several places named; nothing recorded) is remembered by its activity key so a
 * Teams retry stays silent. Returns false when the replies must not go out (that retry).
 */
export async function afterAskBack(ctx: TeamsContext, activity: Partial<Activity>, askBack: AskBackAnswer | undefined, outcome: Outcome): Promise<boolean> {
  if (askBack === undefined) return true;
  const done = outcome.kind === 'follow_up' || (outcome.kind === 'ask_back_open' && outcome.reason !== 'ambiguous' && outcome.reason !== 'unclear' && outcome.reason !== 'missing');
  if (done) await ctx.store.clearMunicipality(askBack.ticketNumber);
  if (outcome.kind !== 'ask_back_open' || askBack.via !== 'message') return true;
  return ctx.store.claimKey(`activity:${activityKey(activity)}`);
}

/** The ticket this requester was asked about in this conversation, if it still waits (else the ask-back is forgotten). */
export async function pendingAskBack(ctx: TeamsContext, activity: Partial<Activity>): Promise<string | null> {
  const conversationId = activity.conversation?.id;
  if (!conversationId) return null;
  const number = await ctx.store.pendingMunicipality(conversationId, senderId(activity));
  if (number === null) return null;
  try {
    const { ticket } = await ctx.tickets.show(number);
    if (awaitsMunicipality({ status: ticket.status, kreis: ticket.requester.kreis, team: ticket.team }, ctx.staff.centralTeam().id)) return number;
  } catch (error) {
    if (!isAppError(error, 'TICKET_NOT_FOUND')) throw error;
  }
  await ctx.store.clearMunicipality(number);
  return null;
}
