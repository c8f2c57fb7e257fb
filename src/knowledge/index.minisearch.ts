/**
 * The search index: MiniSearch over passages with the German analyzer, field boosts and tuned BM25.
 * Query-time work is one MiniSearch query with precomputed term boosts; everything else is done at build.
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import { GermanAnalyzer, vocabularyFromWords } from './analyzer.js';
import type { QueryPlan } from './query.js';
import type { CompiledSynonyms, SynonymFile } from './synonyms.js';
import { answerTypes } from './answer-type.js';
import { buildQuestionIndex, restoreQuestionIndex, type QuestionIndex, type SerializedQuestionIndex } from './question-index.minisearch.js';
import { leading, scoreQuery, type TermQuery } from './score.minisearch.js';
import { tokenize } from './tokenize.js';
import type { Passage } from './types.js';
import { fit, type Fit, type PassageFacets } from './consistency.js';
import { deriveFromPassages, restoreDerived, serializeDerived, type Derived, type SerializedDerived } from './index-derived.js';
import { FIELDS, toDoc, type IndexedDoc } from './baseline.minisearch.js';
import { fitFactor, weighTerms } from './weights.js';

export { buildDefaultIndex } from './baseline.minisearch.js';

/** Search settings (field boosts, BM25, fuzzy); see {@link SEARCH_SETTINGS}. */
export interface SearchSettings {
  boost: { title: number; questions: number; text: number; context: number };
  bm25: { k: number; b: number; d: number };
  relatedWeight: number;
  /** Weight of the synonyms of a word the knowledge base never uses: they stand in for the word. */
  standInWeight: number;
  /** Weight of the best matching typical question (question index) added to the passage score. */
  questionWeight: number;
  /** Lower bound of the corpus-wide idf factor applied to each query term. */
  minTermWeight: number;
  /** Weight of the question's answer type (amount, date, person …) matched against typical questions. */
  answerTypeWeight: number;
  /** Weight of each function word of the question matched against typical questions (question index only). */
  frameWeight: number;
  /**
   * Score factors for a passage that does not fit the question (consistency.ts): other years, another programme,
   * no amount for an amount question, only other kinds of answer asked in its title and typical questions
   * (`otherType`: "Wer ist … zuständig?" for "Für wie viele … zuständig?"); `ownYear` (a passage whose own title
   * names the asked year) is 1: a reward only ever lifted history passages over the rule passage. `otherYear`: own
   * years all other than the asked one, which it mentions in passing (the chronicle of 2020/2021 for 2019).
   */
  consistency: { year: number; programme: number; amount: number; narrower: number; ownYear: number; otherYear: number; otherType: number };
  fuzzy: number;
  fuzzyMinLength: number;
  maxFuzzy: number;
  weights: { fuzzy: number; prefix: number };
}

/** Search settings, tuned on the development set; exported so the cache key and the benchmark can name them. */
export const SEARCH_SETTINGS: Readonly<SearchSettings> = {
  boost: { title: 1.5, questions: 2, text: 1, context: 0.3 },
  bm25: { k: 1.6, b: 0.8, d: 0.5 },
  /** Weight of a synonym/abbreviation expansion relative to the word itself. */
  relatedWeight: 0.3,
  standInWeight: 1,
  answerTypeWeight: 0.5,
  frameWeight: 0.1,
  minTermWeight: 0.3,
  questionWeight: 0.5,
  consistency: { year: 0.5, programme: 0.35, amount: 0.4, narrower: 0.7, ownYear: 1, otherYear: 0.7, otherType: 0.8 },
  /** Fuzzy distance as a fraction of term length for words of at least `fuzzyMinLength` letters, at most 2 edits. */
  fuzzy: 0.15,
  fuzzyMinLength: 6,
  maxFuzzy: 2,
  weights: { fuzzy: 0.45, prefix: 0.35 },
};

/** Candidates (by their word score) whose fit with the question is checked. */
const RERANK_DEPTH = 20;
/** The passage's own fields (not the document title around it), and those naming its topic. */
const OWN_FIELDS = ['title', 'questions', 'text'];
const TOPIC_FIELDS = ['title', 'questions'];

/** One ranked hit with the query groups it matched. */
export interface RankedHit {
  passage: Passage;
  score: number;
  /** Indices of the plan's groups matched by this passage. */
  matched: number[];
  /** Query terms matched by this passage (exactly, by prefix or fuzzily). */
  terms: ReadonlySet<string>;
  /**
   * Query terms matched in the passage's own words (title, typical questions, body), not only in the document
   * title around it.
   */
  ownTerms: ReadonlySet<string>;
  /** Query terms matched in the passage's title or typical questions: what the passage is about. */
  topicTerms: ReadonlySet<string>;
  /** How the passage fits the question's years, programme and answer type. */
  fit: Fit;
  /** Score from the words alone, before the fit factor (consistency.ts) re-ranked it. */
  wordScore: number;
}

