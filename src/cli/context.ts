/**
 * What every CLI command receives: configuration, output streams and a logger (stderr only).
 * Commands return an exit code: 0 success, 2 bad usage or bad input, 1 other failure (CONTRACTS §1).
 */
import type { Config } from '../server/config.js';
import type { Logger } from '../core/ports.js';

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
