import { describe, expect, it } from 'vitest';
import { buildVocabulary, GermanAnalyzer } from '../../../src/knowledge/analyzer.js';
import { answerTypes } from '../../../src/knowledge/answer-type.js';
import { SEARCH_SETTINGS } from '../../../src/knowledge/index.minisearch.js';
import { buildQuestionIndex, OTHER_ANSWER_TYPE } from '../../../src/knowledge/question-index.minisearch.js';
import type { Passage } from '../../../src/knowledge/types.js';

const passage = (id: string, question: string): Passage => ({ id, documentId: 'faq', section: id, title: '', text: '', source: '', citation: '', questions: [question] });

describe(buildQuestionIndex.name, () => {
  const passages = [passage('faq#kontakt', 'Wer ist für die Beratung zuständig?'), passage('faq#schluessel', 'Für wie viele Fälle ist die Beratung zuständig?')];
  const analyzer = new GermanAnalyzer(buildVocabulary(passages.map((p) => p.questions![0]!)));
  const index = buildQuestionIndex(passages, analyzer);
  const options = { bm25: SEARCH_SETTINGS.bm25, weights: SEARCH_SETTINGS.weights };
  const queries = ['zustand', 'berat'].map((term) => ({ term, boost: 1, prefix: false, fuzzy: 0 }));

  it('counts a typical question asking for another kind of answer (wer for wie viele) less', () => {
    const plain = index.search(queries, options);
    const asked = index.search(queries, options, answerTypes('Für wie viele Geflüchtete ist eine Vollzeitkraft zuständig?'));
    expect(asked.best.get(0)!.score).toBeCloseTo(plain.best.get(0)!.score * OTHER_ANSWER_TYPE);
    expect(asked.best.get(1)!.score).toBeCloseTo(plain.best.get(1)!.score);
  });

  it('leaves every typical question as it is for a question without an answer type', () => {
    const plain = index.search(queries, options);
    expect(index.search(queries, options, []).best.get(0)!.score).toBe(plain.best.get(0)!.score);
  });
});
