/**
 * From an approved FAQ proposal to a section of a Markdown document in `knowledge/` (issue 14 item 2). Pure:
 * the rules that refuse a proposal (empty question or answer, Markdown that would break the file, a duplicate
 * section id) and the writer that appends the section, proven by parsing the result with the same parser the
 * knowledge base uses (src/knowledge/markdown.ts): the new file must yield exactly one passage more, with the
 * expected id, and no new problem.
 *
 * Section format (docs/KNOWLEDGE-FORMAT.md): `## Frage {#kennung}`, `<!-- fragen: … | … -->`,
 * `<!-- quelle: … -->`, `<!-- stand: … -->`, and a `<!-- herkunft: … -->` comment with the provenance
 * (ticket number, author, approver, date: role ids only); the parser ignores comments it does not know.
 */
import { slugify } from '../knowledge/front-matter.js';
import { parseMarkdown } from '../knowledge/markdown.js';

/** What a proposal says (as the reviewer approves it). */
export interface ProposalContent {
  question: string;
  answer: string;
  /** Alternative phrasings, one per entry. */
  alternatives: string[];
  source: string;
  stand: string;
  /** Section id; derived from the question when empty. */
  sectionId: string;
}

/** Who and where from: written into the section as a comment. */
export interface Provenance {
  ticket: string | null;
  author: string;
  approver: string;
  /** YYYY-MM-DD */
  date: string;
}

/** The target document when it does not exist yet. */
export interface NewDocument {
  id: string;
  title: string;
  citation: string;
  source: string;
  stand: string;
}

export const LIMITS = { question: 300, answer: 8_000, alternative: 300, alternatives: 12, source: 500 } as const;

const COMMENT_MARKS = /<!--|-->/;
const HEADING_LINE = /^\s{0,3}#{1,6}(\s|$)/;
const RULE_LINE = /^\s{0,3}(?:[-=_*]\s*){3,}$/;
const FENCE_LINE = /^\s{0,3}(```|~~~)/;
const STAND = /^(?:\d{4}(?:-\d{2}-\d{2})?|undatiert)$/;
const SECTION_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;

/** Normalises typed text: LF line ends, no trailing spaces, at most one empty line in a row, trimmed. */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Normalises every field (what is stored and what is checked). */
export function normaliseContent(c: ProposalContent): ProposalContent {
  return {
    question: oneLine(c.question),
    answer: normaliseText(c.answer),
    alternatives: c.alternatives.map(oneLine).filter((a) => a !== ''),
    source: oneLine(c.source),
    stand: oneLine(c.stand),
    sectionId: oneLine(c.sectionId).toLowerCase(),
  };
}

/** The section id a proposal gets: its own, else the slug of the question. */
export function sectionIdOf(c: ProposalContent): string {
  return c.sectionId !== '' ? c.sectionId : slugify(c.question);
}

/**
 * The German reasons a proposal cannot become a section as it stands (empty list: it can). Checks the text
 * only; the duplicate id and the parse of the whole file come in {@link appendSection}.
 *
 * @example contentProblems({ question: '', answer: 'Ja.', alternatives: [], source: 'VwV', stand: '2024', sectionId: '' })
 * // → ['Bitte geben Sie die Frage an.']
 */
export function contentProblems(raw: ProposalContent): string[] {
  const c = normaliseContent(raw);
  const p: string[] = [];
  if (c.question === '') p.push('Bitte geben Sie die Frage an.');
  if (c.answer === '') p.push('Bitte geben Sie die Antwort an.');
  if (c.question.length > LIMITS.question) p.push(`Die Frage ist zu lang (höchstens ${LIMITS.question} Zeichen).`);
  if (c.answer.length > LIMITS.answer) p.push(`Die Antwort ist zu lang (höchstens ${LIMITS.answer} Zeichen).`);
  if (/^#/.test(c.question) || /\{#/.test(c.question)) p.push('Die Frage darf nicht mit „#“ beginnen und kein „{#“ enthalten.');
  const fields: [string, string][] = [['Frage', c.question], ['Antwort', c.answer], ['Quelle', c.source], ['Stand', c.stand], ...c.alternatives.map((a): [string, string] => ['alternative Frage', a])];
  for (const [name, value] of fields) {
    if (COMMENT_MARKS.test(value)) p.push(`Die ${name} darf weder „<!--“ noch „-->“ enthalten (sonst bricht die Datei).`);
  }
  const lines = c.answer.split('\n');
  if (lines.some((l) => HEADING_LINE.test(l))) p.push('Die Antwort darf keine Überschriften (Zeilen mit „#“ am Anfang) enthalten: jede Überschrift begänne einen neuen Abschnitt.');
  if (lines.some((l) => RULE_LINE.test(l))) p.push('Die Antwort darf keine Trennlinien („---“, „===“) enthalten: sie könnten als Überschrift oder Kopfbereich gelesen werden.');
  if (lines.some((l) => FENCE_LINE.test(l))) p.push('Die Antwort darf keine Codeblöcke („```“) enthalten.');
  if (c.alternatives.some((a) => a.includes('|'))) p.push('Alternative Fragen dürfen kein „|“ enthalten (es trennt die Fragen).');
  if (c.alternatives.some((a) => a.length > LIMITS.alternative)) p.push(`Eine alternative Frage ist zu lang (höchstens ${LIMITS.alternative} Zeichen).`);
  if (c.alternatives.length > LIMITS.alternatives) p.push(`Höchstens ${LIMITS.alternatives} alternative Fragen.`);
  if (c.source === '') p.push('Bitte geben Sie die Quelle an (z. B. VwV Nr. 5.2, FAQ des RP oder eine Adresse).');
  if (c.source.length > LIMITS.source) p.push(`Die Quelle ist zu lang (höchstens ${LIMITS.source} Zeichen).`);
  if (!STAND.test(c.stand)) p.push('Der Stand ist ein Datum (JJJJ-MM-TT), ein Jahr oder „undatiert“.');
  if (c.question !== '' && !SECTION_ID.test(sectionIdOf(c))) {
    p.push('Die Kennung besteht aus Kleinbuchstaben, Ziffern und Bindestrichen (z. B. „sachbericht-umfang“) und beginnt mit einem Buchstaben oder einer Ziffer.');
  }
  return p;
}

