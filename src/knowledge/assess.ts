/**
 * Calibration: how sure an answer from the best passage would be. Confidence from the idf-weighted coverage of
 * the question, the words-only margin over the next passage and the score, capped below an answer when the
 * question names things the knowledge base never mentions, when the best passage misses the question's central
 * words or speaks of them only in passing, or when it does not fit the question's years, programme or amount.
 * Pure.
 */
import type { RankedHit, SearchIndex } from './index.minisearch.js';
import type { QueryPlan } from './query.js';
import { units, type Unit } from './assess-units.js';
import { writtenWithCapitals, tokenize } from './tokenize.js';
import { nounStem } from './german.js';
import { isRestatement } from './restatement.js';
import { asksDeadline, missesAskedTimeOrPlace, statesDate } from './deadline.js';
import { missesMainClause } from './assess-condition.js';

/** Decision thresholds on the confidence (tuned on the development set, see bench/ and the eval test). */
export const THRESHOLDS = {
  answer: 0.5,
  suggest: 0.3,
  /** Below this idf-weighted share of the question's words known to the corpus, the question is out of scope. */
  outOfScopeCoverage: 0.3,
  /** Below this coverage, a question none of whose nouns belongs to the programme's vocabulary is out of scope. */
  nounOutOfScopeCoverage: 0.5,
  /** Matched words must carry at least this much idf (relative to the rarest possible word) for an answer. */
  minSpecificity: 0.35,
  /** From this idf-weighted share of nouns unknown to the corpus (and unmatched), a question is not answered outright. */
  maxUnknown: 0.2,
  /** With unknown things in the question, suggestions need at least this coverage by the best passage. */
  suggestCoverage: 0.4,
  /** Idf-weighted share of the question's central words the best passage must cover in its own words. */
  minCentral: 0.4,
  /** Without a central word in the best passage's title or typical questions, the lead it needs over the next. */
  bodyOnlyMargin: 0.3,
  /** Without a central word in the best passage's title or typical questions, the share of the question it must cover. */
  bodyOnlyCoverage: 0.5,
  /** ... and this share when the body names only one central word of the question (Wertheim in an address). */
  bodyOnlySingleCoverage: 0.8,
  /**
   * A clear lead: a passage on the question's topic (central word in its title or typical questions, no misfit)
   * that leads the next by this margin, covering at least `clearLeadCoverage` of the question and
   * `clearLeadCentral` of its central words, answers even when the question also names unknown things.
   */
  clearLeadMargin: 0.35,
  clearLeadCoverage: 0.2,
  clearLeadCentral: 0.25,
  /** Share of the question in unknown parts of compounds the best passage covers only in part, tolerated in a clear lead. */
  clearLeadHalf: 0.25,
  /**
   * From this idf-weighted share of nouns unknown to the corpus, not even a clear lead answers: nearly half of
   * the question is about things the knowledge base never mentions (ESF, Doppelförderung, Outlook). Measured over
   * every set: right answers by a clear lead reach 0.42 (a district named in the question), wrong ones start at 0.45.
   */
  clearLeadMaxUnknown: 0.45,
  /** Central words a clear lead must cover: one shared word is no evidence against the unknown rest. */
  clearLeadWords: 2,
  /** Share of central words the next passages cover and the best one misses, tolerated in a clear lead. */
  clearLeadMissed: 0.2,
  /** Below this lead over the next passage, a best passage that does not name the noun asked for does not answer. */
  askedMissingMargin: 0.1,
  /** A clause of a longer question answers it alone only with this coverage and margin (assess-parts.ts). */
  clauseCoverage: 0.5,
  clauseMargin: 0.3,
} as const;

/** Per-question numbers behind the decision (exposed for tests and tuning). */
export interface Assessment {
  confidence: number;
  coverage: number;
  knownCoverage: number;
  margin: number;
  /** Idf-weighted share of the question naming things the knowledge base never mentions. */
  unknown: number;
  /** Idf-weighted share of the question's central words covered by the best passage in its own words. */
  central: number;
  /** True when the best passage names a central word of the question in its title or typical questions. */
  topical: boolean;
}

