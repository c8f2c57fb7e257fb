/**
 * The German analyzer: surface words → index terms. Adds compound splitting against the corpus vocabulary
 * (Integrationsmanagerstelle → integrationsmanager + stelle), derivational and verb variants the corpus knows
 * (Teilung ↔ teilen, förderfähig → fördern, gestellt → stellen). One analyzer is built per index; index and
 * query share it, so both split the same way.
 *
 * Compound splitting works in both directions: a query compound is split into parts the corpus knows
 * (Fortbildungskosten → fortbildung + kosten), and corpus compounds are split at build time, so their heads
 * become terms a query word can meet (Stellenteilung indexes "teilung"; Sachberichtsumfang meets the "umfang"
 * of Stellenumfang). The heads learned this way join the vocabulary.
 */
import { baseTerm, derivedStems, isStopword, nounStem, stem, SUFFIX_LIKE, verbVariants } from './german.js';
import { tokenize } from './tokenize.js';

/** Shortest part a compound may be split into. */
const MIN_PART = 4;
/** Words shorter than this are never split. */
const MIN_COMPOUND = 8;
/** Linking elements (Fugen) that may end the left part: Fortbildung-s-kosten, Frau-en-quote. */
const LINKS = ['s', 'es', 'n', 'en', 'e'];

/** Corpus vocabulary: folded surface words (with learned compound heads) and their stems. */
export interface Vocabulary {
  words: ReadonlySet<string>;
  stems: ReadonlySet<string>;
}

/** Analysis of one word: its index terms and, for a compound, its surface parts. */
export interface WordAnalysis {
  terms: string[];
  /** Surface parts of a compound (empty for simple words); parts may be unknown to the corpus. */
  parts: string[];
}

const EMPTY: WordAnalysis = { terms: [], parts: [] };

/** Builds the vocabulary from the texts of a corpus (numbers and very short words left out). */
export function buildVocabulary(texts: Iterable<string>): Vocabulary {
  const tokenized: string[][] = [];
  for (const text of texts) tokenized.push(tokenize(text));
  return vocabularyFromWords(tokenized);
}

/** Builds the vocabulary from already tokenized texts, learning the heads of the corpus's compounds. */
export function vocabularyFromWords(texts: Iterable<readonly string[]>): Vocabulary {
  const words = new Set<string>();
  for (const text of texts) {
    // Stopwords stay in the vocabulary as compound parts (Zwischen-nachweis) but are never emitted as terms.
    for (const w of text) if (w.length >= MIN_PART && !words.has(w) && !/^\d/.test(w)) words.add(w);
  }
  const { stems } = vocabularyFromSet(words);
  const heads: string[] = [];
  for (const w of words) {
    if (w.length < MIN_COMPOUND || /\d/.test(w)) continue;
    const head = headOf(w, words, stems);
    if (head !== null) heads.push(head);
  }
  for (const h of heads) {
    words.add(h);
    stems.add(stem(h));
  }
  return { words, stems };
}

/** Vocabulary from a complete word set (as restored from the cache). */
export function vocabularyFromSet(words: Set<string>): { words: Set<string>; stems: Set<string> } {
  const stems = new Set<string>();
  for (const w of words) stems.add(stem(w));
  return { words, stems };
}

/** The longest known left part of a word, with a linking element or as a verb stem (Förder-programm), or null. */
function knownLeft(left: string, words: ReadonlySet<string>): string | null {
  if (words.has(left)) return left;
  for (const link of LINKS) {
    if (left.endsWith(link)) {
      const base = left.slice(0, -link.length);
      if (base.length >= MIN_PART && words.has(base)) return base;
    }
  }
  if (left.length >= 5 && /[lr]$/.test(left) && words.has(`${left}n`)) return `${left}n`;
  return null;
}

/**
 * The unknown head of a compound: the right part after its longest known left part (not a suffix like
 * "-ungen"), or null when the word already splits into known parts (Integrationsmanager|stelle, not
 * Integrationsmanagers|telle) or has no known left part.
 */
function headOf(word: string, words: ReadonlySet<string>, stems: ReadonlySet<string>): string | null {
  let head: string | null = null;
  for (let i = word.length - MIN_PART; i >= MIN_PART; i--) {
    const right = word.slice(i);
    if (SUFFIX_LIKE.test(right) || knownLeft(word.slice(0, i), words) === null) continue;
    if (words.has(right) || stems.has(stem(right))) return null;
    head ??= right;
  }
  return head;
}

/** Analyzer bound to one vocabulary. */
export class GermanAnalyzer {
  private readonly cache = new Map<string, WordAnalysis>();
  private readonly queryCache = new Map<string, WordAnalysis>();

