/**
 * Consistency between a question and a passage beyond shared words: the years (or version of the rules) and the
 * programme each speaks of, and whether the passage holds the kind of answer the question asks for (an amount).
 * A question about the 2023 Soforthilfe shares nearly all its words with the passage on 2022; a question about
 * the Digitales Integrationsmanagement shares them with the general rules; "Wie viel …" shares them with a
 * neighbouring passage that names no amount. Such passages rank lower and never give an answer outright.
 *
 * Facets are derived from what a passage already carries (its title, section slug, document title, typical
 * questions and text) and from the programme names in synonyme.yaml (`programme`); nothing is written per passage. Pure.
 */
import type { GermanAnalyzer } from './analyzer.js';
import { answerTypes } from './answer-type.js';
import { amountAsked, hasMoney, hasNumber } from './amount-asked.js';
import { countedNouns, countsOther } from './counted.js';
import { askedRule, citedRules } from './rule-number.js';
import { speaksOfBeginning, speaksOfPast } from './history.js';
import { isStopword } from './german.js';
import { tokenize } from './tokenize.js';
import type { Passage } from './types.js';
import { OPEN_END, overlaps, yearsOf, type YearRange } from './years.js';

export { OPEN_END, overlaps, yearsOf, type YearRange };


/** A programme (or funding strand) with the analysed terms of its names; a name of several words needs all. */
export interface ProgrammeMarkers {
  name: string;
  markers: string[][];
  /**
   * An umbrella (the Pakt für Integration around every strand): a question may name it in passing, so only a
   * passage about it needs the question to name it.
   */
  umbrella: boolean;
}

/** One entry of synonyme.yaml `programme`: other names, or names plus the umbrella flag. */
export type ProgrammeEntry = string[] | { namen: string[]; dach: boolean };

/** What a passage is about and what it contains. */
export interface PassageFacets {
  /** Years of its title, section slug and document title: the period or version the passage is about. */
  ownYears: YearRange[];
  /** Years anywhere in the passage (own years plus those of its text and typical questions). */
  years: YearRange[];
  /** Programmes named in its title, section slug or document title. */
  about: ReadonlySet<string>;
  /** Programmes named anywhere in the passage. */
  mentions: ReadonlySet<string>;
  /** Terms of each word of its title: the whole word first, then its compound parts (mittelverteil, mittel, verteil). */
  titleWords: string[][];
  /** The text states a number other than a year, date or rule number (0,5 VZÄ, 18 Monate, 8 Mio. Euro). */
  hasNumber: boolean;
  /** The text states a sum of money or a share (Euro, Mio., Prozent). */
  hasMoney: boolean;
  /** Its title or a typical question asks for an amount ("Wie viel …", "Wie hoch …"): amounts are its topic. */
  amountTopic: boolean;
  /** Answer types its title and typical questions ask for (answer-type.ts). */
  asks: readonly string[];
  /** The years of its heading all end before the newest period any heading names (history.ts; set over the index). */
  history: boolean;
  /** Its heading names the newest period any heading names ("Förderung ab 2025"; history.ts; set over the index). */
  current: boolean;
  /** What its title and typical questions count ("Wie viele Jahre …": jahr; counted.ts). */
  counts: readonly string[];
  /** Rule numbers its text, typical questions and citation cite ("Nr. 7.4.2"; rule-number.ts). */
  rules: readonly string[];
}

/** What a question names: years, programmes, and whether it asks for an amount. */
export interface QuestionFacets {
  years: YearRange[];
  programmes: ReadonlySet<string>;
  /** Named programmes the passage must mention (all but umbrellas). */
  required: ReadonlySet<string>;
  /** The question asks for a sum of money ("Höhe", "Betrag", "wie viel Geld"), or for a quantity ("wie viel", "wie hoch"). */
  asks: 'money' | 'number' | null;
  /** The question asks how much ("wie viel", "wie hoch", "Höhe", "Betrag"), not only whether there is more money. */
  howMuch: boolean;
  /** The terms naming each topic word of the question as a whole (no generic words), for the narrower-topic check. */
  topics: string[][];
  /** Every term of the question, synonyms included. */
  terms: ReadonlySet<string>;
  /** The question folded to lower case without umlauts, for finding a modifier written anywhere in it. */
  folded: string;
  /** Answer types the question asks for (answer-type.ts). */
  types: readonly string[];
  /** The question speaks of the past ("damals", "gab es", "seit wann"; history.ts). */
  past: boolean;
  /** The question asks about the beginning ("anfangs", "am Anfang", "ursprünglich"; history.ts). */
  early: boolean;
  /** What it counts ("Wie viele Geflüchtete …": gefluchtet; counted.ts). */
  counts: readonly string[];
  /** The rule number it asks about ("Was regelt Nr. 7.4.2 …?"; rule-number.ts). */
  rule: string | null;
}

