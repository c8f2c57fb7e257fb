/**
 * Asking the knowledge base the extracted question, with the context sentence as a second opinion. The
 * extraction keeps the question alone unless it points back ("dort", "dafür"): a sentence of context often only
 * tells the writer's situation. Some questions are short without pointing back, though, and their context
 * names the topic ("Ab 2025 bekommt unser Kreis weniger Geld. Woran bemisst sich die neue Verteilung?"): asked
 * alone, the right passage ranks first but without confidence. The context may then confirm the answer, never
 * choose another one.
 */
import type { AskResult } from '../knowledge.js';
import type { ExtractedQuestion } from './question-extract.js';

/**
 * The answer to the extracted question. When it is no answer, the question is asked once more with the context
 * sentence before it; that answer counts only when it comes from the passage the question alone ranked first.
 * A question with no content word of its own is asked with its context at once.
 *
 * @example askInContext((q) => kb.ask(q), extractQuestion({ text: 'Ab 2025 gibt es weniger Geld. Wonach richtet sich die Verteilung?' }))
 */
export function askInContext(ask: (question: string) => AskResult, extracted: Pick<ExtractedQuestion, 'text' | 'withContext'>): AskResult {
  const alone = ask(extracted.text);
  // A question without a content word of its own ("Wo steht das?") asks about its context sentence.
  if (alone.outcome === 'invalid' && extracted.withContext !== undefined) return ask(extracted.withContext);
  const first = alone.hits[0]?.id;
  if (alone.outcome === 'answer' || extracted.withContext === undefined || first === undefined) return alone;
  const inContext = ask(extracted.withContext);
  return inContext.outcome === 'answer' && inContext.answer?.passageId === first ? inContext : alone;
}