  constructor(readonly vocabulary: Vocabulary) {}

  /** Index terms of one folded surface word (empty for stopwords). Cached. */
  terms(word: string): string[] {
    return this.analyzeWord(word).terms;
  }

  /** Terms and compound parts of one folded surface word. Cached. */
  analyzeWord(word: string): WordAnalysis {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const result = this.compute(word);
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  /**
   * Terms and parts of a query word: its index terms plus the derivational relatives the corpus knows
   * (Teilung → teilen, teilen → Teilung). Relatives are added on the query side only: the query reaches
   * both directions, and the index stays small.
   */
  analyzeQueryWord(word: string): WordAnalysis {
    const cached = this.queryCache.get(word);
    if (cached !== undefined) return cached;
    const a = this.analyzeWord(word);
    const out = new Set(a.terms);
    for (const w of [word, ...a.parts]) if (!isStopword(w)) for (const v of derivedStems(w)) if (this.knows(v)) out.add(v);
    const result = { terms: [...out], parts: a.parts };
    if (this.queryCache.size > 10_000) this.queryCache.clear();
    this.queryCache.set(word, result);
    return result;
  }

  /** All index terms of a text, in order (duplicates kept: they count as term frequency). */
  analyze(text: string): string[] {
    const out: string[] = [];
    for (const w of tokenize(text)) for (const t of this.terms(w)) out.push(t);
    return out;
  }

  /** True when the corpus knows this stem. */
  knows(term: string): boolean {
    return this.vocabulary.stems.has(term);
  }

  /** Splits a folded word into known parts, or null. Prefers the longest known left part. */
  splitCompound(word: string): string[] | null {
    if (word.length < MIN_COMPOUND || /\d/.test(word)) return null;
    for (let i = word.length - MIN_PART; i >= MIN_PART; i--) {
      const left = knownLeft(word.slice(0, i), this.vocabulary.words);
      if (left === null) continue;
      const right = word.slice(i);
      if (this.isKnown(right) && !SUFFIX_LIKE.test(right)) return [left, right];
      const rest = this.splitCompound(right);
      if (rest !== null) return [left, ...rest];
    }
    return null;
  }

  /**
   * Splits a word the corpus does not know into one known and one unknown part: Mittel-abruf, Supervisions-
   * kosten, Wohngeld-antrag. The unknown part stays a term of its own, so the question counts as only partly
   * covered by the knowledge base.
   */
  splitLoose(word: string): string[] | null {
    if (word.length < MIN_COMPOUND || /\d/.test(word)) return null;
    for (let i = word.length - MIN_PART; i >= 5; i--) {
      const left = knownLeft(word.slice(0, i), this.vocabulary.words);
      const right = word.slice(i);
      if (left !== null && !isStopword(left) && !SUFFIX_LIKE.test(right)) return [left, right];
    }
    for (let i = 5; i <= word.length - MIN_PART; i++) {
      const right = word.slice(i);
      if (!this.isKnown(right) || isStopword(right) || SUFFIX_LIKE.test(right)) continue;
      const left = word.slice(0, i);
      return [/[^s]s$/.test(left) && left.length > 5 ? left.slice(0, -1) : left, right];
    }
    return null;
  }

  private compute(word: string): WordAnalysis {
    if (word.length < 2 || isStopword(word)) return EMPTY;
    if (/^\d/.test(word)) return { terms: [word], parts: [] };
    const base = baseTerm(word);
    const out = new Set([base]);
    if (base === stem(word)) this.addVariants(word, out);
    // A word known through its verb form (geregelt → regeln) is no unknown compound.
    const parts = this.splitCompound(word) ?? (this.isKnown(word) || out.size > 1 ? null : this.splitLoose(word)) ?? [];
    for (const p of parts) {
      if (isStopword(p)) continue;
      const partBase = nounStem(p);
      out.add(partBase);
      if (partBase === stem(p)) this.addVariants(p, out);
      // One level deeper: Zwischenverwendungsnachweis → zwischen + verwendungsnachweis → … + nachweis.
      if (p.length >= 12) for (const q of this.splitCompound(p) ?? []) if (!isStopword(q)) out.add(nounStem(q));
    }
    return { terms: [...out], parts };
  }

  /** Adds the verb variants of a word that the corpus knows (participles and finite forms to the infinitive). */
  private addVariants(word: string, out: Set<string>): void {
    for (const v of verbVariants(word)) if (this.knows(v)) out.add(v);
  }

  private isKnown(word: string): boolean {
    return word.length >= MIN_PART && (this.vocabulary.words.has(word) || this.vocabulary.stems.has(stem(word)));
  }
}
