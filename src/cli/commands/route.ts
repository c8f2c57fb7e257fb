/** `route` command (placeholder until its owner lands it). */
import { EXIT_FAILURE, type CliCommand } from '../context.js';

export const routeCommand: CliCommand = async (_args, ctx) => {
  ctx.err('route: not implemented yet');
  return EXIT_FAILURE;
};
