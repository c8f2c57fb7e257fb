/**
 * `knowledge export --html DIR` (issue 14 item 4): a static, accessible FAQ site from the knowledge
 * directory that the RP can put on its website. One page per document (`<id>.html`), one section per
 * passage with its id as anchor (export-links.ts), Stand and source shown; an index page; a small client-side
 * search in plain JavaScript over an index written as a script (works from `file://` too, no fetch).
 * Markdown is rendered with markdown-it with raw HTML off (escaped), so the site never carries markup the
 * knowledge files did not mean as text. Templates: templates/faq/.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import MarkdownIt from 'markdown-it';
import { AppError } from '../core/errors.js';
import { readSources } from '../knowledge/sources.fs.js';
import type { KnowledgeProblem, Passage } from '../knowledge/types.js';
import { documentFile, sectionAnchor } from './export-links.js';

export interface ExportOptions {
  knowledgeDir: string;
  outDir: string;
  /** Folder holding `faq/` (default ./templates). */
  templatesDir?: string;
  maxFileBytes?: number;
  now: Date;
}

export interface ExportResult {
  outDir: string;
  documents: { id: string; file: string; title: string; passages: number }[];
  passages: number;
  problems: KnowledgeProblem[];
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const germanDate = (d: Date): string => d.toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });

/** "2020-11-11" → "11.11.2020"; other forms ("2023", "undatiert") as written. */
export function standText(stand: string | undefined): string | null {
  if (stand === undefined || stand.trim() === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(stand.trim());
  return m === null ? stand.trim() : `${m[3]}.${m[2]}.${m[1]}`;
}

/** Source URLs as links (only http(s)); other text as text. */
function sourcesOf(source: string): { url: string | null; text: string }[] {
  return source
    .split(/,\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (/^https?:\/\//.test(s) ? { url: s, text: s } : { url: null, text: s }));
}

/** Plain text for the search index: markup removed, whitespace collapsed. */
function plain(text: string): string {
  return text.replace(/[*_`>#|[\]()]/g, ' ').replace(/\s+/g, ' ').trim();
}

async function loadTemplates(dir: string): Promise<{ page: HandlebarsTemplateDelegate; index: HandlebarsTemplateDelegate; css: string; script: string }> {
  const read = async (file: string): Promise<string> => {
    try {
      return await readFile(join(dir, file), 'utf8');
    } catch (cause) {
      throw new AppError('TEMPLATE_INVALID', `faq export: cannot read template ${join(dir, file)}`, { cause });
    }
  };
  const hb = Handlebars.create();
  hb.registerPartial('layout', await read('layout.hbs'));
  return { page: hb.compile(await read('dokument.hbs')), index: hb.compile(await read('index.hbs')), css: await read('faq.css'), script: await read('suche.js') };
}

/**
 * Writes the site into `outDir` (created if missing; files of an earlier export are overwritten).
 * A knowledge file with problems is reported in `problems`; the rest is exported.
 */
export async function exportFaqSite(options: ExportOptions): Promise<ExportResult> {
  const sources = await readSources(options.knowledgeDir, undefined, options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes });
  const documents = sources.documents.filter((d) => d.documentId !== null && d.passages.length > 0);
  if (documents.length === 0) throw new AppError('KNOWLEDGE_INVALID', `faq export: no document with passages in ${options.knowledgeDir}`);
  const templates = await loadTemplates(join(options.templatesDir ?? './templates', 'faq'));
  const outDir = resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const stand = germanDate(options.now);
  const nav = documents.map((d) => ({ file: documentFile(d.documentId!), title: d.title ?? d.documentId! }));
  const search: { d: string; t: string; u: string; x: string }[] = [];
  const written: ExportResult['documents'] = [];
  for (const doc of documents) {
    const file = documentFile(doc.documentId!);
    const title = doc.title ?? doc.documentId!;
    const passages = doc.passages.map((p: Passage) => {
      const anchor = sectionAnchor(p.section);
      search.push({ d: title, t: p.title, u: `${file}#${encodeURIComponent(anchor)}`, x: plain(p.text).slice(0, 600) });
      return { id: p.id, anchor, title: p.title, html: md.render(p.text), stand: standText(p.stand), citation: p.citation, sources: sourcesOf(p.source) };
    });
    const html = templates.page({ title, stand, nav: nav.map((n) => ({ ...n, current: n.file === file })), passages, documentStand: passages[0]?.stand ?? null });
    await writeFile(join(outDir, file), html, 'utf8');
    written.push({ id: doc.documentId!, file, title, passages: passages.length });
  }
  await writeFile(join(outDir, 'index.html'), templates.index({ title: 'Häufige Fragen zum Integrationsmanagement', stand, nav, documents: written }), 'utf8');
  await writeFile(join(outDir, 'faq.css'), templates.css, 'utf8');
  await writeFile(join(outDir, 'suche.js'), templates.script, 'utf8');
  // The index as a script, not JSON: a page opened from the file system may not fetch.
  await writeFile(join(outDir, 'suchindex.js'), `window.FAQ_SUCHINDEX = ${JSON.stringify(search).replace(/</g, '\\u003c')};\n`, 'utf8');
  const seen = new Set<string>();
  const problems = [...sources.problems, ...sources.documents.flatMap((d) => d.problems)].filter((p) => !seen.has(JSON.stringify(p)) && seen.add(JSON.stringify(p)) !== undefined);
  return { outDir, documents: written, passages: search.length, problems };
}
