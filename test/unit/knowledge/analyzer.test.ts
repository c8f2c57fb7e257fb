import { describe, expect, it } from 'vitest';
import { buildVocabulary, GermanAnalyzer } from '../../../src/knowledge/analyzer.js';
import { foldWord, isStopword, stripGender } from '../../../src/knowledge/german.js';
import { tokenize } from '../../../src/knowledge/tokenize.js';

const corpus = [
  'Die Integrationsmanager beraten Geflüchtete. Eine Stelle umfasst 0,25 VZÄ. Zur Stellenteilung und zum Stellenumfang.',
  'Die Mittel werden gewährt. Eine Evaluation wurde beauftragt. Wir teilen und fördern.',
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
    // A sign is the word it stands for.
    ['60 % der Mittel', ['60', 'prozent', 'der', 'mittel']],
    ['500 €', ['500', 'euro']],
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
    ['nochmal', true],
    // "Wir überlegen, … – geht das?": the writer deliberating.
    ['überlegen', true],
    ['überlegt', true],
    // Question frames and the asker's time: "Worin besteht …?", "Stimmt es, dass …?", "seit Montag", "gestern".
    ['besteht', true],
    ['stimmt', true],
    ['meinte', true],
    ['montag', true],
    ['freitags', true],
    ['gestern', true],
    ['insgesamt', true],
    // Prepositions: "Innerhalb welcher Frist …?", "gemäß VwV", "aufgrund der Änderung".
    ['innerhalb', true],
    ['gemäß', true],
    ['aufgrund', true],
    ['bestehenden', false],
    ['mittel', false],
    ['dritte', false],
    ['förderung', false],
  ])('%s is a stopword: %s', (word, expected) => {
    expect(isStopword(foldWord(word))).toBe(expected);
  });
});

describe(GermanAnalyzer.name, () => {
  it.each([
    ['Integrationsmanagerstelle', ['integrationsmanag', 'stelle']],
    ['Sachberichtsumfang', ['sachbericht', 'umfang']],
    ['Fortbildungskosten', ['fortbild', 'kost']],
    ['Zwischenverwendungsnachweis', ['verwendungsnachweis']],
    ['Zwischennachweise', ['nachweis']],
  ])('splits the compound %s into parts the corpus knows', (word, parts) => {
    expect(terms(word)).toEqual(expect.arrayContaining(parts));
  });

  it('keeps the whole compound as a term too', () => {
    expect(terms('Fortbildungskosten')).toContain('fortbildungskost');
  });

  it('does not split words that have no part the corpus knows', () => {
    expect(terms('Oberstenfeld')).toEqual(['oberstenfeld']);
  });

  it.each([
    ['Mittelabruf', ['mittel', 'abruf']],
    ['Reisepassantrag', ['reisepass', 'antrag']],
  ])('splits the unknown compound %s at its known part and keeps the unknown part', (word, parts) => {
    expect(analyzer.analyzeWord(foldWord(word)).parts).toEqual(parts);
  });

  it('splits no adverb in -stens (höchstens, mindestens) into a compound with the head "tens"', () => {
    const corpus = new GermanAnalyzer(buildVocabulary(['höchstens drei Jahre, mindestens 0,25 VZÄ, spätestens drei Monate, hoch und mindest']));
    for (const word of ['hochstens', 'mindestens', 'spatestens']) expect(corpus.analyzeWord(word).parts).toEqual([]);
    expect(corpus.vocabulary.words.has('tens')).toBe(false);
  });

  it('splits no adjective in -mäßig (regelmäßig, zahlenmäßig) into a noun and a head "mäßig"', () => {
    const corpus = new GermanAnalyzer(buildVocabulary(['der zahlenmäßige Nachweis, die Regel und die Zahlen']));
    expect(corpus.analyzeWord('regelmassig').parts).toEqual([]);
    expect(corpus.analyzeWord('zahlenmassig').parts).toEqual([]);
  });

  it('learns the heads of corpus compounds, so a query part meets the corpus compound', () => {
    expect(analyzer.vocabulary.words.has('teilung')).toBe(true);
    expect(terms('Stellenteilung')).toEqual(expect.arrayContaining(terms('Teilung')));
  });

  it.each([
    ['gefördert', 'forder'],
    ['geteilt', 'teil'],
    ['aufteilen', 'teil'],
    ['teilen', 'teilung'],
    ['Förderung', 'ford'],
    ['förderfähig', 'forder'],
    ['evaluieren', 'evaluation'],
  ])('maps the query word %s to the related stem %s when the corpus knows it', (word, stem) => {
    const queryTerms = tokenize(word).flatMap((w) => analyzer.analyzeQueryWord(w).terms);
    expect(queryTerms).toContain(stem);
  });

  it('indexes participles under their infinitive (both sides), derivational relatives on the query side only', () => {
    expect(terms('gefördert')).toContain('forder');
    expect(terms('teilen')).not.toContain('teilung');
  });

  it('keeps the noun Stelle apart from the verb stellen', () => {
    expect(terms('Eine Stelle')).toEqual(['stelle']);
    expect(terms('Wie viele Stellen?')).toEqual(['stelle']);
    expect(terms('Anträge werden gestellt. Wir stellen einen Antrag.')).not.toContain('stelle');
  });

  it('gives index and query the same terms for umlaut and digraph spellings', () => {
    expect(terms('Förderfähige Maßnahmen')).toEqual(terms('Foerderfaehige Massnahmen'));
  });

  it('drops stopwords and keeps gender forms together', () => {
    expect(terms('für die Integrationsmanagerinnen')).toEqual(terms('Integrationsmanager'));
  });
});
