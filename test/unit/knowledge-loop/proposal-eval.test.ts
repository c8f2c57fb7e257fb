import { describe, expect, it } from 'vitest';
import type { AskResult } from '../../../src/core/knowledge.js';
import { readDevSets } from '../../../src/knowledge-loop/proposal-eval.fs.js';
import { changeImpact, runSet, type DevSet } from '../../../src/knowledge-loop/proposal-eval.js';

/** An engine that answers every question from one passage. */
const answering = (id: string) => (question: string): AskResult => ({ question, outcome: 'answer', hits: [{ id }], answer: { passageId: id } }) as unknown as AskResult;

const SET: DevSet = {
  name: 'mini.jsonl',
  cases: [
    { id: 'a', question: 'Frage A', expected: ['faq#a'] },
    { id: 'out', question: 'Kita-Platz?', expected: [] },
  ],
};

describe('dev-set impact of a change', () => {
  it('reports lost hit@1 and newly confidently wrong questions, and nothing when unchanged', () => {
    const before = [runSet(SET, answering('faq#a'))];
    expect(changeImpact([SET], before, [runSet(SET, answering('faq#a'))])).toMatchObject({ regression: false, sets: [{ affected: [] }] });
    const worse = changeImpact([SET], before, [runSet(SET, answering('faq#neu'))]);
    expect(worse.regression).toBe(true);
    expect(worse.sets[0]).toMatchObject({ set: 'mini.jsonl', hit1Before: 1, hit1After: 0 });
    expect(worse.sets[0]!.affected).toEqual([expect.objectContaining({ id: 'a', question: 'Frage A', before: 'faq#a', after: 'faq#neu', why: 'confidently_wrong' })]);
  });

  it('reads question sets and enquiry sets (asked with the question triage extracts)', async () => {
    const [questions, enquiries] = await readDevSets(['test/eval/questions.jsonl', 'test/eval/enquiries.jsonl']);
    expect(questions!.cases[0]).toEqual({ id: 'q1', question: 'Wer ist für das Förderprogramm Integrationsmanagement zuständig?', expected: ['kontakt#bewilligungsstelle'] });
    expect(enquiries!.cases[0]).toMatchObject({ id: 'eq1', question: 'Wer ist für das Förderprogramm Integrationsmanagement zuständig?', expected: ['kontakt#bewilligungsstelle'] });
  });
});
