/** "Hat geholfen" / "Hat nicht geholfen": stores one vote per person and answer. */
import { z } from 'zod';
import { senderId } from '../inbound.js';
import { teamsText } from '../texts.js';
import { defineAction } from './types.js';

const FeedbackData = z.object({
  enquiryKey: z.string().min(1).max(300),
  passageId: z.string().max(300).optional(),
  helpful: z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true'),
});

export const feedbackAction = defineAction({
  verb: 'feedback',
  staffOnly: false,
  schema: FeedbackData,
  async run({ turn, ctx }, data) {
    ctx.store.recordFeedback({
      enquiryKey: data.enquiryKey,
      voterId: senderId(turn.activity),
      passageId: data.passageId || null,
      helpful: data.helpful,
    });
    ctx.logger.info({ component: 'teams', verb: 'feedback', helpful: data.helpful, passageId: data.passageId }, 'feedback stored');
    await turn.sendActivity(teamsText.feedbackThanks(data.helpful));
  },
});
