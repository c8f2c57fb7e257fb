/**
 * `tickets <sub> …`: list, show and work on tickets from the command line, through the same ticket service
 * the Teams cards use (STYLE G1). Sub-commands are looked up in a table (STYLE G4). JSON shapes are
 * documented in docs/TICKETS.md and kept stable. Exit codes: 0 ok, 2 bad usage/input (unknown ticket,
 * staff or team), 1 refused transition or storage failure (DB_LOCKED, DB_READONLY, DB_FULL).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError, isAppError } from '../../core/errors.js';
import { TICKET_STATUSES, type TicketStatus } from '../../core/outcome.js';
import { systemClock } from '../../core/ports.js';
import type { StaffDirectory } from '../../core/routing.js';
import { loadRouting } from '../../routing/router.loader.js';
import { contactsFile, sqlitePath } from '../../server/config.js';
import { openDatabase } from '../../tickets/database.sqlite.js';
import { runEscalations } from '../../tickets/escalation.js';
import { ticketMigrations } from '../../tickets/migrations.js';
import { germanError, renderTicketDetails, renderTicketList, STATUS_LABELS } from '../../tickets/render-text.js';
import { runRetention } from '../../tickets/retention.js';
import { createTicketService, type TicketOpResult, type TicketService } from '../../tickets/ticket-service.js';
import { createSqliteTicketStores } from '../../tickets/ticket-store.sqlite.js';
import type { TicketStores } from '../../tickets/wiring.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, exitCodeFor, type CliCommand, type CliContext } from '../context.js';
import { jsonLine } from '../io.js';
import { errorCode } from '../../core/error-code.js';

/** What a sub-command gets: parsed options, the service and stores over an open database. */
interface Env {
  ctx: CliContext;
  json: boolean;
  values: Record<string, string | boolean | undefined>;
  number: string | undefined;
  service: TicketService;
  stores: TicketStores;
  staff(): StaffDirectory;
}

interface Sub {
  usage: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  run(env: Env): Promise<number> | number;
}

const USAGE_CODES = new Set(['USAGE', 'INPUT_INVALID', 'TICKET_NOT_FOUND', 'STAFF_UNKNOWN', 'TEAM_UNKNOWN']);
const JSON_OPT = { json: { type: 'boolean' as const } };
const BY = { by: { type: 'string' as const } };

function required(env: Env, name: string): string {
  const value = env.values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new AppError('USAGE', `Option --${name} fehlt.`);
  return value;
}

function ticketNumber(env: Env): string {
  if (env.number === undefined) throw new AppError('USAGE', 'Ticketnummer fehlt (z. B. IM-2026-000123).');
  return env.number;
}

/** Prints a staff operation's result; a refusal exits 1 with its code. */
function report(env: Env, result: TicketOpResult, done: string): number {
  if (result.ok) {
    if (env.json) env.ctx.out(jsonLine({ ok: true, ticket: result.ticket, event: result.event }));
    else env.ctx.out(`${result.ticket.number}: ${done} (Status: ${STATUS_LABELS[result.ticket.status]}).\n`);
    return EXIT_OK;
  }
  const code = result.refusal.code === 'ALREADY_CLAIMED' || result.refusal.code === 'HELD_BY_OTHER' ? 'TICKET_ALREADY_CLAIMED' : 'TICKET_TRANSITION_REFUSED';
  if (env.json) env.ctx.out(jsonLine({ ok: false, code, refusal: result.refusal }));
  env.ctx.err(`Abgelehnt [${code}/${result.refusal.code}]: ${result.refusal.message}`);
  return EXIT_FAILURE;
}

const operation = (usage: string, options: Sub['options'], done: string, op: (env: Env, n: string) => Promise<TicketOpResult>): Sub => ({
  usage,
  options: { ...JSON_OPT, ...BY, ...options },
  run: async (env) => report(env, await op(env, ticketNumber(env)), done),
});

