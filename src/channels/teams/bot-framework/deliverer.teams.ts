/**
 * The Teams deliverer for the outbox (channel 'teams'): proactive messages via continueConversationAsync
 * on the stored ConversationReference. Requester kinds go to the ticket's conversation (reply handle);
 * staff kinds (the Teams leg of a staff message, see core/staff-messages.ts) go to the staff channel the
 * fan-out named, else the one registered for the ticket's team (or for all teams): a notification or card
 * update replaces the ticket's card there in place, or posts it when the channel has none; an escalation
 * posts a new card with a banner.
 * Results: `sent`; `retry` (429/5xx/network, honouring Retry-After); `dead` (403/404: the conversation is
 * marked dead and the reason starts with `teams_conversation_gone`, so the tickets side can fall back to
 * e-mail; or a payload that cannot be rendered; or no staff channel registered).
 */
import { isAppError } from '../../../core/errors.js';
import type { Deliverer, DeliveryResult, OutboundMessage } from '../../../core/outcome.js';
import type { TeamsAdapters } from './adapter.teams.js';
import { CONVERSATION_GONE, NO_STAFF_CHANNEL, mapConnectorError } from './connector-errors.js';
import type { TeamsContext } from '../context.js';
import { isStaffKind, payloadTicket, renderOutbound } from '../render-outbound.js';
import { sendProactive, updateProactive } from './proactive.teams.js';
import { resolveStaffChannel } from '../staff/staff-channel.js';
import { parseReference, type StoredReference } from '../store.js';

type Target = { conversationId: string; stored: StoredReference } | { failure: DeliveryResult };

/**
 * Creates the deliverer.
 *
 * @example
 * createOutboxWorker({ deliverers: { teams: channel.deliverer }, … });
 */
export function createTeamsDeliverer(ctx: TeamsContext, adapters: TeamsAdapters): Deliverer {
  const logger = ctx.logger.child({ component: 'teams-deliverer' });
  return async (message) => {
    const doneKey = `outbox:${message.key}`;
    if (!(await ctx.store.claimKey(doneKey))) return { kind: 'sent', providerId: 'already-delivered' };
    try {
      const result = await deliver(message, ctx, adapters);
      if (result.kind !== 'sent') await ctx.store.releaseKey(doneKey);
      if (result.kind === 'dead') logger.warn({ outboxKey: message.key, kind: message.kind, reason: result.reason }, 'teams delivery dead');
      return result;
    } catch (error) {
      await ctx.store.releaseKey(doneKey);
      if (isAppError(error, 'INPUT_INVALID') || isAppError(error, 'TEAMS_ACTIVITY_INVALID')) {
        logger.error({ outboxKey: message.key, kind: message.kind, code: error.code, err: error.message }, 'teams message undeliverable');
        return { kind: 'dead', reason: `${error.code}: ${error.message}` };
      }
      throw error;
    }
  };
}

async function deliver(message: OutboundMessage, ctx: TeamsContext, adapters: TeamsAdapters): Promise<DeliveryResult> {
  const target = await resolveTarget(message, ctx);
  if ('failure' in target) return target.failure;
  if (target.stored.isDead) return withMailFallback(message, { kind: 'dead', reason: `${CONVERSATION_GONE}: marked dead earlier` });
  const activity = await renderOutbound(message, ctx);
  const ticket = payloadTicket(message);
  // A staff card already in that channel is updated in place; an escalation is posted anew to be seen.
  const existing = isStaffKind(message.kind) && message.kind !== 'escalation' && ticket
    ? (await ctx.store.ticketCards(ticket.number)).find((c) => c.conversationId === target.conversationId)
    : undefined;
  let sentId: string | undefined;
  try {
    sentId = existing
      ? await updateProactive(adapters, target.stored.reference, existing.activityId, activity)
      : await sendProactive(adapters, target.stored.reference, activity);
  } catch (error) {
    const result = mapConnectorError(error, ctx.clock.now());
    if (result.kind === 'dead' && result.reason.startsWith(CONVERSATION_GONE)) {
      await ctx.store.markDead(target.conversationId, result.reason);
      return withMailFallback(message, result);
    }
    return result;
  }
  if (isStaffKind(message.kind) && ticket && sentId) await ctx.store.saveTicketCard(ticket.number, target.conversationId, sentId);
  return sentId ? { kind: 'sent', providerId: sentId } : { kind: 'sent' };
}

/**
 * The bot was removed or the conversation is gone: a requester whose mail address is known gets the
 * message by mail instead (issue 5: "the ticket falls back to e-mail where an address is known").
 */
function withMailFallback(message: OutboundMessage, result: DeliveryResult & { kind: 'dead' }): DeliveryResult {
  const handle = message.replyHandle;
  if (handle.channel !== 'teams' || handle.fallbackEmail === undefined || handle.fallbackEmail === '') return result;
  const number = payloadTicket(message)?.number ?? null;
  const subject = number === null ? 'Ihre Anfrage an das Integrationsmanagement' : `Ihre Anfrage [${number}]`;
  return {
    ...result,
    fallback: { channel: 'email', replyHandle: { channel: 'email', to: handle.fallbackEmail, messageId: null, references: [], subject } },
  };
}

async function resolveTarget(message: OutboundMessage, ctx: TeamsContext): Promise<Target> {
  if (isStaffKind(message.kind)) {
    const teamId = payloadTicket(message)?.team.teamId ?? null;
    const conversationId = handleConversationId(message) ?? (await resolveStaffChannel(ctx, teamId));
    const stored = conversationId ? await ctx.store.reference(conversationId) : null;
    if (!conversationId || !stored) return { failure: { kind: 'dead', reason: `${NO_STAFF_CHANNEL}: team ${teamId ?? 'unknown'}` } };
    return { conversationId, stored };
  }
  if (message.replyHandle.channel !== 'teams') {
    return { failure: { kind: 'dead', reason: `teams deliverer: reply handle of channel ${message.replyHandle.channel}` } };
  }
  const reference = parseReference(message.replyHandle.conversationReference);
  const conversationId = reference.conversation?.id ?? '';
  // Prefer the freshest stored reference (service URLs change); fall back to the one on the ticket.
  const stored = (await ctx.store.reference(conversationId)) ?? { reference, isDead: false };
  return { conversationId, stored };
}

function handleConversationId(message: OutboundMessage): string | null {
  if (message.replyHandle.channel !== 'teams') return null;
  const conversation = message.replyHandle.conversationReference['conversation'] as { id?: unknown } | undefined;
  return typeof conversation?.id === 'string' && conversation.id !== '' ? conversation.id : null;
}
