import { describe, expect, it } from 'vitest';
import { buildVocabulary, GermanAnalyzer } from '../../../src/knowledge/analyzer.js';
import { compileProgrammes, fit, OPEN_END, overlaps, passageFacets, yearsOf } from '../../../src/knowledge/consistency.js';
import { hasMoney, hasNumber } from '../../../src/knowledge/amount-asked.js';
import { planQuery } from '../../../src/knowledge/query.js';
import { compileSynonyms, EMPTY_SYNONYMS } from '../../../src/knowledge/synonyms.js';
import type { Passage } from '../../../src/knowledge/types.js';

const corpus = [
  'Soforthilfe für Vertriebene aus der Ukraine 2022 und 2023',
  'Digitales Integrationsmanagement mit einer Software für die Fallarbeit',
  'Zwischenverwendungsnachweise und Verwendungsnachweis, Frist für den Sachbericht',
  'Fördersätze je Vollzeitstelle in Euro, Mittelverteilung nach Einwohnerzahl',
];
const analyzer = new GermanAnalyzer(buildVocabulary(corpus));
const programmes = { 'Soforthilfe Ukraine': ['Ukraine', 'Vertriebene'], 'Digitales Integrationsmanagement': ['DIM', 'Software'], Pakt: { namen: ['PIK'], dach: true } };
const synonyms = compileSynonyms({ ...EMPTY_SYNONYMS, gruppen: [['Geld', 'Mittel']], programme: programmes }, analyzer);
const compiled = compileProgrammes(programmes, analyzer);

const passage = (id: string, title: string, text: string, documentTitle = ''): Passage => {
  const [documentId, section] = id.split('#') as [string, string];
  return { id, documentId, section, title, text, source: '', citation: '', documentTitle };
};
const facetsOf = (p: Passage) => passageFacets(p, p.documentTitle ?? '', compiled, analyzer);
const fitOf = (question: string, p: Passage) => fit(planQuery(question, analyzer, synonyms).facets, facetsOf(p));

describe(yearsOf.name, () => {
  it.each([
    ['Förderjahre 2017 und 2018', [[2017, 2017], [2018, 2018]]],
    ['Wie viel Geld gab es 2017/18?', [[2017, 2018]]],
    ['Förderung ab 2025', [[2025, OPEN_END]]],
    // "nach 2022" is after it.
    ['Gab es nach 2022 noch einmal Geld?', [[2023, OPEN_END]]],
    ['ab-2025', [[2025, OPEN_END]]],
    ['Stand 2017 bis 2023', [[2017, 2023]]],
    ['Änderung vom 11.11.2020', [[2020, 2020]]],
    ['eine 3.000-Einwohner-Gemeinde unter 51.000 Euro, Nr. 7.4.2', []],
    ['Wonach richtete sich 2017, wie viel Geld es gab?', [[2017, 2017]]],
    ['Wie war es 2017/2018, und wie 2019?', [[2017, 2018], [2019, 2019]]],
    ['ein Wert von 2017,5', []],
    // A regulation named by its year holds from then on.
    ['Stellt nach der VwV 2023 jede Gemeinde ihren Antrag selbst?', [[2023, OPEN_END]]],
    ['Verwaltungsvorschrift-2023', [[2023, OPEN_END]]],
  ])('reads the years of %j', (text, years) => {
    expect(yearsOf(text)).toEqual(years);
  });

  it('reads a rule in force since a dated change as open-ended only in a passage text', () => {
    expect(yearsOf('Die Abfrage gilt seit der Änderung der VwV 2020.', true)).toEqual([[2020, OPEN_END]]);
    expect(yearsOf('Was ist neu seit der Änderung vom 11.11.2020?', true)).toEqual([[2020, OPEN_END]]);
    expect(yearsOf('Was ist neu seit der Änderung vom 11.11.2020?')).toEqual([[2020, 2020]]);
    expect(yearsOf('bis zur Änderung vom 11.11.2020', true)).toEqual([[2020, 2020]]);
  });

  it('tells overlapping year ranges from disjoint ones', () => {
    expect(overlaps([[2026, 2026]], [[2025, OPEN_END]])).toBe(true);
    expect(overlaps([[2023, 2023]], [[2022, 2022]])).toBe(false);
  });
});

