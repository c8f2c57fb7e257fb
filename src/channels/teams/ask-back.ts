/**
 * The municipality ask-back ("Für welche Gemeinde fragen Sie?", issue 5 item 2), shared by the card action
 * and plain messages: an answer (a candidate's AGS, an AGS or free text routed by the channel's router) settles
 * the ticket through `resolveMunicipality` (event 'rerouted'; the composition's wrapper remembers the sender).
 * While a requester's ticket awaits the answer, the conversation remembers it (teams_pending_municipality), so
 * "Wir sind die Gemeinde Aidlingen" typed as a normal message settles that ticket instead of opening another.
 */
import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { isAppError } from '../../core/errors.js';
import type { Outcome, TicketView } from '../../core/outcome.js';
import type { GemeindeRef, KreisRef, RouteCandidate } from '../../core/routing.js';
import type { TeamsContext } from './context.js';
import { activityKey, senderId } from './inbound.js';
import { teamsText } from './texts.js';

const AGS = /^\d{5}(?:\d{3})?$/;

/** A longer message, or one asking something, is a new question rather than an answer to the ask-back. */
const MAX_ANSWER_WORDS = 12;

/** What an answer to the ask-back names. */
export type MunicipalityAnswer =
  | { kind: 'ags'; ags: string }
  | { kind: 'place'; ags: string; gemeinde: GemeindeRef | null; kreis: KreisRef; evidence: string[] }
  | { kind: 'ambiguous'; candidates: RouteCandidate[] }
  | { kind: 'unknown' };

/**
 * Reads an answer: a chosen candidate (AGS), an AGS typed, or free text routed to exactly one Kreis (names,
 * type and evidence from the route). Without a router only AGS numbers are understood.
 */
export function readMunicipality(ctx: TeamsContext, choice: string | undefined, text: string | undefined): MunicipalityAnswer {
  if (choice && AGS.test(choice)) return { kind: 'ags', ags: choice };
  const input = (text ?? '').trim();
  if (input === '') return { kind: 'unknown' };
  if (AGS.test(input)) return { kind: 'ags', ags: input };
  if (!ctx.router) return { kind: 'unknown' };
  const route = ctx.router.route({ text: input }, ctx.clock.now());
  if (route.status === 'resolved' && route.kreis !== null) {
    return { kind: 'place', ags: route.gemeinde?.ags ?? route.kreis.ags, gemeinde: route.gemeinde, kreis: route.kreis, evidence: route.evidence };
  }
  if (route.status === 'ambiguous' && route.candidates.length > 0) return { kind: 'ambiguous', candidates: route.candidates };
  return { kind: 'unknown' };
}

/** Settles the ticket with an answer naming one place, tells the requester and forgets the ask-back. */
export async function applyMunicipality(turn: TurnContext, ctx: TeamsContext, number: string, answer: Extract<MunicipalityAnswer, { kind: 'ags' | 'place' }>): Promise<void> {
  const input = answer.kind === 'ags' ? { ags: answer.ags, by: 'requester' } : { ags: answer.ags, by: 'requester', gemeinde: answer.gemeinde, kreis: answer.kreis, evidence: answer.evidence };
  let result: ReturnType<TeamsContext['tickets']['resolveMunicipality']>;
  try {
    result = ctx.tickets.resolveMunicipality(number, input);
  } catch (error) {
    // An AGS outside the ticket's candidates has no names to record: the central queue routes it by hand.
    if (!isAppError(error, 'INPUT_INVALID')) throw error;
    await turn.sendActivity(teamsText.municipalityStillUnclear(number));
    return;
  }
  if (!result.ok) {
    await turn.sendActivity(teamsText.refused(result.refusal.message));
    return;
  }
  ctx.store.clearMunicipality(number);
  await turn.sendActivity(teamsText.municipalityResolved(result.ticket.number, result.ticket.team.team));
}

/** True while a ticket still waits for its municipality: open, no Kreis, in the central queue. */
export function awaitsMunicipality(ctx: Pick<TeamsContext, 'staff'>, ticket: Pick<TicketView, 'status' | 'kreis' | 'team'>): boolean {
  return ticket.status !== 'erledigt' && ticket.kreis === null && ticket.team.teamId === ctx.staff.centralTeam().id;
}

/** After a turn that asked back for the municipality: remember it for this requester and conversation. */
export function rememberAskBack(ctx: TeamsContext, activity: Partial<Activity>, outcome: Outcome): void {
  const conversationId = activity.conversation?.id;
  if (outcome.kind !== 'ticket_created' || !outcome.needsMunicipality || !conversationId) return;
  ctx.store.awaitMunicipality(conversationId, senderId(activity), outcome.ticket.number);
}

/** The ticket this requester was asked about in this conversation, if it still waits (else the ask-back is forgotten). */
function pendingTicket(ctx: TeamsContext, activity: Partial<Activity>): string | null {
  const conversationId = activity.conversation?.id;
  if (!conversationId) return null;
  const number = ctx.store.pendingMunicipality(conversationId, senderId(activity));
  if (number === null) return null;
  try {
    const { ticket } = ctx.tickets.show(number);
    if (awaitsMunicipality(ctx, { status: ticket.status, kreis: ticket.requester.kreis, team: ticket.team })) return number;
  } catch (error) {
    if (!isAppError(error, 'TICKET_NOT_FOUND')) throw error;
  }
  ctx.store.clearMunicipality(number);
  return null;
}

function isNewQuestion(text: string): boolean {
  return text.includes('?') || text.split(/\s+/).filter(Boolean).length > MAX_ANSWER_WORDS;
}

/**
 * A plain message while the requester's ticket awaits its municipality: when it names one place, the ticket
 * is settled; when it names several (and asks nothing new), the choices are offered again. Returns false when
 * the message is for the normal question path. Synchronous up to the activity key, so a Teams retry of the
 * same message is recognised (true, nothing sent) and never becomes a second ticket.
 */
export async function answerAskBack(turn: TurnContext, ctx: TeamsContext, text: string): Promise<boolean> {
  const key = `activity:${activityKey(turn.activity)}`;
  if (ctx.store.hasKey(key)) return true;
  const number = pendingTicket(ctx, turn.activity);
  if (number === null) return false;
  const answer = readMunicipality(ctx, undefined, text);
  if (answer.kind === 'unknown' || (answer.kind === 'ambiguous' && isNewQuestion(text))) return false;
  if (!ctx.store.claimKey(key)) return true;
  try {
    if (answer.kind === 'ambiguous') {
      await turn.sendActivity(MessageFactory.attachment(ctx.cards.askMunicipality(number, answer.candidates)));
    } else {
      await applyMunicipality(turn, ctx, number, answer);
    }
  } catch (error) {
    ctx.store.releaseKey(key);
    throw error;
  }
  ctx.logger.info({ component: 'teams', ticketNumber: number, answer: answer.kind }, 'ask-back answered by a message');
  return true;
}
