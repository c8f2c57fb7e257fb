/**
 * Answer composition: from the best passage to the text a user reads. The sentence that answers the question
 * comes first (for "Wie lang darf der Sachbericht sein?" the one with "drei Seiten", not the passage's opening),
 * then the sentences that qualify it, then the caveat. Long passages are trimmed, but never by the asked detail
 * or a caveat that qualifies it. A yes/no lead is kept only when it fits the question (compose-polarity.ts);
 * a question in two parts is answered in both or says which part is not covered (compose-parts.ts); the
 * citation names the VwV number where the passage does. Pure.
 */
import type { GermanAnalyzer } from './analyzer.js';
import type { QueryGroup, QueryPlan } from './query.js';
import { foldWord } from './german.js';
import { asksDeadline, statesDate } from './deadline.js';
import type { Passage } from './types.js';
import { analyzedUnits, termsOf, type AnalysedUnit } from './compose-analysis.js';
import { joinUnits, type TextUnit } from './compose-units.js';
import { fitYesNo, lastQuestion, splitYesNo } from './compose-polarity.js';
import { covers, questionParts, type QuestionPart } from './compose-parts.js';

/** Passages up to this length are shown whole (reordered at most). */
const WHOLE = 700;
/** Length a trimmed answer aims at; qualifying sentences may add up to {@link OVERFLOW}, caveats always fit. */
const LIMIT = 700;
const OVERFLOW = 300;
/** Weight of a sentence that has what the question's type asks for (an amount, a date): less than a word. */
const TYPE_CUE = 0.5;
/** Weight of the sentence stating a date or period for a deadline question: more than the first sentence's bonus. */
const DEADLINE_CUE = 1;
/**
 * The passage's first sentence is written to answer its title question: another sentence leads only when it
 * names clearly more of the question (a further topic word and its type's cue, not a verb alone).
 */
const FIRST_BONUS = 0.75;
/** Weights of question words that carry less of the topic than a noun: verbs and adjectives, generic words. */
const VERB_WEIGHT = 0.5;
const GENERIC_WEIGHT = 0.25;
/** Share of the question's topic words a yes/no statement must name to keep its "Ja"/"Nein". */
const YES_NO_TOPIC = 0.5;

/** Cues of what a question type asks for (answer-type.ts). */
const TYPE_CUES: Record<string, RegExp> = {
  typ_menge: /\d|\bein(e|er|es|en)?\s+(\p{L}+\s+)?(je|pro)\b|\b(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|hundert|tausend)\b|\bEuro\b|\bProzent\b|%/iu,
  typ_zeitpunkt: /\b\d{1,2}\.\s?(\d{1,2}\.|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)|\bspätestens\b|\bbis (zum|spätestens|Ende)\b|\bFrist\b|\b(ab|seit) (dem )?\d|\b(19|20)\d\d\b/u,
  typ_dauer: /\b(\d+|ein|eine[mn]?|zwei|drei|vier|fünf|sechs|zwölf|\d+,\d+)\s+(weitere\s+)?(Jahre?n?|Monate?n?|Wochen|Tage?n?|Seiten)\b/iu,
  typ_wer: /\b(RP|Regierungspräsidium|Landkreis\w*|Kommunen?|Gemeinden?|Städte|Träger\w*|\p{L}*ministerium|Institut|Universität|Hochschule|Sachbearbeitung|Ansprechperson\w*|Referat)\b/u,
};

/** A sentence that refers back to the one before it ("Er soll …", "Dafür …", "Das ist nicht bestätigt"). */
const ANAPHORIC =
  /^(Er|Es|Ihre?|Sie|Dies\p{L}*|Das\s+(?!\p{Lu})|Da(für|bei|mit|zu|von|rin|rüber|her|nach)|Deshalb|Hier(für|zu|bei)|Außerdem|Zudem|Beides|Beide|Deren|Dessen|Dort|Diese\p{L}*|Die(se)? Angaben?|Ebenso|Ebenfalls|Allerdings|Jedoch|Und|Oder|Aber|Sondern|Denn|So)\b/u;

/**
 * True when a sentence refers back to the one before it. An opening "Sie" is the reader ("Sie erreichen …")
 * only in a sentence that also says "Ihr …" or "bitte"; otherwise it is "they" or "she" ("Sie sind in den
 * Festbeträgen enthalten").
 */
