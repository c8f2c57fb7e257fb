/**
 * From parsed sources to a searchable state: duplicate ids resolved (first file wins, the other is reported),
 * index built. Pure apart from CPU; used by the loader and the benchmark.
 */
import { basename } from 'node:path';
import { buildIndex, SEARCH_SETTINGS, type SearchIndex, type SearchSettings } from './index.minisearch.js';
import type { SynonymFile } from './synonyms.js';
import type { KnowledgeProblem, ParsedDocument, Passage } from './types.js';

/** A built, immutable knowledge state; the loader swaps it atomically on re-index. */
export interface KnowledgeState {
  index: SearchIndex;
  passages: Passage[];
  documentCount: number;
  problems: KnowledgeProblem[];
  loadedAt: string;
}

/** Resolves duplicate document ids and builds the index. */
export function buildState(
  documents: ParsedDocument[],
  synonyms: SynonymFile,
  problems: KnowledgeProblem[],
  now: Date,
  settings: SearchSettings = SEARCH_SETTINGS,
): KnowledgeState {
  const owners = new Map<string, string>();
  const passages: Passage[] = [];
  const titles = new Map<string, string>();
  const all = [...problems, ...documents.flatMap((d) => d.problems)];
  // Of two files claiming one id, the one named after the id (faq.md for "faq") keeps it, so a stray copy
  // cannot push the real document out; otherwise the first in file order wins.
  const namedAfterId = (d: ParsedDocument): number => (d.documentId !== null && basename(d.file).replace(/\.[^.]+$/, '') === d.documentId ? 0 : 1);
  for (const doc of [...documents].sort((a, b) => namedAfterId(a) - namedAfterId(b))) {
    if (doc.documentId === null || doc.passages.length === 0) continue;
    const owner = owners.get(doc.documentId);
    if (owner !== undefined) {
      all.push({ file: doc.file, line: doc.idLine, message: `duplicate document id "${doc.documentId}" (already used by ${owner}); file skipped` });
      continue;
    }
    owners.set(doc.documentId, doc.file);
    titles.set(doc.documentId, doc.title ?? '');
    passages.push(...(doc.title === undefined ? doc.passages : doc.passages.map((p) => ({ ...p, documentTitle: doc.title }))));
  }
  const index = buildIndex(passages, synonyms, titles, settings);
  return { index, passages, documentCount: owners.size, problems: all, loadedAt: now.toISOString() };
}
