/**
 * `db migrate [--url URL] [--json]` and `db copy --from sqlite:PATH --to postgres://… [--json]` (issue 15,
 * preparation for PostgreSQL). `migrate` applies the service's numbered migrations to `DATABASE_URL` (or
 * `--url`): an SQLite file or a PostgreSQL database. `copy` moves every table of an SQLite store into an empty
 * PostgreSQL database and verifies each by row count and checksum. Exit codes: 0 ok; 2 bad usage, a source
 * that is missing or not fully migrated, a target that is not empty, a database that cannot be reached;
 * 1 a failing migration or a copy whose verification does not match.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { emailMigrations } from '../../channels/email/state.js';
import { teamsMigrations } from '../../channels/teams/migrations.js';
import { errorCode } from '../../core/error-code.js';
import { AppError, isAppError } from '../../core/errors.js';
import type { Migration } from '../../core/ports.js';
import { routingMigrations } from '../../routing/migrations.js';
import { openDatabase } from '../../tickets/database.sqlite.js';
import { ticketMigrations } from '../../tickets/migrations.js';
import { gapsMigrations } from '../../knowledge-loop/gaps-migrations.js';
import { proposalMigrations } from '../../knowledge-loop/proposal-migrations.js';
import { workplaceMigrations } from '../../channels/workplace/migrations.js';
import { copyToPostgres, type CopyReport } from '../../tickets/postgres/copy.postgres.js';
import { isUnreachable, migratePostgres, openPostgres, redactUrl } from '../../tickets/postgres/database.postgres.js';
import { sqliteRowSource } from '../../tickets/postgres/source.sqlite.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, exitCodeFor, type CliCommand, type CliContext } from '../context.js';
import { jsonLine } from '../io.js';

/**
 * Every migration the service applies to its one database, in its order (server/services.ts: tickets,
 * routing, knowledge gaps; server/app.ts: Teams, mail, FAQ proposals). A test keeps this in step with the
 * composition root (test/integration/postgres/service-migrations.test.ts).
 */
export const SERVICE_MIGRATIONS: Migration[] = [...ticketMigrations, ...routingMigrations, ...gapsMigrations, ...teamsMigrations, ...emailMigrations, ...proposalMigrations, ...workplaceMigrations];

const sqliteUrl = z.string().regex(/^sqlite:.+/, 'erwartet sqlite:PFAD (z. B. sqlite:./data/pakt.db)');
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/.+/, 'erwartet postgres://BENUTZER@HOST:PORT/DATENBANK');
const anyUrl = z.union([sqliteUrl, postgresUrl], { error: 'erwartet sqlite:PFAD oder postgres://BENUTZER@HOST:PORT/DATENBANK' });

function parseUrl(schema: z.ZodType<string>, value: unknown, option: string): string {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('USAGE', `--${option}: ${r.error.issues[0]?.message ?? 'ungültig'}`);
  return r.data;
}

const sqliteFile = (url: string): string => url.slice('sqlite:'.length);

async function migrate(ctx: CliContext, url: string, json: boolean): Promise<number> {
  let applied: string[];
  let alreadyApplied: string[];
  if (url.startsWith('sqlite:')) {
    const started = new Date().toISOString();
    const db = openDatabase(sqliteFile(url), SERVICE_MIGRATIONS, ctx.logger);
    try {
      const rows = db.prepare('SELECT id, applied_at AS at FROM schema_migrations').all() as { id: string; at: string }[];
      const fresh = new Set(rows.filter((r) => r.at >= started).map((r) => r.id));
      applied = SERVICE_MIGRATIONS.map((m) => m.id).filter((id) => fresh.has(id));
      alreadyApplied = SERVICE_MIGRATIONS.map((m) => m.id).filter((id) => !fresh.has(id));
    } finally {
      db.close();
    }
  } else {
    const pool = await openPostgres(url, { max: 1 });
    try {
      ({ applied, alreadyApplied } = await migratePostgres(pool, SERVICE_MIGRATIONS, ctx.logger));
    } finally {
      await pool.end();
    }
  }
  if (json) ctx.out(jsonLine({ ok: true, url: redactUrl(url), applied, alreadyApplied }));
  else ctx.out(`${redactUrl(url)}: ${applied.length} Migration(en) angewendet${applied.length > 0 ? ` (${applied.join(', ')})` : ''}, ${alreadyApplied.length} bereits vorhanden.\n`);
  return EXIT_OK;
}

