/**
 * A question put to the knowledge base by a door that has no enquiry around it (the CLI `ask`, the `eval` of
 * question sets): the same question extraction as every channel's enquiry, so a pasted mail or a question with
 * a greeting and a town is answered as it would be in Teams or by mail.
 */
import type { AskResult, KnowledgeAnswerer } from './knowledge.js';
import { askInContext, extractQuestion } from './triage/index.js';

/**
 * Asks the knowledge base the question extracted from `text` (the text itself when nothing is left).
 *
 * @example askQuestion(kb, 'Hallo, wie lang darf der Sachbericht sein? Stadt Ulm').question
 * // → 'wie lang darf der Sachbericht sein?'
 */
export function askQuestion(answerer: KnowledgeAnswerer, text: string, options?: { top?: number }): AskResult {
  const extracted = extractQuestion({ text });
  if (extracted.text.trim() === '') return answerer.ask(text, options);
  return askInContext((question) => answerer.ask(question, options), extracted);
}
