/**
 * The German analyzer: surface words → index terms. Adds compound splitting against the corpus vocabulary
 * (Integrationsmanagerstelle → integrationsmanager + stelle) and verb variants the corpus knows.
 * One analyzer is built per index; index and query share it, so both split the same way.
 */
import { isStopword, stem, verbVariants } from './german.js';
import { tokenize } from './tokenize.js';

/** Shortest part a compound may be split into. */
const MIN_PART = 4;
/** Words shorter than this are never split. */
const MIN_COMPOUND = 8;
/** Linking elements (Fugen) that may end the left part: Fortbildung-s-kosten, Frau-en-quote. */
const LINKS = ['s', 'es', 'n', 'en', 'e'];

/** Corpus vocabulary: folded surface words and their stems. */
export interface Vocabulary {
  words: ReadonlySet<string>;
  stems: ReadonlySet<string>;
}

/** Builds the vocabulary from the texts of a corpus (numbers and very short words left out). */
export function buildVocabulary(texts: Iterable<string>): Vocabulary {
  const tokenized: string[][] = [];
  for (const text of texts) tokenized.push(tokenize(text));
  return vocabularyFromWords(tokenized);
}

/** Builds the vocabulary from already tokenized texts. */
export function vocabularyFromWords(texts: Iterable<readonly string[]>): Vocabulary {
  const words = new Set<string>();
  for (const text of texts) {
    // Stopwords stay in the vocabulary as compound parts (Zwischen-nachweis) but are never emitted as terms.
    for (const w of text) if (w.length >= MIN_PART && !words.has(w) && !/^\d/.test(w)) words.add(w);
  }
  const stems = new Set<string>();
  for (const w of words) stems.add(stem(w));
  return { words, stems };
}

/** Analyzer bound to one vocabulary. */
export class GermanAnalyzer {
  private readonly cache = new Map<string, string[]>();

  constructor(readonly vocabulary: Vocabulary) {}

  /** Index terms of one folded surface word (empty for stopwords). Cached. */
  terms(word: string): string[] {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const result = this.compute(word);
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(word, result);
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
      const left = this.knownLeft(word.slice(0, i));
      if (left === null) continue;
      const right = word.slice(i);
      if (this.isKnown(right)) return [left, right];
      const rest = this.splitCompound(right);
      if (rest !== null) return [left, ...rest];
    }
    return null;
  }

  private compute(word: string): string[] {
    if (word.length < 2 || isStopword(word)) return [];
    if (/^\d/.test(word)) return [word];
    const base = stem(word);
    const out = new Set([base]);
    for (const v of verbVariants(word)) if (v !== base && this.knows(v)) out.add(v);
    if (!this.isKnown(word) || word.length >= 12) {
      for (const p of this.splitCompound(word) ?? []) {
        if (!isStopword(p)) out.add(stem(p));
        // One level deeper: Zwischenverwendungsnachweis → zwischen + verwendungsnachweis → … + nachweis.
        if (p.length >= 12) for (const q of this.splitCompound(p) ?? []) if (!isStopword(q)) out.add(stem(q));
      }
    }
    return [...out];
  }

  private isKnown(word: string): boolean {
    return word.length >= MIN_PART && (this.vocabulary.words.has(word) || this.vocabulary.stems.has(stem(word)));
  }

  private knownLeft(left: string): string | null {
    if (this.vocabulary.words.has(left)) return left;
    for (const link of LINKS) {
      if (left.endsWith(link)) {
        const base = left.slice(0, -link.length);
        if (base.length >= MIN_PART && this.vocabulary.words.has(base)) return base;
      }
    }
    return null;
  }
}