describe('amounts in a passage', () => {
  it.each([
    ['8 Mio. Euro für 2022', true, true],
    ['ein Anteil von 0,5 VZÄ', true, false],
    ['spätestens bis 31.01.2021 nach Nr. 7.4.2 der VwV von 2020', false, false],
    ['spätestens drei Monate nach dem Ende des Förderzeitraums', true, false],
    ['höchstens zwölf Seiten', true, false],
    ['eine Stelle, die zwei Gemeinden teilen', false, false],
  ])('%j states a number: %s, money: %s', (text, number, money) => {
    expect(hasNumber(text)).toBe(number);
    expect(hasMoney(text)).toBe(money);
  });
});

describe(fit.name, () => {
  const ukraine2022 = passage('ukraine#2022-antrag', 'Antragstellung 2022', 'Anträge waren bis 22.07.2022 einzureichen.', 'Soforthilfe für Vertriebene aus der Ukraine');
  const rates = passage('im#foerdersaetze', 'Fördersätze je Vollzeitstelle', 'Je Vollzeitstelle gibt es 51.000 Euro.');
  const planning = passage('im#planungsrahmen', 'Planungsrahmen', 'Die Mittelverteilung richtete sich nach der Einwohnerzahl.');
  const interim = passage('aenderung#zwischennachweis', 'Zwischenverwendungsnachweise', 'Mit der Änderung wurden sie eingeführt.');

  it('marks a passage about another year than the question names', () => {
    expect(fitOf('Antragsfrist Soforthilfe 2023?', ukraine2022).yearMismatch).toBe(true);
    expect(fitOf('Antragsfrist Soforthilfe 2022?', ukraine2022)).toMatchObject({ yearMismatch: false, yearOwn: true, yearOther: false });
  });

  it('reads the years of a concessive clause as a premise, not as the years asked', () => {
    const first = passage('chronik#2017-2018', 'Förderjahre 2017 und 2018', 'Der Pakt galt für 2017 und 2018.');
    const question = 'Warum gab es 2019 noch Geld, obwohl der Pakt doch nur für 2017 und 2018 geschlossen war?';
    expect(fitOf(question, first)).toMatchObject({ yearMismatch: true, yearOwn: false });
    // Without a year of its own, the clause's years are all the question names.
    expect(fitOf('Gab es noch Geld, obwohl der Pakt nur für 2017 und 2018 galt?', first).yearMismatch).toBe(false);
  });

  it('marks a passage about other years that mentions the asked year only in passing', () => {
    const chronicle = passage('chronik#2020-2021', 'Förderjahre 2020 und 2021', 'Den Doppelhaushalt hatte der Landtag Ende 2019 beschlossen.');
    expect(fitOf('Wie wurde das IM 2019 bezahlt?', chronicle)).toMatchObject({ yearMismatch: false, yearOwn: false, yearOther: true });
    expect(fitOf('Wie wurde das IM 2020 bezahlt?', chronicle)).toMatchObject({ yearOwn: true, yearOther: false });
    expect(fitOf('Wie wurde das IM bezahlt?', chronicle).yearOther).toBe(false);
  });

  it('lets a deadline that recurs every year fit every year from the change that introduced it', () => {
    const yearly = passage('vn#kennzahlen', 'Kennzahlen', 'Kennzahlen sind jährlich bis 31. Januar zu melden; bis zur Änderung vom 11.11.2020 halbjährlich.');
    const once = passage('vn#kennzahlen-alt', 'Kennzahlen', 'Die Kennzahlen für 2020 waren bis 31. Januar 2021 zu melden.');
    expect(fitOf('Bis wann sind die Kennzahlen für 2025 zu melden?', yearly).yearMismatch).toBe(false);
    expect(fitOf('Bis wann sind die Kennzahlen für 2019 zu melden?', yearly).yearMismatch).toBe(true);
    expect(fitOf('Bis wann sind die Kennzahlen für 2025 zu melden?', once).yearMismatch).toBe(true);
  });

  it('marks a programme the passage never mentions, and a passage about a programme the question does not name', () => {
    expect(fitOf('Wie viel Geld gibt es für das DIM?', rates).programmeMismatch).toBe(true);
    expect(fitOf('Bis wann war der Antrag einzureichen?', ukraine2022).programmeMismatch).toBe(true);
    expect(fitOf('Bis wann war der Antrag für Vertriebene einzureichen?', ukraine2022).programmeMismatch).toBe(false);
  });

  it('lets a question name the umbrella programme in passing', () => {
    expect(fitOf('Wie hoch ist der Fördersatz im PIK?', rates).programmeMismatch).toBe(false);
  });

  it('marks an amount question answered by a passage without an amount', () => {
    expect(fitOf('Wie viel Geld gibt es je Vollzeitstelle?', planning).amountMissing).toBe(true);
    expect(fitOf('Wie viel Geld gibt es je Vollzeitstelle?', rates).amountMissing).toBe(false);
    expect(fitOf('Wie wurde das Geld verteilt?', planning).amountMissing).toBe(false);
    // "einen höheren Zuschuss" asks for money like "mehr Geld": a passage without an amount does not answer it.
    expect(fitOf('Gibt es mit Studium einen höheren Zuschuss?', planning).amountMissing).toBe(true);
    expect(fitOf('Gibt es mit Studium einen höheren Zuschuss?', rates).amountMissing).toBe(false);
    // "wie viel Zeit" asks how long; a passage saying "drei Monate" in words answers it.
    expect(fitOf('Wie viel Zeit haben wir für den Bericht?', planning).amountMissing).toBe(false);
    // How an amount is reached is a method, stated without a figure.
    expect(fitOf('Wie hat man berechnet, welcher Betrag auf jeden Kreis entfällt?', planning).amountMissing).toBe(false);
    expect(fitOf('Wie wurde ausgerechnet, wie viel jeder Kreis bekommt?', planning).amountMissing).toBe(false);
    expect(fitOf('Wie wird berechnet, wie viel Geld ein Landkreis bekommt?', planning).amountMissing).toBe(false);
    expect(fitOf('Welcher Betrag entfällt auf jeden Kreis?', planning).amountMissing).toBe(true);
    // The basis asked first, the amount it is for in a clause of its own ("Wonach …, wie viel …").
    expect(fitOf('Wonach wurde 2019 festgelegt, wie viel Geld jeder Kreis bekam?', planning).amountMissing).toBe(false);
    expect(fitOf('Nach welcher Größe richtet sich, wie hoch der Zuschuss einer Gemeinde ist?', planning).amountMissing).toBe(false);
    expect(fitOf('Auf welcher Grundlage wurde berechnet, wie viel jeder Kreis bekam?', planning).amountMissing).toBe(false);
    expect(fitOf('Wie viel Geld bekam jeder Kreis, und wonach richtete sich das?', planning).amountMissing).toBe(true);
    // "Welcher Stichtag …" asks for a date, whatever amount it is for.
    expect(fitOf('Welcher Stichtag war für die Höhe der Mittel 2017 entscheidend?', planning).amountMissing).toBe(false);
    // The plural asks for amounts too ("Mit welchen Beträgen …").
    expect(fitOf('Mit welchen Beträgen wurde der Pakt 2020 weiterfinanziert?', planning).amountMissing).toBe(true);
    // "Wie hoch" a sum of money (Pauschale, Fördersatz) wants Euro: dates and paragraph numbers do not answer it.
    const dated = passage('im#zielgruppe', 'Zielgruppe', 'Geflüchtete nach §§ 17, 18 FlüAG; Stichtag 15. September 2017.');
    expect(fitOf('Wie hoch ist die Pauschale je Person nach dem FlüAG?', dated).amountMissing).toBe(true);
    expect(fitOf('Wie hoch ist die Pauschale je Person nach dem FlüAG?', rates).amountMissing).toBe(false);
    // Whether a flat rate exists is no amount question.
    expect(fitOf('Gibt es eine Pauschale für Fortbildungen?', dated).amountMissing).toBe(false);
    // A sum as the mode of payment ("als fester Betrag gezahlt") asks how it is paid, not for a figure.
    expect(fitOf('Wird die Förderung als fester Betrag gezahlt oder nach den tatsächlichen Kosten?', dated).amountMissing).toBe(false);
    expect(fitOf('Welcher feste Betrag wird gezahlt?', dated).amountMissing).toBe(true);
    // "Höhe" in a question that asks for something else: what was criticised, by which date the sums were set.
    expect(fitOf('Was hat der Rechnungshof an der Höhe der Fördersätze kritisiert?', dated).amountMissing).toBe(false);
    expect(fitOf('Nach welchem Stichtag richtete sich die Höhe der Mittel?', dated).amountMissing).toBe(false);
    expect(fitOf('In welcher Höhe gab es Mittel, und was wurde kritisiert?', dated).amountMissing).toBe(true);
  });

  it('marks a passage that states the asked amount only in passing (no title or typical question asks for one)', () => {
    const replacement = passage('faq#nachbesetzung', 'Nachbesetzung mit Hochschulabschluss', 'Dann gilt der höhere Fördersatz von 64.000 Euro.');
    const ratesAsked = { ...rates, questions: ['Wie hoch ist der Fördersatz je Stelle?'] };
    expect(fitOf('Wie viel Euro gibt es für eine Stelle mit Bachelor?', replacement).amountIncidental).toBe(true);
    expect(fitOf('Wie viel Euro gibt es für eine Stelle mit Bachelor?', ratesAsked).amountIncidental).toBe(false);
    // "mehr Geld?" asks whether, not how much: the rule on the replacement answers it.
    expect(fitOf('Gibt es bei einer Nachbesetzung mit Bachelor mehr Geld?', replacement).amountIncidental).toBe(false);
  });

  it('marks a passage whose title and typical questions ask only for another kind of answer', () => {
    const contact = { ...passage('kontakt#ansprechpartner', 'Ansprechpersonen', 'Die Liste nennt die Zuständigen.'), questions: ['Wer ist für unseren Kreis zuständig?'] };
    expect(fitOf('Für wie viele Geflüchtete ist eine Vollzeitkraft zuständig?', contact).otherType).toBe(true);
    expect(fitOf('Wer ist beim RP zuständig?', contact).otherType).toBe(false);
    expect(fitOf('Ist das RP zuständig?', contact).otherType).toBe(false);
  });

  it('marks a title naming a narrower kind of the asked thing unless the question names the difference', () => {
    expect(fitOf('Wann ist der Verwendungsnachweis fällig?', interim).narrower).toBe(true);
    expect(fitOf('Wann ist der Zwischenverwendungsnachweis fällig?', interim).narrower).toBe(false);
    expect(fitOf('Muss man zwischendurch einen Verwendungsnachweis abgeben, so einen Zwischen-Nachweis?', interim).narrower).toBe(false);
  });
});

