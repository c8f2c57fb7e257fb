import { describe, expect, it } from 'vitest';
import { buildVocabulary, GermanAnalyzer } from '../../../src/knowledge/analyzer.js';
import { planQuery } from '../../../src/knowledge/query.js';
import { compileSynonyms, EMPTY_SYNONYMS } from '../../../src/knowledge/synonyms.js';
import { trimAnswer } from '../../../src/knowledge/trim.js';

const text = [
  'In den Jahren 2017 und 2018 standen jeweils 58 Mio. Euro bereit, zusammen 116 Mio. Euro. Anträge konnten ab dem',
  '24. Juli 2017 gestellt werden.',
  '',
  `${'Weitere Erläuterungen zur Geschichte des Programms ohne Bezug zur Frage. '.repeat(8)}`,
  '',
  '- Der Sachbericht umfasst höchstens drei Seiten, z. B. mit Tabellen.',
  '- Er ist spätestens drei Monate nach Ende des Förderzeitraums einzureichen.',
].join('\n');
const analyzer = new GermanAnalyzer(buildVocabulary([text]));
const synonyms = compileSynonyms(EMPTY_SYNONYMS, analyzer);
const trim = (question: string): string => trimAnswer(text, planQuery(question, analyzer, synonyms), analyzer);

describe(trimAnswer.name, () => {
  it('keeps whole sentences across wrapped lines, "Mio." and dates', () => {
    const answer = trim('Ab wann konnten 2017 Anträge gestellt werden?');
    expect(answer).toContain('Anträge konnten ab dem 24. Juli 2017 gestellt werden.');
    expect(answer).toContain('zusammen 116 Mio. Euro.');
    expect(answer).not.toContain('Geschichte');
  });

  it('keeps list items as units', () => {
    expect(trim('Wie viele Seiten hat der Sachbericht?')).toContain('- Der Sachbericht umfasst höchstens drei Seiten, z. B. mit Tabellen.');
  });

  it('returns short passages whole', () => {
    expect(trimAnswer('Kurz. Und knapp.', planQuery('knapp', analyzer, synonyms), analyzer)).toBe('Kurz. Und knapp.');
  });
});
