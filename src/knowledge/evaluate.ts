/**
 * Scoring on a development set (CONTRACTS §3 `eval`, issue 9 item 2). Pure: the engines come in as functions.
 *
 * Per engine: hit@1, hit@3, hit@5 and MRR over the cases that expect passages; the share of those answered;
 * the precision of all answers (right passage / answers, every case counted: an answer to a question no passage
 * answers is wrong) and the ids answered from a wrong passage ("confidently wrong"). Plus whether every
 * out-of-scope question was declined, and what happened to programme questions no passage answers.
 *
 * An engine that cannot decline (MiniSearch defaults) answers from its top hit whenever it has one, so its
 * precision is its hit@1 on the cases with expected passages, lowered by every out-of-scope case it "answers".
 */
import type { AskOutcome, AskResult } from '../core/knowledge.js';
import { latencySummary, type LatencySummary } from './evaluate-latency.js';

export { latencySummary, type LatencySummary } from './evaluate-latency.js';

/** One case of an evaluation set: a question, or an enquiry shown by its text. */
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

/** What one engine did with one case. */
export interface EngineRun {
  /** What the engine was asked (for an enquiry: the question triage put to the knowledge base). */
  question: string;
  /** Passage ids, best first. */
  ids: string[];
  /** `answer` when the requester would get an automatic answer; `handover` for a ticket. */
  outcome: AskOutcome;
  /** The passage the answer comes from; null unless `outcome` is `answer`. */
  answeredFrom: string | null;
}

/** Scores of one engine. */
export interface EvalScores {
  /** Cases with expected passages (the denominator of hit@k, MRR and `answered`). */
  questions: number;
  hit1: number;
  hit3: number;
  hit5: number;
  mrr: number;
  /** Share of the cases with expected passages that got an answer. */
  answered: number;
  /** Number of answers over all cases (also those without expected passages). */
  answers: number;
  /** Right answers / answers (1 when there is no answer). */
  precision: number;
  /** Ids answered from a passage matching none of the expected references (or answered where none is expected). */
  confidentlyWrong: string[];
  /** `confidentlyWrong` as a share of all cases of the set. */
  confidentlyWrongShare: number;
  misses: { id: string; question: string; expected: string[]; got: string[] }[];
}

/** One engine's result for one case, as reported per case. */
export interface CaseRun {
  outcome: AskOutcome;
  answeredFrom: string | null;
  /** Rank (0 = first) of the first hit matching an expected reference; -1 none; null when nothing is expected. */
  rank: number | null;
  /** Wall time of this engine on this case, in milliseconds. */
  ms: number;
}

/** Both engines on one case. */
export interface CaseResult {
  id: string;
  /** What our engine was asked. */
  question: string;
  expected: string[];
  ours: CaseRun;
  baseline: CaseRun;
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
  results: CaseResult[];
  /** Latency per question of both engines, measured interleaved in one process. */
  latency: { ours: LatencySummary; baseline: LatencySummary };
}

/** The two engines of a run and the clock that times them. */
export interface EvalEngines<C extends EvalQuestion> {
  ours(c: C): EngineRun;
  baseline(c: C): EngineRun;
  /** Milliseconds, monotonic (performance.now in the CLI); without it every latency is 0. */
  clock?: () => number;
}

/**
 * True when passage id `p` matches reference `x` (CONTRACTS §2).
 *
 * @example matchesReference('vwv-im#5.2', 'vwv-im#5') // true
 */
export function matchesReference(p: string, x: string): boolean {
  return p === x || p.startsWith(`${x}.`) || (!x.includes('#') && p.startsWith(`${x}#`));
}

const matchesAny = (id: string, expected: string[]): boolean => expected.some((x) => matchesReference(id, x));

/**
 * Our engine's run from an `ask` result.
 *
 * @example fromAsk(kb.ask('Wie lang darf der Sachbericht sein?'))
 */
export function fromAsk(r: AskResult): EngineRun {
  const answeredFrom = r.outcome === 'answer' ? (r.answer?.passageId ?? r.hits[0]?.id ?? null) : null;
  return { question: r.question, ids: r.hits.map((h) => h.id), outcome: r.outcome, answeredFrom };
}

/**
 * The run of an engine that cannot decline: it answers from its top hit whenever it has one.
 *
 * @example fromRanking('Sachbericht Umfang', baseline('Sachbericht Umfang', 5))
 */
export function fromRanking(question: string, ids: string[]): EngineRun {
  const top = ids[0] ?? null;
  return { question, ids, outcome: top === null ? 'handover' : 'answer', answeredFrom: top };
}

const rankOf = (run: EngineRun, expected: string[]): number => run.ids.findIndex((id) => matchesAny(id, expected));