/** How a passage fits a question. */
export interface Fit {
  /** The question names years and the passage speaks of other years only. */
  yearMismatch: boolean;
  /** The question's years are the passage's own years (title, slug, document), not only mentioned in passing. */
  yearOwn: boolean;
  /** The passage has own years, none of them named by the question (or the newest, asked about the beginning). */
  yearOther: boolean;
  /** The question names a programme the passage never mentions, or the passage is about one the question does not name. */
  programmeMismatch: boolean;
  /** The question asks for a sum of money or a quantity and the passage states none. */
  amountMissing: boolean;
  /** An amount asked; the passage states one only in passing, not as its topic (Nachbesetzung naming the Fördersatz). */
  amountIncidental: boolean;
  /**
   * The passage's title names a narrower kind of what the question asks about (Zwischenverwendungsnachweis for
   * Verwendungsnachweis) and the question never names the difference (zwischen), nor the thing itself.
   */
  narrower: boolean;
  /** The passage's title and typical questions ask only for other kinds of answer than the question (wer for wie viele). */
  otherType: boolean;
  /** The question names no year nor the past; the passage is about history (unless about a programme it names). */
  history: boolean;
}

/**
 * A deadline that recurs every year ("jährlich bis 31. Januar", "jeweils bis … für das Vorjahr"): the rule holds for
 * every year from the earliest one the passage names, so a question about the report for 2025 fits it.
 */
const RECURRING = /\b(?:jährlich|jeweils|jedes\s+Jahr)\b[^.;]*\bbis\b|\bfür\s+das\s+Vorjahr\b/iu;

/** Compiles programme names (synonyme.yaml `programme`: name → names and words that mean it) to analysed terms. */
export function compileProgrammes(file: Record<string, ProgrammeEntry>, analyzer: GermanAnalyzer): ProgrammeMarkers[] {
  return Object.entries(file).map(([name, entry]) => {
    const names = Array.isArray(entry) ? entry : entry.namen;
    const markers = [name, ...names]
      .map((n) => tokenize(n).filter((w) => !isStopword(w)).map((w) => analyzer.terms(w)[0]).filter((t): t is string => t !== undefined))
      .filter((m) => m.length > 0);
    return { name, markers, umbrella: !Array.isArray(entry) && entry.dach };
  });
}

/** Programmes one of whose markers occurs with all its terms. */
function programmesIn(terms: ReadonlySet<string>, programmes: readonly ProgrammeMarkers[]): Set<string> {
  return new Set(programmes.filter((p) => p.markers.some((m) => m.every((t) => terms.has(t)))).map((p) => p.name));
}

/** Analysed terms of a text: every term of every word, compound parts included. */
function termsOf(text: string, analyzer: GermanAnalyzer): Set<string> {
  return new Set(analyzer.analyze(text));
}

/**
 * Facets of a passage. `documentTitle` is the title of its document ("VwV Integrationsmanagement 2023 und
 * Förderung ab 2025"): its years and programme hold for every passage of it. `hasTerm` tells whether the passage
 * (any field) contains an index term; the index answers it without analysing the text again, and without it the
 * text and typical questions are analysed here.
 */
export function passageFacets(
  p: Passage,
  documentTitle: string,
  programmes: readonly ProgrammeMarkers[],
  analyzer: GermanAnalyzer,
  hasTerm?: (term: string) => boolean,
): PassageFacets {
  const head = `${p.title}\n${p.section.replace(/-/g, ' ')}\n${documentTitle}`;
  const body = `${p.text}\n${(p.questions ?? []).join('\n')}`;
  const ownYears = yearsOf(`${p.title}\n${p.section}\n${documentTitle}`);
  const asks = answerTypes(`${p.title}\n${(p.questions ?? []).join('\n')}`);
  const headTerms = termsOf(head, analyzer);
  const bodyTerms = hasTerm === undefined ? termsOf(body, analyzer) : undefined;
  const inPassage = (t: string): boolean => headTerms.has(t) || (bodyTerms?.has(t) ?? hasTerm!(t));
  const years = [...ownYears, ...yearsOf(p.text, true), ...yearsOf((p.questions ?? []).join('\n'))];
  if (years.length > 0 && RECURRING.test(p.text)) years.push([Math.min(...years.map(([from]) => from)), OPEN_END]);
  return {
    ownYears,
    years,
    about: programmesIn(headTerms, programmes),
    mentions: new Set(programmes.filter((g) => g.markers.some((m) => m.every(inPassage))).map((g) => g.name)),
    titleWords: tokenize(p.title).map((w) => analyzer.terms(w)).filter((t) => t.length > 0),
    hasNumber: hasNumber(p.text),
    hasMoney: hasMoney(p.text),
    amountTopic: asks.includes('typ_menge'),
    asks,
    history: false,
    current: false,
    counts: countedNouns(`${p.title}\n${(p.questions ?? []).join('\n')}`),
    rules: citedRules(`${body}\n${p.citation}`),
  };
}

