/**
 * Splits text extracted from PDF or DOCX into passages: by VwV numbering ("5.2", "Nr. 5.2") where present,
 * else by headings, else by paragraph windows. Pure.
 */
import { sectionCitation, slugify, type DocumentMeta } from './front-matter.js';
import type { Passage } from './types.js';

/** A paragraph or heading of an extracted document. */
export interface Block {
  text: string;
  heading: boolean;
}

const NUMBERED = /^(?:Nr\.\s*)?(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S[\s\S]*)$/;
/** Target size of a paragraph window, in characters. */
const WINDOW = 900;

interface Section {
  section: string;
  title: string;
  body: string[];
}

/**
 * Splits blocks into passages for one document.
 *
 * @example splitBlocks([{ text: '1 Zweck', heading: false }, { text: '1.1 Ziel …', heading: false }], meta)
 */
export function splitBlocks(blocks: Block[], meta: DocumentMeta): Passage[] {
  const clean = blocks.map((b) => ({ ...b, text: b.text.replace(/\s+/g, ' ').trim() })).filter((b) => b.text !== '');
  const sections = byNumbering(clean) ?? byHeadings(clean) ?? byWindows(clean, meta.title);
  const seen = new Set<string>();
  return sections
    .filter((s) => {
      const fresh = !seen.has(s.section) && s.body.join(' ').trim() !== '';
      seen.add(s.section);
      return fresh;
    })
    .map((s) => ({
      id: `${meta.id}#${s.section}`,
      documentId: meta.id,
      section: s.section,
      title: s.title,
      text: s.body.join('\n\n'),
      source: meta.source,
      stand: meta.stand,
      citation: sectionCitation(meta.citation, s.section),
    }));
}

function compareNumbers(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Sections by official numbering; a number only counts when it continues the sequence (so "2017 …" does not). */
function byNumbering(blocks: Block[]): Section[] | null {
  const sections: Section[] = [];
  let current: Section | null = null;
  for (const b of blocks) {
    const m = NUMBERED.exec(b.text);
    const num = m?.[1];
    const plausible = num !== undefined && continues(num, current?.section ?? null);
    if (m !== null && plausible) {
      const rest = m[2]!;
      const title = rest.length <= 90 ? rest : `${rest.slice(0, 80).replace(/\s+\S*$/, '')} …`;
      current = { section: num, title, body: rest.length <= 90 ? [] : [rest] };
      sections.push(current);
    } else if (current !== null) {
      current.body.push(b.text);
    }
  }
  // A section whose heading stands alone keeps its heading as text, so it is still findable.
  for (const s of sections) if (s.body.length === 0) s.body.push(s.title);
  return sections.length >= 2 ? sections : null;
}

/** True when `num` may follow `prev`: ascending, the top level advancing by at most one. */
function continues(num: string, prev: string | null): boolean {
  const top = Number(num.split('.')[0]);
  if (prev === null) return top >= 1 && top <= 30;
  return compareNumbers(num, prev) > 0 && top - Number(prev.split('.')[0]) <= 1;
}

function byHeadings(blocks: Block[]): Section[] | null {
  const sections: Section[] = [];
  let current: Section | null = null;
  for (const b of blocks) {
    if (b.heading) {
      current = { section: slugify(b.text) || `abschnitt-${sections.length + 1}`, title: b.text, body: [] };
      sections.push(current);
    } else if (current !== null) {
      current.body.push(b.text);
    }
  }
  return sections.length >= 2 ? sections : null;
}

function byWindows(blocks: Block[], title: string): Section[] {
  const sections: Section[] = [];
  let body: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (body.length === 0) return;
    const n = sections.length + 1;
    sections.push({ section: `teil-${n}`, title: `${title} (Teil ${n})`, body });
    body = [];
    size = 0;
  };
  for (const b of blocks) {
    body.push(b.text);
    size += b.text.length;
    if (size >= WINDOW) flush();
  }
  flush();
  return sections;
}
