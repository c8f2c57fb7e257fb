/**
 * What the one-text-or-a-batch commands (`route`, `triage`) share: reading their options, printing one
 * result (JSON line, error line or German text) and running a JSON Lines batch with its failure summary
 * (CONTRACTS §3). Each command keeps its own options, usage text and rendering.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { EXIT_OK, type CliContext } from './context.js';
import { jsonLine, runJsonLinesBatch } from './io.js';

/** The `id` of a batch line: a string or a number, kept as a string; missing ids become line numbers. */
export const batchLineId = z.union([z.string(), z.number()]).transform(String).optional();

/** The options every such command ends up with: one input, or a batch file. */
export interface SingleOrBatch<I> {
  json: boolean;
  batch?: string;
  input?: I;
}

/**
 * `parseArgs` (strict unless the config says otherwise); a malformed command line becomes a USAGE error naming the command.
 *
 * @example
 * const { values } = parseCommandArgs('route', { args, allowPositionals: true, options: { json: { type: 'boolean' } } });
 */
export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (cause) {
    throw new AppError('USAGE', `${command}: ungültige Optionen (${(cause as Error).message})`, { cause });
  }
}

/** Prints one result: a JSON line with `--json`, else the error line of a failed batch line or `render(result)`. */
export function writeResult<R>(result: R | Record<string, unknown>, json: boolean, ctx: CliContext, render: (result: R) => string): void {
  if (json) ctx.out(jsonLine(result));
  else if (typeof result === 'object' && result !== null && 'error' in result) ctx.out(`[${String(result.id)}] Fehler: ${String(result.error)}\n\n`);
  else ctx.out(`${render(result as R)}\n`);
}

/**
 * Runs a JSON Lines batch through `handle`, prints every result with {@link writeResult} and reports the lines
 * that could not be read on stderr. Malformed lines never stop the batch, so the exit code is OK.
 */
export async function runBatchCommand<T, R>(
  command: string,
  batch: { file: string; schema: z.ZodType<T>; json: boolean },
  handle: (input: T, id: string) => Record<string, unknown>,
  render: (result: R) => string,
  ctx: CliContext,
): Promise<number> {
  const { total, failed } = await runJsonLinesBatch(batch.file, batch.schema, handle, (result) => writeResult(result, batch.json, ctx, render));
  if (failed > 0) ctx.err(`${command}: ${failed} von ${total} Zeilen fehlerhaft (als Fehlerergebnis ausgegeben)`);
  return EXIT_OK;
}

/**
 * Parses a command's options; when they are malformed, prints the reason with the usage text and returns
 * null (the command then exits with EXIT_USAGE).
 */
export function parseOrExplain<O>(parse: (args: string[]) => O, args: string[], usage: string, ctx: CliContext): O | null {
  try {
    return parse(args);
  } catch (error) {
    ctx.err(`${(error as Error).message}\n${usage}`);
    return null;
  }
}
