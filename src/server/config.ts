/**
 * Configuration: the only place that reads the environment (STYLE G2). Parsed once with zod into a frozen,
 * typed Config whose defaults let `npm start` run with no `.env` and no credentials.
 */
import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { workplaceCrossChecks, workplaceEnvShape } from '../channels/workplace/config.js';
import { feedbackEnvShape } from '../knowledge-loop/feedback-config.js';
import { AppError } from '../core/errors.js';
import { TICKET_CATEGORIES, type TicketCategory } from '../core/triage/index.js';

const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', ''])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');
/**
 * A whole number of at least `min`. An empty value is an error, not "unset": `PORT=` would otherwise coerce
 * to 0 (a random port), `MAIL_AUTO_REPLIES_PER_DAY=` to 0 (no replies at all).
 */
const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    .min(1, { error: 'is empty: give a number or remove the line to use the default', abort: true })
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be a whole number from ${min} to ${max}`).max(max, `must be a whole number from ${min} to ${max}`));

/** A TCP port; 0 stays allowed (tests ask the OS for a free port). */
const port = wholeNumber(0, 65535);

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** `sqlite:<path>`: a real file. `sqlite:` or `sqlite::memory:` would run on a temporary database. */
const databaseUrl = z
  .string()
  .trim()
  .refine((v) => v.startsWith('sqlite:') || /^postgres(ql)?:\/\/./.test(v), 'only sqlite:<path> or postgres://… is supported (e.g. sqlite:./data/pakt.db)')
  .refine(
    (v) => !v.startsWith('sqlite:') || !['', ':memory:'].includes(v.slice('sqlite:'.length).trim()),
    'needs a file path after "sqlite:" (e.g. sqlite:./data/pakt.db); without one the data would be lost on restart',
  );

/** A calendar date (`2026-03-01`) or a date-time with offset (`2026-03-01T08:00:00+01:00`); empty = unset. */
const startDate = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
  .pipe(
    z
      .union([z.iso.date(), z.iso.datetime({ offset: true })], {
        error: 'must be a real date (YYYY-MM-DD) or an ISO date-time with offset (2026-03-01T08:00:00+01:00)',
      })
      .refine((v) => !Number.isNaN(Date.parse(v)), 'must be a real date')
      .optional(),
  );
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));
const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''));

/**
 * Per-category targets in working days, `kategorie=ersteAntwort/Erledigung` separated by commas, e.g.
 * `frist=1/5,antrag=3/15`. Categories not named keep their defaults.
 */
const deadlines = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const rules: Partial<Record<TicketCategory, { firstResponseDays: number; resolutionDays: number }>> = {};
    let bad = false;
    // Every malformed entry is reported, not only the first (one issue, so one line, per entry).
    for (const part of (v ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      const m = /^([a-z]+)=(\d{1,3})\/(\d{1,3})$/.exec(part);
      const category = m?.[1] as TicketCategory | undefined;
      if (m === null || category === undefined || !TICKET_CATEGORIES.includes(category) || Number(m[2]) > Number(m[3])) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not <category>=<first>/<resolution> with a category of ${TICKET_CATEGORIES.join(', ')}` });
        bad = true;
        continue;
      }
      rules[category] = { firstResponseDays: Number(m[2]), resolutionDays: Number(m[3]) };
    }
    return bad ? z.NEVER : rules;
  });

