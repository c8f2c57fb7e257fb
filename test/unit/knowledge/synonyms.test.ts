import { describe, expect, it } from 'vitest';
import { buildVocabulary, GermanAnalyzer } from '../../../src/knowledge/analyzer.js';
import { planQuery, separableVerbs } from '../../../src/knowledge/query.js';
import { compileSynonyms, parseSynonyms } from '../../../src/knowledge/synonyms.js';

const analyzer = new GermanAnalyzer(buildVocabulary(['Integrationsmanagement und Verwendungsnachweis', 'Zuwendung im Jahr']));

describe(parseSynonyms.name, () => {
  it('accepts the documented shape', () => {
    const { synonyms, problems } = parseSynonyms('abkuerzungen:\n  IM: Integrationsmanagement\ngruppen:\n  - [Zuschuss, Zuwendung]\nthemenfremd: [Kita]\n', 's.yaml');
    expect(problems).toEqual([]);
    expect(synonyms.gruppen).toEqual([['Zuschuss', 'Zuwendung']]);
  });

  it.each([
    ['invalid YAML', 'gruppen:\n  - [a, b\n', 3],
    ['a group with one member', 'gruppen:\n  - [a, b]\n  - [allein]\n', 3],
    ['an unknown key', 'gruppen: []\nsynonyme: []\n', 1],
  ])('reports %s with file and line', (_name, text, line) => {
    const { synonyms, problems } = parseSynonyms(text, 'synonyme.yaml');
    expect(synonyms.gruppen).toEqual([]);
    expect(problems[0]).toMatchObject({ file: 'synonyme.yaml', line });
  });
});

describe(compileSynonyms.name, () => {
  const compiled = compileSynonyms(
    { abkuerzungen: { IM: 'Integrationsmanagement', VN: 'Verwendungsnachweis' }, gruppen: [['Zuschuss', 'Zuwendung']], themenfremd: ['Reisepass'], kernbegriffe: [] },
    analyzer,
  );

  it('expands upper-case IM but not the preposition "im"', () => {
    expect(planQuery('Was macht IM?', analyzer, compiled).groups[0]!.own).toEqual(['integrationsmanagement']);
    expect(planQuery('Zuwendung im Jahr', analyzer, compiled).groups.map((g) => g.word)).not.toContain('im');
  });

  it('expands abbreviations that are no ordinary word in any case', () => {
    expect(planQuery('Frist für den vn', analyzer, compiled).groups.some((g) => g.own.includes('verwendungsnachweis'))).toBe(true);
  });

  it('finds the abbreviation of a long form written out, as a synonym', () => {
    const group = planQuery('Frist für den Verwendungsnachweis', analyzer, compiled).groups.find((g) => g.word === 'verwendungsnachweis')!;
    expect(group.related).toContain('vn');
  });

  it("finds the abbreviation of a synonym's long form", () => {
    const corpus = new GermanAnalyzer(buildVocabulary(['Vollzeitäquivalent und Vollzeitkraft']));
    const file = { abkuerzungen: { VZÄ: 'Vollzeitäquivalent' }, gruppen: [['Vollzeitkraft', 'Vollzeitäquivalent']], themenfremd: [], kernbegriffe: [] };
    const group = planQuery('Fälle je Vollzeitkraft', corpus, compileSynonyms(file, corpus)).groups.find((g) => g.word === 'vollzeitkraft')!;
    expect(group.related).toContain('vza');
  });

  it('joins a separable verb split by the sentence (reichen … ein) and gives it the synonyms of the joined verb', () => {
    const corpus = new GermanAnalyzer(buildVocabulary(['Den Bericht einreichen und vorlegen.']));
    const file = { abkuerzungen: {}, gruppen: [['einreichen', 'vorlegen']], themenfremd: [], kernbegriffe: [] };
    const group = planQuery('Wann reichen wir den Bericht ein?', corpus, compileSynonyms(file, corpus)).groups.find((g) => g.word === 'einreichen')!;
    expect(group.related).toContain('vorleg');
    expect(separableVerbs('Wann gehen wir ein Risiko ein', () => false)).toEqual([]);
    expect(separableVerbs('Fällt die Förderung weg?', (w) => w === 'wegfallt')).toEqual(['wegfallt']);
  });

  it('gives a verb form the corpus does not know the synonyms of its infinitive', () => {
    const corpus = new GermanAnalyzer(buildVocabulary(['Zuwendung und Zuschuss']));
    const withVerbs = compileSynonyms({ abkuerzungen: {}, gruppen: [['Zuwendung', 'bezuschussen']], themenfremd: [], kernbegriffe: [] }, corpus);
    const group = planQuery('Wird das bezuschusst?', corpus, withVerbs).groups.find((g) => g.word === 'bezuschusst')!;
    expect(group.related).toContain('zuwend');
  });

  it('reads Dinge as a generic word and a long opener in -iert as a verb, neither naming the topic', () => {
    const groups = planQuery('Finanziert der Pakt auch andere Dinge?', analyzer, compiled).groups;
    expect(groups.find((g) => g.word === 'dinge')?.generic).toBe(true);
    expect(groups.find((g) => g.word === 'finanziert')?.noun).toBe(false);
  });

  it('adds the other members of a synonym group', () => {
    const group = planQuery('Zuschuss', analyzer, compiled).groups[0]!;
    expect(group.related).toContain('zuwend');
  });

  it('marks off-topic words', () => {
    expect(planQuery('neuer Reisepass', analyzer, compiled).groups.find((g) => g.word === 'reisepass')?.offTopic).toBe(true);
  });
});

