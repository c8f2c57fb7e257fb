/**
 * `knowledge gaps [--since DATE] [--json|--csv]` and `knowledge export --html DIR` (issue 14):
 * the knowledge-gap report from the service's database (SQLite or PostgreSQL, by DATABASE_URL), and the static
 * FAQ site built from KNOWLEDGE_DIR.
 * Exit codes as CONTRACTS §1: 0 ok, 2 bad usage or input, 1 other failure. With --json stdout carries one object.
 */
import { errorCode } from '../../core/error-code.js';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { berlinDate, berlinMidnight, addDays } from '../../core/berlin-time.js';
import { AppError } from '../../core/errors.js';
import { systemClock } from '../../core/ports.js';
import { exportFaqSite } from '../../knowledge-loop/export-html.js';
import { gapReportCsv, gapReportText } from '../../knowledge-loop/gaps-format.js';
import { gapsMigrations } from '../../knowledge-loop/gaps-migrations.js';
import { buildGapReport } from '../../knowledge-loop/gaps-report.js';
import { createGapsStore, gapReportInput } from '../../knowledge-loop/gaps-store.js';
import { EXIT_OK, EXIT_USAGE, exitCodeFor, type CliCommand, type CliContext } from '../context.js';
import { jsonLine } from '../io.js';
import { isUnreachableDatabase, openSql } from '../open-sql.js';

/** Without --since the report covers this many weeks. */
export const DEFAULT_WEEKS = 12;

const USAGE = 'Aufruf:\n  knowledge gaps [--since JJJJ-MM-TT] [--json|--csv]\n  knowledge export --html ORDNER [--json]\n';

const DateArg = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'erwartet JJJJ-MM-TT')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'kein gültiges Datum');

function usageError(message: string): AppError {
  return new AppError('USAGE', message);
}

async function gaps(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseArgs({ args, options: { since: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'boolean' } }, strict: true });
  if (values.json === true && values.csv === true) throw usageError('knowledge gaps: --json und --csv schließen sich aus.');
  const now = systemClock.now();
  let since: Date;
  if (values.since === undefined) since = berlinMidnight(addDays(berlinDate(now), -7 * DEFAULT_WEEKS));
  else {
    const parsed = DateArg.safeParse(values.since);
    if (!parsed.success) throw usageError(`knowledge gaps: --since ${values.since}: ${parsed.error.issues[0]?.message ?? 'ungültig'}`);
    const [year, month, day] = parsed.data.split('-').map(Number) as [number, number, number];
    since = berlinMidnight({ year, month, day });
    if (since > now) throw usageError(`knowledge gaps: --since ${values.since} liegt in der Zukunft.`);
  }
  const { sql, close } = await openSql(ctx.config, gapsMigrations, ctx.logger);
  try {
    const store = createGapsStore(sql);
    const from = since.toISOString();
    const report = buildGapReport({ ...(await gapReportInput(store, from)), since, now });
    ctx.out(values.json === true ? jsonLine(report) : values.csv === true ? gapReportCsv(report) : gapReportText(report));
    return EXIT_OK;
  } finally {
    await close();
  }
}

async function exportHtml(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseArgs({ args, options: { html: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  if (values.html === undefined || values.html.trim() === '') throw usageError('knowledge export: --html ORDNER fehlt.');
  const result = await exportFaqSite({ knowledgeDir: ctx.config.KNOWLEDGE_DIR, outDir: values.html, maxFileBytes: ctx.config.KNOWLEDGE_MAX_FILE_BYTES, now: systemClock.now() });
  if (values.json === true) ctx.out(jsonLine(result));
  else ctx.out(`${result.documents.length} Seiten mit ${result.passages} Passagen nach ${result.outDir} geschrieben (Einstieg: index.html).\n`);
  for (const p of result.problems) ctx.err(`Hinweis: ${p.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.message}`);
  return EXIT_OK;
}

const SUBCOMMANDS: Record<string, (args: string[], ctx: CliContext) => Promise<number>> = { gaps, export: exportHtml };

/** The `knowledge` command. */
export const knowledgeCommand: CliCommand = async (args, ctx) => {
  const [name, ...rest] = args;
  const sub = name === undefined ? undefined : SUBCOMMANDS[name];
  if (sub === undefined) {
    ctx.err(`${name === undefined ? 'Unterbefehl fehlt.' : `Unbekannter Unterbefehl „${name}“.`}\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await sub(rest, ctx);
  } catch (error) {
    const code = errorCode(error);
    // parseArgs reports unknown options with ERR_PARSE_ARGS_*: a usage error too.
    if (code === 'USAGE' || code?.startsWith('ERR_PARSE_ARGS') === true) {
      ctx.err(`${(error as Error).message}\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (isUnreachableDatabase(error)) {
      ctx.err(`knowledge ${name}: Datenbank nicht erreichbar: ${(error as Error).message}`);
      return EXIT_USAGE;
    }
    ctx.err(`knowledge ${name}: ${(error as Error).message}`);
    return exitCodeFor(error);
  }
};