/** Computes coverage, margin and confidence for ranked hits. */
export function assess(plan: QueryPlan, hits: RankedHit[], index: SearchIndex, places: readonly string[] = []): Assessment {
  const us = units(plan, index, places);
  const total = us.reduce((a, u) => a + u.weight, 0);
  const top = hits[0];
  if (top === undefined || total === 0) return { confidence: 0, coverage: 0, knownCoverage: 0, margin: 0, unknown: 0, central: 0, topical: false };
  const coveredBy = (hs: RankedHit[], which: (u: Unit) => boolean = () => true): number => {
    const groups = new Set(hs.flatMap((h) => h.matched));
    const terms = new Set(hs.flatMap((h) => [...h.terms]));
    return us.reduce((a, u) => a + (which(u) && u.covered(groups, terms) ? u.weight : 0), 0);
  };
  const matchedWeight = coveredBy([top]);
  const coverage = matchedWeight / total;
  const knownCoverage = coveredBy(hits) / total;
  // Share of the question that names things the knowledge base never mentions and no hit matched even fuzzily.
  const unknownWeight = us.reduce((a, u) => a + (u.unknownNoun ? u.weight : 0), 0) - coveredBy(hits, (u) => u.unknownNoun);
  const unknown = unknownWeight / total;
  const second = hits[1];
  // The lead over the next passage by the words alone: a fit that re-ranks (consistency.ts) never adds confidence to
  // the best passage. A rival about other years or another programme than the question names competes with its
  // lowered score, unless its words alone beat the best one (then the question's words point to it).
  const rival = (h: RankedHit): number => (misfits(h) && !misfits(top) && h.wordScore <= top.wordScore ? h.score : h.wordScore);
  // The same rule restated in another document (restatement.ts) is no rival either: either passage answers.
  const rivals = hits.slice(1).filter((h) => !isRestatement(top.passage, h.passage, index));
  const margin = second === undefined || rivals.length === 0 ? 1 : Math.max(0, (top.wordScore - Math.max(...rivals.map(rival))) / top.wordScore);
  const strength = 1 - Math.exp(-top.score / 8);
  let confidence = Math.min(1, Math.max(0, 0.6 * coverage + 0.2 * Math.min(1, margin * 2.5) + 0.2 * strength));
  // A question made only of words found nearly everywhere ("Förderung?") is too unspecific to answer outright.
  const specificity = matchedWeight / Math.log(2 + index.passages.length);
  // Unless what it asks for (Wofür …? a purpose) is the topic of the best passage's typical questions and of no
  // other's among the next two: "Wofür sind die Integrationsmanager da?" asks for the passage on their purpose.
  const typed = (h: RankedHit | undefined): boolean => h !== undefined && plan.answerTypes.some((t) => h.topicTerms.has(t));
  const askedType = typed(top) && !hits.slice(1, 3).some((h) => typed(h) && h.score >= top.score * (1 - THRESHOLDS.clearLeadMargin));
  if (specificity < THRESHOLDS.minSpecificity && !askedType) confidence = Math.min(confidence, THRESHOLDS.answer - 0.05);
  // What a title names: its words and the heads of its compounds, not their modifiers (Mittel|verteilung is a
  // kind of Verteilung; it does not name the Mittel a question asks about).
  const titleTerms = (h: RankedHit): Set<string> =>
    new Set(
      tokenize(h.passage.title).flatMap((w) => {
        const { terms, parts } = index.analyzer.analyzeWord(w);
        const modifiers = new Set(parts.slice(0, -1).map(nounStem));
        return terms.filter((t, i) => i === 0 || !modifiers.has(t));
      }),
    );
  const { central, topical, missed, count, outnamed } = centrality(us, hits, !writtenWithCapitals(plan.cleaned), titleTerms);
  // An unknown compound the best passage covers only in part (Supervisions|kosten, Mittel|abruf) speaks of
  // another kind of the thing asked about: its missing part weighs against a clear lead (as share of the question).
  const topGroups = new Set(top.matched);
  const half = us.filter(
    (u) => u.compound !== undefined && u.unknownNoun && !u.covered(topGroups, top.terms) && us.some((v) => v.compound === u.compound && v.covered(topGroups, top.terms)),
  );
  const halfShare = half.reduce((a, u) => a + u.weight, 0) / total;
  const misfit = misfits(top);
  // A long question says more than its topic (the colleague's sick pay, the Gemeinderat, the laptop): its other
  // words are unknown to the knowledge base or uncovered. When one passage on its topic leads clearly by the
  // words alone, and no other passage speaks of a central word it misses, that context does not make the answer
  // less certain.
  const clearLead =
    !misfit &&
    unknown < THRESHOLDS.clearLeadMaxUnknown &&
    halfShare < THRESHOLDS.clearLeadHalf &&
    topical &&
    count >= THRESHOLDS.clearLeadWords &&
    missed <= THRESHOLDS.clearLeadMissed &&
    margin >= THRESHOLDS.clearLeadMargin &&
    coverage >= THRESHOLDS.clearLeadCoverage &&
    central >= THRESHOLDS.clearLeadCentral;
  // A question about something the knowledge base never mentions (Supervisionskosten, Dolmetscher) gets
  // suggestions at most: the nearest passages may help, but they do not answer it.
  // When the passages also cover little of the rest (Mittelabruf), a person should take it.
  if (unknown >= THRESHOLDS.maxUnknown && !clearLead) {
    confidence = Math.min(confidence, (coverage >= THRESHOLDS.suggestCoverage ? THRESHOLDS.answer : THRESHOLDS.suggest) - 0.05);
  }
  // The best passage must itself speak of what the question is about: its central words (nouns, or the
  // specific words of a question without nouns) in its own title, typical questions or text, by the word or a
  // synonym, not a broader term. A passage that matches only the rest (prüfen, unterschrieben, März), or names
  // the central word only in passing in its body while other passages do the same, gets suggestions at most.
  // A passage that names the topic only in its body must also lead clearly and cover most of the question; nearly
  // all of it when it names only one central word (Wertheim in an address is no answer to "parken in Wertheim").
  const bodyOnlyWeak =
    !topical && (margin < THRESHOLDS.bodyOnlyMargin || coverage < (count < 2 ? THRESHOLDS.bodyOnlySingleCoverage : THRESHOLDS.bodyOnlyCoverage));
  if ((central < THRESHOLDS.minCentral && !clearLead) || bodyOnlyWeak) {
    confidence = Math.min(confidence, THRESHOLDS.answer - 0.05);
  }
  // A passage about other years, another programme, or without the amount asked for does not answer the question,
  // however many words it shares with it (consistency.ts).
  if (misfit) confidence = Math.min(confidence, THRESHOLDS.answer - 0.05);
  // A deadline asked ("Bis wann …?") that the best passage states no date or period for: it does not answer it.
  if (asksDeadline(plan.cleaned) && !statesDate(top.passage.text)) confidence = Math.min(confidence, THRESHOLDS.answer - 0.05);
  // Nor one without a clock time a question for opening hours, a postcode "per Post … wohin?" (deadline.ts), or a
  // word of what the main clause of "Wenn …, dürfen wir … mitnehmen?" asks beyond its condition (assess-condition.ts).
  if (missesAskedTimeOrPlace(plan.cleaned, top.passage.text) || missesMainClause(plan.cleaned, us, top)) confidence = Math.min(confidence, THRESHOLDS.answer - 0.05);
  // A passage that names what was asked only by a synonym, while another names it by its own word as its topic,
  // does not answer with confidence: suggestions show both.
  if (outnamed) confidence = Math.min(confidence, THRESHOLDS.answer - 0.05);
  // An amount asked for a year ("Welche Summe … ab 2025?") that the best passage mentions only in passing, while one
  // of the next two is about that year (title, section or document) and otherwise fits: the figures of a
  // neighbouring topic (Fördersätze je Stelle) must not answer for those of the year (the Landesmittel ab 2025).
  // (breakTie puts the year's passage first where it can; this holds for a ranking that did not pass through it.)
  const yearPassage = yearPassageOf(hits);
  const yearElsewhere = yearPassage !== undefined;
  if (plan.facets.asks !== null && yearElsewhere && !aboutMore(top, yearPassage, us)) confidence = Math.min(confidence, THRESHOLDS.answer - 0.05);
  // Whatever it asks: a best passage about other years (its own years, not those the question names) does not
  // answer while one of the next two is about the year asked and otherwise fits (2019 asked, 2020/2021 first).
  if (top.fit.yearOther && yearElsewhere) confidence = Math.min(confidence, THRESHOLDS.answer - 0.05);
  // The noun asked for ("Zu welchen Terminen …", "Nach welchem Stichtag …") that the best passage does not name,
  // while the next passage is nearly as good: the passage speaks of the rest of the question, not of what it asks.
  // The noun of an amount asked ("Wie viel Geld …") is answered by a figure, not by its noun.
  const amountNoun = new Set([...plan.cleaned.matchAll(AMOUNT_NOUN)].flatMap((m) => index.analyzer.terms(m[1]!.toLowerCase())));
  const askedMissing = us.some((u) => u.asked && u.central && !u.covered(topGroups, top.terms) && !u.literal.some((t) => amountNoun.has(t)));
  if (askedMissing && margin < THRESHOLDS.askedMissingMargin) confidence = Math.min(confidence, THRESHOLDS.answer - 0.05);
  return { confidence: round(confidence), coverage, knownCoverage, margin, unknown, central, topical };
}

