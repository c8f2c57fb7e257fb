/**
 * "Hat geholfen" / "Hat nicht geholfen": stores one vote per person and answer. After "Hat nicht geholfen"
 * the bot asks for an optional comment (card `feedback-comment`, verb `feedbackComment`); the comment is
 * anonymised like every text the knowledge-gap report keeps (issue 14 items 1 and 3) before it is stored.
 */
import { z } from 'zod';
import { anonymise } from '../../../knowledge-loop/anonymise.js';
import { senderId } from './inbound.js';
import { teamsText } from '../texts.js';
import { defineAction } from '../action-types.js';

/** Longest comment kept (characters); longer ones are cut, as on the mail feedback page. */
export const MAX_FEEDBACK_COMMENT_CHARS = 1000;

const FeedbackData = z.object({
  enquiryKey: z.string().min(1).max(300),
  passageId: z.string().max(300).optional(),
  helpful: z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true'),
});

const CommentData = z.object({
  enquiryKey: z.string().min(1).max(300),
  passageId: z.string().max(300).optional(),
  kommentar: z
    .string()
    .max(MAX_FEEDBACK_COMMENT_CHARS * 4)
    .optional()
    .transform((v) => (v === undefined ? '' : v.trim().slice(0, MAX_FEEDBACK_COMMENT_CHARS))),
});

export const feedbackAction = defineAction({
  verb: 'feedback',
  staffOnly: false,
  schema: FeedbackData,
  async run({ turn, ctx }, data) {
    await ctx.store.recordFeedback({
      enquiryKey: data.enquiryKey,
      voterId: senderId(turn.activity),
      passageId: data.passageId || null,
      helpful: data.helpful,
    });
    ctx.logger.info({ component: 'teams', verb: 'feedback', helpful: data.helpful, passageId: data.passageId }, 'feedback stored');
    if (data.helpful) await turn.sendActivity(teamsText.feedbackThanks(true));
    else await turn.sendActivity({ attachments: [ctx.cards.feedbackComment(data.enquiryKey, data.passageId || null)] });
  },
});

export const feedbackCommentAction = defineAction({
  verb: 'feedbackComment',
  staffOnly: false,
  schema: CommentData,
  async run({ turn, ctx }, data) {
    if (data.kommentar === '') {
      await turn.sendActivity(teamsText.feedbackCommentEmpty);
      return;
    }
    await ctx.store.commentFeedback({
      enquiryKey: data.enquiryKey,
      voterId: senderId(turn.activity),
      passageId: data.passageId || null,
      comment: anonymise(data.kommentar),
    });
    ctx.logger.info({ component: 'teams', verb: 'feedbackComment', passageId: data.passageId }, 'feedback comment stored');
    await turn.sendActivity(teamsText.feedbackCommentThanks);
  },
});
