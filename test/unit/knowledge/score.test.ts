import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { leading, scoreQuery, type TermQuery } from '../../../src/knowledge/score.minisearch.js';

interface Doc {
  id: number;
  title: string;
  text: string;
}

const docs: Doc[] = [
  { id: 0, title: 'Sachbericht Umfang', text: 'Der Sachbericht soll kurz sein und den Verwendungsnachweis ergänzen.' },
  { id: 1, title: 'Verwendungsnachweis', text: 'Der Verwendungsnachweis besteht aus Sachbericht und zahlenmäßigem Nachweis, Sachberichte je Stelle.' },
  { id: 2, title: 'Fortbildung', text: 'Fortbildungskosten sind förderfähig, Fortbildungen ebenso.' },
  { id: 3, title: 'Stellenanteil', text: 'Ein Stellenanteil von 0,5 Stellen ist möglich; die Stelle wird geteilt.' },
  { id: 4, title: 'Leer', text: '' },
];

const fields = ['title', 'text'];
const bm25 = { k: 1.6, b: 0.8, d: 0.5 };
const weights = { fuzzy: 0.45, prefix: 0.35 };
const boost = { title: 1.5, text: 1 };

function index(): MiniSearch<Doc> {
  const mini = new MiniSearch<Doc>({ fields, storeFields: [] });
  mini.addAll(docs);
  return mini;
}

/** The same query through MiniSearch#search: what scoreQuery must reproduce. */
function reference(mini: MiniSearch<Doc>, queries: TermQuery[]): { id: unknown; score: number; queryTerms: string[]; match: unknown }[] {
  const byTerm = new Map(queries.map((q) => [q.term, q]));
  return mini
    .search(
      { combineWith: 'OR', queries: queries.map((q) => q.term) },
      {
        boost,
        bm25,
        weights,
        prefix: (t) => byTerm.get(t)!.prefix,
        fuzzy: (t) => byTerm.get(t)!.fuzzy || false,
        boostTerm: (t) => byTerm.get(t)!.boost,
      },
    )
    .map((r) => ({ id: r.id, score: r.score, queryTerms: r.queryTerms, match: r.match }));
}

function scored(mini: MiniSearch<Doc>, queries: TermQuery[]): { id: unknown; score: number; queryTerms: string[]; match: unknown }[] {
  const s = scoreQuery(mini, queries, { fields, boost, bm25, weights });
  const rows = s.ids.map((id, i) => ({ id, score: s.scores[i]!, queryTerms: s.queryTerms(i), match: s.match(i) }));
  // MiniSearch sorts by score, stable on the order of first match.
  return rows.sort((a, b) => b.score - a.score);
}

describe('scoreQuery', () => {
  const cases: [string, TermQuery[]][] = [
    ['exact terms', [{ term: 'sachbericht', boost: 1, prefix: false, fuzzy: 0 }, { term: 'verwendungsnachweis', boost: 0.7, prefix: false, fuzzy: 0 }]],
    ['a prefix', [{ term: 'fortbildung', boost: 1, prefix: true, fuzzy: 0 }]],
    ['a typo matched fuzzily', [{ term: 'sachbricht', boost: 0.9, prefix: false, fuzzy: 2 }, { term: 'stelle', boost: 0.4, prefix: false, fuzzy: 0 }]],
    ['prefix and fuzzy together', [{ term: 'stelle', boost: 1, prefix: true, fuzzy: 1 }, { term: 'sachbericht', boost: 0.3, prefix: true, fuzzy: 2 }]],
    ['no match', [{ term: 'wohngeld', boost: 1, prefix: false, fuzzy: 0 }]],
  ];
  for (const [name, queries] of cases) {
    it(`scores ${name} exactly as MiniSearch#search`, () => {
      const mini = index();
      expect(scored(mini, queries)).toEqual(reference(mini, queries));
    });
  }

  it('leaves no state behind between queries', () => {
    const mini = index();
    const q: TermQuery[] = [{ term: 'sachbericht', boost: 1, prefix: true, fuzzy: 1 }];
    const first = scored(mini, q);
    scored(mini, [{ term: 'stelle', boost: 2, prefix: true, fuzzy: 0 }]);
    expect(scored(mini, q)).toEqual(first);
  });
});

describe('leading', () => {
  it('keeps the k best, best first, ties by the smaller item, as a full sort would', () => {
    const scores = [0.5, 2, 2, 1, 0.5, 3, 0, 2];
    const items = [7, 3, 0, 5, 1, 6, 2, 4];
    const sorted = [...items].sort((a, b) => scores[b]! - scores[a]! || a - b);
    for (const k of [1, 3, 5, 8, 10]) expect(leading(items, (i) => scores[i]!, k)).toEqual(sorted.slice(0, k));
  });
});
