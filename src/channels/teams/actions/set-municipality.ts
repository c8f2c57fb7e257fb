/**
 * The answer to "Für welche Gemeinde fragen Sie?": a chosen candidate (AGS) or free text, routed again;
 * then the ticket service re-routes the ticket to the responsible team.
 */
import { MessageFactory } from 'botbuilder';
import { z } from 'zod';
import { isAppError } from '../../../core/errors.js';
import type { RouteCandidate } from '../../../core/routing.js';
import type { TeamsContext } from '../context.js';
import { senderId } from '../inbound.js';
import { teamsText } from '../texts.js';
import { defineAction } from './types.js';

const AGS = /^\d{5}(?:\d{3})?$/;

const MunicipalityData = z.object({
  ticketNumber: z.string().regex(/^IM-\d{4}-\d{6}$/),
  choice: z.string().trim().max(20).optional(),
  municipality: z.string().trim().max(200).optional(),
});

/** Either an AGS to apply, or candidates to offer again, or nothing recognisable. */
type Resolution = { kind: 'ags'; ags: string } | { kind: 'ambiguous'; candidates: RouteCandidate[] } | { kind: 'unknown' };

export const setMunicipalityAction = defineAction({
  verb: 'setMunicipality',
  staffOnly: false,
  schema: MunicipalityData,
  async run({ turn, ctx }, data) {
    if (!isOwnTicket(ctx, data.ticketNumber, senderId(turn.activity))) {
      // Card data can be forged: only the person who asked may re-route their ticket.
      await turn.sendActivity(teamsText.ticketMissing(data.ticketNumber));
      return;
    }
    const resolution = resolve(ctx, data.choice, data.municipality);
    if (resolution.kind === 'ambiguous') {
      await turn.sendActivity(MessageFactory.attachment(ctx.cards.askMunicipality(data.ticketNumber, resolution.candidates)));
      return;
    }
    if (resolution.kind === 'unknown') {
      const isEmpty = !data.choice && !data.municipality;
      await turn.sendActivity(isEmpty ? teamsText.municipalityMissing : teamsText.municipalityStillUnclear(data.ticketNumber));
      return;
    }
    const result = ctx.tickets.resolveMunicipality(data.ticketNumber, { ags: resolution.ags, by: 'requester' });
    if (!result.ok) {
      await turn.sendActivity(teamsText.refused(result.refusal.message));
      return;
    }
    await turn.sendActivity(teamsText.municipalityResolved(result.ticket.number, result.ticket.team.team));
    ctx.onTicketChanged(result.ticket);
  },
});

function isOwnTicket(ctx: TeamsContext, number: string, sender: string): boolean {
  try {
    return ctx.tickets.show(number).ticket.requester.address === sender;
  } catch (error) {
    if (isAppError(error, 'TICKET_NOT_FOUND')) return false;
    throw error;
  }
}

function resolve(ctx: TeamsContext, choice: string | undefined, text: string | undefined): Resolution {
  if (choice && AGS.test(choice)) return { kind: 'ags', ags: choice };
  const input = (text ?? '').trim();
  if (input === '') return { kind: 'unknown' };
  if (AGS.test(input)) return { kind: 'ags', ags: input };
  if (!ctx.router) return { kind: 'unknown' };
  const route = ctx.router.route({ text: input }, ctx.clock.now());
  if (route.status === 'resolved') {
    const ags = route.gemeinde?.ags ?? route.kreis?.ags;
    return ags ? { kind: 'ags', ags } : { kind: 'unknown' };
  }
  if (route.status === 'ambiguous' && route.candidates.length > 0) return { kind: 'ambiguous', candidates: route.candidates };
  return { kind: 'unknown' };
}
