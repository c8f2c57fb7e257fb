/**
 * OR queries over a MiniSearch index, scored exactly as `MiniSearch#search` scores them (same BM25, the same
 * prefix and fuzzy expansions and weights, the same order of floating-point additions), without its per-result
 * objects: scores accumulate in typed arrays reused across queries, and the matched terms and fields are read
 * only for the documents a caller asks about (the few that reach the top). On a large index most OR results never
 * do, and building their match objects was most of the search time and of the garbage behind the latency tail.
 *
 * It reads MiniSearch's index structures (protected members, stable in the 7.x line); `score.minisearch.test.ts`
 * checks the scores against `MiniSearch#search` so an upgrade that changes them fails there.
 */
import type MiniSearch from 'minisearch';

/** Field id → (short document id → term frequency). */
type FieldTermData = Map<number, Map<number, number>>;

interface TermMap {
  get(term: string): FieldTermData | undefined;
  atPrefix(prefix: string): Iterable<[string, FieldTermData]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [FieldTermData, number]>;
}

/** The members of a MiniSearch instance this module reads. */
interface Internals {
  _index: TermMap;
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
}

/** One query term: its boost and whether it also matches by prefix or fuzzily (edit distance). */
export interface TermQuery {
  term: string;
  boost: number;
  prefix: boolean;
  /** Maximum edit distance, or 0 for none. */
  fuzzy: number;
}

/** Search options, as MiniSearch's (field boosts, BM25 parameters, weights of prefix and fuzzy matches). */
export interface ScoreOptions {
  fields: readonly string[];
  boost?: Readonly<Record<string, number>>;
  bm25: { k: number; b: number; d: number };
  weights: { fuzzy: number; prefix: number };
}

/** Scored documents of one query, in the order MiniSearch first met them. */
export interface Scored {
  /** Document ids (the indexed `id`), in order of first match. */
  ids: unknown[];
  /** Scores, aligned with `ids` (as `SearchResult.score`). */
  scores: number[];
  /** The query terms a document matched (as `SearchResult.queryTerms`). */
  queryTerms(index: number): string[];
  /** Index term → fields it matched in, for one document (as `SearchResult.match`). */
  match(index: number): Record<string, string[]>;
}

/** One expansion of a query term: an index term with its weight. */
interface Expansion {
  term: string;
  weight: number;
  data: FieldTermData;
}

/** Reusable per-index buffers (queries run one at a time: JavaScript is single-threaded here). */
const buffers = new WeakMap<object, { total: Float64Array; term: Float64Array; count: Uint16Array; seen: Uint8Array }>();

function buffersOf(m: Internals): { total: Float64Array; term: Float64Array; count: Uint16Array; seen: Uint8Array } {
  let b = buffers.get(m);
  if (b === undefined || b.total.length < m._nextId) {
    const n = Math.max(m._nextId, 16);
    b = { total: new Float64Array(n), term: new Float64Array(n), count: new Uint16Array(n), seen: new Uint8Array(n) };
    buffers.set(m, b);
  }
  return b;
}

/** Expansions (exact, by prefix or typo) per index, kept for terms that recur (bounded: cleared when full). */
const expansionCache = new WeakMap<object, Map<string, Expansion[]>>();
const MAX_CACHED = 5_000;

/**
 * The expansions of one query term, as MiniSearch's executeQuerySpec builds them (exact, prefix, fuzzy). A fuzzy
 * or prefix walk over the term tree costs far more than an exact lookup, so its result is kept per index (the index
 * never changes; a re-index builds a new one).
 */
