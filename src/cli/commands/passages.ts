/** `passages` command (placeholder until its owner lands it). */
import { EXIT_FAILURE, type CliCommand } from '../context.js';

export const passagesCommand: CliCommand = async (_args, ctx) => {
  ctx.err('passages: not implemented yet');
  return EXIT_FAILURE;
};