describe(planQuery.name, () => {
  const none = compileSynonyms({ abkuerzungen: {}, gruppen: [], themenfremd: [], kernbegriffe: [] }, analyzer);

  it('marks capitalised words inside the sentence as nouns', () => {
    const plan = planQuery('Wann kommt die Zuwendung endlich', analyzer, none);
    expect(plan.groups.find((g) => g.word === 'zuwendung')?.noun).toBe(true);
    expect(plan.groups.find((g) => g.word === 'endlich')?.noun ?? false).toBe(false);
  });

  it('takes a prefixed verb written in lower case for no noun, though it splits like a compound', () => {
    const corpus = new GermanAnalyzer(buildVocabulary(['Wir lassen das über den Träger laufen, unter Auflagen, jährig und planen jährlich.']));
    const plain = compileSynonyms({ abkuerzungen: {}, gruppen: [], themenfremd: [], kernbegriffe: [] }, corpus);
    const noun = (question: string, word: string): boolean | undefined => planQuery(question, corpus, plain).groups.find((g) => g.word === word)?.noun;
    expect(noun('Dürfen wir die Beratung dem Träger überlassen?', 'uberlassen')).toBe(false);
    // Written all in lower case, nouns cannot be told apart; an adjective still names a topic.
    expect(noun('beratung dem träger überlassen?', 'uberlassen')).toBe(true);
    expect(noun('Ist ein Nachweis unterjährig zu führen?', 'unterjahrig')).toBe(true);
  });

  it('takes a past participle written in lower case for no noun, though it splits like a compound', () => {
    const corpus = new GermanAnalyzer(buildVocabulary(['Der Nachweis liegt vor; die Vorgabe legt fest, was gelegt wird.']));
    const plain = compileSynonyms({ abkuerzungen: {}, gruppen: [], themenfremd: [], kernbegriffe: [] }, corpus);
    const group = (question: string, word: string) => planQuery(question, corpus, plain).groups.find((g) => g.word === word);
    // "vorgelegt" splits like vor|gelegt; as a participle in lower case it names no thing the question is about.
    expect(group('Muss der Nachweis jährlich vorgelegt werden?', 'vorgelegt')).toMatchObject({ noun: false });
    expect(group('Muss der Nachweis jährlich vorgelegt werden?', 'vorgelegt')?.parts.length).toBeGreaterThan(0);
  });
});

describe('generic words', () => {
  const compiled = compileSynonyms({ abkuerzungen: {}, gruppen: [], themenfremd: [], kernbegriffe: [], allgemein: ['Anliegen'] }, analyzer);

  it('marks built-in generic words (months, Jahr, beachten) and those of `allgemein`, not topic words', () => {
    const plan = planQuery('Mein Anliegen: was ist im März beim Verwendungsnachweis zu beachten?', analyzer, compiled);
    const generic = Object.fromEntries(plan.groups.map((g) => [g.word, g.generic]));
    expect(generic).toMatchObject({ anliegen: true, marz: true, beachten: true, verwendungsnachweis: false });
  });

  it('accepts a file without `allgemein`', () => {
    expect(parseSynonyms('allgemein: [Anliegen]\n', 's.yaml').problems).toEqual([]);
    expect(compileSynonyms({ abkuerzungen: {}, gruppen: [], themenfremd: [], kernbegriffe: [] }, analyzer).generic.size).toBeGreaterThan(0);
  });
});

describe('oberbegriffe (broader → narrower, one way)', () => {
  // "erst" and "ellt" in the corpus make "erstellt" a compound with more than one term (as in the shipped corpus).
  const vocabulary = new GermanAnalyzer(buildVocabulary(['Verwendungsnachweis mit Sachbericht', 'Bericht erst', 'ellt']));
  const compiled = compileSynonyms(
    { abkuerzungen: {}, gruppen: [['Sachbericht', 'Bericht']], oberbegriffe: { Verwendungsnachweis: ['Sachbericht'] }, themenfremd: [], kernbegriffe: [], allgemein: ['erstellt'] },
    vocabulary,
  );
  const relatedOf = (question: string): string[] => planQuery(question, vocabulary, compiled).groups.flatMap((g) => g.related);

  it('widens a question on the broader term to the narrower one', () => {
    expect(relatedOf('Was gehört in den Verwendungsnachweis?')).toContain('sachbericht');
  });

  it('does not widen a question on the narrower term to the broader one', () => {
    expect(relatedOf('Wie lang ist der Sachbericht?')).toEqual(['bericht']);
  });

  it('is validated: a broader term needs at least one narrower term', () => {
    expect(parseSynonyms('oberbegriffe:\n  Verwendungsnachweis: []\n', 's.yaml').problems[0]).toMatchObject({ line: 2 });
  });

  it('searches a generic word by its base term alone', () => {
    const terms = vocabulary.analyzeQueryWord('erstellt').terms;
    expect(terms.length).toBeGreaterThan(1);
    const group = planQuery('Wer hat den Sachbericht erstellt?', vocabulary, compiled).groups.find((g) => g.generic);
    expect(group?.own).toEqual(terms.slice(0, 1));
  });
});
