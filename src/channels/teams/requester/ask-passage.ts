/**
 * A "Meinten Sie …" button: answers with the chosen passage. Without a passage lookup the passage title is
 * asked as a question through the core (same answer path as a typed question).
 */
import { MessageFactory } from 'botbuilder';
import { z } from 'zod';
import type { AskResult } from '../../../core/knowledge.js';
import type { Passage } from '../../../knowledge/types.js';
import { REMINDER } from '../../../knowledge/messages.js';
import { handleTeamsRequest } from './enquiry-turn.js';
import { teamsText } from '../texts.js';
import { defineAction } from '../action-types.js';

const AskPassageData = z.object({
  passageId: z.string().min(1).max(300),
  title: z.string().max(500).optional(),
  enquiryKey: z.string().max(300).optional(),
});

/** Longest passage text shown on a card. */
const MAX_PASSAGE_CHARS = 1500;

export const askPassageAction = defineAction({
  verb: 'askPassage',
  staffOnly: false,
  schema: AskPassageData,
  async run({ turn, ctx, key }, data) {
    const passage = ctx.passages?.(data.passageId) ?? null;
    if (passage) {
      const ask = passageAsAnswer(passage);
      await turn.sendActivity(MessageFactory.attachment(ctx.cards.answer(ask, data.enquiryKey ?? key, passage.title)));
      return;
    }
    if (!data.title) {
      await turn.sendActivity(teamsText.passageUnknown);
      return;
    }
    await handleTeamsRequest(turn, ctx, { kind: 'passage_choice', text: data.title, key: `${key}:ask` });
  },
});

/** A passage chosen by the requester, shaped as a confident answer. */
export function passageAsAnswer(passage: Passage): AskResult {
  const text = passage.text.length > MAX_PASSAGE_CHARS ? `${passage.text.slice(0, MAX_PASSAGE_CHARS)} …` : passage.text;
  return {
    question: passage.title,
    answered: true,
    confidence: 1,
    outcome: 'answer',
    hits: [{ id: passage.id, title: passage.title, score: 1 }],
    suggestions: [],
    answer: {
      text,
      citation: passage.citation,
      passageId: passage.id,
      title: passage.title,
      source: passage.source,
      ...(passage.stand === undefined ? {} : { stand: passage.stand }),
      reminder: REMINDER,
    },
  };
}
