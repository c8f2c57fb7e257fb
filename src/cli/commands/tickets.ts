/** `tickets` command (placeholder until its owner lands it). */
import { EXIT_FAILURE, type CliCommand } from '../context.js';

export const ticketsCommand: CliCommand = async (_args, ctx) => {
  ctx.err('tickets: not implemented yet');
  return EXIT_FAILURE;
};