/** Built index: analyzer, synonyms, MiniSearch and document frequencies. */
export interface SearchIndex {
  analyzer: GermanAnalyzer;
  synonyms: CompiledSynonyms;
  passages: Passage[];
  /** Number of passages containing each term. */
  df: Map<string, number>;
  /**
   * The programme's own vocabulary: terms of passage and document titles, typical questions, synonyms,
   * abbreviations and core terms. A question using one of them is about the programme, even when no passage
   * answers it (then it is handed over, never declined).
   */
  domain: ReadonlySet<string>;
  search(plan: QueryPlan, limit: number): RankedHit[];
  /** Plain data for the on-disk cache. */
  serialize(): SerializedIndex;
}

/** What the cache stores to restore an index without re-analysing the passages. */
export interface SerializedIndex {
  vocabulary: string[];
  /** The stems of `vocabulary`. */
  stems: string[];
  df: [string, number][];
  domain: string[];
  synonyms: SynonymFile;
  mini: AsPlainObject;
  questions: SerializedQuestionIndex;
  /** Compiled synonyms and passage facets (index-derived.ts). */
  derived: SerializedDerived;
}

/**
 * MiniSearch receives documents whose fields are already analysed (arrays of terms, passed through without
 * stringifying or tokenising): each text is tokenised and analysed exactly once at build, and the same terms
 * feed the document frequencies.
 */
interface AnalysedDoc {
  id: number;
  title: string[];
  questions: string[];
  text: string[];
  context: string[];
}

function miniSearchOptions(): Options<AnalysedDoc> {
  return {
    fields: FIELDS,
    storeFields: [],
    stringifyField: (value) => value as string,
    tokenize: (terms) => terms as unknown as string[],
    processTerm: (term) => term,
    searchOptions: { tokenize: (s) => [s], processTerm: (t) => t },
  };
}

/**
 * Builds the index. `documentTitles` maps document id → title (indexed as low-weight context).
 *
 * @example buildIndex(passages, synonymFile, new Map([['faq', 'Häufige Fragen']]))
 */
export function buildIndex(
  passages: Passage[],
  synonymFile: SynonymFile,
  documentTitles: Map<string, string>,
  settings: SearchSettings = SEARCH_SETTINGS,
): SearchIndex {
  const docs = passages.map((p, i) => toDoc(p, i, documentTitles));
  const words = docs.map((d) => FIELDS.map((f) => tokenize(d[f as keyof IndexedDoc] as string)));
  const analyzer = new GermanAnalyzer(vocabularyFromWords(words.flat()));
  const df = new Map<string, number>();
  const domain = new Set<string>();
  const mini = new MiniSearch<AnalysedDoc>(miniSearchOptions());
  // One document at a time: analyse, count, add, and let its term arrays go (less memory, less GC).
  docs.forEach((d, i) => {
    const seen = new Set<string>();
    const fields = words[i]!.map((fieldWords, f) => {
      const terms: string[] = [];
      for (const w of fieldWords) for (const t of analyzer.terms(w)) terms.push(t);
      for (const t of terms) seen.add(t);
      // title, questions and document title (context) name what the programme is about; the body does not.
      if (f !== 2) for (const t of terms) domain.add(t);
      return terms;
    });
    words[i] = [];
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
    const questions = [...fields[1]!, ...answerTypes(`${d.title}\n${d.questions}`)];
    mini.add({ id: d.id, title: fields[0]!, questions, text: fields[2]!, context: fields[3]! });
  });
  const parts = { analyzer, mini, questions: buildQuestionIndex(passages, analyzer), passages, df, domain, documentTitles };
  return assemble(parts, synonymFile, settings);
}

/** Restores an index from {@link SearchIndex.serialize} output (same passages, same settings). */
export function restoreIndex(passages: Passage[], data: SerializedIndex): SearchIndex {
  const analyzer = new GermanAnalyzer({ words: new Set(data.vocabulary), stems: new Set(data.stems) });
  const mini = MiniSearch.loadJS<AnalysedDoc>(data.mini, miniSearchOptions());
  const questions = restoreQuestionIndex(data.questions);
  const parts = { analyzer, mini, questions, passages, df: new Map(data.df), domain: new Set(data.domain), documentTitles: new Map<string, string>() };
  return assemble(parts, data.synonyms, SEARCH_SETTINGS, restoreDerived(data.derived));
}

/** The parts a search runs on. */
interface Parts {
  analyzer: GermanAnalyzer;
  mini: MiniSearch<AnalysedDoc>;
  questions: QuestionIndex;
  passages: Passage[];
  df: Map<string, number>;
  domain: Set<string>;
  /** Document id → title, where the passages do not carry it themselves. */
  documentTitles: Map<string, string>;
}