/** Scores one engine's runs (one per case, in the same order). */
export function scoreRuns(cases: EvalQuestion[], runs: EngineRun[]): EvalScores {
  const all = cases.map((c, i) => ({ c, run: runs[i] ?? fromRanking(c.question, []) }));
  const scored = all.filter((x) => x.c.expected.length > 0);
  let hit1 = 0;
  let hit3 = 0;
  let hit5 = 0;
  let rr = 0;
  const misses: EvalScores['misses'] = [];
  for (const { c, run } of scored) {
    const rank = rankOf(run, c.expected);
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) hit3++;
    if (rank >= 0 && rank < 5) hit5++;
    if (rank >= 0) rr += 1 / (rank + 1);
    if (rank !== 0) misses.push({ id: c.id, question: run.question, expected: c.expected, got: run.ids.slice(0, 3) });
  }
  const answers = all.filter((x) => x.run.outcome === 'answer');
  const wrong = answers.filter((x) => x.run.answeredFrom === null || !matchesAny(x.run.answeredFrom, x.c.expected));
  const n = Math.max(1, scored.length);
  return {
    questions: scored.length,
    hit1: hit1 / n,
    hit3: hit3 / n,
    hit5: hit5 / n,
    mrr: rr / n,
    answered: scored.filter((x) => x.run.outcome === 'answer').length / n,
    answers: answers.length,
    precision: answers.length === 0 ? 1 : (answers.length - wrong.length) / answers.length,
    confidentlyWrong: wrong.map((x) => x.c.id),
    confidentlyWrongShare: wrong.length / Math.max(1, all.length),
    misses,
  };
}

/** Scores ranked id lists (one per question, best first) as an engine answering from its top hit. */
export function score(questions: EvalQuestion[], ranked: string[][]): EvalScores {
  return scoreRuns(questions, questions.map((q, i) => fromRanking(q.question, ranked[i] ?? [])));
}

function caseRun(run: EngineRun, expected: string[], ms: number): CaseRun {
  return { outcome: run.outcome, answeredFrom: run.answeredFrom, rank: expected.length === 0 ? null : rankOf(run, expected), ms };
}

/**
 * Runs both engines over a set, case by case and interleaved so that both see the same machine load, after
 * one untimed warm-up of each on the first case (first calls pay for compilation).
 *
 * @example evaluateRuns(questions, { ours: (q) => fromAsk(kb.ask(q.question)), baseline: (q) => fromRanking(q.question, base(q.question, 5)), clock: () => performance.now() })
 */
export function evaluateRuns<C extends EvalQuestion>(cases: C[], engines: EvalEngines<C>): EvalReport {
  const clock = engines.clock ?? (() => 0);
  const timed = (f: () => EngineRun): { run: EngineRun; ms: number } => {
    const start = clock();
    const run = f();
    return { run, ms: clock() - start };
  };
  if (cases[0] !== undefined && engines.clock !== undefined) {
    engines.ours(cases[0]);
    engines.baseline(cases[0]);
  }
  const timings = cases.map((c) => ({ c, ours: timed(() => engines.ours(c)), baseline: timed(() => engines.baseline(c)) }));
  const all = timings.map((t) => ({ q: t.c, r: t.ours.run }));
  const outside = all.filter((x) => x.q.expected.length === 0 && x.q.scope !== 'in');
  const unanswerable = all.filter((x) => x.q.expected.length === 0 && x.q.scope === 'in');
  const inside = all.filter((x) => x.q.expected.length > 0 || x.q.scope === 'in');
  return {
    engine: scoreRuns(cases, timings.map((t) => t.ours.run)),
    baseline: scoreRuns(cases, timings.map((t) => t.baseline.run)),
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
    results: timings.map((t) => ({
      id: t.c.id,
      question: t.ours.run.question,
      expected: t.c.expected,
      ours: caseRun(t.ours.run, t.c.expected, t.ours.ms),
      baseline: caseRun(t.baseline.run, t.c.expected, t.baseline.ms),
    })),
    latency: { ours: latencySummary(timings.map((t) => t.ours.ms)), baseline: latencySummary(timings.map((t) => t.baseline.ms)) },
  };
}

/**
 * Runs `ask` and a ranking baseline over a question set (the form the development-set tests use).
 *
 * @example evaluate(questions, (q) => kb.ask(q), (q) => baseline(q, 5))
 */
export function evaluate(questions: EvalQuestion[], ask: (question: string) => AskResult, baseline: (question: string) => string[]): EvalReport {
  return evaluateRuns(questions, { ours: (q) => fromAsk(ask(q.question)), baseline: (q) => fromRanking(q.question, baseline(q.question)) });
}
