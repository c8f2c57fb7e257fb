/**
 * The answer to "Für welche Gemeinde fragen Sie?" on the ask-back card: a chosen candidate (AGS) or free text.
 * The core reads it (core/ask-back.ts): only the person who asked may settle their ticket (card data can be
 * forged), several places bring the choices again, one place re-routes the ticket to the responsible team.
 */
import { z } from 'zod';
import { TicketNumberSchema } from '../../../core/ticket-number.js';
import { handleTeamsRequest } from './enquiry-turn.js';
import { defineAction } from '../action-types.js';

const MunicipalityData = z.object({
  ticketNumber: TicketNumberSchema,
  choice: z.string().trim().max(20).optional(),
  municipality: z.string().trim().max(200).optional(),
});

export const setMunicipalityAction = defineAction({
  verb: 'setMunicipality',
  staffOnly: false,
  schema: MunicipalityData,
  async run({ turn, ctx, key }, data) {
    const askBack = { ticketNumber: data.ticketNumber, via: 'card' as const, ...(data.choice ? { choice: data.choice } : {}) };
    await handleTeamsRequest(turn, ctx, { kind: 'municipality_answer', text: data.municipality ?? '', key: `${key}:municipality`, askBack });
  },
});
