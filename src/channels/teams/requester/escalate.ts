/**
 * "An Sachbearbeitung übergeben" (answer card) and "Keine davon" (suggestions card): the requester wants
 * a person. The question travels in the card data; the enquiry key is derived from the original one, so a
 * double click or a retry never creates a second ticket (the ledger deduplicates it too).
 */
import { z } from 'zod';
import { handleTeamsRequest } from './enquiry-turn.js';
import { defineAction } from '../action-types.js';

const EscalateData = z.object({
  enquiryKey: z.string().min(1).max(300),
  question: z.string().trim().min(1).max(20_000),
});

export const escalateAction = defineAction({
  verb: 'escalate',
  staffOnly: false,
  schema: EscalateData,
  async run({ turn, ctx }, data) {
    await handleTeamsRequest(turn, ctx, { kind: 'escalation', text: data.question, key: `${data.enquiryKey}:handover` });
  },
});
