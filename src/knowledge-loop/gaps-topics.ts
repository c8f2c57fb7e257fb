/**
 * Grouping knowledge gaps into topics (pure): items with the same nearest passage form one topic; items
 * without one are grouped by the analysed term they share with most other gaps. Terms come from the
 * knowledge base's German analysis (folding, stopwords, Snowball stem), so "Stellenteilung" and
 * "Stellenteilungen" meet.
 */
import { isStopword, stem } from '../knowledge/german.js';
import { tokenize } from '../knowledge/tokenize.js';

/** The analysed content terms of a question: no stopwords, no placeholders, no numbers, each once. */
export function questionTerms(question: string): string[] {
  const words = tokenize(question.replace(/\[[^\]]*\]/g, ' '));
  const out = new Set<string>();
  for (const w of words) if (w.length >= 3 && !/^\d/.test(w) && !isStopword(w)) out.add(stem(w));
  return [...out];
}

export interface TopicInput {
  passageId: string | null;
  terms: string[];
}

/**
 * A topic key per item, in input order: `passage:<id>` or `term:<stem>` (or `term:` when an item has no
 * content term at all).
 */
export function topicKeys(items: readonly TopicInput[]): string[] {
  const df = new Map<string, number>();
  for (const item of items) for (const t of item.terms) df.set(t, (df.get(t) ?? 0) + 1);
  return items.map((item) => {
    if (item.passageId !== null) return `passage:${item.passageId}`;
    let best = '';
    let bestCount = 0;
    for (const t of [...item.terms].sort()) {
      const n = df.get(t) ?? 0;
      if (n > bestCount) [best, bestCount] = [t, n];
    }
    return `term:${best}`;
  });
}

/** The terms most of a topic's items share (at least two items, or the most frequent when only one), at most `limit`. */
export function sharedTerms(termLists: readonly string[][], limit = 3): string[] {
  const counts = new Map<string, number>();
  for (const terms of termLists) for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  const floor = termLists.length > 1 ? 2 : 1;
  return [...counts.entries()]
    .filter(([, n]) => n >= floor)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([t]) => t);
}
