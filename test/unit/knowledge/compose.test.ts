import { describe, expect, it } from 'vitest';
import { buildVocabulary, GermanAnalyzer } from '../../../src/knowledge/analyzer.js';
import { citeWithNumbers, composeAnswer } from '../../../src/knowledge/compose.js';
import { fitYesNo, isPolarQuestion, polarity } from '../../../src/knowledge/compose-polarity.js';
import { planQuery } from '../../../src/knowledge/query.js';
import { compileSynonyms, EMPTY_SYNONYMS } from '../../../src/knowledge/synonyms.js';
import type { Passage } from '../../../src/knowledge/types.js';

const passage = (id: string, title: string, text: string, citation = 'FAQ des RP Stuttgart'): Passage => ({
  id,
  documentId: id.split('#')[0]!,
  section: id.split('#')[1]!,
  title,
  text,
  source: 'https://rp.example/faq',
  citation,
});

const SACHBERICHT = passage(
  'faq#sachberichte',
  'Wie viele Sachberichte sind nötig?',
  [
    'Einer je Antragsteller, auch wenn mehrere Integrationsmanagerinnen oder -manager gefördert werden.',
    'Der Sachbericht soll möglichst nicht länger als drei Seiten sein. Sind mehrere Träger beteiligt (Nr. 3.2 der VwV),',
    'werden ihre Ausführungen in diesem einen Sachbericht zusammengefasst.',
  ].join('\n'),
);
const FRIST = passage(
  'verwendungsnachweis#frist',
  'Frist für den Verwendungsnachweis',
  'Der Verwendungsnachweis ist spätestens drei Monate nach dem Ende des Förderzeitraums einzureichen. Dafür gilt die Frist nach Nr. 7.4.2 der VwV entsprechend.',
);
const KENNZAHLEN = passage('faq#kennzahlen', 'Bis wann sind die Kennzahlen zu melden?', 'Die Kennzahlen sind jährlich bis zum 31. Januar für das Vorjahr zu übermitteln.', 'Häufige Fragen');
const CORONA = passage(
  'corona#beratung',
  'Beratung bei Kontaktbeschränkungen',
  'Ja: Nach dem Hinweis des RP ist es nicht förderschädlich, wenn die aufsuchende Beratung wegen Corona eingeschränkt wird, solange die Geflüchteten ihre Integrationsmanager telefonisch erreichen können.',
);
const LONG = passage(
  'im#foerdersaetze',
  'Fördersätze',
  [
    'In der ersten Förderphase betrug der Festbetrag für eine Person mit mittlerem Bildungsabschluss 51.000 Euro.',
    `${'Zur Geschichte des Programms gibt es weitere Erläuterungen ohne Bezug zur Frage. '.repeat(9)}`,
    'Für Personen mit Hochschulabschluss lag er laut Angaben eines Landkreises bei bis zu 64.000 Euro; das ist nicht landesweit bestätigt.',
    'Maßgeblich ist allein der Betrag in Ihrem Zuwendungsbescheid.',
  ].join('\n\n'),
  'VwV Integrationsmanagement (Zusammenfassung)',
);

const all = [SACHBERICHT, FRIST, KENNZAHLEN, CORONA, LONG];
const analyzer = new GermanAnalyzer(buildVocabulary(all.map((p) => `${p.title}\n${p.text}`)));
const synonyms = compileSynonyms(EMPTY_SYNONYMS, analyzer);
const compose = (p: Passage, question: string, others: Passage[] = []): ReturnType<typeof composeAnswer> =>
  composeAnswer(p, planQuery(question, analyzer, synonyms), analyzer, others);