function renderCopy(report: CopyReport): string {
  const width = Math.max(8, ...report.tables.map((t) => t.table.length)) + 2;
  const lines = [`${'Tabelle'.padEnd(width)}${'Quelle'.padStart(9)}${'Ziel'.padStart(9)}  Prüfsumme`];
  for (const t of report.tables) {
    const check = t.match ? `gleich (${t.targetChecksum.slice(0, 12)}…)` : `ABWEICHUNG (Quelle ${t.sourceChecksum.slice(0, 12)}…, Ziel ${t.targetChecksum.slice(0, 12)}…)`;
    lines.push(`${t.table.padEnd(width)}${String(t.sourceRows).padStart(9)}${String(t.targetRows).padStart(9)}  ${check}`);
  }
  lines.push('', report.ok ? 'Kopie vollständig: alle Tabellen stimmen in Zeilenzahl und Prüfsumme überein.' : 'Kopie NICHT bestätigt: mindestens eine Tabelle weicht ab.');
  return `${lines.join('\n')}\n`;
}

async function copy(ctx: CliContext, from: string, to: string, json: boolean): Promise<number> {
  const path = sqliteFile(from);
  if (!existsSync(path)) throw new AppError('INPUT_INVALID', `Quelldatei ${path} nicht gefunden.`);
  let db;
  try {
    db = openDatabase(path, SERVICE_MIGRATIONS, ctx.logger, { readonly: true });
  } catch (error) {
    throw new AppError('INPUT_INVALID', `Quelle ${path}: ${(error as Error).message} (zuerst „pakt db migrate --url ${from}“ ausführen?)`, { cause: error });
  }
  try {
    const pool = await openPostgres(to, { max: 2 });
    try {
      const report = await copyToPostgres(sqliteRowSource(db), pool, SERVICE_MIGRATIONS, ctx.logger);
      if (json) ctx.out(jsonLine({ ok: report.ok, from, to: redactUrl(to), tables: report.tables }));
      else ctx.out(renderCopy(report));
      return report.ok ? EXIT_OK : EXIT_FAILURE;
    } finally {
      await pool.end();
    }
  } finally {
    db.close();
  }
}

const USAGE = 'Aufruf:\n  db migrate [--url sqlite:PFAD|postgres://…] [--json]   (Standard: DATABASE_URL)\n  db copy --from sqlite:PFAD --to postgres://… [--json]\n';

/** The `db` command. */
export const dbCommand: CliCommand = async (args, ctx) => {
  const [sub, ...rest] = args;
  let json = false;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { json: { type: 'boolean' }, url: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    json = values.json === true;
    if (positionals.length > 0) throw new AppError('USAGE', `Unerwartete Angabe: ${positionals.join(' ')}`);
    if (sub === 'migrate') {
      if (values.from !== undefined || values.to !== undefined) throw new AppError('USAGE', 'db migrate kennt --from/--to nicht (gemeint: db copy?).');
      return await migrate(ctx, parseUrl(anyUrl, values.url ?? ctx.config.DATABASE_URL, 'url'), json);
    }
    if (sub === 'copy') {
      if (values.from === undefined || values.to === undefined) throw new AppError('USAGE', 'db copy braucht --from sqlite:PFAD und --to postgres://….');
      return await copy(ctx, parseUrl(sqliteUrl, values.from, 'from'), parseUrl(postgresUrl, values.to, 'to'), json);
    }
    throw new AppError('USAGE', sub === undefined ? 'Unterbefehl fehlt.' : `Unbekannter Unterbefehl „${sub}“.`);
  } catch (error) {
    const parseError = errorCode(error)?.startsWith('ERR_PARSE_ARGS') === true;
    const e = isAppError(error) ? error : new AppError(parseError ? 'USAGE' : 'INTERNAL', parseError ? `Ungültiger Aufruf: ${(error as Error).message}` : `db: unerwarteter Fehler (${(error as Error).message})`, { cause: error });
    const unreachable = isUnreachable(e);
    const message = unreachable ? `Datenbank nicht erreichbar: ${e.message}` : e.message;
    if (json) ctx.out(jsonLine({ ok: false, error: { code: e.code, message, ...(unreachable ? { unreachable: true } : {}) } }));
    ctx.err(e.code === 'USAGE' ? `${message}\n${USAGE}` : message);
    return unreachable ? EXIT_USAGE : exitCodeFor(e);
  }
};