/** Environment schema. `z.input` is what operators write; `Config` (output) has every default applied. */
export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PORT: port.default(3978),
    HOST: z
      .string()
      .trim()
      .refine((v) => isIP(v) !== 0 || HOST_NAME.test(v), 'must be an IP address or a host name (e.g. 127.0.0.1, 0.0.0.0)')
      .default('127.0.0.1'),
    DATABASE_URL: databaseUrl.default('sqlite:./data/pakt.db'),
    KNOWLEDGE_DIR: z.string().min(1).default('./knowledge'),
    KNOWLEDGE_MAX_FILE_BYTES: wholeNumber(1).default(5 * 1024 * 1024),
    TEMPLATES_DIR: z.string().min(1).default('./templates'),
    CONTACTS_FILE: optionalString,
    INDEX_CACHE_DIR: z.string().min(1).default('./data/cache'),
    ATTACHMENTS_DIR: z.string().min(1).default('./data/attachments'),
    // Bot Framework (names as in Microsoft's samples)
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalString,
    ToBotFromChannelOpenIdMetadataUrl: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    TEAMS_STAFF_IDS: csv,
    TEAMS_STAFF_TEAM_ID: optionalString,
    // Mail
    IMAP_HOST: optionalString,
    IMAP_PORT: port.default(993),
    IMAP_SECURE: bool.default(true),
    IMAP_STARTTLS: bool.default(false),
    IMAP_USER: optionalString,
    IMAP_PASSWORD: optionalString,
    IMAP_ACCESS_TOKEN: optionalString,
    IMAP_TOKEN_COMMAND: optionalString,
    IMAP_TLS_CA_FILE: optionalString,
    IMAP_MAILBOX: z.string().min(1).default('INBOX'),
    IMAP_PROCESSED_FOLDER: z.string().min(1).default('Bearbeitet'),
    IMAP_QUARANTINE_FOLDER: z.string().min(1).default('Quarantaene'),
    IMAP_START_DATE: startDate,
    IMAP_POLL_SECONDS: wholeNumber(5).default(60),
    SMTP_HOST: optionalString,
    SMTP_PORT: port.default(587),
    SMTP_SECURE: bool.default(false),
    SMTP_USER: optionalString,
    SMTP_PASSWORD: optionalString,
    MAIL_FROM: z.string().default('integrationsmanagement@rps.bwl.de'),
    MAIL_OWN_ADDRESSES: csv,
    MAIL_MAX_BYTES: wholeNumber(1).default(25 * 1024 * 1024),
    MAIL_AUTO_REPLIES_PER_DAY: wholeNumber(0).default(5),
    // Issue 10 (mail channel): attachment bytes stored per mail; copies of sent replies in the Sent folder.
    MAIL_ATTACHMENTS_MAX_BYTES: wholeNumber(0).default(20 * 1024 * 1024),
    IMAP_SENT_FOLDER: optionalString,
    MAIL_SAVE_SENT: bool.default(true),
    // Tickets
    LEAD_MAILBOX: optionalString,
    TICKET_DEADLINES: deadlines,
    RETENTION_DAYS: wholeNumber(1).default(365),
    OUTBOX_POLL_MS: wholeNumber(10).default(1000),
    // Replicas on PostgreSQL (issue 15): how often a standby tries to become mailbox leader (and a leader checks its lock)
    MAILBOX_LEADER_POLL_MS: wholeNumber(100).default(5000),
    // Staff workplace (/arbeitsplatz, issue #13): OIDC sign-in or local mode
    ...workplaceEnvShape,
    // Feedback link in mail answers and the published FAQ (issue 14)
    ...feedbackEnvShape,
  });

/**
 * Checks across variables, run on the raw environment so that they are reported together with the
 * per-variable problems (empty strings count as unset).
 */
function crossChecks(env: Record<string, string | undefined>): string[] {
  const has = (key: string): boolean => (env[key] ?? '').trim() !== '';
  const problems: string[] = [];
  if (has('IMAP_HOST')) {
    if (!has('IMAP_USER')) problems.push('IMAP_USER: required when IMAP_HOST is set');
    if (!has('IMAP_PASSWORD') && !has('IMAP_ACCESS_TOKEN') && !has('IMAP_TOKEN_COMMAND')) {
      problems.push('IMAP_PASSWORD: IMAP_HOST is set: give IMAP_PASSWORD, IMAP_ACCESS_TOKEN or IMAP_TOKEN_COMMAND');
    }
    if (!has('SMTP_HOST')) problems.push('SMTP_HOST: required when IMAP_HOST is set');
  }
  if (has('MicrosoftAppId') && env.MicrosoftAppType === 'SingleTenant' && !has('MicrosoftAppTenantId')) {
    problems.push('MicrosoftAppTenantId: required for SingleTenant');
  }
  return [...problems, ...workplaceCrossChecks(env)];
}

export type Config = Readonly<z.output<typeof ConfigSchema>>;
export type ConfigInput = z.input<typeof ConfigSchema>;

/**
 * Parses an environment into a frozen Config. Throws AppError CONFIG_INVALID whose message has one line per
 * problem, each naming the variable.
 *
 * @example
 * const config = parseConfig({ PORT: '8080' });
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  const lines = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`)),
    ...crossChecks(env),
  ];
  if (!result.success || lines.length > 0) {
    throw new AppError('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`, {
      details: { problems: lines },
    });
  }
  return Object.freeze(result.data);
}

/**
 * The database file path from a `sqlite:` `DATABASE_URL` (`sqlite:./data/pakt.db` → `./data/pakt.db`). Callers
 * (server/storage.ts, the CLI) open postgres://… themselves; a postgres:// URL here is refused with CONFIG_INVALID.
 */
export function sqlitePath(config: Pick<Config, 'DATABASE_URL'>): string {
  if (!config.DATABASE_URL.startsWith('sqlite:')) {
    throw new AppError('CONFIG_INVALID', 'DATABASE_URL: not a SQLite URL (expected sqlite:<path>)');
  }
  return config.DATABASE_URL.slice('sqlite:'.length);
}

/** The contacts file: `CONTACTS_FILE`, else `kontakte.yaml` in the knowledge directory. */
export function contactsFile(config: Pick<Config, 'CONTACTS_FILE' | 'KNOWLEDGE_DIR'>): string {
  return config.CONTACTS_FILE ?? join(config.KNOWLEDGE_DIR, 'kontakte.yaml');
}
