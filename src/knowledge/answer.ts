/**
 * From ranked hits to an answer decision (AskResult, CONTRACTS §3): confidence from query coverage and score
 * margin, capped below an answer unless the best passage covers the question's central words; the outcome
 * (answer, "Meinten Sie …", hand-over, out of scope, invalid) and the answer text trimmed to the sentences that
 * matter, with citation, source, Stand and the reminder. Pure.
 */
import type { AskResult, SearchHit } from '../core/knowledge.js';
import type { SearchIndex } from './index.minisearch.js';
import { cachedPlan, type QueryPlan } from './query.js';
import { composeAnswer } from './compose.js';
import { uncoveredClause } from './compose-parts.js';
import { detectLanguage } from './language.js';
import { MESSAGES, REMINDER } from './messages.js';
import { assess, breakTie, round, THRESHOLDS, type Assessment } from './assess.js';
import { clauseAnswer } from './assess-parts.js';
import { placeWords } from './assess-units.js';
import { leavesOpen } from './non-answer.js';

export { assess, THRESHOLDS, type Assessment } from './assess.js';

/** Hits searched internally (for coverage and suggestions), independent of `top`. */
const SEARCH_DEPTH = 10;

/**
 * Out of scope only when the question is clearly about something else: it names an off-topic subject
 * (synonyme.yaml `themenfremd`) and no core programme term, or it uses none of the programme's vocabulary and
 * the passages cover little of it. A question in the programme's vocabulary that no passage answers
 * (Mittelabruf) is handed over to a person instead.
 */
function isOutOfScope(plan: QueryPlan, a: Assessment, index: SearchIndex, places: readonly string[]): boolean {
  if (plan.groups.some((g) => g.core)) return false;
  if (plan.groups.some((g) => g.offTopic)) return true;
  const inDomain = (t: string): boolean => index.domain.has(t);
  const speaksOf = (g: QueryPlan['groups'][number]): boolean => g.own.some(inDomain) || g.parts.some((p) => inDomain(p.term));
  // A place the enquiry names is no topic of the programme, even where the knowledge base mentions it (Wertheim
  // in the RP's address): a question that names only places and otherwise nothing of the programme (Wo kann ich
  // in Wertheim parken?) is about something else.
  const named = placeWords(places);
  const isPlace = (g: QueryPlan['groups'][number]): boolean => named.has(g.word);
  if (plan.groups.some(isPlace) && plan.groups.filter(isPlace).every((g) => g.noun) && !plan.groups.filter((g) => !isPlace(g)).some(speaksOf)) return true;
  // Nouns carry the topic: when a question names things and none of them belongs to the programme's vocabulary
  // (Was kostet eine Kugel Eis?), a verb it shares with the programme (kosten) does not make it a programme question.
  const nouns = plan.groups.filter((g) => g.noun && !g.generic);
  // A misspelt noun (Sachbricht) is matched fuzzily, so the passages still cover much of such a question.
  if (nouns.length > 0 && !nouns.some(speaksOf) && !nouns.some((g) => g.related.length > 0) && a.knownCoverage < THRESHOLDS.nounOutOfScopeCoverage) return true;
  return !plan.groups.some(speaksOf) && a.knownCoverage < THRESHOLDS.outOfScopeCoverage;
}

function base(question: string, outcome: AskResult['outcome'], message?: string): AskResult {
  return { question, answered: false, confidence: 0, answer: null, hits: [], outcome, suggestions: [], ...(message ? { message } : {}) };
}

/**
 * Answers one question from the index.
 *
 * `places` are the places the enquiry names (the router's): see `wrappingPlaces` in assess-units.ts.
 *
 * @example answerQuestion(index, 'Wie lang darf der Sachbericht sein?', 5).answer?.citation
 */
export function answerQuestion(index: SearchIndex, question: string, top = 5, places: readonly string[] = []): AskResult {
  const plan = cachedPlan(question, index.analyzer, index.synonyms);
  const echo = plan.truncated ? `${plan.shown} …` : plan.shown;
  const language = detectLanguage(plan.cleaned, index.analyzer.vocabulary.words);
  if (!language.isGerman) return { ...base(echo, 'out_of_scope', MESSAGES.notGerman), language: language.language };
  if (plan.cleaned === '') return base(echo, 'invalid', MESSAGES.empty);
  if (plan.groups.length === 0) return base(echo, 'invalid', MESSAGES.noTerms);
  const ranked = breakTie(plan, index.search(plan, Math.max(top, SEARCH_DEPTH)), index, places);
  const whole = assess(plan, ranked, index, places);
  // A question whose one clause the best passage answers with confidence is answered, whatever its other clause
  // asks; the answer says that it does not cover the rest.
  const clause = whole.confidence < THRESHOLDS.answer && ranked[0] !== undefined ? clauseAnswer(index, plan.cleaned, ranked[0], SEARCH_DEPTH, places) : null;
  const a = { ...whole, confidence: Math.max(whole.confidence, clause?.confidence ?? 0) };
  if (isOutOfScope(plan, a, index, places)) return base(echo, 'out_of_scope', MESSAGES.outOfScope);
  const hits: SearchHit[] = ranked.slice(0, top).map((h) => ({ id: h.passage.id, title: h.passage.title, score: round(h.score) }));
  const suggestions = ranked.slice(0, 3).map((h) => ({ passageId: h.passage.id, title: h.passage.title, citation: h.passage.citation }));
  const result: AskResult = { ...base(echo, 'handover'), confidence: a.confidence, hits };
  const best = ranked[0];
  if (best === undefined) return { ...result, message: MESSAGES.handover };
  if (a.confidence >= THRESHOLDS.answer) {
    const p = best.passage;
    const composed = composeAnswer(p, plan, index.analyzer, ranked.slice(1, 5).map((h) => h.passage));
    // The sources' own "not confirmed" for what was asked is no answer: a person answers (non-answer.ts).
    if (leavesOpen(p.text, composed, plan, index.analyzer)) return { ...result, suggestions: suggestions.slice(0, 1), message: MESSAGES.handover };
    // compose-parts.ts names the parts in words the knowledge base knows; a clause answered by nothing here is named as written.
    const rest = composed.text.includes('\n\nZu „') ? [] : (clause?.rest ?? []).map(uncoveredClause);
    const text = [composed.text, ...rest].join('\n\n');
    const answer = { ...composed, text, passageId: p.id, title: p.title, source: p.source, stand: p.stand, reminder: REMINDER };
    return { ...result, answered: true, outcome: 'answer', answer };
  }
  if (a.confidence >= THRESHOLDS.suggest) return { ...result, outcome: 'suggest', suggestions, message: MESSAGES.suggest };
  return { ...result, message: MESSAGES.handover };
}