/** Relative score gap within which the two best passages are tied: a change in field lengths could swap them. */
const TIE = 0.02;
/** The noun of an amount asked: "wie viel Geld", "wie viele Stellen". */
const AMOUNT_NOUN = /\bwie\s*viele?\s+(\p{L}+)/giu;

/** Relative score gap within which the passage naming the asked noun goes first (see {@link breakTie}). */
const ASKED_TIE = 0.05;

/**
 * Of two passages tied on score, the one that names more of the question's central words (idf-weighted, in its
 * own words) goes first: a tie is no evidence for either, and the one about more of what was asked answers it.
 */
export function breakTie(plan: QueryPlan, hits: RankedHit[], index: SearchIndex, places: readonly string[] = []): RankedHit[] {
  const tied = breakNearTie(plan, hits, index, places);
  // An amount asked for a year that the best passage mentions only in passing, while one of the next two is about
  // that year and is not about less of what was asked: the year's passage goes first ("Mit welchem Betrag fördert das
  // Land das Integrationsmanagement im Jahr 2026?" asks for the Landesmittel ab 2025, not the rates per post).
  const yearPassage = plan.facets.asks === null ? undefined : yearPassageOf(tied);
  if (yearPassage === undefined || aboutMore(tied[0]!, yearPassage, units(plan, index, places))) return tied;
  return [yearPassage, ...tied.filter((h) => h !== yearPassage)];
}

