/**
 * "An Sachbearbeitung übergeben" (answer card) and "Keine davon" (suggestions card): the requester wants
 * a person. The question travels in the card data; the enquiry key is derived from the original one, so a
 * double click or a retry never creates a second ticket (the ledger deduplicates it too).
 */
import { z } from 'zod';
import { rememberAskBack } from '../ask-back.js';
import { toEnquiry } from '../inbound.js';
import { renderOutcome } from '../render-outcome.js';
import { defineAction } from './types.js';

const EscalateData = z.object({
  enquiryKey: z.string().min(1).max(300),
  question: z.string().trim().min(1).max(20_000),
});

export const escalateAction = defineAction({
  verb: 'escalate',
  staffOnly: false,
  schema: EscalateData,
  async run({ turn, ctx }, data) {
    const fallbackEmail = await ctx.emails.of(turn);
    const { enquiry } = toEnquiry(turn.activity, data.question, ctx.clock.now(), `${data.enquiryKey}:handover`, fallbackEmail);
    const outcome = await ctx.escalate(enquiry);
    ctx.metrics?.enquiries.inc({ channel: 'teams', outcome: outcome.kind });
    rememberAskBack(ctx, turn.activity, outcome);
    const replies = renderOutcome(outcome, { cards: ctx.cards, question: enquiry.text });
    if (replies.length > 0) await turn.sendActivities(replies);
  },
});
