/**
 * From ranked hits to an answer decision (AskResult, CONTRACTS §3): confidence from query coverage and score
 * margin, capped below an answer unless the best passage covers the question's central words; the outcome
 * (answer, "Meinten Sie …", hand-over, out of scope, invalid) and the answer text trimmed to the sentences that
 * matter, with citation, source, Stand and the reminder. Pure.
 */
import type { AskResult, SearchHit } from '../core/knowledge.js';
import type { RankedHit, SearchIndex } from './index.minisearch.js';
import { planQuery, type QueryPlan } from './query.js';
import { composeAnswer } from './compose.js';
import { detectLanguage } from './language.js';
import { MESSAGES, REMINDER } from './messages.js';

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
  /** Central words a clear lead must cover: one shared word is no evidence against the unknown rest. */
  clearLeadWords: 2,
  /** Share of central words the next passages cover and the best one misses, tolerated in a clear lead. */
  clearLeadMissed: 0.2,
} as const;

/** Hits searched internally (for coverage and suggestions), independent of `top`. */
const SEARCH_DEPTH = 10;

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

/** One unit of the question that a passage may cover: a word, or one part of an unknown compound. */
interface Unit {
  weight: number;
  /** A noun (or compound part) the knowledge base never mentions, no generic word (Datum, Nov.): Supervision, Dolmetscher, a place name. */
  unknownNoun: boolean;
  /** True when a hit with these matched groups and terms covers the unit. */
  covered: (groups: ReadonlySet<number>, terms: ReadonlySet<string>) => boolean;
  /** A word carrying the question's topic: a noun (or compound part) that is no generic word. */
  central: boolean;
  /**
   * Weight among the central words: its idf, or for a word the corpus does not use, the mean idf of the strict
   * terms it does use, so that a word named by common synonyms (Kollegin → Personal) weighs like them.
   */
  centralWeight: number;
  /** A content word other than a generic one (the central words of a question without nouns). */
  specific: boolean;
  /**
   * Terms by which a passage covers the unit in its own words: the word's base term, its variants and synonyms,
   * without broader terms (Nachweis for Verwendungsnachweis, Bericht for Sachbericht).
   */
  strict: string[];
  /** For a part of an unknown compound: the index of its word (parts of one word share it). */
  compound?: number;
}

/** Drops broader terms: those another, longer term of the same word ends with (nachweis ← verwendungsnachweis). */
function narrow(head: string, others: string[]): string[] {
  const all = [head, ...others];
  return [head, ...others.filter((t) => t !== head && !all.some((o) => o.length > t.length && o.endsWith(t)))];
}

/**
 * The question's units with their weights (inverse document frequency). A word the knowledge base does not
 * know counts fully when it is a noun (Reisepass: the topic is elsewhere) and half otherwise (kriegt, mache:
 * colloquial verbs say little about the topic). A compound the knowledge base does not know as a whole counts
 * part by part: in "Supervisionskosten" the passage on Fortbildungskosten covers "kosten", not "Supervision".
 */
function units(plan: QueryPlan, index: SearchIndex): Unit[] {
  const n = index.passages.length;
  const idf = (df: number): number => Math.log(1 + (n + 1) / (df + 1));
  const out: Unit[] = [];
  const conceptWeight = (strict: string[]): number => {
    const own = index.df.get(strict[0]!) ?? 0;
    if (own > 0) return idf(own);
    const known = strict.map((t) => index.df.get(t) ?? 0).filter((df) => df > 0);
    return known.length === 0 ? idf(0) : known.reduce((a, df) => a + idf(df), 0) / known.length;
  };
  plan.groups.forEach((g, gi) => {
    const df = index.df.get(g.own[0]!) ?? 0;
    // A compound the synonym file names (Abgabefrist among the Frist words) is known as a whole, like one in the passages.
    if (df > 0 || g.parts.length < 2 || index.synonyms.related.has(g.own[0]!)) {
      const strict = narrow(g.own[0]!, [...g.own.slice(1), ...g.related]);
      out.push({
        weight: df === 0 && !g.noun ? idf(0) / 2 : idf(df),
        unknownNoun: df === 0 && g.noun && !g.generic && g.related.length === 0,
        covered: (groups) => groups.has(gi),
        central: (g.noun || g.core) && !g.generic,
        specific: !g.generic && (df > 0 || g.related.length > 0),
        strict,
        centralWeight: conceptWeight(strict),
      });
      return;
    }
    // A fuzzy match of the whole word (a typo of a known compound) covers every part.
    const whole = g.own[0]!;
    // A synonym of the whole compound (eingebürgert for Staatsangehörigkeit) covers every part.
    const wholeRelated = narrow(whole, index.synonyms.related.get(whole) ?? []).slice(1);
    for (const p of g.parts) {
      const partDf = index.df.get(p.term) ?? 0;
      const strict = [whole, ...narrow(p.term, p.related), ...wholeRelated];
      out.push({
        weight: idf(partDf),
        unknownNoun: partDf === 0 && p.related.length === 0,
        covered: (_, terms) => terms.has(whole) || terms.has(p.term) || p.related.some((r) => terms.has(r)),
        central: !p.generic,
        specific: !p.generic,
        strict,
        centralWeight: conceptWeight(strict),
        compound: gi,
      });
    }
  });
  return out;
}

