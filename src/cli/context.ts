/**
 * What every CLI command receives: configuration, output streams and a logger (stderr only).
 * Commands return an exit code: 0 success, 2 bad usage or bad input, 1 other failure (CONTRACTS §1).
 */
import type { Config } from '../server/config.js';
import type { Logger } from '../core/ports.js';
import { errorCode } from '../core/error-code.js';

export interface CliContext {
  config: Config;
  logger: Logger;
  /** Writes to stdout (JSON only when --json). */
  out(text: string): void;
  /** Writes a message to stderr. */
  err(text: string): void;
}

/** A CLI command: parses its own arguments, returns the exit code. */
export type CliCommand = (args: string[], ctx: CliContext) => Promise<number>;

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/**
 * Error codes that mean what the caller gave (arguments, input files) or what operators wrote (env,
 * contacts, knowledge, templates) is wrong: exit 2 with the message (CONTRACTS §1). Anything else exits 1.
 */
export const BAD_INPUT_CODES: ReadonlySet<string> = new Set([
  'USAGE',
  'INPUT_INVALID',
  'QUESTION_INVALID',
  'CONFIG_INVALID',
  'CONTACTS_INVALID',
  'ROUTING_DATA_INVALID',
  'KNOWLEDGE_INVALID',
  'TEMPLATE_INVALID',
]);

/** The exit code for an error: 2 for {@link BAD_INPUT_CODES}, else 1. */
export function exitCodeFor(error: unknown): number {
  const code = errorCode(error);
  return error instanceof Error && typeof code === 'string' && BAD_INPUT_CODES.has(code) ? EXIT_USAGE : EXIT_FAILURE;
}
