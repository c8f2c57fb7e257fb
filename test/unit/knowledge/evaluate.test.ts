import { describe, expect, it } from 'vitest';
import type { AskOutcome, AskResult } from '../../../src/core/knowledge.js';
import { percentile } from '../../../src/knowledge/evaluate-latency.js';
import {
  evaluateRuns,
  fromAsk,
  fromRanking,
  latencySummary,
  matchesReference,
  score,
  scoreRuns,
  type EngineRun,
  type EvalQuestion,
} from '../../../src/knowledge/evaluate.js';

const q = (id: string, expected: string[], scope?: 'in' | 'out'): EvalQuestion => ({ id, question: `Frage ${id}`, expected, ...(scope ? { scope } : {}) });

const run = (ids: string[], outcome: AskOutcome = 'answer', answeredFrom: string | null = outcome === 'answer' ? (ids[0] ?? null) : null): EngineRun => ({
  question: 'Frage',
  ids,
  outcome,
  answeredFrom,
});

function askResult(outcome: AskOutcome, hits: string[], passageId?: string): AskResult {
  return {
    question: 'Wie lang darf der Sachbericht sein?',
    answered: outcome === 'answer',
    confidence: 0.5,
    answer: passageId === undefined ? null : { text: '…', citation: 'FAQ', passageId },
    hits: hits.map((id) => ({ id, title: id, score: 1 })),
    outcome,
    suggestions: [],
  };
}

describe(matchesReference.name, () => {
  it.each([
    ['vwv-im#5.2', 'vwv-im#5', true],
    ['vwv-im#5', 'vwv-im#5', true],
    ['vwv-im#52', 'vwv-im#5', false],
    ['faq#kennzahlen', 'faq', true],
    ['faq-test#x', 'faq', false],
  ])('%s matches %s: %s', (p, x, expected) => {
    expect(matchesReference(p, x)).toBe(expected);
  });
});

describe(scoreRuns.name, () => {
  it('computes hit@k and MRR over the cases that expect passages only', () => {
    const cases = [q('a', ['x']), q('b', ['y']), q('c', ['z']), q('out', [])];
    const s = scoreRuns(cases, [run(['x', 'y']), run(['x', 'y', 'q']), run(['p', 'q', 'r', 's', 'z']), run(['x'])]);
    expect(s).toMatchObject({ questions: 3, hit1: 1 / 3, hit3: 2 / 3, hit5: 1, mrr: (1 + 1 / 2 + 1 / 5) / 3 });
    expect(s.misses.map((m) => m.id)).toEqual(['b', 'c']);
  });

  it('counts answers from a wrong passage, and any answer where no passage is expected, as confidently wrong', () => {
    const cases = [q('right', ['x']), q('wrong', ['y']), q('declined', ['y']), q('out', []), q('unanswerable', [], 'in')];
    const s = scoreRuns(cases, [run(['x']), run(['x', 'y']), run(['y'], 'handover'), run(['x']), run(['x'], 'suggest')]);
    expect(s.answers).toBe(3);
    expect(s.confidentlyWrong).toEqual(['wrong', 'out']);
    expect(s.precision).toBeCloseTo(1 / 3);
    expect(s.confidentlyWrongShare).toBeCloseTo(2 / 5);
    // Share answered: of the three cases with expected passages, two got an answer.
    expect(s.answered).toBeCloseTo(2 / 3);
  });

  it('judges the passage answered from, not the top hit', () => {
    const s = scoreRuns([q('a', ['y'])], [run(['x', 'y'], 'answer', 'y')]);
    expect(s).toMatchObject({ hit1: 0, precision: 1, confidentlyWrong: [] });
  });

  it('gives precision 1 and no wrong ids when nothing is answered', () => {
    expect(scoreRuns([q('a', ['x'])], [run(['x'], 'handover')])).toMatchObject({ answers: 0, precision: 1, answered: 0, confidentlyWrong: [] });
  });
});

describe(score.name, () => {
  it('treats a ranking as an engine answering from its top hit: precision equals hit@1 on in-scope cases', () => {
    const cases = [q('a', ['x']), q('b', ['y']), q('c', ['z']), q('d', ['w'])];
    const s = score(cases, [['x'], ['x', 'y'], ['z'], ['v']]);
    expect(s.precision).toBe(s.hit1);
    expect(s.answered).toBe(1);
  });

  it('lets a ranking without hits go unanswered', () => {
    expect(score([q('a', ['x'])], [[]])).toMatchObject({ answered: 0, answers: 0 });
  });
});