/** Computes coverage, margin and confidence for ranked hits. */
export function assess(plan: QueryPlan, hits: RankedHit[], index: SearchIndex): Assessment {
  const us = units(plan, index);
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
  // The lead over the next passage by the words alone: a fit that re-ranks (consistency.ts) never adds confidence.
  const margin = second === undefined ? 1 : Math.max(0, (top.wordScore - Math.max(...hits.slice(1).map((h) => h.wordScore))) / top.wordScore);
  const strength = 1 - Math.exp(-top.score / 8);
  let confidence = Math.min(1, Math.max(0, 0.6 * coverage + 0.2 * Math.min(1, margin * 2.5) + 0.2 * strength));
  // A question made only of words found nearly everywhere ("Förderung?") is too unspecific to answer outright.
  const specificity = matchedWeight / Math.log(2 + index.passages.length);
  if (specificity < THRESHOLDS.minSpecificity) confidence = Math.min(confidence, THRESHOLDS.answer - 0.05);
  const { central, topical, missed, count } = centrality(us, hits, plan.cleaned === plan.cleaned.toLowerCase());
  // An unknown compound the best passage covers only in part (Supervisions|kosten, Mittel|abruf) speaks of
  // another kind of the thing asked about: its missing part weighs against a clear lead (as share of the question).
  const topGroups = new Set(top.matched);
  const half = us.filter(
    (u) => u.compound !== undefined && u.unknownNoun && !u.covered(topGroups, top.terms) && us.some((v) => v.compound === u.compound && v.covered(topGroups, top.terms)),
  );
  const halfShare = half.reduce((a, u) => a + u.weight, 0) / total;
  const misfit = top.fit.yearMismatch || top.fit.programmeMismatch || top.fit.amountMissing || top.fit.narrower;
  // A long question says more than its topic (the colleague's sick pay, the Gemeinderat, the laptop): its other
  // words are unknown to the knowledge base or uncovered. When one passage on its topic leads clearly by the
  // words alone, and no other passage speaks of a central word it misses, that context does not make the answer
  // less certain.
  const clearLead =
    !misfit &&
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
  if ((central < THRESHOLDS.minCentral && !clearLead) || (!topical && margin < THRESHOLDS.bodyOnlyMargin)) {
    confidence = Math.min(confidence, THRESHOLDS.answer - 0.05);
  }
  // A passage about other years, another programme, or without the amount asked for does not answer the question,
  // however many words it shares with it (consistency.ts).
  if (misfit) confidence = Math.min(confidence, THRESHOLDS.answer - 0.05);
  return { confidence: round(confidence), coverage, knownCoverage, margin, unknown, central, topical };
}

/**
 * Central coverage of the best passage: the idf-weighted share of the question's central units it covers in
 * its own words (and how many), whether one of them is in its title or typical questions, and the share the next
 * two passages cover while it does not. Central units are the nouns
 * that are no generic words; a question without such nouns falls back on its other specific words, and one
 * made only of generic words (Was ist im März zu beachten?) has none, so nothing is covered.
 */
