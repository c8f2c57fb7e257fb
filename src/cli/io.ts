/**
 * Shared CLI helpers: JSON Lines batch input (a malformed line yields an error result for that line, the
 * batch goes on) and JSON output.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
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
    throw new AppError('INPUT_INVALID', `Die Datei ${file} kann nicht gelesen werden.`, { cause });
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

/** An error result for one batch line (CONTRACTS §3): the line's id, or its number when it has none. */
export interface BatchError {
  id: string;
  error: string;
  code: 'INPUT_INVALID';
}

/**
 * Runs a JSON Lines batch: each line is validated with `schema` and handed to `handle` with its id; a line
 * that is not JSON or fails the schema becomes a {@link BatchError} and the batch goes on. `emit` receives
 * every result in input order. Returns how many lines there were and how many failed.
 *
 * @example
 * await runJsonLinesBatch(file, LineSchema, (input, id) => ({ id, ...router.route(input) }), write);
 */
export async function runJsonLinesBatch<T>(
  file: string,
  schema: z.ZodType<T>,
  handle: (input: T, id: string) => Record<string, unknown>,
  emit: (result: Record<string, unknown>) => void,
): Promise<{ total: number; failed: number }> {
  const lines = await readJsonLines(file);
  let failed = 0;
  for (const line of lines) {
    if (!line.ok) {
      failed += 1;
      emit({ id: line.id, error: line.error, code: 'INPUT_INVALID' } satisfies BatchError);
      continue;
    }
    const rawId = line.value.id;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : String(line.line);
    const parsed = schema.safeParse(line.value);
    if (!parsed.success) {
      failed += 1;
      const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
      emit({ id, error: `line ${line.line}: ${fields}`, code: 'INPUT_INVALID' } satisfies BatchError);
      continue;
    }
    emit(handle(parsed.data, id));
  }
  return { total: lines.length, failed };
}

/** An optional text field of a batch line: missing, null or a string (null becomes undefined). */
export const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);