/** A concessive clause after the question ("…, obwohl der Pakt doch nur für 2017 und 2018 geschlossen war"): a premise. */
const CONCESSIVE = /,\s*(?:obwohl|obgleich|obschon|wenngleich|auch\s+wenn)\b[^?.!;]*/giu;

/**
 * The years a question asks about: those of a concessive clause are its premise, not what it asks, where the
 * question names a year of its own ("Warum gab es 2019 noch Geld, obwohl der Pakt nur für 2017 und 2018 …?").
 */
function askedYears(text: string): YearRange[] {
  const own = yearsOf(text.replace(CONCESSIVE, ' '));
  return own.length > 0 ? own : yearsOf(text);
}

/**
 * Facets of a question: the years it names, the programmes it names (by its `own` terms, not by a synonym of one:
 * "online" is no DIM question), whether it asks for an amount ("wie viel", "wie hoch", "Höhe", "Betrag", "Geld").
 */
export function questionFacets(text: string, topics: string[][], terms: ReadonlySet<string>, programmes: readonly ProgrammeMarkers[], own: ReadonlySet<string> = terms): QuestionFacets {
  const named = programmesIn(own, programmes);
  const required = new Set(programmes.filter((p) => !p.umbrella && named.has(p.name)).map((p) => p.name));
  const { asks, howMuch } = amountAsked(text);
  return { years: askedYears(text), programmes: named, required, asks, howMuch, topics, terms, folded: tokenize(text).join(' '), types: answerTypes(text), past: speaksOfPast(text), early: speaksOfBeginning(text), counts: countedNouns(text), rule: askedRule(text) };
}

/**
 * How a passage fits a question: one without years, programme or amount fits every passage in those respects,
 * except that a passage about a programme (Soforthilfe Ukraine, DIM) fits only a question that names it.
 */
export function fit(q: QuestionFacets, p: PassageFacets): Fit {
  const yearMismatch = q.years.length > 0 && p.years.length > 0 && !overlaps(q.years, p.years);
  const yearOwn = q.years.length > 0 && overlaps(q.years, p.ownYears);
  // A question about the beginning ("anfangs") names no year; the passage on the newest period is about another one.
  const yearOther = (q.years.length > 0 && p.ownYears.length > 0 && !yearOwn) || (q.years.length === 0 && q.early && p.current);
  const programmeMismatch = [...q.required].some((n) => !p.mentions.has(n)) || [...p.about].some((a) => !q.programmes.has(a));
  const amountMissing = q.asks === 'money' ? !p.hasMoney : q.asks === 'number' && !p.hasNumber;
  const amountIncidental = q.asks !== null && q.howMuch && !amountMissing && !p.amountTopic;
  const otherType = (q.types.length > 0 && p.asks.length > 0 && !p.asks.some((t) => q.types.includes(t))) || countsOther(q.counts, p.counts) || (q.rule !== null && !p.rules.includes(q.rule));
  const history = p.history && q.years.length === 0 && !q.past && ![...p.about].some((a) => q.programmes.has(a));
  return { yearMismatch, yearOwn, yearOther, programmeMismatch, amountMissing, amountIncidental, narrower: isNarrower(q, p.titleWords), otherType, history };
}

/** Shortest topic term checked for a narrower title (shorter ones end too many words by chance). */
const MIN_TOPIC = 5;

/**
 * True when the title's only link to the question is a compound ending in one of its topic words (Zwischen|
 * verwendungsnachweis for Verwendungsnachweis) whose modifier the question names in no way (not the word, not a
 * synonym, not written in it). A title sharing another word with the question is about more than that.
 */
function isNarrower(q: QuestionFacets, titleWords: readonly string[][]): boolean {
  if (titleWords.length === 0) return false;
  // The question's topic terms once per passage, not once per title word.
  const heads = q.topics.flat().filter((t) => t.length >= MIN_TOPIC);
  const narrowing = (word: readonly string[]): boolean => {
    const whole = word[0]!;
    if (q.terms.has(whole)) return false;
    const head = heads.find((t) => whole.length > t.length + 3 && whole.endsWith(t));
    if (head === undefined) return false;
    const modifiers = word.slice(1).filter((t) => t !== head && !head.endsWith(t));
    return !q.folded.includes(modifier(whole, head)) && !modifiers.some((t) => q.terms.has(t));
  };
  const narrower = titleWords.filter(narrowing);
  return narrower.length > 0 && titleWords.every((w) => narrower.includes(w) || !w.some((t) => q.terms.has(t)));
}
/** The part of a compound before its head, without a linking s (arbeits|zeit → arbeit). */
function modifier(word: string, head: string): string {
  const m = word.slice(0, word.length - head.length);
  return m.length > 4 && m.endsWith('s') ? m.slice(0, -1) : m;
}
