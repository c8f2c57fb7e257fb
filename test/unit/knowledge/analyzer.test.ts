import { describe, expect, it } from 'vitest';
import { buildVocabulary, GermanAnalyzer } from '../../../src/knowledge/analyzer.js';
import { foldWord, isStopword, stripGender } from '../../../src/knowledge/german.js';
import { tokenize } from '../../../src/knowledge/tokenize.js';

const corpus = [
  'Die Integrationsmanager beraten Geflüchtete. Eine Stelle umfasst 0,25 VZÄ.',
  'Fortbildung und Kosten der Fortbildung sind förderfähig. Der Verwendungsnachweis und der Nachweis, zwischen Januar und März.',
  'Anträge werden gestellt. Die Förderung wird gewährt.',
];
const analyzer = new GermanAnalyzer(buildVocabulary(corpus));
const terms = (text: string): string[] => analyzer.analyze(text);

describe(tokenize.name, () => {
  it.each([
    ['Förderung', ['forderung']],
    ['Foerderung', ['forderung']],
    ['Maßnahme', ['massnahme']],
    ['Massnahme', ['massnahme']],
    ['Kita-Platz', ['kita', 'platz']],
    ['Sachbericht/Verwendungsnachweis', ['sachbericht', 'verwendungsnachweis']],
    ['Integrationsmanager/-innen', ['integrationsmanager']],
    ['Integrationsmanager:innen', ['integrationsmanager']],
    ['Integrationsmanager*innen', ['integrationsmanager']],
    ['IntegrationsmanagerInnen', ['integrationsmanager']],
    ['Integrationsmanagerinnen', ['integrationsmanager']],
    ['Integrationsmanagerin', ['integrationsmanager']],
    ['51.000 Euro', ['51000', 'euro']],
    ['Nr. 5.2', ['nr', '5.2']],
    ['am 24.07.2017', ['am', '2017', '24.07.2017']],
    ['a\u0007b', ['a', 'b']],
  ])('tokenizes %j', (text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  });
});

describe(stripGender.name, () => {
  it.each([
    ['referentin', 'referent'],
    ['beraterinnen', 'berater'],
    ['juristin', 'jurist'],
    ['kollegin', 'kolleg'],
    ['termin', 'termin'],
    ['beginnen', 'beginnen'],
    ['medizin', 'medizin'],
  ])('%s → %s', (word, expected) => {
    expect(stripGender(word)).toBe(expected);
  });
});

describe('stopwords', () => {
  it.each([
    ['der', true],
    ['wie', true],
    ['können', true],
    ['mittel', false],
    ['dritte', false],
    ['förderung', false],
  ])('%s is a stopword: %s', (word, expected) => {
    expect(isStopword(foldWord(word))).toBe(expected);
  });
});

describe(GermanAnalyzer.name, () => {
  it.each([
    ['Integrationsmanagerstelle', ['integrationsmanag', 'stell']],
    ['Fortbildungskosten', ['fortbild', 'kost']],
    ['Zwischenverwendungsnachweis', ['verwendungsnachweis']],
    ['Zwischennachweise', ['nachweis']],
  ])('splits the compound %s into parts the corpus knows', (word, parts) => {
    expect(terms(word)).toEqual(expect.arrayContaining(parts));
  });

  it('keeps the whole compound as a term too', () => {
    expect(terms('Fortbildungskosten')).toContain('fortbildungskost');
  });

  it('does not split words into parts the corpus does not know', () => {
    expect(terms('Reisepassantrag')).toEqual(['reisepassantrag']);
  });

  it.each([
    ['gestellt', 'stell'],
    ['gefördert', 'forder'],
  ])('maps the participle %s to the stem %s when the corpus knows it', (word, stem) => {
    expect(terms(word)).toContain(stem);
  });

  it('gives index and query the same terms for umlaut and digraph spellings', () => {
    expect(terms('Förderfähige Maßnahmen')).toEqual(terms('Foerderfaehige Massnahmen'));
  });

  it('drops stopwords and keeps gender forms together', () => {
    expect(terms('für die Integrationsmanagerinnen')).toEqual(terms('Integrationsmanager'));
  });
});
