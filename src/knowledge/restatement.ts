/**
 * Restatements: the same rule written up in two documents (the FAQ and the summary of the 2020 change both on
 * "kennzahlen", with largely the same words). For a question on that rule either passage answers; the lead of
 * the best over its restatement says nothing about which rule the question means, so calibration looks past it.
 * Pure apart from a per-passage cache of term weights.
 */
import type { Passage } from './types.js';
import type { SearchIndex } from './index.minisearch.js';

/**
 * Least cosine similarity (idf-weighted terms of the text) of two passages under the same section name to count
 * as one rule restated. On this knowledge base restated rules score 0.48 to 1.0, same-named sections about
 * different things (chronik#2022 and ukraine#2022, the year only) about 0.13.
 */
export const RESTATEMENT_SIMILARITY = 0.4;

const vectors = new WeakMap<Passage, { terms: Map<string, number>; norm: number }>();

/** The passage's text as idf-weighted, log-scaled term frequencies (cached per passage object). */
function vectorOf(p: Passage, index: SearchIndex): { terms: Map<string, number>; norm: number } {
  const cached = vectors.get(p);
  if (cached !== undefined) return cached;
  const n = index.passages.length;
  const terms = new Map<string, number>();
  for (const t of index.analyzer.analyze(p.text)) terms.set(t, (terms.get(t) ?? 0) + 1);
  let sum = 0;
  for (const [t, count] of terms) {
    const w = (1 + Math.log(count)) * Math.log((n + 1) / ((index.df.get(t) ?? 0) + 0.5));
    terms.set(t, w);
    sum += w * w;
  }
  const v = { terms, norm: Math.sqrt(sum) };
  vectors.set(p, v);
  return v;
}

/** Shortest section name that counts as the start of a longer one. */
const MIN_SHARED_NAME = 5;

/**
 * Two section names for one thing: the same, or one the start of the other ("sachbericht" and "sachberichte",
 * "zusammenschluss" and "zusammenschluss-kreise").
 */
function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= MIN_SHARED_NAME && long.startsWith(short);
}

/**
 * True when two passages of different documents carry the same section name and largely the same words: one rule
 * restated (faq#kennzahlen, aenderung-2020#kennzahlen). Numbered sections of two versions of a regulation share
 * names too; their differing years are the consistency check's business, not this one's.
 *
 * @example isRestatement(faqKennzahlen, aenderungKennzahlen, index) // true
 */
export function isRestatement(a: Passage, b: Passage, index: SearchIndex): boolean {
  if (!sameName(a.section, b.section) || a.documentId === b.documentId) return false;
  const va = vectorOf(a, index);
  const vb = vectorOf(b, index);
  if (va.norm === 0 || vb.norm === 0) return false;
  let dot = 0;
  for (const [t, w] of va.terms) dot += w * (vb.terms.get(t) ?? 0);
  return dot / (va.norm * vb.norm) >= RESTATEMENT_SIMILARITY;
}