function refersBack(text: string): boolean {
  const statement = splitYesNo(text).statement;
  if (!ANAPHORIC.test(statement)) return false;
  return !/^Sie\b/u.test(statement) || !/\bIhr\p{L}*|\bbitte\b/u.test(statement);
}

/** The composed answer. */
export interface ComposedAnswer {
  text: string;
  /** The passage's citation, with the VwV number(s) the answer rests on ("…, zu Nr. 7.4.2 der VwV"). */
  citation: string;
  /** The sentence(s) chosen as answering the question, as they lead the text. */
  lead: string;
  /**
   * A referral ("… regelt die VwV; Auskunft gibt das RP") that names more of the question than the lead: it
   * cannot lead, but it may be the passage's word on what was asked (non-answer.ts).
   */
  referral: string | null;
}

/** One word of the question for scoring sentences. */
interface WeightedWord {
  terms: ReadonlySet<string>;
  weight: number;
}

interface Scored extends AnalysedUnit {
  score: number;
  /** Weighted number of the question's words the unit names. */
  matched: number;
}

/** Everything the composition needs about the question, computed once. */
interface Asked {
  question: string;
  wanted: Set<string>;
  /** The question's words, each with its terms and weight: a topic word (noun) counts fully, a verb half. */
  words: WeightedWord[];
  topicGroups: string[][];
  /** The topic groups of the last sentence that asks, when sentences of context come before it; else all. */
  askedGroups: string[][];
  cues: RegExp[];
  /** The question asks by when something is due (deadline.ts): a sentence stating a date or period answers it. */
  deadline: boolean;
}

/**
 * The groups named in the last sentence that asks ("Die Stadt hat das IM an drei freie Träger übertragen. Muss dann
 * jeder Träger einen eigenen Sachbericht abgeben?"): a "Ja." about the Übertragung does not answer the Sachbericht.
 */
function askedSentenceGroups(question: string, topical: QueryGroup[]): string[][] {
  const last = lastQuestion(question);
  const all = topical.map((g) => [...g.own, ...g.related]);
  if (last.trim() === question.trim()) return all;
  const words = new Set(foldWord(last).split(/[^\p{L}\d]+/u));
  const inLast = topical.filter((g) => words.has(g.word)).map((g) => [...g.own, ...g.related]);
  return inLast.length > 0 ? inLast : all;
}

function asked(plan: QueryPlan): Asked {
  const topical = plan.groups.filter((g) => !g.generic);
  return {
    question: plan.cleaned,
    wanted: new Set(plan.groups.flatMap((g) => [...g.own, ...g.related])),
    words: plan.groups.map((g) => ({ terms: new Set([...g.own, ...g.related]), weight: g.generic ? GENERIC_WEIGHT : g.noun || g.core ? 1 : VERB_WEIGHT })),
    topicGroups: topical.map((g) => [...g.own, ...g.related]),
    askedGroups: askedSentenceGroups(plan.cleaned, topical),
    cues: plan.answerTypes.map((t) => TYPE_CUES[t]).filter((r): r is RegExp => r !== undefined),
    deadline: asksDeadline(plan.cleaned),
  };
}

/**
 * Scores the units of a passage: the question's words each unit names; among units naming as many, the one
 * with what the question's type asks for (an amount, a date), then the first, which the authors wrote to answer.
 */
function scoreUnits(passage: Passage, a: Asked, analyzer: GermanAnalyzer, words: readonly WeightedWord[] = a.words): Scored[] {
  return analyzedUnits(passage.text, analyzer).map(({ terms, ...u }) => {
    const matched = words.reduce((n, w) => n + ([...w.terms].some((t) => terms.has(t)) ? w.weight : 0), 0);
    // A deadline asked ("Bis wann …?", "Wann … spätestens …?") is answered by the sentence that states the date.
    const cue = a.deadline && statesDate(u.text) ? DEADLINE_CUE : a.cues.some((r) => r.test(u.text)) ? TYPE_CUE : 0;
    return { ...u, terms, matched, score: matched + cue + (u.index === 0 ? FIRST_BONUS : 0) };
  });
}

const isCaveat = (u: Scored): boolean => u.caveat;
const isQualifier = (u: Scored): boolean => u.qualifier;
const length = (chain: readonly TextUnit[]): number => chain.reduce((n, u) => n + u.text.length + 1, 0);

