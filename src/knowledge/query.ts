/**
 * Query planning: a question → cleaned text and term groups (one group per content word, with the terms
 * it may match: its own terms, then synonym and abbreviation expansions). Pure; no index access.
 */
import type { GermanAnalyzer } from './analyzer.js';
import { answerTypes } from './answer-type.js';
import { correctFunctionWords } from './function-words.js';
import { completeTruncated, expandAbbreviatedCompounds, dropFrames, joinSplitWords, namePreviousYear, nameShortYears } from './question-text.js';
import { questionFacets, type QuestionFacets } from './consistency.js';
import { foldWord, isStopword, stripGender, verbVariants } from './german.js';
import { isOffTopicWord, type CompiledSynonyms } from './synonyms.js';
import { writtenWithCapitals, rawWords, tokenize } from './tokenize.js';

/** Longest question analysed; longer input is cut at a word boundary (a 100 kB paste stays fast). */
export const MAX_QUESTION_CHARS = 1000;
/** Endings of an infinitive or participle (lassen, teilt, geteilt): the head of a prefixed verb. */
const VERB_ENDING = /(?:en|ern|eln|t)$/u;
/**
 * A past participle, with a separable prefix or without (vorgelegt, eingereicht, ausgezahlt, gekürzt), in folded
 * form: written in lower case in a question with capitals, it is a verb form even where it splits like a compound.
 */
const PARTICIPLE = /^(?:ab|an|auf|aus|bei|dar|durch|ein|fest|frei|her|hin|mit|nach|um|unter|uber|vor|weg|weiter|wieder|zu|zuruck|zusammen)?ge\p{L}{2,}(?:t|en)(?:e|em|en|er|es)?$/u;
/** Most content words used for search. */
export const MAX_GROUPS = 24;

/** Personal pronouns (folded) that follow a verb opening a question: "Brauchen wir", "Bekommen Sie". */
const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['ich', 'du', 'er', 'es', 'wir', 'ihr', 'sie', 'man']);

/** One content word of the question and the terms that count as matching it. */
export interface QueryGroup {
  /** The word as folded surface form (for messages and debugging). */
  word: string;
  /** Terms of the word itself (stem, compound parts, verb variants). */
  own: string[];
  /** Synonym/abbreviation terms (matched with a lower weight). */
  related: string[];
  /** The word names a topic outside the programme (synonyme.yaml `themenfremd`). */
  offTopic: boolean;
  /** The word is a core programme term (synonyme.yaml `kernbegriffe` or an abbreviation). */
  core: boolean;
  /** Written with a capital inside the sentence: a noun, which carries the topic in German. */
  noun: boolean;
  /**
   * Parts of a compound the corpus does not know as a whole (Mittel-abruf, Supervisions-kosten), each with its
   * base term and synonyms; empty otherwise. Coverage counts them one by one.
   */
  parts: QueryPart[];
  /** A generic word (Frage, Jahr, März, beachten; see synonyms `generic`) that carries no topic. */
  generic: boolean;
  /** An abbreviation (VN, IM): its own terms are the abbreviation and its long form, which weigh alike. */
  abbreviation?: boolean;
  /** The noun the question asks for ("Nach welchem Schlüssel …", "Welche Unterlagen …"): see {@link askedNouns}. */
  asked?: boolean;
}

/** One part of an unknown compound. */
export interface QueryPart {
  term: string;
  related: string[];
  generic: boolean;
}

/** A planned query. */
export interface QueryPlan {
  /**
   * The question as analysed: cleaned (control characters removed, whitespace collapsed, truncated), misspelt
   * function words corrected, hearsay openings dropped and words cut off by a hyphen completed.
   */
  cleaned: string;
  /** The question as shown back to the asker: cleaned and with function words corrected, nothing dropped. */
  shown: string;
  groups: QueryGroup[];
  /** Answer-type terms of the question (see answer-type.ts); they rank but never count as coverage. */
  answerTypes: string[];
  /**
   * Function words of the question ("gilt das … für", "wie viele … gibt es"), as frame terms (see
   * {@link frameTerm}). They rank typical questions phrased the same way a little higher, never passages.
   */
  frame: string[];
  /** Years, programmes and amount the question asks about (see consistency.ts). */
  facets: QuestionFacets;
  truncated: boolean;
}

/**
 * Cleans a question: strips control characters, collapses whitespace, truncates long input.
 *
 * @example cleanQuestion('  Wer\u0007 ist zuständig? ') // { text: 'Wer ist zuständig?', truncated: false }
 */
