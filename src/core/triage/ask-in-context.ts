/**
 * Asking the knowledge base the extracted question, with the context sentence as a second opinion. The
 * extraction keeps the question alone unless it points back ("dort", "dafür"): a sentence of context often only
 * tells the writer's situation. Some questions are short without pointing back, though, and their context
 * names the topic ("Ab 2025 bekommt unser Kreis weniger Geld. Woran bemisst sich die neue Verteilung?"): asked
 * alone, the right passage ranks first but without confidence. The context may then confirm the answer, never
 * choose another one; unless the question points back to it ("Geht die Förderzeit in dieser Phase verloren?",
 * "Spricht etwas dagegen, ihn einzustellen?"): then the context is part of what is asked, even when the question
 * names enough nouns to be extracted alone, and its answer in context goes before its answer alone ("Wir haben eine
 * Integrationsbeauftragte. Gibt es dafür einen eigenen Topf?" is not about the Integrationsmanagement's funding).
 */
import type { AskResult } from '../knowledge.js';
import type { ExtractedQuestion } from './question-extract.js';
import { refersBack, splitSentences } from './question-sentences.js';

/**
 * The answer to the extracted question. When it is no answer, the question is asked once more with the context
 * sentence before it; that answer counts when it comes from the passage the question alone ranked first, or when
 * the question refers back to its context (then even over an answer to the question alone).
 * A question with no content word of its own is asked with its context at once.
 *
 * @example askInContext((q) => kb.ask(q), extractQuestion({ text: 'Ab 2025 gibt es weniger Geld. Wonach richtet sich die Verteilung?' }))
 */
export function askInContext(ask: (question: string) => AskResult, extracted: Pick<ExtractedQuestion, 'text' | 'withContext'>): AskResult {
  const alone = ask(extracted.text);
  // Only its first sentence can point back to the context: a later one points to the sentences before it, which the
  // question already holds ("…, ob jeder einen eigenen Bericht abgeben soll. Wie ist das vorgesehen?").
  const pointsBack = refersBack(splitSentences(extracted.text)[0] ?? extracted.text);
  // A question without a content word of its own ("Wo steht das?") asks about its context sentence.
  if (alone.outcome === 'invalid' && extracted.withContext !== undefined) return ask(extracted.withContext);
  const first = alone.hits[0]?.id;
  if (extracted.withContext === undefined || first === undefined) return alone;
  // A question that points back ("Läuft deren Förderung …, oder gibt es dafür …?") is answered with its context
  // when that answers too: asked alone it may find the rule of something else that shares its words.
  if (alone.outcome === 'answer') {
    if (!pointsBack) return alone;
    const withIt = ask(extracted.withContext);
    return withIt.outcome === 'answer' ? withIt : alone;
  }
  const inContext = ask(extracted.withContext);
  if (inContext.outcome !== 'answer') return alone;
  // A question that points back ("in dieser Phase", "ihn", "dafür") asks about its context: that answer stands.
  if (pointsBack) return inContext;
  return inContext.answer?.passageId === first ? inContext : alone;
}
