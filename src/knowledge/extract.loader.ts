/**
 * Text extraction from official documents: PDF with unpdf (pdf.js), DOCX with mammoth. Both are loaded on
 * first use only (a knowledge base of Markdown never pays their start-up cost). Failures become AppError
 * KNOWLEDGE_UNREADABLE; the caller reports them per file and keeps serving the rest.
 */
import { AppError } from '../core/errors.js';
import type { Block } from './split.js';

/** Extracts the lines of a PDF as blocks (PDF has no reliable heading markup). */
export async function extractPdf(data: Uint8Array, file: string): Promise<Block[]> {
  try {
    const { extractText, getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(data));
    const { text } = await extractText(pdf, { mergePages: false });
    return text.flatMap((page) => page.split(/\r?\n/)).map((line) => ({ text: line, heading: false }));
  } catch (cause) {
    throw new AppError('KNOWLEDGE_UNREADABLE', `knowledge: cannot read PDF ${file}: ${(cause as Error).message}`, { cause });
  }
}

/** Extracts paragraphs and headings of a DOCX (Word heading styles become headings). */
export async function extractDocx(data: Uint8Array, file: string): Promise<Block[]> {
  let html: string;
  try {
    const { default: mammoth } = await import('mammoth');
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(data) })).value;
  } catch (cause) {
    throw new AppError('KNOWLEDGE_UNREADABLE', `knowledge: cannot read DOCX ${file}: ${(cause as Error).message}`, { cause });
  }
  const blocks: Block[] = [];
  for (const m of html.matchAll(/<(h[1-6]|p|li)[^>]*>([\s\S]*?)<\/\1>/g)) {
    blocks.push({ text: decodeEntities(m[2]!.replace(/<[^>]+>/g, '')), heading: m[1]!.startsWith('h') });
  }
  return blocks;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)));
}
