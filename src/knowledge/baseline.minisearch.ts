/**
 * The baseline `eval` prints beside ours: MiniSearch with its default options over the same passages and fields.
 */
import MiniSearch from 'minisearch';
import type { Passage } from './types.js';

/** @internal */
export const FIELDS = ['title', 'questions', 'text', 'context'];

/** @internal A passage as MiniSearch sees it (also the baseline's document). */
export interface IndexedDoc {
  id: number;
  title: string;
  questions: string;
  text: string;
  context: string;
}

/** @internal */
export function toDoc(p: Passage, i: number, documentTitles: Map<string, string>): IndexedDoc {
  return { id: i, title: p.title, questions: (p.questions ?? []).join(' \n '), text: p.text, context: documentTitles.get(p.documentId) ?? '' };
}

/**
 * A MiniSearch index with the library's default options (default tokenizer and lower-casing, no boosts,
 * no fuzzy, no prefix) over the same passages: the baseline `eval` prints beside ours.
 */
export function buildDefaultIndex(passages: Passage[]): (question: string, limit: number) => string[] {
  const mini = new MiniSearch<IndexedDoc>({ fields: FIELDS });
  mini.addAll(passages.map((p, i) => toDoc(p, i, new Map())));
  return (question, limit) => mini.search(question).slice(0, limit).map((r) => passages[r.id as number]!.id);
}
