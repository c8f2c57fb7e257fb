/**
 * Document metadata: the front matter of Markdown documents and the `.meta.yaml` sidecars of PDF/DOCX files.
 * Validated with zod; problems carry the file and line.
 */
import { yaml } from './yaml.js';
import { z } from 'zod';
import type { KnowledgeProblem } from './types.js';

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

/** Schema of document metadata (front matter or sidecar). */
export const DocumentMetaSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
  title: text.pipe(z.string().min(1)),
  citation: text.optional(),
  source: z.union([z.string(), z.array(z.string())]).optional(),
  stand: text.optional(),
});

/** Validated document metadata, with the citation defaulted to the title and the sources joined. */
export interface DocumentMeta {
  id: string;
  title: string;
  citation: string;
  source: string;
  stand?: string;
}

/**
 * Parses YAML metadata. `firstLine` is the file line of the YAML's first line (2 for front matter).
 * `fallback` fills fields missing from a sidecar (id and title derived from the file name).
 */
export function parseMeta(
  yamlText: string,
  file: string,
  firstLine: number,
  fallback?: Partial<DocumentMeta>,
): { meta: DocumentMeta | null; problems: KnowledgeProblem[] } {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = firstLine + lines.linePos(e.pos[0]).line - 1;
    return { meta: null, problems: [{ file, line, message: `malformed metadata: ${e.message.split('\n')[0]}` }] };
  }
  const raw: unknown = doc.toJS() ?? {};
  const merged = { ...fallback, ...(typeof raw === 'object' && raw !== null ? raw : {}) };
  const parsed = DocumentMetaSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      const line = node?.range ? firstLine + lines.linePos(node.range[0]).line - 1 : firstLine;
      return { file, line, message: `metadata field ${issue.path.join('.') || '(root)'}: ${issue.message}` };
    });
    return { meta: null, problems };
  }
  const m = parsed.data;
  const source = Array.isArray(m.source) ? m.source.join(', ') : (m.source ?? '');
  return { meta: { id: m.id, title: m.title, citation: m.citation ?? m.title, source, stand: m.stand }, problems: [] };
}

/**
 * Citation of a section: the document citation plus " Nr. <section>" when the section is official numbering
 * (parts of one or two digits: "5", "5.2", "7.4.2"; a year such as "2019" is a slug, not a number).
 *
 * @example sectionCitation('VwV Integrationsmanagement', '5.2') // 'VwV Integrationsmanagement Nr. 5.2'
 */
export function sectionCitation(documentCitation: string, section: string): string {
  return /^\d{1,2}(\.\d{1,2})*$/.test(section) ? `${documentCitation} Nr. ${section}` : documentCitation;
}

/** Turns a heading or file name into a section or document slug (folded, hyphenated). */
export function slugify(value: string): string {
  return value
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