describe(composeAnswer.name, () => {
  it('leads with the sentence that answers the question and keeps the rest after it', () => {
    const { text } = compose(SACHBERICHT, 'Wie lang darf der Sachbericht sein?');
    expect(text).toMatch(/^Der Sachbericht soll möglichst nicht länger als drei Seiten sein\./);
    expect(text).toContain('Einer je Antragsteller');
  });

  it('keeps the passage order when its first sentence answers', () => {
    expect(compose(SACHBERICHT, 'Wie viele Sachberichte je Antragsteller?').text).toMatch(/^Einer je Antragsteller/);
  });

  it('never separates a sentence from the one it refers back to', () => {
    const p = passage('x#y', 'Sachbericht', 'Einer je Antragsteller genügt. Er soll höchstens drei Seiten umfassen.');
    expect(compose(p, 'Wie viele Seiten darf der Sachbericht haben?').text).toBe('Einer je Antragsteller genügt. Er soll höchstens drei Seiten umfassen.');
  });

  it('reads an opening "Sie" without "Ihr" or "bitte" as referring back', () => {
    const p = passage('x#fortbildung', 'Fortbildung', 'Fortbildungskosten sind zuwendungsfähig. Sie sind in den Festbeträgen bereits enthalten.');
    expect(compose(p, 'Sind Schulungskosten in den Festbeträgen enthalten?').text).toBe('Fortbildungskosten sind zuwendungsfähig. Sie sind in den Festbeträgen bereits enthalten.');
    const q = passage('x#kontakt', 'Kontakt', 'Das RP ist zuständig. Sie erreichen Ihre Ansprechperson per E-Mail.');
    expect(compose(q, 'Wie erreiche ich meine Ansprechperson per E-Mail?').text).toMatch(/^Sie erreichen Ihre Ansprechperson/);
  });

  it('trims a long passage to the asked detail but keeps its caveats, the caveat last', () => {
    const { text } = compose(LONG, 'Wie hoch ist der Fördersatz für eine Person mit Hochschulabschluss?');
    expect(text).toMatch(/^Für Personen mit Hochschulabschluss lag er/);
    expect(text).toContain('das ist nicht landesweit bestätigt');
    expect(text).not.toContain('Geschichte');
    expect(text.endsWith('Maßgeblich ist allein der Betrag in Ihrem Zuwendungsbescheid.')).toBe(true);
  });

  it.each([
    ['a yes/no question of the same polarity', 'Dürfen wir während Corona die Beratung telefonisch machen?', true],
    ['a question of the opposite polarity', 'Ist es förderschädlich, wenn wir wegen Corona nur telefonisch beraten?', false],
    ['a question that is not yes/no', 'Wie läuft die Beratung bei Corona?', false],
    // The sentence that asks names what the "Ja" would answer; the context before it does not count.
    ['a context sentence on the topic before a question about something else', 'Während Corona haben wir nur telefonisch beraten. War das ein Problem für die Förderung?', false],
    ['a context sentence before a question on the topic', 'Wir hatten Corona-Fälle im Team. Dürfen wir während Corona die Beratung telefonisch machen?', true],
  ])('keeps "Ja:" only for %s', (_kind, question, kept) => {
    const { text } = compose(CORONA, question);
    expect(text.startsWith('Ja: ')).toBe(kept);
    expect(text).toContain('Nach dem Hinweis des RP ist es nicht förderschädlich');
  });

  it('answers the second part of a two-part question from the passage that covers it, with its citation', () => {
    const { text } = compose(FRIST, 'Frist für den Verwendungsnachweis und für die Kennzahlen?', [SACHBERICHT, KENNZAHLEN]);
    expect(text).toMatch(/^Der Verwendungsnachweis ist spätestens drei Monate/);
    expect(text).toContain('Zu „Kennzahlen“: Die Kennzahlen sind jährlich bis zum 31. Januar');
    expect(text).toContain('(Häufige Fragen)');
  });

  it('says which part it does not cover when no passage does', () => {
    const { text } = compose(FRIST, 'Frist für den Verwendungsnachweis und für die Kennzahlen?', [SACHBERICHT]);
    expect(text).toContain('Zu „Kennzahlen“ enthält diese Quelle keine Angabe');
  });

  it('never leads with a referral to the case worker', () => {
    const p = passage(
      'x#unterbrechung',
      'Unterbrechung',
      'Bei einer Unterbrechung der Entgeltzahlung kann die Förderung um zwölf Monate verlängert werden. Ob Ihr Fall bei langer Krankheit darunter fällt und wie die Verlängerung beantragt wird, klären Sie bitte mit dem RP.',
    );
    const { text } = compose(p, 'Fällt die Förderung bei langer Krankheit weg oder wird die Verlängerung beantragt?');
    expect(text).toMatch(/^Bei einer Unterbrechung der Entgeltzahlung/);
  });

  it('takes a line of context before the question as no second part', () => {
    const { text } = compose(FRIST, 'Die Kennzahlen haben wir gemeldet und alles läuft. Bis wann ist der Verwendungsnachweis einzureichen?', [KENNZAHLEN]);
    expect(text).not.toContain('Zu „');
  });

  it('does not split at an "und" that joins verbs inside a subordinate clause', () => {
    const { text } = compose(FRIST, 'Reicht es, wenn wir den Verwendungsnachweis einreichen und die Kennzahlen nachliefern?', [KENNZAHLEN]);
    expect(text).not.toContain('Zu „');
  });

  it('leads with an "Auch" sentence without its "Auch", and keeps a hedged fact in its place', () => {
    const p = passage(
      'kontakt#abgrenzung',
      'Abgrenzung',
      'Für den Förderaufruf Integration vor Ort gilt ein anderes Postfach. Auch die VwV Integrationsbeauftragte ist ein eigenes Programm, der Antrag ist bis zum 15.11. des Vorjahres zu stellen. Laut einer Kommune gilt das seit 2020; das ist nicht bestätigt. Maßgeblich ist die VwV.',
    );
    const { text } = compose(p, 'Bis wann ist der Antrag für die Integrationsbeauftragte zu stellen?');
    expect(text).toMatch(/^Die VwV Integrationsbeauftragte ist ein eigenes Programm/);
    expect(text).toMatch(/Laut einer Kommune gilt das seit 2020; das ist nicht bestätigt\. Maßgeblich ist die VwV\.$/);
  });

  it('names the VwV number the answer rests on in the citation', () => {
    expect(compose(FRIST, 'Bis wann ist der Verwendungsnachweis einzureichen?').citation).toBe('FAQ des RP Stuttgart, zu Nr. 7.4.2 der VwV');
    // Nr. 3.2 is named in passing, not in the answering sentence.
    expect(compose(SACHBERICHT, 'Wie lang darf der Sachbericht sein?').citation).toBe('FAQ des RP Stuttgart');
    expect(citeWithNumbers('VwV Integrationsmanagement Nr. 5.2', '', 'nach Nr. 7.4.2 der VwV')).toBe('VwV Integrationsmanagement Nr. 5.2');
  });
});

