/**
 * The answer to "Für welche Gemeinde fragen Sie?" on the ask-back card: a chosen candidate (AGS) or free text,
 * routed again; then the ticket service re-routes the ticket to the responsible team (ask-back.ts).
 */
import { MessageFactory } from 'botbuilder';
import { z } from 'zod';
import { isAppError } from '../../../core/errors.js';
import { applyMunicipality, readMunicipality } from '../ask-back.js';
import { TicketNumberSchema } from '../../../core/ticket-number.js';
import type { TeamsContext } from '../context.js';
import { senderId } from '../inbound.js';
import { teamsText } from '../texts.js';
import { defineAction } from './types.js';

const MunicipalityData = z.object({
  ticketNumber: TicketNumberSchema,
  choice: z.string().trim().max(20).optional(),
  municipality: z.string().trim().max(200).optional(),
});

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
    const answer = readMunicipality(ctx, data.choice, data.municipality);
    if (answer.kind === 'ambiguous') {
      await turn.sendActivity(MessageFactory.attachment(ctx.cards.askMunicipality(data.ticketNumber, answer.candidates)));
      return;
    }
    if (answer.kind === 'unknown') {
      const isEmpty = !data.choice && !data.municipality;
      await turn.sendActivity(isEmpty ? teamsText.municipalityMissing : teamsText.municipalityStillUnclear(data.ticketNumber));
      return;
    }
    await applyMunicipality(turn, ctx, data.ticketNumber, answer);
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
