/** `eval` command (placeholder until its owner lands it). */
import { EXIT_FAILURE, type CliCommand } from '../context.js';

export const evalCommand: CliCommand = async (_args, ctx) => {
  ctx.err('eval: not implemented yet');
  return EXIT_FAILURE;
};
