/**
 * Markdown documents (docs/KNOWLEDGE-FORMAT.md): front matter, one passage per `##` section, with
 * `<!-- fragen: … -->`, `<!-- quelle: … -->` and `<!-- stand: … -->` comments. Pure: text in, passages out.
 */
import { parseMeta, sectionCitation, slugify, type DocumentMeta } from './front-matter.js';
import type { KnowledgeProblem, ParsedDocument, Passage } from './types.js';

interface RawSection {
  heading: string;
  line: number;
  body: string[];
}

const HEADING = /^##\s+(.+?)\s*$/;
const SLUG = /\s*\{#([A-Za-z0-9][A-Za-z0-9._-]*)\}\s*$/;
const NUMBERED = /^(?:Nr\.\s*)?(\d{1,2}(?:\.\d{1,2})*)\.?\s+(.+)$/;
const COMMENT = /<!--([\s\S]*?)-->/g;

/**
 * Parses one Markdown document into passages.
 *
 * @example parseMarkdown('---\nid: faq\ntitle: Häufige Fragen\n---\n## Frist {#frist}\nText', 'faq.md')
 */
export function parseMarkdown(text: string, file: string): ParsedDocument {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return fail(file, 1, 'missing front matter (the file must start with a line "---")');
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) return fail(file, 1, 'front matter is not closed by a line "---"');
  const { meta, problems } = parseMeta(lines.slice(1, end).join('\n'), file, 2);
  if (meta === null) return { documentId: null, file, passages: [], problems };
  const sections = splitSections(lines, end + 1);
  const passages: Passage[] = [];
  const seen = new Set<string>();
  for (const s of sections) {
    const passage = toPassage(s, meta, file, problems);
    if (passage === null) continue;
    if (seen.has(passage.section)) {
      problems.push({ file, line: s.line, message: `duplicate section id "${passage.section}" in document ${meta.id}` });
      continue;
    }
    seen.add(passage.section);
    passages.push(passage);
  }
  const idIndex = lines.slice(1, end).findIndex((l) => /^id\s*:/.test(l));
  return { documentId: meta.id, title: meta.title, idLine: idIndex < 0 ? undefined : idIndex + 2, file, passages, problems };
}

function fail(file: string, line: number, message: string): ParsedDocument {
  return { documentId: null, file, passages: [], problems: [{ file, line, message }] };
}

function splitSections(lines: string[], start: number): RawSection[] {
  const sections: RawSection[] = [];
  let current: RawSection | null = null;
  let fenced = false;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = fenced ? null : HEADING.exec(line);
    if (m !== null) {
      current = { heading: m[1]!, line: i + 1, body: [] };
      sections.push(current);
    } else if (current !== null) {
      current.body.push(line);
    }
  }
  return sections;
}

function toPassage(s: RawSection, meta: DocumentMeta, file: string, problems: KnowledgeProblem[]): Passage | null {
  let heading = s.heading;
  let section: string | undefined;
  const slug = SLUG.exec(heading);
  if (slug !== null) {
    section = slug[1]!;
    heading = heading.slice(0, slug.index).trim();
  }
  const numbered = NUMBERED.exec(heading);
  if (numbered !== null) {
    section ??= numbered[1]!;
    heading = numbered[2]!.trim();
  }
  section ??= slugify(heading);
  if (section === '') {
    problems.push({ file, line: s.line, message: `heading "${s.heading}" yields no section id` });
    return null;
  }
  const { body, directives } = extractComments(s.body.join('\n'));
  if (body === '' && directives.fragen.length === 0) {
    problems.push({ file, line: s.line, message: `section "${section}" has no text` });
    return null;
  }
  return {
    id: `${meta.id}#${section}`,
    documentId: meta.id,
    section,
    title: heading,
    text: body,
    source: directives.quelle ?? meta.source,
    stand: directives.stand ?? meta.stand,
    citation: sectionCitation(meta.citation, section),
    ...(directives.fragen.length > 0 ? { questions: directives.fragen } : {}),
  };
}

function extractComments(raw: string): { body: string; directives: { fragen: string[]; quelle?: string; stand?: string } } {
  const directives: { fragen: string[]; quelle?: string; stand?: string } = { fragen: [] };
  const body = raw.replace(COMMENT, (_all, inner: string) => {
    const m = /^\s*(fragen|quelle|stand)\s*:\s*([\s\S]*?)\s*$/i.exec(inner);
    if (m !== null) {
      const key = m[1]!.toLowerCase();
      const value = m[2]!.replace(/\s+/g, ' ').trim();
      if (key === 'fragen') directives.fragen.push(...value.split('|').map((q) => q.trim()).filter((q) => q !== ''));
      else if (key === 'quelle') directives.quelle = value.split(/\s+\(/)[0]!.trim();
      else directives.stand = value.split(/\s+\(/)[0]!.trim();
    }
    return '';
  });
  return { body: body.replace(/\n{3,}/g, '\n\n').trim(), directives };
}