const SUBCOMMANDS: Record<string, Sub> = {
  list: {
    usage: 'tickets list [--status S] [--kreis AGS] [--team T] [--assignee STAFF] [--limit N] [--json]',
    options: { ...JSON_OPT, status: { type: 'string' }, kreis: { type: 'string' }, team: { type: 'string' }, assignee: { type: 'string' }, limit: { type: 'string' } },
    async run(env) {
      const { status, kreis, team, assignee, limit } = env.values as Record<string, string | undefined>;
      if (status !== undefined && !(TICKET_STATUSES as readonly string[]).includes(status)) {
        throw new AppError('USAGE', `Unbekannter Status „${status}“ (erlaubt: ${TICKET_STATUSES.join(', ')}).`);
      }
      if (kreis !== undefined && !/^08\d{3}$/.test(kreis)) {
        throw new AppError('USAGE', `--kreis erwartet den fünfstelligen Kreisschlüssel (z. B. 08115 für den Landkreis Böblingen), nicht „${kreis}“.`);
      }
      const n = limit === undefined ? 50 : Number(limit);
      if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new AppError('USAGE', '--limit muss eine Zahl zwischen 1 und 10000 sein.');
      const tickets = await env.service.list({
        ...(status === undefined ? {} : { status: status as TicketStatus }),
        ...(kreis === undefined ? {} : { kreisAgs: kreis }),
        ...(team === undefined ? {} : { teamId: team }),
        ...(assignee === undefined ? {} : { assignee }),
        limit: n,
      });
      env.ctx.out(env.json ? jsonLine({ tickets, count: tickets.length }) : renderTicketList(tickets));
      return EXIT_OK;
    },
  },
  show: {
    usage: 'tickets show N [--json]',
    options: JSON_OPT,
    async run(env) {
      const details = await env.service.show(ticketNumber(env));
      env.ctx.out(env.json ? jsonLine(details) : renderTicketDetails(details));
      return EXIT_OK;
    },
  },
  claim: operation('tickets claim N --by STAFF [--json]', {}, 'übernommen', (env, n) => env.service.claim(n, required(env, 'by'))),
  handover: operation('tickets handover N --to TEAM|STAFF --note TEXT --by STAFF [--json]', { to: { type: 'string' }, note: { type: 'string' } }, 'übergeben', (env, n) =>
    env.service.handover(n, { to: required(env, 'to'), note: String(env.values.note ?? ''), by: required(env, 'by') }),
  ),
  note: operation('tickets note N --text T --by STAFF [--json]', { text: { type: 'string' } }, 'Notiz gespeichert', (env, n) =>
    env.service.note(n, { text: String(env.values.text ?? ''), by: required(env, 'by') }),
  ),
  answer: operation('tickets answer N --text T --by STAFF [--json]', { text: { type: 'string' } }, 'Antwort zum Versand bereitgestellt', (env, n) =>
    env.service.answer(n, { text: String(env.values.text ?? ''), by: required(env, 'by') }),
  ),
  close: operation('tickets close N --by STAFF [--note T] [--json]', { note: { type: 'string' } }, 'erledigt', (env, n) =>
    env.service.close(n, { by: required(env, 'by'), ...(typeof env.values.note === 'string' ? { note: env.values.note } : {}) }),
  ),
  reopen: operation('tickets reopen N --by STAFF [--note T] [--json]', { note: { type: 'string' } }, 'wieder geöffnet', (env, n) =>
    env.service.reopen(n, { by: required(env, 'by'), ...(typeof env.values.note === 'string' ? { note: env.values.note } : {}) }),
  ),
  export: {
    usage: 'tickets export --requester ADDRESS [--out FILE]',
    options: { requester: { type: 'string' }, out: { type: 'string' }, ...JSON_OPT },
    async run(env) {
      const data = { exportedAt: systemClock.now().toISOString(), ...(await env.stores.tickets.exportRequester(required(env, 'requester'))) };
      const text = `${JSON.stringify(data, null, 2)}\n`;
      if (typeof env.values.out === 'string') {
        writeFileSync(env.values.out, text, { mode: 0o600 });
        env.ctx.err(`${data.tickets.length} Ticket(s) und ${data.enquiries.length} Anfrage(n) nach ${env.values.out} geschrieben.`);
      } else env.ctx.out(text);
      return EXIT_OK;
    },
  },
  escalate: {
    usage: 'tickets escalate [--json]   (Eskalationslauf einmal ausführen)',
    options: JSON_OPT,
    async run(env) {
      const r = await runEscalations(systemClock.now(), { store: env.stores.tickets, staff: env.staff(), ...(env.ctx.config.LEAD_MAILBOX === undefined ? {} : { leadMailbox: env.ctx.config.LEAD_MAILBOX }), logger: env.ctx.logger });
      env.ctx.out(env.json ? jsonLine(r) : `${r.escalated.length} Eskalation(en): ${r.escalated.map((e) => `${e.number} Stufe ${e.level}`).join(', ') || '–'}\n`);
      return EXIT_OK;
    },
  },
  retention: {
    usage: 'tickets retention [--json]   (Tickets anonymisieren, die länger als RETENTION_DAYS erledigt sind)',
    options: JSON_OPT,
    async run(env) {
      const r = await runRetention(systemClock.now(), { store: env.stores.tickets, logger: env.ctx.logger, retentionDays: env.ctx.config.RETENTION_DAYS });
      env.ctx.out(env.json ? jsonLine({ anonymised: r.anonymised }) : `${r.anonymised.length} Ticket(s) anonymisiert.\n`);
      return EXIT_OK;
    },
  },
};

