import { describe, expect, it } from 'vitest';
import { buildVocabulary, GermanAnalyzer } from '../../../src/knowledge/analyzer.js';
import { askedNouns, planQuery } from '../../../src/knowledge/query.js';
import { compileSynonyms, EMPTY_SYNONYMS } from '../../../src/knowledge/synonyms.js';

describe('askedNouns', () => {
  it.each([
    ['Nach welchem Schlüssel wurden die Mittel aufgeteilt?', ['schlussel']],
    ['Welche Unterlagen gehören zu einem Antrag?', ['unterlagen']],
    ['Welche neuen Regeln gelten ab 2025?', ['regeln']],
    ['Wie viele Stellen gibt es?', ['stellen']],
    ['Was für eine Software darf gefördert werden?', ['software']],
  ])('finds the noun asked for in %s', (question, expected) => {
    expect([...askedNouns(question)]).toEqual(expected);
  });

  it('finds none in a question without an interrogative determiner, nor for a verb after it', () => {
    expect(askedNouns('Bis wann muss der Sachbericht vorliegen?').size).toBe(0);
    expect(askedNouns('welche gilt für uns?').size).toBe(0);
  });

  it('marks the asked group of a planned query, and only that one', () => {
    const analyzer = new GermanAnalyzer(buildVocabulary(['Der Schlüssel für die Mittel der Kreise']));
    const plan = planQuery('Nach welchem Schlüssel bekommen die Kreise Mittel?', analyzer, compileSynonyms(EMPTY_SYNONYMS, analyzer));
    expect(plan.groups.filter((g) => g.asked === true).map((g) => g.word)).toEqual(['schlussel']);
  });
});