describe('nouns of a question (query planning)', () => {
  const nounOf = (question: string): Record<string, boolean> => Object.fromEntries(planQuery(question, analyzer, synonyms).groups.map((g) => [g.word, g.noun]));

  it('takes a short capitalised word opening any sentence for a verb or pronoun, not a noun', () => {
    expect(nounOf('Wie lang darf der Sachbericht sein? Zahlt das Land die Software?')).toMatchObject({ sachbericht: true, zahlt: false, software: true });
  });

  it('still takes a capitalised word inside a sentence for a noun', () => {
    expect(nounOf('Wann zahlt das Land die Software?')).toMatchObject({ software: true });
  });

  it('takes a long opener followed by a personal pronoun for a verb (Brauchen wir …), a long one without for a noun', () => {
    expect(nounOf('Brauchen wir für die Software eine Gestattung?')).toMatchObject({ brauchen: false, software: true, gestattung: true });
    expect(nounOf('Benötigen Sie den Sachbericht?')).toMatchObject({ benotigen: false, sachbericht: true });
    expect(nounOf('Sachberichtsumfang?')).toMatchObject({ sachberichtsumfang: true });
  });
});

describe('programmes and abbreviations a question names (query planning)', () => {
  it('names a programme by the question\'s own words, not by a synonym of one', () => {
    const withTool = compileSynonyms({ ...EMPTY_SYNONYMS, gruppen: [['Software', 'Tool']], programme: programmes }, analyzer);
    expect(planQuery('Welches Tool nutzt ihr für die Fallarbeit?', analyzer, withTool).facets.programmes.has('Digitales Integrationsmanagement')).toBe(false);
    expect(planQuery('Welche Software nutzt ihr für die Fallarbeit?', analyzer, withTool).facets.programmes.has('Digitales Integrationsmanagement')).toBe(true);
  });

  it('reads a plural of an abbreviation typed small ("vwvs") as the abbreviation, but not a short word ("aus")', () => {
    const withAbbr = compileSynonyms({ ...EMPTY_SYNONYMS, abkuerzungen: { VwV: 'Verwaltungsvorschrift', AU: 'Arbeitsunfähigkeit' } }, analyzer);
    const groups = (q: string) => planQuery(q, analyzer, withAbbr).groups;
    expect(groups('welche vwvs gibt es?').find((g) => g.abbreviation === true)?.own).toContain('verwaltungsvorschrift');
    expect(groups('kommt das aus dem land?').some((g) => g.abbreviation === true)).toBe(false);
  });

  it('reads "IMler" and "IMlerin" as the people the abbreviation names', () => {
    const withIm = compileSynonyms({ ...EMPTY_SYNONYMS, abkuerzungen: { IM: ['Integrationsmanagement', 'Integrationsmanager'] } }, analyzer);
    for (const q of ['Dürfen unsere IMler das?', 'Darf unsere IMlerin das?']) {
      const groups = planQuery(q, analyzer, withIm).groups;
      expect(groups.find((g) => g.abbreviation === true)?.own).toContain('integrationsmanagement');
      // Only as the abbreviation: no second, unknown word "imler" beside it.
      expect(groups.filter((g) => g.abbreviation !== true).flatMap((g) => g.own)).not.toContain('iml');
    }
  });
});