/** `derived`: restored from the cache; otherwise compiled here. */
function assemble(parts: Parts, synonymFile: SynonymFile, settings: SearchSettings, derived?: Derived): SearchIndex {
  const { analyzer, mini, questions, passages, df } = parts;
  const { synonyms, facets } = derived ?? deriveFromPassages(passages, synonymFile, analyzer, (t) => new Set(mini.search(t).map((r) => r.id as number)), parts.documentTitles);
  const domain = new Set([...parts.domain, ...synonyms.vocabulary]);
  return {
    analyzer,
    synonyms,
    passages,
    df,
    domain,
    search: (plan, limit) => runSearch(parts, facets, plan, limit, settings),
    serialize: () => ({
      vocabulary: [...analyzer.vocabulary.words],
      stems: [...analyzer.vocabulary.stems],
      df: [...df],
      domain: [...parts.domain],
      synonyms: synonymFile,
      mini: mini.toJSON(),
      questions: questions.serialize(),
      derived: serializeDerived({ synonyms, facets }),
    }),
  };
}

function runSearch(parts: Parts, facets: PassageFacets[], plan: QueryPlan, limit: number, settings: SearchSettings): RankedHit[] {
  const { mini, questions, passages, df } = parts;
  const { weight, fuzzy, groupOf } = weighTerms(df, passages.length, plan, settings);
  const last = plan.groups.at(-1);
  const prefix = new Set(last !== undefined && /[\p{L}\d]$/u.test(plan.cleaned) ? last.own.filter((t) => t.length >= 3) : []);
  if (weight.size === 0) return [];
  const query = (term: string, boost: number): TermQuery => ({ term, boost, prefix: prefix.has(term), fuzzy: fuzzy.get(term) ?? 0 });
  const terms = [...weight.keys()];
  const queries = terms.map((t) => query(t, weight.get(t)!));
  const scoring = { bm25: settings.bm25, weights: settings.weights };
  // Scores only: the matched terms and fields are read for the hits returned (most OR results never reach the top).
  const main = scoreQuery(mini, queries, { ...scoring, fields: FIELDS, boost: settings.boost });
  // Word score per passage: the passage index's score plus the weighted best typical question.
  const score = new Float64Array(passages.length);
  const mainAt = new Int32Array(passages.length).fill(-1);
  const candidates: number[] = [];
  for (let at = 0; at < main.ids.length; at++) {
    const i = main.ids[at] as number;
    score[i] = main.scores[at]!;
    mainAt[i] = at;
    candidates.push(i);
  }
  // Function words rank typical questions phrased the same way, with a small weight of their own.
  const frame = plan.frame.filter((t) => !weight.has(t)).map((t) => query(t, settings.frameWeight));
  const typical = questions.search([...queries, ...frame], scoring, plan.answerTypes);
  for (const [i, q] of typical.best) {
    if (mainAt[i] === -1) candidates.push(i);
    score[i] = score[i]! + settings.questionWeight * q.score;
  }
  // The fit re-ranks the leading candidates only: a factor of at most `ownYear` cannot lift a passage from
  // further down into the first `limit`.
  const byWords = leading(candidates, (i) => score[i]!, Math.max(2 * limit, RERANK_DEPTH));
  return byWords
    .map((i) => {
      const f = fit(plan.facets, facets[i]!);
      return { i, fit: f, wordScore: score[i]!, score: score[i]! * fitFactor(f, settings) };
    })
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limit)
    .map(({ i, ...r }) => {
      const at = mainAt[i]!;
      const result = at < 0 ? null : { queryTerms: main.queryTerms(at), match: main.match(at) };
      const q = typical.best.get(i);
      const extra = q === undefined ? [] : typical.terms(q.at);
      const matchedTerms = [...(result?.queryTerms ?? []), ...extra];
      return {
        passage: passages[i]!,
        ...r,
        matched: [...new Set(matchedTerms.flatMap((t) => groupOf.get(t) ?? []))],
        terms: new Set(matchedTerms),
        ownTerms: new Set([...(result === null ? [] : ownMatches(result)), ...extra]),
        topicTerms: new Set([...(result === null ? [] : ownMatches(result, TOPIC_FIELDS)), ...extra]),
      };
    });
}

/**
 * The query terms a MiniSearch result matched in the passage's own fields (not only in `context`). Result keys
 * are index terms; a query term matched by prefix or fuzzily counts when any non-exact key was found there.
 */
function ownMatches(r: Pick<SearchResult, 'queryTerms' | 'match'>, fields: readonly string[] = OWN_FIELDS): string[] {
  const inOwn = (key: string): boolean => (r.match[key] ?? []).some((f) => fields.includes(f));
  if (r.queryTerms.every((t) => t in r.match)) return r.queryTerms.filter(inOwn);
  const inexact = Object.keys(r.match).filter((k) => !r.queryTerms.includes(k)).some(inOwn);
  return r.queryTerms.filter((t) => (t in r.match ? inOwn(t) : inexact));
}
