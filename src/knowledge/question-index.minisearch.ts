/**
 * The question index: every typical question (`fragen`) and every title is a document of its own, pointing to
 * its passage. A user's question is compared with each typical question separately (short documents, so BM25
 * length normalisation favours close paraphrases) and the best one counts for the passage. Concatenating all
 * typical questions into one field would dilute exactly that signal.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import { scoreQuery, type ScoreOptions, type TermQuery } from './score.minisearch.js';
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

/** The best typical question per passage: passage index → its score and position among the results. */
export interface QuestionMatches {
  best: Map<number, { score: number; at: number }>;
  /** The query terms the typical question at a position matched (read on demand: only the top hits need them). */
  terms(at: number): string[];
}

/** Serialised form for the index cache. */
export interface SerializedQuestionIndex {
  passageOf: number[];
  /** Answer types of each typical question (answer-type.ts), aligned with `passageOf`. */
  types: string[][];
  mini: AsPlainObject;
}

/** A built question index. */
export interface QuestionIndex {
  /** `asked`: the answer types of the user's question; a typical question asking for another kind of answer counts less. */
  search(queries: TermQuery[], options: Omit<ScoreOptions, 'fields'>, asked?: readonly string[]): QuestionMatches;
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
  const types: string[][] = [];
  const docs: QuestionDoc[] = [];
  passages.forEach((p, i) => {
    for (const q of [p.title, ...(p.questions ?? [])]) {
      const words = tokenize(q);
      const content: string[] = [];
      for (const w of words) for (const t of analyzer.terms(w)) content.push(t);
      const asks = answerTypes(q);
      content.push(...asks);
      if (content.length === 0) continue;
      const text = [...content, ...words.filter(isStopword).map(frameTerm)].join(' ');
      docs.push({ id: docs.length, text });
      passageOf.push(i);
      types.push(asks);
    }
  });
  const mini = new MiniSearch<QuestionDoc>(OPTIONS);
  mini.addAll(docs);
  return wrap(mini, passageOf, types);
}

/** Restores a question index from {@link QuestionIndex.serialize}. */
export function restoreQuestionIndex(data: SerializedQuestionIndex): QuestionIndex {
  return wrap(MiniSearch.loadJS<QuestionDoc>(data.mini, OPTIONS), data.passageOf, data.types);
}

/**
 * Score factor of a typical question that asks for another kind of answer than the user's question ("Wer ist …
 * zuständig?" for "Für wie viele Geflüchtete ist eine Vollzeitkraft zuständig?"): its shared words say less.
 */
export const OTHER_ANSWER_TYPE = 0.5;

function wrap(mini: MiniSearch<QuestionDoc>, passageOf: number[], types: string[][]): QuestionIndex {
  return {
    search: (queries, options, asked = []) => {
      const scored = scoreQuery(mini, queries, { ...options, fields: OPTIONS.fields });
      // The best typical question per passage; of equal ones the first met, as a stable sort by score keeps it.
      const best = new Map<number, { score: number; at: number }>();
      for (let at = 0; at < scored.ids.length; at++) {
        const doc = scored.ids[at] as number;
        const passage = passageOf[doc]!;
        const own = types[doc]!;
        const other = asked.length > 0 && own.length > 0 && !own.some((t) => asked.includes(t));
        const score = scored.scores[at]! * (other ? OTHER_ANSWER_TYPE : 1);
        const seen = best.get(passage);
        if (seen === undefined) best.set(passage, { score, at });
        else if (score > seen.score) {
          seen.score = score;
          seen.at = at;
        }
      }
      return { best, terms: (at) => scored.queryTerms(at) };
    },
    serialize: () => ({ passageOf, types, mini: mini.toJSON() }),
  };
}
