/**
 * The answer text for a passage (kept as the stable entry point of answer.ts): the passage composed for the
 * question, answering sentence first, qualifications and caveats kept (compose.ts).
 */
import type { GermanAnalyzer } from './analyzer.js';
import type { QueryPlan } from './query.js';
import type { Passage } from './types.js';
import { composeAnswer } from './compose.js';

/**
 * Returns the answer text for a passage text. `others` (next-ranked passages) complete a question in several
 * parts that the passage answers only in part.
 *
 * @example trimAnswer(passage.text, planQuery('Wie lang darf der Sachbericht sein?', analyzer, synonyms), analyzer)
 */
export function trimAnswer(text: string, plan: QueryPlan, analyzer: GermanAnalyzer, others: readonly Passage[] = []): string {
  return composeAnswer({ id: '', documentId: '', section: '', title: '', text, source: '', citation: '' }, plan, analyzer, others).text;
}
