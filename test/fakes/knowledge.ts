/** A scripted {@link KnowledgeAnswerer}: the first rule whose pattern matches the question decides. */
import type { AskOutcome, AskResult, KnowledgeAnswerer } from '../../src/core/knowledge.js';

/** Builds an AskResult of the given outcome. */
export function askResult(question: string, outcome: AskOutcome, extra: Partial<AskResult> = {}): AskResult {
  const answered = outcome === 'answer';
  return {
    question,
    answered,
    confidence: answered ? 0.9 : outcome === 'suggest' ? 0.5 : 0.1,
    answer: answered ? { text: 'Die Förderung beträgt …', citation: 'VwV Integrationsmanagement Nr. 5.2', passageId: 'vwv-im#5.2' } : null,
    hits: [],
    outcome,
    suggestions: outcome === 'suggest' ? [{ passageId: 'faq#antragsfrist', title: 'Antragsfrist', citation: 'FAQ' }] : [],
    ...(outcome === 'out_of_scope' ? { message: 'Dazu kann ich leider nichts sagen.' } : {}),
    ...extra,
  };
}

/** Answers by pattern; unmatched questions get `fallback` (default 'handover'). */
export function createFakeAnswerer(rules: [RegExp, AskOutcome][], fallback: AskOutcome = 'handover'): KnowledgeAnswerer {
  return {
    ask(question) {
      const rule = rules.find(([pattern]) => pattern.test(question));
      return askResult(question, rule?.[1] ?? fallback);
    },
  };
}