function expand(m: Internals, q: TermQuery, weights: ScoreOptions['weights']): Expansion[] {
  let cache = expansionCache.get(m);
  if (cache === undefined) expansionCache.set(m, (cache = new Map()));
  // An exact term is one walk down the radix tree per field lookup; kept too (the same words recur across asks).
  const key = q.fuzzy === 0 && !q.prefix ? q.term : `${q.term}\u0000${q.fuzzy}\u0000${q.prefix}\u0000${weights.fuzzy}\u0000${weights.prefix}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const out = q.fuzzy === 0 && !q.prefix ? exactly(m, q.term) : walk(m, q, weights);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, out);
  return out;
}

function exactly(m: Internals, term: string): Expansion[] {
  const exact = m._index.get(term);
  return exact === undefined ? [] : [{ term, weight: 1, data: exact }];
}

function walk(m: Internals, q: TermQuery, weights: ScoreOptions['weights']): Expansion[] {
  const out: Expansion[] = [];
  const exact = m._index.get(q.term);
  if (exact !== undefined) out.push({ term: q.term, weight: 1, data: exact });
  const fuzzy = q.fuzzy > 0 ? m._index.fuzzyGet(q.term, q.fuzzy) : undefined;
  if (q.prefix) {
    for (const [term, data] of m._index.atPrefix(q.term)) {
      const distance = term.length - q.term.length;
      if (distance === 0) continue;
      fuzzy?.delete(term);
      out.push({ term, weight: (weights.prefix * term.length) / (term.length + 0.3 * distance), data });
    }
  }
  if (fuzzy !== undefined) {
    for (const [term, [data, distance]] of fuzzy) {
      if (distance === 0) continue;
      out.push({ term, weight: (weights.fuzzy * term.length) / (term.length + distance), data });
    }
  }
  return out;
}

/**
 * Runs an OR query of `queries` over `mini` and scores every matching document as `mini.search` would.
 *
 * @example scoreQuery(mini, [{ term: 'sachbericht', boost: 1, prefix: false, fuzzy: 0 }], { fields: ['text'], bm25, weights })
 */
export function scoreQuery<T>(mini: MiniSearch<T>, queries: readonly TermQuery[], options: ScoreOptions): Scored {
  const m = mini as unknown as Internals;
  const { total, term: termScore, count, seen } = buffersOf(m);
  const fields = options.fields.map((f) => ({ name: f, id: m._fieldIds[f]!, boost: options.boost?.[f] ?? 1 }));
  const { k, b, d } = options.bm25;
  const order: number[] = [];
  const expansions: Expansion[][] = [];
  for (const q of queries) {
    const expanded = expand(m, q, options.weights);
    expansions.push(expanded);
    const touched: number[] = [];
    for (const e of expanded) {
      for (const f of fields) {
        const freqs = e.data.get(f.id);
        if (freqs === undefined) continue;
        const matching = freqs.size;
        const avg = m._avgFieldLength[f.id]!;
        const idf = Math.log(1 + (m._documentCount - matching + 0.5) / (matching + 0.5));
        const factor = e.weight * q.boost * f.boost;
        for (const [doc, tf] of freqs) {
          const length = m._fieldLength.get(doc)![f.id]!;
          const raw = idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / avg)));
          const weighted = factor * raw;
          if (seen[doc] === 0) {
            seen[doc] = 1;
            order.push(doc);
          }
          if (seen[doc] === 1) {
            seen[doc] = 2;
            touched.push(doc);
            termScore[doc] = weighted;
          } else termScore[doc] = termScore[doc]! + weighted;
        }
      }
    }
    // Per term, then term by term: the additions of MiniSearch's OR combinator, in its order.
    for (const doc of touched) {
      total[doc] = total[doc]! + termScore[doc]!;
      count[doc] = count[doc]! + 1;
      seen[doc] = 1;
    }
  }
  const ids: unknown[] = [];
  const scores: number[] = [];
  for (const doc of order) {
    ids.push(m._documentIds.get(doc));
    scores.push(total[doc]! * (count[doc]! || 1));
    total[doc] = 0;
    count[doc] = 0;
    seen[doc] = 0;
  }
  const has = (e: Expansion, doc: number, field: number): boolean => e.data.get(field)?.has(doc) === true;
  return {
    ids,
    scores,
    queryTerms: (i) => {
      const doc = order[i]!;
      return queries.filter((_, qi) => expansions[qi]!.some((e) => fields.some((f) => has(e, doc, f.id)))).map((q) => q.term);
    },
    match: (i) => {
      const doc = order[i]!;
      const match: Record<string, string[]> = {};
      for (const expanded of expansions) {
        for (const e of expanded) {
          const inFields = fields.filter((f) => has(e, doc, f.id)).map((f) => f.name);
          if (inFields.length > 0) match[e.term] = inFields;
        }
      }
      return match;
    },
  };
}

/**
 * The `k` items of highest score, best first, ties by the smaller item (as a full sort by score descending, then
 * item ascending, cut to `k`), without sorting them all.
 *
 * @example leading([3, 1, 2], (i) => [0, 5, 5, 1][i]!, 2) // [1, 2]
 */
export function leading(items: readonly number[], score: (item: number) => number, k: number): number[] {
  const top: number[] = [];
  const before = (a: number, b: number): boolean => score(a) > score(b) || (score(a) === score(b) && a < b);
  for (const item of items) {
    if (top.length === k && !before(item, top[k - 1]!)) continue;
    let at = top.length === k ? k - 1 : top.length;
    while (at > 0 && before(item, top[at - 1]!)) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = item;
  }
  return top;
}