export function cleanQuestion(question: string): { text: string; truncated: boolean } {
  const head = question.length > MAX_QUESTION_CHARS * 4 ? question.slice(0, MAX_QUESTION_CHARS * 4) : question;
  let text = head
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const truncated = text.length > MAX_QUESTION_CHARS || question.length > head.length;
  if (text.length > MAX_QUESTION_CHARS) text = text.slice(0, MAX_QUESTION_CHARS).replace(/\s+\S*$/, '');
  return { text, truncated };
}

/**
 * True when a word names a topic outside the programme: a listed word (or its inflection), a compound with a
 * listed part (Wohngeld-antrag), or an unknown word that begins or ends with a listed word of five letters or more
 * (Führerscheinprüfung, Kinderreisepass).
 */
function isOffTopic(word: string, parts: string[], known: boolean, offTopic: ReadonlySet<string>): boolean {
  if (isOffTopicWord(word, offTopic) || parts.some((p) => isOffTopicWord(p, offTopic))) return true;
  if (known) return false;
  for (const t of offTopic) if (t.length >= 5 && word.length > t.length + 2 && (word.startsWith(t) || word.endsWith(t))) return true;
  return false;
}

/** Particles of separable verbs, as they close a clause ("Wann reichen wir den Bericht ein?"). */
const PARTICLES: ReadonlySet<string> = new Set(['ab', 'an', 'auf', 'aus', 'bei', 'ein', 'fest', 'mit', 'nach', 'vor', 'weg', 'weiter', 'zu', 'zuruck', 'zusammen']);

/**
 * Separable verbs of a question: the particle closing a clause joined to a verb before it in that clause ("reichen
 * … ein" → einreichen, "fällt … aus" → ausfällt), when the knowledge base or the synonyms know the joined verb.
 * The verb is written in lower case, or opens the clause ("Fällt … weg?").
 *
 * @example separableVerbs('Wann reichen wir den Bericht ein?', (w) => w === 'einreichen') // ['einreichen']
 */
export function separableVerbs(text: string, known: (joined: string) => boolean): string[] {
  const out: string[] = [];
  for (const clause of text.split(/[.,;:!?()–—]+/u)) {
    const words = clause.trim().split(/\s+/u).filter((w) => /^\p{L}+$/u.test(w));
    const particle = words.at(-1);
    if (words.length < 3 || particle === undefined || !/^\p{Ll}/u.test(particle) || !PARTICLES.has(foldWord(particle))) continue;
    const verb = words.slice(0, -1).find((w, i) => (i === 0 || /^\p{Ll}/u.test(w)) && !isStopword(foldWord(w)) && known(foldWord(particle + w)));
    if (verb !== undefined) out.push(foldWord(particle + verb));
  }
  return out;
}

/** The frame term of a function word (kept apart from content terms). */
export function frameTerm(word: string): string {
  return `~${word}`;
}

/**
 * The nouns a question asks for: the noun right after an interrogative determiner, or after one adjective
 * ("Nach welchem Schlüssel …", "Welche neuen Unterlagen …"). Folded.
 *
 * @example askedNouns('Nach welchem Schlüssel wird verteilt?') // Set { 'schlussel' }
 */
export function askedNouns(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.normalize('NFC').matchAll(/\b(?:[Ww]elche[mnrs]?|[Ww]ie\s*viele?|[Ww]as\s+f[üu]r(?:\s+eine?[mnrs]?)?)\s+(?:\p{Ll}[\p{L}\p{M}]*\s+)?(\p{Lu}[\p{L}\p{M}-]*)/gu)) out.add(stripGender(foldWord(m[1]!)));
  return out;
}

