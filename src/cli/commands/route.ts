/**
 * `route "<text>" [--from ADDRESS] [--json]` · `route --batch FILE --json` (CONTRACTS §3): finds the
 * requester's municipality, Kreis and responsible team. Batch lines are `{"id", "text", "from"?}`; further
 * fields are ignored; a malformed line yields an error result for its id (or line number) and the batch goes on.
 */
import { contactsFile } from '../../server/config.js';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { RouteInput, RouteResult, Router } from '../../core/routing.js';
import { loadRouting } from '../../routing/router.loader.js';
import { EXIT_OK, EXIT_USAGE, exitCodeFor, type CliCommand, type CliContext } from '../context.js';
import { batchLineId, parseCommandArgs, parseOrExplain, runBatchCommand, writeResult, type SingleOrBatch } from '../batch-command.js';
import { optionalText } from '../io.js';

/** Opens the router for one CLI run (the real loader in {@link routeCommand}; a fake in tests). */
export type ComposeRouter = (ctx: CliContext) => Promise<Router>;

const USAGE = 'Aufruf: route "<Text>" [--from ADRESSE] [--json]  |  route --batch DATEI --json   (\\n im Text = Zeilenumbruch)';

/** One batch line; extra fields (the dev set's `expect`) are ignored. */
const BatchLineSchema = z.object({
  id: batchLineId,
  text: z.string(),
  from: optionalText,
  subject: optionalText,
  signature: optionalText,
});

type Options = SingleOrBatch<RouteInput>;

function parseOptions(args: string[]): Options {
  const parsed = parseCommandArgs('route', {
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, from: { type: 'string' }, batch: { type: 'string' } },
  });
  const { values, positionals } = parsed;
  if (values.batch !== undefined) {
    if (positionals.length > 0 || values.from !== undefined) throw new AppError('USAGE', 'route: --batch cannot be combined with a text or --from');
    return { json: values.json, batch: values.batch };
  }
  if (positionals.length !== 1) throw new AppError('USAGE', 'route: exactly one text (in quotes) or --batch FILE is required');
  // A typed "\n" in the shell argument means a line break, so signatures can be tried on the command line.
  const text = (positionals[0] as string).replace(/\\n/g, '\n');
  const input: RouteInput = { text, ...(values.from === undefined ? {} : { from: values.from }) };
  return { json: values.json, input };
}

const STATUS_LABELS: Record<RouteResult['status'], string> = {
  resolved: 'zugeordnet',
  ambiguous: 'mehrdeutig – bitte beim Absender nachfragen',
  unknown: 'nicht ermittelt',
};

/** German, human-readable rendering of one result. */
export function renderRoute(result: RouteResult): string {
  const lines = [`Ergebnis: ${STATUS_LABELS[result.status]}`];
  if (result.gemeinde !== null) lines.push(`Gemeinde: ${result.gemeinde.name} (${result.gemeinde.ags})`);
  if (result.kreis !== null) lines.push(`Kreis: ${result.kreis.typ} ${result.kreis.name} (${result.kreis.ags})`);
  if (result.status === 'ambiguous') {
    lines.push('Mögliche Orte:', ...result.candidates.map((c) => `  - ${c.label}`));
  }
  if (result.evidence.length > 0) lines.push('Hinweise:', ...result.evidence.map((e) => `  - ${e}`));
  if (result.contact !== null) {
    const c = result.contact;
    const deputy = c.deputyFor === undefined ? '' : ` (Vertretung für ${c.deputyFor})`;
    lines.push(`Zuständig: ${c.team}${deputy}, ${c.email}${c.phone === '' ? '' : `, Tel. ${c.phone}`}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One result as text, headed by its id in a batch. */
function renderRouteLine(result: RouteResult & { id?: string }): string {
  return `${result.id === undefined ? '' : `[${result.id}]\n`}${renderRoute(result)}`;
}

/** Builds the command around a router factory (STYLE G5: tests pass a fake). */
export function createRouteCommand(compose: ComposeRouter): CliCommand {
  return async (args, ctx) => {
    const options = parseOrExplain(parseOptions, args, USAGE, ctx);
    if (options === null) return EXIT_USAGE;
    try {
      const router = await compose(ctx);
      if (options.batch !== undefined) {
        const batch = { file: options.batch, schema: BatchLineSchema, json: options.json };
        return await runBatchCommand('route', batch, ({ id: _ignored, ...input }, id) => ({ id, ...shown(router.route(input)) }), renderRouteLine, ctx);
      }
      writeResult(shown(router.route(options.input as RouteInput)), options.json, ctx, renderRouteLine);
      return EXIT_OK;
    } catch (error) {
      ctx.err(`route: ${(error as Error).message}`);
      return exitCodeFor(error);
    }
  };
}

/** The route as CONTRACTS §3 shows it: the places named (for reading the question inside triage) stay internal. */
function shown({ places: _places, ...route }: RouteResult): RouteResult {
  return route;
}

/** Loads the real router: geography from resources/geo, contacts from CONTACTS_FILE or knowledge/kontakte.yaml. */
export const composeRouter: ComposeRouter = async (ctx) => {
  const routing = await loadRouting({ logger: ctx.logger, contactsFile: contactsFile(ctx.config) });
  return routing.router;
};

/** The `route` command with the real router. */
export const routeCommand: CliCommand = createRouteCommand(composeRouter);