/** Index of the answering unit: the best score, the earliest on ties; a referral answers nothing on its own. */
function leadIndex(units: readonly Scored[]): number {
  const candidates = units.filter((u) => !u.referral);
  let best = candidates[0] ?? units[0]!;
  for (const u of candidates) if (u.score > best.score) best = u;
  return best.index;
}

/** The best-scoring referral when it scores above the lead, else null. */
function strongerReferral(units: readonly Scored[]): string | null {
  const lead = units[leadIndex(units)]!;
  let best: Scored | null = null;
  for (const u of units) if (u.referral && u.score > lead.score && (best === null || u.score > best.score)) best = u;
  return best?.text ?? null;
}

/**
 * Groups units into chains: a unit that refers back to the one before it joins that one's chain, so that
 * reordering never separates "Er soll höchstens drei Seiten umfassen" from the sentence naming "Sachbericht".
 */
function chainsOf(units: readonly Scored[]): Scored[][] {
  const chains: Scored[][] = [];
  for (const u of units) {
    const last = chains.at(-1);
    if (last !== undefined && refersBack(u.text) && !u.isListItem) last.push(u);
    else chains.push([u]);
  }
  return chains;
}


/**
 * The chains shown from one passage, lead chain first, general caveats last. Short passages keep every chain;
 * long ones keep the best-scoring chains up to the limit, every qualifying chain that names the question's
 * words (within an overflow), and every caveat.
 */
function selectChains(units: Scored[], textLength: number, wanted: ReadonlySet<string>): Scored[][] {
  const chains = chainsOf(units);
  const lead = leadIndex(units);
  const leadChain = chains.find((c) => c.some((u) => u.index === lead))!;
  const chosen = new Set<Scored[]>([leadChain]);
  if (textLength <= WHOLE) chains.forEach((c) => chosen.add(c));
  else {
    const chainScore = (c: Scored[]): number => Math.max(...c.map((u) => (u.matched > 0 ? u.score - (u.index === 0 ? FIRST_BONUS : 0) : 0)));
    let size = length(leadChain);
    for (const c of [...chains].sort((x, y) => chainScore(y) - chainScore(x))) {
      if (chosen.has(c) || chainScore(c) <= 0 || size + length(c) > LIMIT) continue;
      chosen.add(c);
      size += length(c);
    }
    const names = (c: Scored[]): boolean => c.some((u) => [...u.terms].some((t) => wanted.has(t)));
    for (const c of chains) {
      if (chosen.has(c)) continue;
      if (c.some(isCaveat) && (names(c) || !c.some(isQualifier) || c.every(isCaveat))) chosen.add(c);
      else if (c.some(isQualifier) && names(c) && size + length(c) <= LIMIT + OVERFLOW) {
        chosen.add(c);
        size += length(c);
      }
    }
  }
  const rest = chains.filter((c) => chosen.has(c) && c !== leadChain);
  // A referral, or a hedge that names nothing of the question, goes last; a hedged fact stays in its place.
  const general = (c: Scored[]): boolean => c.every((u) => u.referral || (isCaveat(u) && u.matched === 0));
  return [leadChain, ...rest.filter((c) => !general(c)), ...rest.filter(general)];
}

/** Units shown, with the yes/no lead fitted to the question and stray yes/no words dropped elsewhere. */
function fitLeads(chains: Scored[][], a: Asked): TextUnit[] {
  const units = chains.flat();
  return units.map((u, i) => {
    if (i > 0) return { ...u, text: splitYesNo(u.text).statement };
    const share = (groups: string[][]): number => groups.filter((g) => g.some((t) => u.terms.has(t))).length / Math.max(1, groups.length);
    const onTopic = a.topicGroups.length > 0 && share(a.topicGroups) >= YES_NO_TOPIC && share(a.askedGroups) >= YES_NO_TOPIC;
    // "Auch die VwV … ist …" leads without its "also" (it refers to a sentence now shown later).
    const text = fitYesNo(u.text, a.question, onTopic).replace(/^Auch (?=(die|der|das|den|dem|ein|eine|einen|einem|einer)\s)(\p{L})/u, (_m, _w, c: string) => c.toUpperCase());
    return { ...u, text };
  });
}

