/**
 * Reads the knowledge directory: Markdown documents, PDF/DOCX with optional `.meta.yaml` sidecars and
 * synonyme.yaml. Other YAML (kontakte.yaml …) and README.md files are not documents. Every problem is
 * collected with file and line; a broken file never stops the others.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { extractDocx, extractPdf } from './extract.loader.js';
import { parseMeta, slugify } from './front-matter.js';
import { parseMarkdown } from './markdown.js';
import { splitBlocks } from './split.js';
import { EMPTY_SYNONYMS, parseSynonyms, type SynonymFile } from './synonyms.js';
import type { KnowledgeProblem, ParsedDocument } from './types.js';

/** Name of the synonym file inside the knowledge directory. */
export const SYNONYM_FILE = 'synonyme.yaml';

/**
 * Default largest source file (config KNOWLEDGE_MAX_FILE_BYTES): 5 MiB. The shipped documents are below
 * 100 kB; a 50 MB file took seconds of CPU and a gigabyte of memory to index.
 */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Options of {@link readRawSources}. */
export interface ReadSourcesOptions {
  /** Larger files are skipped and reported as a problem (default {@link DEFAULT_MAX_FILE_BYTES}). */
  maxFileBytes?: number;
}

/** Everything read from the knowledge directory. */
export interface SourceSet {
  documents: ParsedDocument[];
  synonyms: SynonymFile;
  problems: KnowledgeProblem[];
  /** sha256 over the names and bytes of every file that feeds the index. */
  hash: string;
}

/** Lists the files that feed the index, relative to `dir`, sorted. */
export async function listSourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((f) => !f.split('/').some((part) => part.startsWith('.')))
    .filter((f) => isSourceFile(f))
    .sort();
}

/** True for files that feed the index (documents, sidecars, synonyms). */
export function isSourceFile(file: string): boolean {
  const name = basename(file).toLowerCase();
  if (name === 'readme.md') return false;
  return name.endsWith('.md') || name.endsWith('.pdf') || name.endsWith('.docx') || name === SYNONYM_FILE || name.endsWith('.meta.yaml');
}

/** The raw bytes of the source files and their combined hash (read before parsing, to check the cache). */
export interface RawSources {
  files: { file: string; data: Buffer }[];
  problems: KnowledgeProblem[];
  hash: string;
}

/**
 * Reads the bytes of every source file. A missing directory is a problem, not an exception; a file above
 * the size limit is a problem naming the file, and the others still load.
 */
export async function readRawSources(dir: string, options: ReadSourcesOptions = {}): Promise<RawSources> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const problems: KnowledgeProblem[] = [];
  const names = await listSourceFiles(dir).catch((cause: Error) => {
    problems.push({ file: '.', message: `cannot read knowledge directory ${dir}: ${cause.message}` });
    return [] as string[];
  });
  const hash = createHash('sha256');
  const files: RawSources['files'] = [];
  for (const file of names) {
    const size = await stat(join(dir, file)).then((st) => st.size, () => 0);
    if (size > maxFileBytes) {
      problems.push({ file, message: `file is ${megabytes(size)}, above the limit of ${megabytes(maxFileBytes)} (KNOWLEDGE_MAX_FILE_BYTES); not indexed` });
      hash.update(`${file}\0skipped\0${size}\0${maxFileBytes}\0`); // a changed or resized file invalidates the cache
      continue;
    }
    const data = await readFile(join(dir, file)).catch((cause: Error) => {
      problems.push({ file, message: `cannot read file: ${cause.message}` });
      return null;
    });
    if (data === null) continue;
    hash.update(`${file}\0${data.length}\0`).update(data);
    files.push({ file, data });
  }
  return { files, problems, hash: hash.digest('hex') };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Parses raw sources into documents and synonyms. `onProgress` is called after each file. */
export async function parseSources(raw: RawSources, onProgress?: (done: number, total: number) => void): Promise<SourceSet> {
  const documents: ParsedDocument[] = [];
  const problems = [...raw.problems];
  let synonyms: SynonymFile = EMPTY_SYNONYMS;
  let done = 0;
  const sidecars = new Map(raw.files.filter((f) => f.file.endsWith('.meta.yaml')).map((f) => [f.file, f.data.toString('utf8')]));
  for (const { file, data } of raw.files) {
    const name = basename(file).toLowerCase();
    if (name === SYNONYM_FILE) {
      const parsed = parseSynonyms(data.toString('utf8'), file);
      synonyms = parsed.synonyms;
      problems.push(...parsed.problems);
    } else if (!name.endsWith('.meta.yaml')) {
      documents.push(await parseFile(file, data, sidecars));
    }
    onProgress?.(++done, raw.files.length);
    await nextTurn(); // let requests (health checks, Teams turns) in between documents
  }
  return { documents, synonyms, problems, hash: raw.hash };
}

/** Reads and parses every source file. */
export async function readSources(dir: string, onProgress?: (done: number, total: number) => void, options: ReadSourcesOptions = {}): Promise<SourceSet> {
  return parseSources(await readRawSources(dir, options), onProgress);
}

async function parseFile(file: string, data: Buffer, sidecars: Map<string, string>): Promise<ParsedDocument> {
  const ext = extname(file).toLowerCase();
  if (ext === '.md') return parseMarkdown(data.toString('utf8'), file);
  const stemName = basename(file, extname(file));
  const metaFile = file.slice(0, -ext.length) + '.meta.yaml';
  const sidecarText = sidecars.get(metaFile) ?? '';
  const { meta, problems } = parseMeta(sidecarText, sidecarText === '' ? file : metaFile, 1, {
    id: slugify(stemName),
    title: stemName.replace(/[_-]+/g, ' '),
  });
  if (meta === null) return { documentId: null, file, passages: [], problems };
  try {
    const blocks = ext === '.pdf' ? await extractPdf(data, file) : await extractDocx(data, file);
    const passages = splitBlocks(blocks, meta);
    if (passages.length === 0) problems.push({ file, message: 'no text could be extracted' });
    return { documentId: meta.id, title: meta.title, file, passages, problems };
  } catch (error) {
    return { documentId: null, file, passages: [], problems: [...problems, { file, message: (error as Error).message }] };
  }
}