function centrality(us: Unit[], hits: RankedHit[], lowercase: boolean): { central: number; topical: boolean; missed: number; count: number } {
  const top = hits[0]!;
  // Written all in lower case ("teilstelle mit 0,2 vze möglich?"), nouns cannot be told apart.
  const nouns = lowercase ? [] : us.filter((u) => u.central);
  const central = nouns.length > 0 ? nouns : us.filter((u) => u.specific);
  const total = central.reduce((a, u) => a + u.centralWeight, 0);
  if (total === 0) return { central: 0, topical: false, missed: 0, count: 0 };
  const has = (u: Unit, terms: ReadonlySet<string>): boolean => u.strict.some((t) => terms.has(t));
  const covered = central.filter((u) => has(u, top.ownTerms));
  const share = covered.reduce((a, u) => a + u.centralWeight, 0) / total;
  // Central words the next passages speak of and the best one does not (a typo matched only there).
  const missed = central.filter((u) => !covered.includes(u) && hits.slice(1, 3).some((h) => has(u, h.ownTerms)));
  const missedShare = missed.reduce((a, u) => a + u.centralWeight, 0) / total;
  return { central: share, topical: covered.some((u) => has(u, top.topicTerms)), missed: missedShare, count: covered.length };
}

/**
 * Out of scope only when the question is clearly about something else: it names an off-topic subject
 * (synonyme.yaml `themenfremd`) and no core programme term, or it uses none of the programme's vocabulary and
 * the passages cover little of it. A question in the programme's vocabulary that no passage answers
 * (Mittelabruf) is handed over to a person instead.
 */
function isOutOfScope(plan: QueryPlan, a: Assessment, index: SearchIndex): boolean {
  if (plan.groups.some((g) => g.core)) return false;
  if (plan.groups.some((g) => g.offTopic)) return true;
  const inDomain = (t: string): boolean => index.domain.has(t);
  const speaksOf = (g: QueryPlan['groups'][number]): boolean => g.own.some(inDomain) || g.parts.some((p) => inDomain(p.term));
  // Nouns carry the topic: when a question names things and none of them belongs to the programme's vocabulary
  // (Was kostet eine Kugel Eis?), a verb it shares with the programme (kosten) does not make it a programme question.
  const nouns = plan.groups.filter((g) => g.noun && !g.generic);
  // A misspelt noun (Sachbricht) is matched fuzzily, so the passages still cover much of such a question.
  if (nouns.length > 0 && !nouns.some(speaksOf) && !nouns.some((g) => g.related.length > 0) && a.knownCoverage < THRESHOLDS.nounOutOfScopeCoverage) return true;
  return !plan.groups.some(speaksOf) && a.knownCoverage < THRESHOLDS.outOfScopeCoverage;
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function base(question: string, outcome: AskResult['outcome'], message?: string): AskResult {
  return { question, answered: false, confidence: 0, answer: null, hits: [], outcome, suggestions: [], ...(message ? { message } : {}) };
}

/**
 * Answers one question from the index.
 *
 * @example answerQuestion(index, 'Wie lang darf der Sachbericht sein?', 5).answer?.citation
 */
export function answerQuestion(index: SearchIndex, question: string, top = 5): AskResult {
  const plan = planQuery(question, index.analyzer, index.synonyms);
  const echo = plan.truncated ? `${plan.cleaned} …` : plan.cleaned;
  if (!detectLanguage(plan.cleaned, index.analyzer.vocabulary.words).isGerman) return base(echo, 'out_of_scope', MESSAGES.notGerman);
  if (plan.cleaned === '') return base(echo, 'invalid', MESSAGES.empty);
  if (plan.groups.length === 0) return base(echo, 'invalid', MESSAGES.noTerms);
  const ranked = index.search(plan, Math.max(top, SEARCH_DEPTH));
  const a = assess(plan, ranked, index);
  if (isOutOfScope(plan, a, index)) return base(echo, 'out_of_scope', MESSAGES.outOfScope);
  const hits: SearchHit[] = ranked.slice(0, top).map((h) => ({ id: h.passage.id, title: h.passage.title, score: round(h.score) }));
  const suggestions = ranked.slice(0, 3).map((h) => ({ passageId: h.passage.id, title: h.passage.title, citation: h.passage.citation }));
  const result: AskResult = { ...base(echo, 'handover'), confidence: a.confidence, hits };
  const best = ranked[0];
  if (best === undefined) return { ...result, message: MESSAGES.handover };
  if (a.confidence >= THRESHOLDS.answer) {
    const p = best.passage;
    const answer = { ...composeAnswer(p, plan, index.analyzer, ranked.slice(1, 5).map((h) => h.passage)), passageId: p.id, title: p.title, source: p.source, stand: p.stand, reminder: REMINDER };
    return { ...result, answered: true, outcome: 'answer', answer };
  }
  if (a.confidence >= THRESHOLDS.suggest) return { ...result, outcome: 'suggest', suggestions, message: MESSAGES.suggest };
  return { ...result, message: MESSAGES.handover };
}