describe(fitYesNo.name, () => {
  it.each([
    ['Ja, eine Stelle darf geteilt werden.', 'Darf eine Stelle geteilt werden?', 'Ja, eine Stelle darf geteilt werden.'],
    ['Ja, eine Stelle darf geteilt werden.', 'Darf eine Stelle nicht geteilt werden?', 'Eine Stelle darf geteilt werden.'],
    ['Nein, eine Sachkostenpauschale gibt es nicht.', 'Gibt es eine Sachkostenpauschale?', 'Nein, eine Sachkostenpauschale gibt es nicht.'],
    ['Nein, eine Sachkostenpauschale gibt es nicht.', 'Teilstelle mit Sachkosten?', 'Eine Sachkostenpauschale gibt es nicht.'],
    ['Ja. Die VwV lässt die Wahl.', 'Können wir auslagern, oder müssen wir selbst anstellen?', 'Die VwV lässt die Wahl.'],
    ['Ja, sie sind zuwendungsfähig.', 'Werden Schulungskosten erstattet oder sind sie enthalten?', 'Sie sind zuwendungsfähig.'],
  ])('fits %j to %j', (sentence, question, expected) => {
    expect(fitYesNo(sentence, question, true)).toBe(expected);
  });

  it('drops the yes/no word when the statement is about something else', () => {
    expect(fitYesNo('Ja. Die Person muss bei Antragstellung feststehen.', 'Kann die Person später benannt werden?', false)).toBe('Die Person muss bei Antragstellung feststehen.');
  });

  it('reads the last question of a text and the parity of negations', () => {
    expect(isPolarQuestion('Wir haben eine Stelle. Dürfen wir sie teilen?')).toBe(true);
    expect(isPolarQuestion('Wie lang darf der Sachbericht sein?')).toBe(false);
    expect(polarity('Es ist nicht förderschädlich.')).toBe(0);
    expect(polarity('Ist es förderschädlich?')).toBe(1);
  });
});
