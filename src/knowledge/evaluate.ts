/**
 * Scoring on a question set (CONTRACTS §3 `eval`): hit@1, hit@3, hit@5 and MRR over the questions that expect
 * passages, plus whether every out-of-scope question (empty `expected`) was declined. Pure.
 */
import type { AskResult } from '../core/knowledge.js';

/** One question of an evaluation set. */
export interface EvalQuestion {
  id: string;
  question: string;
  /** Passage references; empty for out-of-scope questions and for programme questions no passage answers. */
  expected: string[];
  /**
   * "in" marks a programme question with empty `expected` that the knowledge base cannot answer (Mittelabruf):
   * it must be handed over or answered with suggestions, never declined as out of scope.
   */
  scope?: 'in' | 'out';
}

/** Scores of one engine. */
export interface EvalScores {
  questions: number;
  hit1: number;
  hit3: number;
  hit5: number;
  mrr: number;
  misses: { id: string; question: string; expected: string[]; got: string[] }[];
}

/** Scores of our engine plus the decline check and the MiniSearch-default baseline. */
export interface EvalReport {
  engine: EvalScores;
  baseline: EvalScores;
  outOfScope: { questions: number; declined: number; notDeclined: string[] };
  /** In-scope questions (with expected passages, or marked `scope: "in"`) wrongly declined as out of scope (ids). */
  wronglyDeclined: string[];
  /** Programme questions the knowledge base cannot answer (`scope: "in"`, no expected passage) and their outcomes. */
  unanswerable: { questions: number; handedOver: number; suggested: number; answered: string[] };
}

/**
 * True when passage id `p` matches reference `x` (CONTRACTS §2).
 *
 * @example matchesReference('vwv-im#5.2', 'vwv-im#5') // true
 */
export function matchesReference(p: string, x: string): boolean {
  return p === x || p.startsWith(`${x}.`) || (!x.includes('#') && p.startsWith(`${x}#`));
}

/** Scores ranked id lists (one per question, best first). */
export function score(questions: EvalQuestion[], ranked: string[][]): EvalScores {
  const scored = questions.map((q, i) => ({ q, ids: ranked[i] ?? [] })).filter((x) => x.q.expected.length > 0);
  let hit1 = 0;
  let hit3 = 0;
  let hit5 = 0;
  let rr = 0;
  const misses: EvalScores['misses'] = [];
  for (const { q, ids } of scored) {
    const rank = ids.findIndex((id) => q.expected.some((x) => matchesReference(id, x)));
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) hit3++;
    if (rank >= 0 && rank < 5) hit5++;
    if (rank >= 0) rr += 1 / (rank + 1);
    if (rank !== 0) misses.push({ id: q.id, question: q.question, expected: q.expected, got: ids.slice(0, 3) });
  }
  const n = Math.max(1, scored.length);
  return { questions: scored.length, hit1: hit1 / n, hit3: hit3 / n, hit5: hit5 / n, mrr: rr / n, misses };
}

/** Runs both engines over a question set. */
export function evaluate(
  questions: EvalQuestion[],
  ask: (question: string) => AskResult,
  baseline: (question: string) => string[],
): EvalReport {
  const results = questions.map((q) => ask(q.question));
  const ids = results.map((r) => r.hits.map((h) => h.id));
  const all = questions.map((q, i) => ({ q, r: results[i]! }));
  const outside = all.filter((x) => x.q.expected.length === 0 && x.q.scope !== 'in');
  const unanswerable = all.filter((x) => x.q.expected.length === 0 && x.q.scope === 'in');
  const inside = all.filter((x) => x.q.expected.length > 0 || x.q.scope === 'in');
  return {
    engine: score(questions, ids),
    baseline: score(questions, questions.map((q) => baseline(q.question))),
    outOfScope: {
      questions: outside.length,
      declined: outside.filter((x) => x.r.outcome === 'out_of_scope').length,
      notDeclined: outside.filter((x) => x.r.outcome !== 'out_of_scope').map((x) => x.q.id),
    },
    wronglyDeclined: inside.filter((x) => x.r.outcome === 'out_of_scope').map((x) => x.q.id),
    unanswerable: {
      questions: unanswerable.length,
      handedOver: unanswerable.filter((x) => x.r.outcome === 'handover').length,
      suggested: unanswerable.filter((x) => x.r.outcome === 'suggest').length,
      answered: unanswerable.filter((x) => x.r.outcome === 'answer').map((x) => x.q.id),
    },
  };
}
