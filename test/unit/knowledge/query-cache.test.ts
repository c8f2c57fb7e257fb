import { describe, expect, it } from 'vitest';
import { buildVocabulary, GermanAnalyzer } from '../../../src/knowledge/analyzer.js';
import { cachedPlan, planQuery } from '../../../src/knowledge/query.js';
import { compileSynonyms, EMPTY_SYNONYMS } from '../../../src/knowledge/synonyms.js';

const corpus = ['Der Sachbericht soll höchstens drei Seiten umfassen.', 'Der Verwendungsnachweis ist bis zum 30. Juni vorzulegen.'];
const fresh = (): { analyzer: GermanAnalyzer; synonyms: ReturnType<typeof compileSynonyms> } => {
  const analyzer = new GermanAnalyzer(buildVocabulary(corpus));
  return { analyzer, synonyms: compileSynonyms({ ...EMPTY_SYNONYMS, gruppen: [['Sachbericht', 'Bericht']] }, analyzer) };
};

describe('cachedPlan', () => {
  it('plans as planQuery does, and returns the same frozen plan for the same text', () => {
    const { analyzer, synonyms } = fresh();
    const question = 'Wie lang darf der Sachbericht 2024 sein?';
    const first = cachedPlan(question, analyzer, synonyms);
    expect(first).toEqual(planQuery(question, analyzer, synonyms));
    expect(cachedPlan(question, analyzer, synonyms)).toBe(first);
    expect(Object.isFrozen(first.groups[0]!.own)).toBe(true);
    expect(() => (first.groups as unknown as string[]).push('x')).toThrow(TypeError);
  });

  it('keeps plans per index: another analyzer (a reloaded knowledge base) plans afresh', () => {
    const a = fresh();
    const b = fresh();
    const question = 'Bis wann ist der Verwendungsnachweis vorzulegen?';
    const planA = cachedPlan(question, a.analyzer, a.synonyms);
    const planB = cachedPlan(question, b.analyzer, b.synonyms);
    expect(planB).not.toBe(planA);
    expect(planB).toEqual(planA);
  });

  it('stays bounded: the least recently used plan is planned again after many others', () => {
    const { analyzer, synonyms } = fresh();
    const kept = cachedPlan('Wie lang darf der Sachbericht sein?', analyzer, synonyms);
    const dropped = cachedPlan('Bis wann ist der Verwendungsnachweis vorzulegen?', analyzer, synonyms);
    for (let i = 0; i < 1_000; i++) {
      if (i % 100 === 0) cachedPlan('Wie lang darf der Sachbericht sein?', analyzer, synonyms);
      cachedPlan(`Frage ${i} zum Sachbericht?`, analyzer, synonyms);
    }
    expect(cachedPlan('Wie lang darf der Sachbericht sein?', analyzer, synonyms)).toBe(kept);
    expect(cachedPlan('Bis wann ist der Verwendungsnachweis vorzulegen?', analyzer, synonyms)).not.toBe(dropped);
  });
});
