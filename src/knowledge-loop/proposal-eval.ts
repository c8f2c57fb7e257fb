/**
 * What a knowledge change does to the development sets (issue 14 item 2): `eval` (src/knowledge/evaluate.ts)
 * before and after, per set; a set whose hit@1 drops, and a question that becomes confidently wrong, are
 * regressions the approver sees with the affected questions before saving. Pure.
 */
import type { AskResult } from '../core/knowledge.js';
import { evaluateRuns, fromAsk, fromRanking, type EvalQuestion, type EvalReport } from '../knowledge/evaluate.js';

/** A development set: a name (the file) and its question cases. */
export interface DevSet {
  name: string;
  cases: EvalQuestion[];
}

/** A development question the change affects. */
export interface AffectedQuestion {
  id: string;
  question: string;
  expected: string[];
  /** Passage answered (or ranked first) before and after. */
  before: string | null;
  after: string | null;
  why: 'hit1_lost' | 'confidently_wrong';
}

export interface SetImpact {
  set: string;
  questions: number;
  hit1Before: number;
  hit1After: number;
  confidentlyWrongBefore: number;
  confidentlyWrongAfter: number;
  affected: AffectedQuestion[];
}

export interface ChangeImpact {
  sets: SetImpact[];
  /** True when some set lost hit@1 or some question became confidently wrong. */
  regression: boolean;
}

/** Runs our engine (no baseline: the comparison is before/after, not against MiniSearch) over one set. */
export function runSet(set: DevSet, ask: (question: string) => AskResult): EvalReport {
  return evaluateRuns(set.cases, { ours: (c) => fromAsk(ask(c.question)), baseline: (c) => fromRanking(c.question, []) });
}

const shown = (r: EvalReport['results'][number]): string | null => r.ours.answeredFrom;

/**
 * Compares one set's reports before and after a change.
 *
 * @example compareSet('questions.jsonl', runSet(set, before), runSet(set, after)).affected
 */
export function compareSet(name: string, before: EvalReport, after: EvalReport): SetImpact {
  const affected: AffectedQuestion[] = [];
  const wrongBefore = new Set(before.engine.confidentlyWrong);
  const newlyWrong = new Set(after.engine.confidentlyWrong.filter((id) => !wrongBefore.has(id)));
  const hit1Dropped = after.engine.hit1 < before.engine.hit1 - 1e-9;
  after.results.forEach((a, i) => {
    const b = before.results[i];
    if (b === undefined || b.id !== a.id) return;
    const base = { id: a.id, question: a.question, expected: a.expected, before: shown(b) ?? null, after: shown(a) ?? null };
    if (newlyWrong.has(a.id)) affected.push({ ...base, why: 'confidently_wrong' });
    else if (hit1Dropped && b.ours.rank === 0 && a.ours.rank !== 0) affected.push({ ...base, why: 'hit1_lost' });
  });
  return {
    set: name,
    questions: before.engine.questions,
    hit1Before: before.engine.hit1,
    hit1After: after.engine.hit1,
    confidentlyWrongBefore: before.engine.confidentlyWrong.length,
    confidentlyWrongAfter: after.engine.confidentlyWrong.length,
    affected,
  };
}

/** The impact over every set: `before` and `after` are the reports of the same sets in the same order. */
export function changeImpact(sets: DevSet[], before: EvalReport[], after: EvalReport[]): ChangeImpact {
  const impacts = sets.map((s, i) => compareSet(s.name, before[i]!, after[i]!));
  return { sets: impacts, regression: impacts.some((s) => s.hit1After < s.hit1Before - 1e-9 || s.affected.some((a) => a.why === 'confidently_wrong')) };
}