/** The Markdown of one section (no leading or trailing blank line). */
export function renderSection(raw: ProposalContent, provenance: Provenance): string {
  const c = normaliseContent(raw);
  const origin = [provenance.ticket === null ? null : `Vorgang ${provenance.ticket}`, `vorgeschlagen von ${provenance.author}`, `freigegeben von ${provenance.approver}`, `am ${provenance.date}`]
    .filter((x) => x !== null)
    .join(', ');
  return [
    `## ${c.question} {#${sectionIdOf(c)}}`,
    ...(c.alternatives.length > 0 ? [`<!-- fragen: ${c.alternatives.join(' | ')} -->`] : []),
    `<!-- quelle: ${c.source} -->`,
    `<!-- stand: ${c.stand} -->`,
    `<!-- herkunft: ${origin} -->`,
    '',
    c.answer,
  ].join('\n');
}

/** The front matter and introduction of a document created for the first approved entry. */
export function renderNewDocument(doc: NewDocument): string {
  const yaml = (v: string): string => JSON.stringify(v);
  return ['---', `id: ${doc.id}`, `title: ${yaml(doc.title)}`, `citation: ${yaml(doc.citation)}`, `source: ${yaml(doc.source)}`, `stand: ${yaml(doc.stand)}`, '---', '', 'Von der Sachbearbeitung beantwortete Fragen, im Vier-Augen-Prinzip geprüft.', ''].join('\n');
}

/** The outcome of {@link appendSection}. */
export type AppendResult = { ok: true; text: string; passageId: string } | { ok: false; problems: string[] };

/**
 * Appends the section to a document (or to a new one when `existing` is null), refusing a duplicate section id
 * and anything whose parse differs from "the same passages plus exactly this one".
 *
 * @example appendSection(faqText, 'faq.md', content, provenance, newDoc) // { ok: true, text, passageId: 'faq#…' }
 */
export function appendSection(existing: string | null, file: string, content: ProposalContent, provenance: Provenance, newDoc: NewDocument): AppendResult {
  const problems = contentProblems(content);
  if (problems.length > 0) return { ok: false, problems };
  const base = existing ?? renderNewDocument(newDoc);
  const before = parseMarkdown(base, file);
  if (before.documentId === null) return { ok: false, problems: [`Die Zieldatei ${file} ist schon jetzt fehlerhaft (${before.problems[0]?.message ?? 'unlesbar'}); bitte zuerst reparieren.`] };
  const section = sectionIdOf(normaliseContent(content));
  const passageId = `${before.documentId}#${section}`;
  if (before.passages.some((p) => p.section === section)) {
    return { ok: false, problems: [`Die Kennung „${section}“ gibt es in ${file} schon (${passageId}). Bitte wählen Sie eine andere Kennung.`] };
  }
  const text = `${base.replace(/\s*$/, '')}\n\n${renderSection(content, provenance)}\n`;
  const after = parseMarkdown(text, file);
  const added = after.passages.filter((p) => !before.passages.some((b) => b.id === p.id));
  const expected = normaliseContent(content);
  const intact =
    after.documentId === before.documentId &&
    after.problems.length === before.problems.length &&
    after.passages.length === before.passages.length + 1 &&
    added.length === 1 &&
    added[0]!.id === passageId &&
    added[0]!.text === expected.answer;
  if (!intact) return { ok: false, problems: ['Der Eintrag würde die Markdown-Datei beschädigen (die Prüfung nach dem Einfügen ergab nicht genau einen neuen Abschnitt). Bitte prüfen Sie Frage und Antwort auf Sonderzeichen.'] };
  return { ok: true, text, passageId };
}
