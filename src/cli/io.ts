/**
 * Shared CLI helpers: JSON Lines batch input (a malformed line yields an error result for that line, the
 * batch goes on) and JSON output.
 */
import { readFile } from 'node:fs/promises';
import { AppError } from '../core/errors.js';

/** One line of a JSON Lines batch: either the parsed object or an error for that line. */
export type BatchLine =
  | { ok: true; line: number; value: Record<string, unknown> }
  | { ok: false; line: number; id: string; error: string };

/**
 * Reads a JSON Lines file. Blank lines are skipped; a line that is not a JSON object becomes an error entry
 * whose id is the line number. Throws AppError INPUT_INVALID when the file cannot be read.
 */
export async function readJsonLines(file: string): Promise<BatchLine[]> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (cause) {
    throw new AppError('INPUT_INVALID', `cannot read batch file ${file}`, { cause });
  }
  const lines: BatchLine[] = [];
  raw.split(/\r?\n/).forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '') return;
    try {
      const value: unknown = JSON.parse(text);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        lines.push({ ok: false, line, id: String(line), error: `line ${line}: not a JSON object` });
      } else {
        lines.push({ ok: true, line, value: value as Record<string, unknown> });
      }
    } catch (e) {
      lines.push({ ok: false, line, id: String(line), error: `line ${line}: invalid JSON (${(e as Error).message})` });
    }
  });
  return lines;
}

/** Serialises one JSON object per line. */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
