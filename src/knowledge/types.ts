/**
 * Types of the knowledge base: passages (CONTRACTS §2), load problems and the status shown by `/readyz`.
 */
import type { KnowledgeAnswerer } from '../core/knowledge.js';

/**
 * One indexed passage: a `##` section of a Markdown document, or a numbered section / heading / window of
 * an extracted PDF or DOCX. `id` is `<documentId>#<section>`.
 */
export interface Passage {
  id: string;
  documentId: string;
  /** Official numbering (`5.2`) or slug (`antragsfrist`). */
  section: string;
  title: string;
  /** Plain German text of the passage (Markdown markup kept as written). */
  text: string;
  /** Source URL(s), several joined by ", ". */
  source: string;
  /** Date of the source as written ("2020-11-11" or "2023"). */
  stand?: string;
  /** Human citation, e.g. "VwV Integrationsmanagement Nr. 5.2" or "FAQ des RP Stuttgart". */
  citation: string;
  /** Typical questions this passage answers (indexed with a boost, never shown). */
  questions?: string[];
  /** Title of its document (front matter `title`), set when the knowledge base is built: its years and programme hold for the passage. */
  documentTitle?: string;
}

/** A problem found while loading one file; the rest of the knowledge keeps being served. */
export interface KnowledgeProblem {
  /** Path relative to the knowledge directory. */
  file: string;
  /** 1-based line, where it applies. */
  line?: number;
  /** English description naming the offending value. */
  message: string;
}

/** Status of the loaded knowledge base (for `/readyz` and the CLI). */
export interface KnowledgeStatus {
  ready: boolean;
  passageCount: number;
  documentCount: number;
  problems: KnowledgeProblem[];
  /** ISO-8601 time of the last successful (re)load. */
  loadedAt: string;
}

/** The loaded, searchable knowledge base. */
export interface KnowledgeBase extends KnowledgeAnswerer {
  /** All passages in load order (documents sorted by file name). */
  passages(): Passage[];
  status(): KnowledgeStatus;
  /** Stops the watcher, if any. */
  close(): Promise<void>;
}

/** Result of parsing one source file: its passages (possibly none) and any problems. */
export interface ParsedDocument {
  documentId: string | null;
  /** Document title from the metadata. */
  title?: string;
  /** Line of the `id` in the front matter (for duplicate-id reports). */
  idLine?: number;
  file: string;
  passages: Passage[];
  problems: KnowledgeProblem[];
}
