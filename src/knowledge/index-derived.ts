/**
 * What the search index derives from its passages and synonyme.yaml once built: the compiled synonyms and each
 * passage's facets (consistency.ts). Both depend only on the passages, the synonym file and the analyzer's
 * vocabulary, so the on-disk cache stores them (as plain arrays) and a start restores them instead of analysing
 * every synonym and passage title again.
 */
import type { GermanAnalyzer } from './analyzer.js';
import { passageFacets, yearsOf, type PassageFacets } from './consistency.js';
import { currentFlags, historyFlags } from './history.js';
import { compileSynonyms, type Abbreviation, type CompiledSynonyms, type SynonymFile } from './synonyms.js';
import type { Passage } from './types.js';

/** Compiled synonyms and passage facets of one index. */
export interface Derived {
  synonyms: CompiledSynonyms;
  facets: PassageFacets[];
}

/** {@link Derived} as plain data for the cache (maps and sets as arrays). */
export interface SerializedDerived {
  synonyms: {
    abbreviations: [string, Abbreviation][];
    related: [string, string[]][];
    offTopic: string[];
    core: string[];
    vocabulary: string[];
    generic: string[];
    programmes: CompiledSynonyms['programmes'];
  };
  facets: (Omit<PassageFacets, 'about' | 'mentions'> & { about: string[]; mentions: string[] })[];
}

/**
 * Compiles the synonyms against the analyzer and the facets of every passage. `holders` tells which passages
 * contain an analysed term (a few exact index lookups instead of analysing every text again);
 * `documentTitles` maps document id → title where the passages do not carry it.
 */
export function deriveFromPassages(
  passages: Passage[],
  synonymFile: SynonymFile,
  analyzer: GermanAnalyzer,
  holders: (term: string) => ReadonlySet<number>,
  documentTitles: ReadonlyMap<string, string>,
): Derived {
  const synonyms = compileSynonyms(synonymFile, analyzer);
  const holding = new Map<string, ReadonlySet<number>>();
  for (const t of new Set(synonyms.programmes.flatMap((g) => g.markers.flat()))) holding.set(t, holders(t));
  const facets = passages.map((p, i) => {
    const documentTitle = p.documentTitle ?? documentTitles.get(p.documentId) ?? '';
    return passageFacets(p, documentTitle, synonyms.programmes, analyzer, (t) => holding.get(t)?.has(i) ?? false);
  });
  // The years of a passage's own heading (the chronicle's "Förderjahre 2017 und 2018"), not of its document: a dated
  // amendment ("Änderung 2020") states rules that still hold.
  const headings = passages.map((p) => yearsOf(`${p.title}\n${p.section}`));
  const history = historyFlags(headings);
  const current = currentFlags(headings);
  return { synonyms, facets: facets.map((f, i) => ({ ...f, history: history[i]!, current: current[i]! })) };
}

/** Plain data for the cache. */
export function serializeDerived(derived: Derived): SerializedDerived {
  const s = derived.synonyms;
  return {
    synonyms: {
      abbreviations: [...s.abbreviations],
      related: [...s.related],
      offTopic: [...s.offTopic],
      core: [...s.core],
      vocabulary: [...s.vocabulary],
      generic: [...s.generic],
      programmes: s.programmes,
    },
    facets: derived.facets.map((f) => ({ ...f, about: [...f.about], mentions: [...f.mentions] })),
  };
}

/** Restores {@link serializeDerived} output. */
export function restoreDerived(data: SerializedDerived): Derived {
  const s = data.synonyms;
  return {
    synonyms: {
      abbreviations: new Map(s.abbreviations),
      related: new Map(s.related),
      offTopic: new Set(s.offTopic),
      core: new Set(s.core),
      vocabulary: new Set(s.vocabulary),
      generic: new Set(s.generic),
      programmes: s.programmes,
    },
    facets: data.facets.map((f) => ({ ...f, about: new Set(f.about), mentions: new Set(f.mentions) })),
  };
}