describe(fromAsk.name, () => {
  it('answers from the answer passage when the outcome is answer', () => {
    expect(fromAsk(askResult('answer', ['a', 'b'], 'b'))).toEqual({ question: 'Wie lang darf der Sachbericht sein?', ids: ['a', 'b'], outcome: 'answer', answeredFrom: 'b' });
  });

  it.each<AskOutcome>(['suggest', 'handover', 'out_of_scope', 'invalid'])('answers from no passage when the outcome is %s', (outcome) => {
    expect(fromAsk(askResult(outcome, ['a'])).answeredFrom).toBeNull();
  });
});

describe(fromRanking.name, () => {
  it('answers from the top hit, or hands over without hits', () => {
    expect(fromRanking('f', ['a', 'b'])).toMatchObject({ outcome: 'answer', answeredFrom: 'a' });
    expect(fromRanking('f', [])).toMatchObject({ outcome: 'handover', answeredFrom: null });
  });
});

describe(evaluateRuns.name, () => {
  const cases = [q('a', ['x']), q('out', []), q('unanswerable', [], 'in'), q('b', ['y'])];
  const outcomes: Record<string, EngineRun> = {
    a: run(['x']),
    out: run([], 'out_of_scope'),
    unanswerable: run(['x'], 'handover'),
    b: run(['y'], 'out_of_scope'),
  };

  it('reports the decline checks from our outcomes', () => {
    const report = evaluateRuns(cases, { ours: (c) => outcomes[c.id]!, baseline: (c) => fromRanking(c.question, ['x']) });
    expect(report.outOfScope).toEqual({ questions: 1, declined: 1, notDeclined: [] });
    expect(report.wronglyDeclined).toEqual(['b']);
    expect(report.unanswerable).toEqual({ questions: 1, handedOver: 1, suggested: 0, answered: [] });
    expect(report.baseline.confidentlyWrong).toEqual(['out', 'unanswerable', 'b']);
    expect(report.results.map((r) => [r.id, r.ours.rank, r.baseline.rank])).toEqual([
      ['a', 0, 0],
      ['out', null, null],
      ['unanswerable', null, null],
      ['b', 0, -1],
    ]);
  });

  it('times each engine per case with the clock it is given, after one untimed warm-up', () => {
    let now = 0;
    const calls: string[] = [];
    const report = evaluateRuns([q('a', ['x']), q('b', ['x'])], {
      ours: (c) => {
        calls.push(`ours ${c.id}`);
        now += c.id === 'a' ? 2 : 4;
        return run(['x']);
      },
      baseline: (c) => {
        calls.push(`baseline ${c.id}`);
        now += 1;
        return run(['x']);
      },
      clock: () => now,
    });
    expect(calls).toEqual(['ours a', 'baseline a', 'ours a', 'baseline a', 'ours b', 'baseline b']);
    expect(report.results.map((r) => [r.ours.ms, r.baseline.ms])).toEqual([
      [2, 1],
      [4, 1],
    ]);
    expect(report.latency).toEqual({ ours: { p50: 2, p99: 4 }, baseline: { p50: 1, p99: 1 } });
  });

  it('reports zero latency and runs no warm-up without a clock', () => {
    let calls = 0;
    const report = evaluateRuns([q('a', ['x'])], { ours: () => (calls++, run(['x'])), baseline: () => run(['x']) });
    expect(calls).toBe(1);
    expect(report.latency.ours).toEqual({ p50: 0, p99: 0 });
  });
});

describe(percentile.name, () => {
  it.each([
    [[3, 1, 2], 50, 2],
    [[1, 2, 3, 4], 50, 2],
    [Array.from({ length: 100 }, (_, i) => i + 1), 99, 99],
    [Array.from({ length: 32 }, (_, i) => i + 1), 99, 32],
    [[], 99, 0],
  ])('percentile(%j, %i) = %i', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('summarises p50 and p99', () => {
    expect(latencySummary([0.4, 0.5, 2.1])).toEqual({ p50: 0.5, p99: 2.1 });
  });
});
