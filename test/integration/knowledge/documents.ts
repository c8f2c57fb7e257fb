/** Test helpers: knowledge documents the tests create themselves (Markdown, PDF, DOCX) and a recording logger. */
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Logger } from '../../../src/core/ports.js';

/** A Markdown knowledge document. */
export function markdown(id: string, sections: Record<string, string>, title = `Dokument ${id}`): string {
  const body = Object.entries(sections).map(([heading, text]) => `## ${heading}\n\n${text}\n`);
  return `---\nid: ${id}\ntitle: ${title}\nsource: https://example.org/${id}\nstand: 2024-01-01\n---\n\n${body.join('\n')}`;
}

/** A one-page PDF with one text line per entry. */
export async function pdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage();
  lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 16, size: 11, font }));
  return doc.save();
}

/** A DOCX with headings (`# ` prefix) and paragraphs. */
export async function docx(lines: string[]): Promise<Buffer> {
  const children = lines.map((line) =>
    line.startsWith('# ') ? new Paragraph({ text: line.slice(2), heading: HeadingLevel.HEADING_1 }) : new Paragraph(line),
  );
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** A logger that records every call. */
export function recordingLogger(): Logger & { records: { level: string; obj: Record<string, unknown>; msg?: string }[] } {
  const records: { level: string; obj: Record<string, unknown>; msg?: string }[] = [];
  const make = (bindings: Record<string, unknown>): Logger => ({
    debug: (obj, msg) => records.push({ level: 'debug', obj: { ...bindings, ...obj }, msg }),
    info: (obj, msg) => records.push({ level: 'info', obj: { ...bindings, ...obj }, msg }),
    warn: (obj, msg) => records.push({ level: 'warn', obj: { ...bindings, ...obj }, msg }),
    error: (obj, msg) => records.push({ level: 'error', obj: { ...bindings, ...obj }, msg }),
    child: (more) => make({ ...bindings, ...more }),
  });
  return Object.assign(make({}), { records });
}