/** The passage among the next two that is about the asked year (and otherwise fits), when the best one is not. */
function yearPassageOf(hits: RankedHit[]): RankedHit | undefined {
  const top = hits[0];
  return top === undefined || top.fit.yearOwn ? undefined : hits.slice(1, 3).find((h) => h.fit.yearOwn && !misfits(h));
}

/**
 * Whether the best passage is about more of what was asked than the year's passage: its title or typical questions
 * name, in the question's own words, a central word beside the amount asked for that the year's passage does not
 * ("Festbetrag je Vollzeitstelle … 2017/2018": the rates name the Vollzeitstelle, the chronicle of the year does not).
 */
function aboutMore(top: RankedHit, yearPassage: RankedHit, us: Unit[]): boolean {
  const namesTopic = (h: RankedHit, u: Unit): boolean => u.literal.some((t) => h.topicTerms.has(t));
  return us.some((u) => u.central && !u.asked && namesTopic(top, u) && !namesTopic(yearPassage, u));
}

/** Of two nearly tied passages, the one naming the asked noun, else more of the central words, goes first. */
function breakNearTie(plan: QueryPlan, hits: RankedHit[], index: SearchIndex, places: readonly string[]): RankedHit[] {
  const [a, b] = hits;
  if (a === undefined || b === undefined || b.score < a.score * (1 - ASKED_TIE)) return hits;
  const us = units(plan, index, places);
  const names = (h: RankedHit, u: Unit): boolean => u.strict.some((t) => h.ownTerms.has(t));
  // Nearly tied, the passage naming the noun asked for ("Nach welchem Schlüssel …") goes before one that does not.
  const asked = us.filter((u) => u.asked);
  const namesAsked = (h: RankedHit): boolean => asked.length > 0 && asked.every((u) => names(h, u));
  if (namesAsked(a) !== namesAsked(b)) return namesAsked(b) ? [b, a, ...hits.slice(2)] : hits;
  if (b.score < a.score * (1 - TIE)) return hits;
  const central = us.filter((u) => u.central);
  const named = (h: RankedHit): number => central.reduce((sum, u) => sum + (names(h, u) ? u.centralWeight : 0), 0);
  return named(b) > named(a) ? [b, a, ...hits.slice(2)] : hits;
}