function usage(): string {
  return `Aufruf:\n${Object.values(SUBCOMMANDS).map((s) => `  ${s.usage}`).join('\n')}\n`;
}

/** Opens the database and builds the service; the staff directory is loaded only when an operation needs it. */
async function withEnv<T>(ctx: CliContext, partial: Pick<Env, 'json' | 'values' | 'number'>, fn: (env: Env) => Promise<T> | T): Promise<T> {
  const opened = await openStores(ctx);
  try {
    const { stores } = opened;
    const { staff } = await loadRouting({ logger: ctx.logger, contactsFile: contactsFile(ctx.config) });
    const service = createTicketService({ store: stores.tickets, staff, clock: systemClock, logger: ctx.logger });
    return await fn({ ctx, ...partial, service, stores, staff: () => staff });
  } finally {
    await opened.close();
  }
}

/** The ticket ports on `DATABASE_URL`: a SQLite file, or PostgreSQL (issue 15; the driver loaded only then). */
async function openStores(ctx: CliContext): Promise<{ stores: TicketStores; close(): Promise<void> }> {
  const url = ctx.config.DATABASE_URL;
  if (url.startsWith('sqlite:')) {
    const db = openDatabase(sqlitePath(ctx.config), ticketMigrations, ctx.logger);
    return {
      stores: createSqliteTicketStores(db),
      close: async () => {
        db.close();
      },
    };
  }
  const [{ openPostgres, migratePostgres }, { createPostgresTicketStores }] = await Promise.all([
    import('../../tickets/postgres/database.postgres.js'),
    import('../../tickets/postgres/ticket-store.postgres.js'),
  ]);
  const pool = await openPostgres(url, { max: 2, applicationName: 'pakt-cli' });
  try {
    await migratePostgres(pool, ticketMigrations, ctx.logger);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { stores: createPostgresTicketStores(pool), close: () => pool.end() };
}

/** The `tickets` command. */
export const ticketsCommand: CliCommand = async (args, ctx) => {
  const [name, ...rest] = args;
  const sub = name === undefined ? undefined : SUBCOMMANDS[name];
  if (sub === undefined) {
    ctx.err(`${name === undefined ? 'Unterbefehl fehlt.' : `Unbekannter Unterbefehl „${name}“.`}\n${usage()}`);
    return EXIT_USAGE;
  }
  let json = false;
  try {
    const { values, positionals } = parseArgs({ args: rest, options: sub.options, allowPositionals: true, strict: true });
    json = values.json === true;
    if (positionals.length > 1) throw new AppError('USAGE', `Zu viele Angaben: ${positionals.slice(1).join(' ')}`);
    return await withEnv(ctx, { json, values, number: positionals[0] }, (env) => sub.run(env));
  } catch (error) {
    const parseError = (errorCode(error) ?? '').startsWith('ERR_PARSE_ARGS');
    const appError = isAppError(error) ? error : parseError
        ? new AppError('USAGE', `Ungültiger Aufruf: ${(error as Error).message}`, { cause: error })
        : new AppError('INTERNAL', `tickets: unexpected failure (${(error as Error).name})`, { cause: error });
    if (json) ctx.out(jsonLine({ ok: false, error: { code: appError.code, message: appError.message } }));
    ctx.err(appError.code === 'USAGE' ? `${appError.message}\nAufruf: ${sub.usage}` : germanError(appError, rest[0] ?? ''));
    // A database that cannot be reached is the operator's to fix, as with `db migrate` (exit 2).
    const unreachable = (appError.details as { unreachable?: unknown } | undefined)?.unreachable === true;
    return USAGE_CODES.has(appError.code) || unreachable ? EXIT_USAGE : exitCodeFor(appError);
  }
};
