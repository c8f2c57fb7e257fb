/** `triage` command (placeholder until its owner lands it). */
import { EXIT_FAILURE, type CliCommand } from '../context.js';

export const triageCommand: CliCommand = async (_args, ctx) => {
  ctx.err('triage: not implemented yet');
  return EXIT_FAILURE;
};