/** True when a passage does not fit the question's years, programme, amount or topic, or is history asked about today. */
function misfits(h: RankedHit): boolean {
  return h.fit.yearMismatch || h.fit.programmeMismatch || h.fit.amountMissing || h.fit.narrower || h.fit.history;
}

/** What {@link centrality} finds. */
interface Centrality {
  central: number;
  topical: boolean;
  missed: number;
  count: number;
  /** A next passage names a central word itself in its title; the best one only by a synonym. */
  outnamed: boolean;
}

/**
 * Central coverage of the best passage: the idf-weighted share of the question's central units it covers in
 * its own words (and how many), whether one of them is in its title or typical questions, and the share the next
 * two passages cover while it does not. Central units are the nouns
 * that are no generic words; a question without such nouns falls back on its other specific words, and one
 * made only of generic words (Was ist im März zu beachten?) has none, so nothing is covered.
 */
function centrality(us: Unit[], hits: RankedHit[], lowercase: boolean, titleTerms: (h: RankedHit) => ReadonlySet<string>): Centrality {
  const top = hits[0]!;
  // Written all in lower case ("teilstelle mit 0,2 vze möglich?"), nouns cannot be told apart.
  const nouns = lowercase ? [] : us.filter((u) => u.central);
  const central = nouns.length > 0 ? nouns : us.filter((u) => u.specific);
  const total = central.reduce((a, u) => a + u.centralWeight, 0);
  if (total === 0) return { central: 0, topical: false, missed: 0, count: 0, outnamed: false };
  const has = (u: Unit, terms: ReadonlySet<string>): boolean => u.strict.some((t) => terms.has(t));
  const covered = central.filter((u) => has(u, top.ownTerms));
  const share = covered.reduce((a, u) => a + u.centralWeight, 0) / total;
  // Central words the next passages speak of and the best one does not (a typo matched only there).
  const missed = central.filter((u) => !covered.includes(u) && hits.slice(1, 3).some((h) => has(u, h.ownTerms)));
  const missedShare = missed.reduce((a, u) => a + u.centralWeight, 0) / total;
  // A central word the best passage names only by a synonym (Verteilung for Planungsrahmen) while a next passage
  // names the word itself in its title: that passage is about what was asked.
  const literal = (u: Unit, terms: ReadonlySet<string>): boolean => u.literal.some((t) => terms.has(t));
  // A passage about other years or another programme than the question names is about something else, whatever its title.
  // When the best passage is about the noun the question asks for ("Innerhalb welcher Frist …" and a passage on the
  // Frist), a word of the question's context it names by a synonym (Bewilligungszeitraum) does not make another
  // passage the answer.
  const aboutAsked = central.some((u) => u.asked && literal(u, top.topicTerms));
  const outnamed = covered.some(
    (u) => !literal(u, top.ownTerms) && (!aboutAsked || u.asked) && hits.slice(1, 3).some((h) => !misfits(h) && literal(u, titleTerms(h))),
  );
  return { central: share, topical: covered.some((u) => has(u, top.topicTerms)), missed: missedShare, count: covered.length, outnamed };
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
