/**
 * The question index: every typical question (`fragen`) and every title is a document of its own, pointing to
 * its passage. A user's question is compared with each typical question separately (short documents, so BM25
 * length normalisation favours close paraphrases) and the best one counts for the passage. Concatenating all
 * typical questions into one field would dilute exactly that signal.
 */
import MiniSearch, { type AsPlainObject, type SearchOptions } from 'minisearch';
import type { GermanAnalyzer } from './analyzer.js';
import { isStopword } from './german.js';
import { frameTerm } from './query.js';
import { tokenize } from './tokenize.js';
import { answerTypes } from './answer-type.js';
import type { Passage } from './types.js';

interface QuestionDoc {
  id: number;
  text: string;
}

/** Best question match per passage. */
export interface QuestionMatch {
  score: number;
  queryTerms: string[];
}

/** Serialised form for the index cache. */
export interface SerializedQuestionIndex {
  passageOf: number[];
  mini: AsPlainObject;
}

/** A built question index. */
export interface QuestionIndex {
  search(terms: string[], options: SearchOptions): Map<number, QuestionMatch>;
  serialize(): SerializedQuestionIndex;
}

const OPTIONS = {
  fields: ['text'],
  storeFields: [],
  tokenize: (text: string): string[] => (text === '' ? [] : text.split(' ')),
  processTerm: (term: string): string => term,
  searchOptions: { tokenize: (s: string): string[] => [s], processTerm: (t: string): string => t },
};

/** Builds the question index from the passages' titles and typical questions. */
export function buildQuestionIndex(passages: Passage[], analyzer: GermanAnalyzer): QuestionIndex {
  const passageOf: number[] = [];
  const docs: QuestionDoc[] = [];
  passages.forEach((p, i) => {
    for (const q of [p.title, ...(p.questions ?? [])]) {
      const words = tokenize(q);
      const content: string[] = [];
      for (const w of words) for (const t of analyzer.terms(w)) content.push(t);
      content.push(...answerTypes(q));
      if (content.length === 0) continue;
      const text = [...content, ...words.filter(isStopword).map(frameTerm)].join(' ');
      docs.push({ id: docs.length, text });
      passageOf.push(i);
    }
  });
  const mini = new MiniSearch<QuestionDoc>(OPTIONS);
  mini.addAll(docs);
  return wrap(mini, passageOf);
}

/** Restores a question index from {@link QuestionIndex.serialize}. */
export function restoreQuestionIndex(data: SerializedQuestionIndex): QuestionIndex {
  return wrap(MiniSearch.loadJS<QuestionDoc>(data.mini, OPTIONS), data.passageOf);
}

function wrap(mini: MiniSearch<QuestionDoc>, passageOf: number[]): QuestionIndex {
  return {
    search: (terms, options) => {
      const best = new Map<number, QuestionMatch>();
      for (const r of mini.search({ combineWith: 'OR', queries: terms }, options)) {
        const passage = passageOf[r.id as number]!;
        const seen = best.get(passage);
        if (seen === undefined || r.score > seen.score) best.set(passage, { score: r.score, queryTerms: r.queryTerms });
      }
      return best;
    },
    serialize: () => ({ passageOf, mini: mini.toJSON() }),
  };
}