/** Plans a query: cleaning, analysis, abbreviation and synonym expansion. */
export function planQuery(question: string, analyzer: GermanAnalyzer, synonyms: CompiledSynonyms): QueryPlan {
  const cleaned = cleanQuestion(question);
  const { truncated } = cleaned;
  const shown = correctFunctionWords(cleaned.text, (w) => analyzer.vocabulary.words.has(w));
  const abbreviationTerms = (a: string): readonly string[] | undefined => synonyms.abbreviations.get(a)?.own ?? synonyms.abbreviations.get(foldWord(a))?.own;
  const text = nameShortYears(namePreviousYear(joinSplitWords(expandAbbreviatedCompounds(completeTruncated(dropFrames(shown), analyzer), analyzer, abbreviationTerms), analyzer)));
  const groups: QueryGroup[] = [];
  const seen = new Set<string>();
  const add = (group: QueryGroup): void => {
    const key = group.own.join(' ');
    if (key === '' || seen.has(key) || groups.length >= MAX_GROUPS) return;
    seen.add(key);
    groups.push(group);
  };
  const abbreviated = new Set<string>();
  const words = rawWords(text);
  // A capitalised word opening a sentence (the first, or one after ".", "?" or "!": "… oder? Irgendwas in Wertheim")
  // is a noun when it is long (Sachberichtsumfang?); short ones are verbs (Zahlt, Reicht) or pronouns (Irgendwas).
  const openers = new Set(text.normalize('NFC').match(/(?:^|[.?!]\s+)\p{L}[\p{L}\p{M}]*/gu)?.map((m) => m.replace(/^[.?!]\s+/u, '')) ?? []);
  // A long opener ending like a verb of the -ieren kind (Finanziert, Evaluiert) is a verb, not a noun; so is one
  // followed by a personal pronoun, the subject of a verb placed first (Brauchen wir …, Benötigen Sie …).
  const verbFirst = (i: number): boolean => SUBJECT_PRONOUNS.has(foldWord(words[i + 1] ?? ''));
  const nouns = new Set(
    words
      .filter((w, i) => ((i > 0 && !openers.has(w)) || (w.length >= 8 && !/iert$/u.test(w) && !verbFirst(i))) && /^\p{Lu}/u.test(w))
      .map((w) => stripGender(foldWord(w))),
  );
  nouns.add('stelle');
  // In a question written with capitals, a word written in lower case is no noun, even where it splits like a
  // compound: a preposition before a verb form (überlassen, aufgeteilt) makes a prefixed verb, not a thing. An
  // adjective (unterjährig) still names a topic and is left as it was.
  const mixedCase = writtenWithCapitals(text);
  const lower = new Set(mixedCase ? words.filter((w) => /^\p{Ll}/u.test(w)).map((w) => stripGender(foldWord(w))) : []);
  for (const raw of words) {
    // Plurals of abbreviations (IMs, VNs; typed small: vwvs) and the people they name, said in passing (IMler, IMlerin).
    const person = /^(\p{Lu}{2,})(?:ler|lern|lers|lerin|lerinnen)$/u.exec(raw)?.[1];
    const plural = (/^\p{Lu}{2,}s$/u.test(raw) || /^\p{L}{3,4}s$/u.test(raw)) && !synonyms.abbreviations.has(raw) && !synonyms.abbreviations.has(foldWord(raw));
    const key = person ?? (plural ? raw.slice(0, -1) : raw);
    const entry = synonyms.abbreviations.get(key) ?? synonyms.abbreviations.get(foldWord(key));
    if (entry === undefined || (entry.exact && !synonyms.abbreviations.has(key))) continue;
    abbreviated.add(foldWord(raw));
    abbreviated.add(stripGender(foldWord(raw)));
    abbreviated.add(foldWord(key));
    const core = [...entry.own, ...entry.related].some((t) => synonyms.core.has(t));
    add({ word: foldWord(raw), own: entry.own, related: entry.related, offTopic: false, core, noun: true, parts: [], generic: false, abbreviation: true });
  }
  const asked = askedNouns(text);
  const knownVerb = (joined: string): boolean => {
    const a = analyzer.analyzeQueryWord(joined);
    return a.parts.length === 0 && a.terms.some((t) => analyzer.knows(t) || synonyms.related.has(t));
  };
  // The second year of a span written short ("2020/21") is part of the first's span (consistency.ts reads it), no number of its own.
  const shortYears = new Set([...text.matchAll(/\b(?:19|20)\d\d\s*[/–-]\s*(\d\d)(?![\d.,])/gu)].map((m) => m[1]!));
  // A sign in the question ("zu 50 %") qualifies a figure of the asker's case and is no word of its own; in the
  // passages it reads as its word (tokenize.ts), so that "Prozent" typed out finds "60 %".
  for (const word of [...tokenize(text.replace(/[%€]/gu, ' ')), ...separableVerbs(text, knownVerb)]) {
    if (abbreviated.has(word) || isStopword(word) || shortYears.has(word)) continue;
    const analysed = analyzer.analyzeQueryWord(word);
    if (analysed.terms.length === 0) continue;
    const { parts: surfaceParts } = analysed;
    // A generic word (förderrechtlich, erstellt) is searched by its base term alone: its derivational relatives
    // would only add more words without a topic.
    // A compound whose head is spelt like a verb particle (Sommer|fest, Rück|weg): the head meets only the
    // particles of verbs in the passages (feststehen, wegfallen), so it is no term of the compound.
    const last = surfaceParts.at(-1);
    const particleHead = surfaceParts.length > 1 && last !== undefined && PARTICLES.has(last) ? last : null;
    const terms = analysed.terms.filter((t, i) => i === 0 || t !== particleHead);
    // A participle the corpus does not know (ausgeschriebene) splits into no things (ausg|chrieb): its stem alone.
    const unknownParticiple = lower.has(word) && PARTICIPLE.test(word) && surfaceParts.length > 1 && !analyzer.knows(terms[0]!);
    const own = synonyms.generic.has(terms[0]!) || unknownParticiple ? terms.slice(0, 1) : terms;
    const relatedOf = (terms: string[]): string[] => [...new Set(terms.flatMap((t) => synonyms.related.get(t) ?? []))].filter((r) => !own.includes(r));
    const known = analyzer.knows(own[0]!) || analyzer.vocabulary.words.has(word);
    const generic = synonyms.generic.has(own[0]!);
    // A generic word (förderrechtlich) names no topic, neither as a whole nor by its parts.
    const parts = known || generic
      ? []
      : surfaceParts
          .filter((p) => !isStopword(p) && p !== particleHead)
          .map((p) => ({ term: analyzer.terms(p)[0]!, related: relatedOf(analyzer.terms(p)), generic: synonyms.generic.has(analyzer.terms(p)[0]!) }));
    const offTopic = isOffTopic(word, surfaceParts, known, synonyms.offTopic);
    const core = own.some((t) => synonyms.core.has(t));
    const prefixed = lower.has(word) && surfaceParts.length > 1 && isStopword(surfaceParts[0]!) && VERB_ENDING.test(surfaceParts.at(-1)!);
    const participle = lower.has(word) && PARTICIPLE.test(word);
    const noun = nouns.has(word) || (parts.length > 0 && !prefixed && !participle);
    // A verb form the corpus does not know (bezuschusst) still meets the synonyms of its infinitive (bezuschussen).
    const variants = own.some((t) => synonyms.related.has(t)) ? [] : verbVariants(word).filter((v) => synonyms.related.has(v));
    add({ word, own, related: relatedOf([...own, ...variants]), offTopic, core, noun, parts: parts.filter((p) => p.term !== undefined), generic, ...(asked.has(word) ? { asked: true } : {}) });
  }
  const frame = groups.length > 0 ? [...new Set(tokenize(text).filter(isStopword).map(frameTerm))] : [];
  // A noun names its topic by its base term (an abbreviation by all of its own terms), not by its compound parts.
  const topics = groups.filter((g) => g.noun && !g.generic).map((g) => (g.abbreviation === true ? g.own : g.own.slice(0, 1)));
  const terms = new Set(groups.flatMap((g) => [...g.own, ...g.related, ...g.parts.map((p) => p.term)]));
  const own = new Set(groups.flatMap((g) => [...g.own, ...g.parts.map((p) => p.term)]));
  const facets = questionFacets(text, topics, terms, synonyms.programmes, own);
  return { cleaned: text, shown, groups, answerTypes: groups.length > 0 ? answerTypes(text) : [], frame, facets, truncated };
}

