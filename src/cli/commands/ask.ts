/** `ask` command (placeholder until its owner lands it). */
import { EXIT_FAILURE, type CliCommand } from '../context.js';

export const askCommand: CliCommand = async (_args, ctx) => {
  ctx.err('ask: not implemented yet');
  return EXIT_FAILURE;
};