/** The best chain of a passage for one part of the question, or null when the passage does not cover it. */
function chainFor(part: QuestionPart, passage: Passage, a: Asked, analyzer: GermanAnalyzer): Scored[] | null {
  const units = scoreUnits(passage, a, analyzer, part.terms.map((t) => ({ terms: new Set(t), weight: 1 })));
  const hits = units.filter((u) => covers(u.terms, part));
  if (hits.length === 0) return null;
  const best = hits.reduce((x, y) => (y.score > x.score ? y : x));
  return chainsOf(units).find((c) => c.includes(best)) ?? null;
}

/**
 * Completes the answer to a question in several parts: a part the shown text does not cover is answered from
 * another sentence of the passage, else from the first other passage that covers it (named with its
 * citation), else the answer says that it does not cover that part.
 */
function completeParts(shown: TextUnit[], passage: Passage, others: readonly Passage[], plan: QueryPlan, analyzer: GermanAnalyzer): { units: TextUnit[]; extra: string[] } {
  const a = asked(plan);
  const parts = questionParts(a.question, plan, analyzer);
  const units = [...shown];
  const extra: string[] = [];
  for (const part of parts) {
    const terms = new Set(units.flatMap((u) => [...termsOf(u.text, analyzer)]));
    if (covers(terms, part)) continue;
    const own = chainFor(part, passage, a, analyzer);
    if (own !== null) {
      units.push(...own.filter((u) => !units.some((s) => s.index === u.index)).map((u) => ({ ...u, text: splitYesNo(u.text).statement })));
      continue;
    }
    const other = others.find((p) => covers(new Set([...termsOf(p.title, analyzer), ...analyzedUnits(p.text, analyzer).flatMap((u) => [...u.terms])]), part));
    const chain = other === undefined ? null : chainFor(part, other, a, analyzer);
    if (other !== undefined && chain !== null) {
      extra.push(`Zu „${part.label}“: ${joinUnits(chain.map((u) => ({ ...u, text: splitYesNo(u.text).statement })))} (${other.citation})`);
    } else {
      extra.push(`Zu „${part.label}“ enthält diese Quelle keine Angabe; bitte wenden Sie sich dazu an die zuständige Sachbearbeitung.`);
    }
  }
  return { units, extra };
}

/** The VwV numbers a text names ("Nr. 7.4.2 der VwV", "Nr. 3.2 VwV"), in order of appearance. */
function vwvNumbers(text: string): string[] {
  return [...new Set([...text.matchAll(/\bNr\.\s?(\d{1,2}(?:\.\d{1,2})+)\s+(?:der\s+)?VwV\b/gu)].map((m) => m[1]!))];
}

/**
 * The citation with the VwV numbers named by the passage title or the answering sentences (a number named in
 * passing, further down, is not what the answer rests on), unless the citation has a number of its own.
 */
export function citeWithNumbers(citation: string, title: string, lead: string): string {
  if (/\bNr\.\s?\d/.test(citation)) return citation;
  const numbers = vwvNumbers(`${title}\n${lead}`);
  return numbers.length === 0 ? citation : `${citation}, zu Nr. ${numbers.join(' und Nr. ')} der VwV`;
}

/**
 * Composes the answer to a question from its best passage; `others` are the next-ranked passages, used only
 * for a part of the question the best passage does not cover.
 *
 * @example composeAnswer(passage, planQuery('Wie lang darf der Sachbericht sein?', analyzer, synonyms), analyzer).text
 * // 'Der Sachbericht soll möglichst nicht länger als drei Seiten sein … '
 */
export function composeAnswer(passage: Passage, plan: QueryPlan, analyzer: GermanAnalyzer, others: readonly Passage[] = []): ComposedAnswer {
  const a = asked(plan);
  const units = scoreUnits(passage, a, analyzer);
  if (units.length === 0) return { text: passage.text, citation: passage.citation, lead: passage.text, referral: null };
  const chains = selectChains(units, passage.text.length, a.wanted);
  const { units: complete, extra } = completeParts(fitLeads(chains, a), passage, others, plan, analyzer);
  const text = [joinUnits(complete), ...extra].join('\n\n');
  const lead = joinUnits(chains[0]!);
  return { text, citation: citeWithNumbers(passage.citation, passage.title, lead), lead, referral: strongerReferral(units) };
}