/** Plans kept per synonym set (one per index: a reload brings new ones, so nothing stale survives). */
const plans = new WeakMap<GermanAnalyzer, WeakMap<CompiledSynonyms, Map<string, QueryPlan>>>();
/** Most plans kept per index; the least recently used one goes first. */
const MAX_PLANS = 1_000;

/** Freezes a plan and everything in it: a cached plan is shared by every ask of the same text. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * {@link planQuery}, remembered per index for the same text (a recurring question, a clause asked again), in a
 * bounded least-recently-used cache. The plan is frozen: callers read it, never change it.
 *
 * @example cachedPlan('Wie lang darf der Sachbericht sein?', index.analyzer, index.synonyms).groups[0]?.word // 'sachbericht'
 */
export function cachedPlan(question: string, analyzer: GermanAnalyzer, synonyms: CompiledSynonyms): QueryPlan {
  let bySynonyms = plans.get(analyzer);
  if (bySynonyms === undefined) plans.set(analyzer, (bySynonyms = new WeakMap()));
  let cache = bySynonyms.get(synonyms);
  if (cache === undefined) bySynonyms.set(synonyms, (cache = new Map()));
  const hit = cache.get(question);
  if (hit !== undefined) {
    cache.delete(question);
    cache.set(question, hit);
    return hit;
  }
  const plan = deepFreeze(planQuery(question, analyzer, synonyms));
  if (cache.size >= MAX_PLANS) cache.delete(cache.keys().next().value!);
  cache.set(question, plan);
  return plan;
}