describe('words cut off by a hyphen (query planning)', () => {
  const cleaned = (question: string): string => planQuery(question, analyzer, synonyms).cleaned;

  it('completes the first word with the head of the compound after "und"/"oder"', () => {
    expect(cleaned('Gilt die Antrags- oder die Sachberichtsfrist?')).toBe('Gilt die Antragsfrist oder die Sachberichtsfrist?');
    expect(cleaned('Wie lang sind Sachberichts- und Softwarefrist?')).toBe('Wie lang sind Sachberichtsfrist und Softwarefrist?');
  });

  it('drops a hearsay opening from the text analysed, not from the text shown', () => {
    const plan = planQuery('Unsere Kämmerei hat gehört, dass es eine Sachberichtsfrist gibt. Stimmt das?', analyzer, synonyms);
    expect(plan.cleaned).toBe('es eine Sachberichtsfrist gibt. Stimmt das?');
    expect(plan.shown).toBe('Unsere Kämmerei hat gehört, dass es eine Sachberichtsfrist gibt. Stimmt das?');
    expect(plan.groups.map((g) => g.word)).not.toContain('kammerei');
    expect(cleaned('Uns wurde gesagt, dass die Frist kürzer ist.')).toBe('die Frist kürzer ist.');
    expect(cleaned('Wir haben die Frist gehört.')).toBe('Wir haben die Frist gehört.');
    // The hearer named with a place: "unser Gemeinderat in Tannwiesen hat gehört, dass …".
    expect(cleaned('unser Gemeinderat in Tannwiesen hat gehört, dass sich die Budgets verschieben. Nach welchem Grundsatz?')).toBe(
      'sich die Budgets verschieben. Nach welchem Grundsatz?',
    );
  });

  it('drops a frame asking whether a rule exists for what follows, not a rule asked for by its topic', () => {
    expect(cleaned('Gibt es eine Regel, ob die Beratung nach einem Umzug endet?')).toBe('ob die Beratung nach einem Umzug endet?');
    expect(cleaned('Ist geregelt, wann der Sachbericht kommt?')).toBe('wann der Sachbericht kommt?');
    expect(cleaned('Gibt es eine Regelung für Vertretungen?')).toBe('Gibt es eine Regelung für Vertretungen?');
  });

  it('drops a report of where the question came up ("Im Gemeinderat wurde gefragt, ob …")', () => {
    expect(cleaned('Im Gemeinderat wurde gefragt, ob ein freier Träger die Aufgabe übernehmen könnte.')).toBe('ob ein freier Träger die Aufgabe übernehmen könnte.');
    expect(cleaned('in der letzten Sitzung des Gemeinderats kam die Frage auf, was eine Integrationsmanagerin macht.')).toBe('was eine Integrationsmanagerin macht.');
    expect(cleaned('Aus dem Gemeinderat kam die Frage, was eine Integrationsmanagerin macht.')).toBe('was eine Integrationsmanagerin macht.');
    expect(cleaned('Wer sitzt im Gemeinderat?')).toBe('Wer sitzt im Gemeinderat?');
  });

  it('drops a request to be told ("Können Sie mir sagen, wie …")', () => {
    expect(cleaned('Können Sie mir sagen, wie hoch das Volumen 2017 war?')).toBe('wie hoch das Volumen 2017 war?');
    expect(cleaned('Guten Tag. Könnten Sie uns bitte mitteilen, ob die Frist gilt?')).toBe('Guten Tag. ob die Frist gilt?');
    expect(cleaned('Können Sie mir den Bescheid erklären?')).toBe('Können Sie mir den Bescheid erklären?');
  });

  it('joins a compound written apart when the knowledge base knows the whole word', () => {
    expect(cleaned('zwischen verwendungs nachweis beim IM, seit wann?')).toBe('Zwischenverwendungsnachweis beim IM, seit wann?');
    expect(cleaned('Verwendungs Nachweis: muss jede IM einen schreiben?')).toBe('Verwendungsnachweis: muss jede IM einen schreiben?');
    expect(cleaned('Müssen wir die Anträge zu stellen?')).toBe('Müssen wir die Anträge zu stellen?');
  });

  it('reads a compound with an abbreviated head ("Zwischen-VN") as the word the knowledge base knows', () => {
    const withVn = compileSynonyms({ ...EMPTY_SYNONYMS, abkuerzungen: { VN: 'Verwendungsnachweis' } }, analyzer);
    const cleaned = (question: string): string => planQuery(question, analyzer, withVn).cleaned;
    expect(cleaned('gibts seit 2020 zwischen-VN oder nur einen am ende')).toBe('gibt es seit 2020 Zwischenverwendungsnachweise oder nur einen am ende');
    expect(cleaned('Gibt es Zwischen-VNs?')).toBe('Gibt es Zwischenverwendungsnachweise?');
    // No word of the corpus begins with the first part and ends in the abbreviation's term: left as written.
    expect(cleaned('Gibt es Landes-VN?')).toBe('Gibt es Landes-VN?');
  });

  it('reads the short second year of a span ("2020/21") as part of the span, not as a number of its own', () => {
    const plan = planQuery('Wie viel Geld gab es 2020/21?', analyzer, synonyms);
    expect(plan.groups.map((g) => g.word)).not.toContain('21');
    expect(plan.facets.years).toEqual([[2020, 2021]]);
    expect(planQuery('Gab es 21 Stellen?', analyzer, synonyms).groups.map((g) => g.word)).toContain('21');
  });

  it('reads two consecutive years written with two digits ("23/24") as a span of years', () => {
    const plan = planQuery('wie viel gab es 21/22 fuer die kreise?', analyzer, synonyms);
    expect(plan.facets.years).toEqual([[2021, 2022]]);
    expect(plan.groups.map((g) => g.word)).not.toContain('22');
    // No span: not consecutive, or part of a date or a decimal.
    expect(planQuery('Gilt das für 12/15 Stellen?', analyzer, synonyms).facets.years).toEqual([]);
    expect(planQuery('Frist bis 30.11/12?', analyzer, synonyms).facets.years).toEqual([]);
  });

  it('names the previous year as the sources do ("für das vergangene Jahr" → "für das Vorjahr")', () => {
    expect(cleaned('Bis wann müssen die Kennzahlen für das vergangene Jahr da sein?')).toBe('Bis wann müssen die Kennzahlen für das Vorjahr da sein?');
    expect(cleaned('Wie viele Fälle gab es im letzten Jahr?')).toBe('Wie viele Fälle gab es im Vorjahr?');
  });

  it('leaves a hyphen before a word that is no compound, and a hyphenated compound, alone', () => {
    expect(cleaned('Kennzahlen- und Sachbericht?')).toBe('Kennzahlen- und Sachbericht?');
    expect(cleaned('Gilt das für IM-Stellen?')).toBe('Gilt das für IM-Stellen?');
  });
});
