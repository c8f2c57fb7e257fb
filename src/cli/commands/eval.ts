/**
 * `eval (--questions FILE | --enquiries FILE)... [--json]` (CONTRACTS §3, issue 9 item 2): for every development
 * set given, in the order given, one table of our engine beside MiniSearch's default options over the same
 * passages — hit@1, hit@3, hit@5, MRR, share answered, precision of answers, confidently wrong (ids) and
 * latency — plus the out-of-scope check. Question sets are asked directly; enquiry sets go through triage.
 *
 * `--json` prints one object: `sets` (one report per set, each with its per-question `results` and `latency`
 * p50/p99) and `errors` (malformed lines of every set); with exactly one set that set's fields also stand at
 * the top level, as before there were several.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { isAppError } from '../../core/errors.js';
import { evaluateRuns } from '../../knowledge/evaluate.js';
import { buildDefaultIndex, type KnowledgeBase } from '../../knowledge/index.js';
import { EXIT_OK, EXIT_USAGE, exitCodeFor, type CliCommand, type CliContext } from '../context.js';
import { jsonLine, type BatchError } from '../io.js';
import { openKnowledgeForCli } from './ask.js';
import { renderOverview, renderSet, type SetReport } from './eval-render.js';
import { enquiryEngines, questionEngines, readEvalSet, type EvalDeps, type EvalSet, type EvalSetKind } from './eval-sets.js';
import { openRouterForCli } from './triage.js';

const USAGE = 'Aufruf: eval --questions DATEI | --enquiries DATEI [--json] (beide mehrfach möglich, eine Tabelle je Datei)';

/** A malformed line of one set. */
type SetError = BatchError & { file: string };

/** The sets in the order given on the command line, and whether JSON was asked for. */
function parseOptions(args: string[]): { sets: { kind: EvalSetKind; file: string }[]; json: boolean } | string {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      tokens: true,
      options: { questions: { type: 'string', multiple: true }, enquiries: { type: 'string', multiple: true }, json: { type: 'boolean' } },
    });
  } catch (error) {
    return `eval: ${(error as Error).message}`;
  }
  const sets = parsed.tokens.flatMap((t) =>
    t.kind === 'option' && (t.name === 'questions' || t.name === 'enquiries') && t.value !== undefined ? [{ kind: t.name, file: t.value }] : [],
  );
  if (sets.length === 0) return 'eval: --questions DATEI oder --enquiries DATEI fehlt.';
  return { sets, json: parsed.values.json === true };
}

function runSet(set: EvalSet, deps: EvalDeps): SetReport {
  const report =
    set.kind === 'questions'
      ? evaluateRuns(set.cases, questionEngines(deps))
      : evaluateRuns(set.cases, enquiryEngines({ ...deps, router: deps.router! }));
  return { kind: set.kind, file: set.file, questions: set.cases.length, ...report };
}

async function score(sets: EvalSet[], ctx: CliContext): Promise<SetReport[]> {
  const kb: KnowledgeBase = await openKnowledgeForCli(ctx);
  try {
    const router = sets.some((s) => s.kind === 'enquiries') ? await openRouterForCli(ctx) : null;
    const deps: EvalDeps = { kb, router, baseline: buildDefaultIndex(kb.passages()), clock: () => performance.now() };
    return sets.map((set) => runSet(set, deps));
  } finally {
    await kb.close();
  }
}

export const evalCommand: CliCommand = async (args, ctx) => {
  const options = parseOptions(args);
  if (typeof options === 'string') {
    ctx.err(`${options}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const sets: EvalSet[] = [];
  try {
    for (const s of options.sets) sets.push(await readEvalSet(s.kind, s.file));
  } catch (error) {
    ctx.err(`eval: ${(error as Error).message}\n${USAGE}`);
    return isAppError(error, 'INPUT_INVALID') ? EXIT_USAGE : exitCodeFor(error);
  }
  const errorsOf = (set: EvalSet): SetError[] => set.errors.map((e) => ({ ...e, file: set.file }));
  for (const e of sets.flatMap(errorsOf)) ctx.err(`eval: ${e.file}: ${e.id}: ${e.error} (nicht gewertet)`);
  let reports: SetReport[];
  try {
    reports = await score(sets, ctx);
  } catch (error) {
    ctx.err(`eval: Wissensbasis oder Zuständigkeiten konnten nicht geladen werden: ${(error as Error).message}`);
    return exitCodeFor(error);
  }
  if (options.json) {
    const withErrors = reports.map((r, i) => ({ ...r, errors: errorsOf(sets[i]!) }));
    const errors = sets.flatMap(errorsOf);
    ctx.out(jsonLine(withErrors.length === 1 ? { ...withErrors[0], sets: withErrors, errors } : { sets: withErrors, errors }));
  } else {
    ctx.out(reports.map(renderSet).join('\n'));
    if (reports.length > 1) ctx.out(`\n${renderOverview(reports)}`);
  }
  return EXIT_OK;
};
