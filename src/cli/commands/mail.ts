/**
 * `mail check PATH... [--json]` (CONTRACTS §3): the e-mail channel's reading of raw messages, without any side
 * effect. Each message goes the channel's own way — size limit, `parseMail`, the loop guard through
 * `guardInputFor`, the question through `toEnquiry` — so what this prints is what the channel would do
 * (apart from the daily reply limit and Message-ID threading, which need the mailbox's state).
 */
import { errorCode } from '../../core/error-code.js';
import type { Dirent } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { ownAddresses } from '../../channels/email/config.js';
import { guardInputFor, guardMail, type SuppressReason } from '../../channels/email/loop-guard.js';
import { parseMail, toEnquiry } from '../../channels/email/parse.js';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliContext } from '../context.js';
import { jsonLine } from '../io.js';

const USAGE = 'Aufruf: mail check PFAD... [--json]   (PFAD: .eml-/Maildir-Datei oder Ordner, rekursiv)';

/** Why a message goes to quarantine (a person looks at it). */
export type QuarantineReason = 'unparseable' | 'too_large';

/** One message as the channel reads it (CONTRACTS §3). */
export interface MailCheckResult {
  file: string;
  verdict: 'reply' | 'suppress' | 'quarantine';
  reason: SuppressReason | QuarantineReason | null;
  /** The new text the bot would read; null in quarantine. */
  question: string | null;
  ticketNumber: string | null;
}

/** A file that could not be read: the run goes on. */
export interface MailCheckError {
  file: string;
  error: string;
  code: 'INPUT_INVALID';
}

/** What `mail check` needs of the configuration. */
export interface MailCheckOptions {
  ownAddresses: readonly string[];
  maxBytes: number;
  maxRepliesPerDay: number;
}

/**
 * Reads one raw message the way the e-mail channel does and returns its verdict.
 *
 * @example
 * await checkMessage('x.eml', raw, { ownAddresses: ['im@rps.bwl.de'], maxBytes: 25e6, maxRepliesPerDay: 5 });
 * // → { file: 'x.eml', verdict: 'reply', reason: null, question: 'Wann …?', ticketNumber: null }
 */
export async function checkMessage(file: string, source: Buffer, options: MailCheckOptions): Promise<MailCheckResult> {
  const quarantine = (reason: QuarantineReason): MailCheckResult => ({ file, verdict: 'quarantine', reason, question: null, ticketNumber: null });
  if (source.length > options.maxBytes) return quarantine('too_large');
  let mail;
  try {
    mail = await parseMail(source);
  } catch {
    return quarantine('unparseable');
  }
  const verdict = guardMail(
    guardInputFor(mail, { ownAddresses: options.ownAddresses, repliesToSenderToday: 0, maxRepliesPerDay: options.maxRepliesPerDay }),
  );
  const enquiry = toEnquiry(mail, mail.date ?? new Date(0), null);
  return {
    file,
    verdict: verdict.suppress ? 'suppress' : 'reply',
    reason: verdict.suppress ? verdict.reason : null,
    question: enquiry.text,
    ticketNumber: enquiry.ticketNumber ?? null,
  };
}

/**
 * Names that are documentation or metadata beside a corpus, never mail (README, LICENSE, labels.jsonl, …).
 * Anything else is read as a message: maildir files have no extension, and corpora name theirs freely.
 */
const NOT_MAIL = /^(readme|license|licence|copying|notice|authors|changelog)(\..*)?$|\.(md|json|jsonl|ya?ml|csv|pdf|png|jpe?g|gif|zip|gz)$/i;

/**
 * The message files under PATH: the file itself, or a folder's files and symbolic links recursively (sorted;
 * dotfiles and documentation skipped). A link that leads nowhere is read, and fails, like any unreadable file.
 */
async function* messageFiles(path: string): AsyncGenerator<{ file: string; full: string }> {
  const info = await stat(path);
  if (!info.isDirectory()) {
    yield { file: path, full: path };
    return;
  }
  const entries: Dirent[] = await readdir(path, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && !e.name.startsWith('.') && !NOT_MAIL.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const full of files) yield { file: relative(path, full).split(sep).join('/'), full };
}

type Line = MailCheckResult | MailCheckError;

/**
 * Checks every message under the given paths; `emit` receives one result per message in order. A file or
 * path that cannot be read becomes a {@link MailCheckError} and the run goes on. Returns how many PATH
 * arguments did not exist (bad input).
 */
export async function checkPaths(paths: readonly string[], options: MailCheckOptions, emit: (line: Line) => void): Promise<{ missingPaths: number }> {
  let missingPaths = 0;
  for (const path of paths) {
    try {
      for await (const { file, full } of messageFiles(path)) {
        let source: Buffer;
        try {
          source = await readFile(full);
        } catch (error) {
          emit({ file, error: `Datei nicht lesbar (${errorCode(error) ?? 'Fehler'})`, code: 'INPUT_INVALID' });
          continue;
        }
        emit(await checkMessage(file, source, options));
      }
    } catch (error) {
      missingPaths += 1;
      emit({ file: path, error: `Pfad nicht lesbar (${errorCode(error) ?? 'Fehler'})`, code: 'INPUT_INVALID' });
    }
  }
  return { missingPaths };
}

const REASON_LABELS: Record<SuppressReason | QuarantineReason, string> = {
  own_address: 'eigene Adresse als Absender oder Antwortziel',
  mailer_daemon: 'Mailserver (MAILER-DAEMON, Postmaster)',
  delivery_report: 'Zustell- oder Lesebericht',
  complaint_report: 'Spam- oder Missbrauchsbeschwerde',
  auto_submitted: 'automatisch erzeugt (Auto-Submitted)',
  auto_response_suppress: 'bittet um keine automatische Antwort',
  auto_reply_header: 'Autoresponder-Kennzeichnung',
  precedence: 'Massen- oder Listenversand (Precedence)',
  x_loop: 'Schleifenschutz eines Systems (X-Loop)',
  mailing_list: 'Mailingliste',
  no_reply_sender: 'No-Reply-Adresse',
  no_sender: 'kein Absender',
  auto_reply_subject: 'Abwesenheitsnotiz (Betreff)',
  bounce_subject: 'Unzustellbarkeitsmeldung (Betreff)',
  challenge_response: 'Absenderprüfung eines Spamfilters',
  staff_sender: 'Adresse des eigenen Hauses',
  rate_limit: 'Tageslimit automatischer Antworten',
  unparseable: 'technisch nicht lesbar',
  too_large: 'zu groß',
};

const VERDICT_LABELS: Record<MailCheckResult['verdict'], string> = { reply: 'beantworten', suppress: 'unterdrücken', quarantine: 'Quarantäne' };

/** German summary: counts per verdict and per reason, and one line per message for small runs. */
function summary(lines: readonly Line[]): string {
  const results = lines.filter((l): l is MailCheckResult => 'verdict' in l);
  const count = (v: MailCheckResult['verdict']): number => results.filter((r) => r.verdict === v).length;
  const out: string[] = [];
  if (lines.length <= 20) {
    for (const l of lines) {
      if ('error' in l) out.push(`${l.file}: Fehler – ${l.error}`);
      else out.push(`${l.file}: ${VERDICT_LABELS[l.verdict]}${l.reason === null ? '' : ` (${REASON_LABELS[l.reason]})`}`);
    }
    out.push('');
  }
  out.push(
    `${lines.length} Nachricht(en) geprüft: ${count('reply')} beantworten, ${count('suppress')} unterdrücken, ` +
      `${count('quarantine')} Quarantäne, ${lines.length - results.length} nicht lesbar.`,
  );
  const reasons = new Map<string, number>();
  for (const r of results) if (r.reason !== null) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
  if (reasons.size > 0) out.push('Gründe:');
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1])) {
    out.push(`  ${String(n).padStart(5)}  ${REASON_LABELS[reason as SuppressReason | QuarantineReason]} (${reason})`);
  }
  return `${out.join('\n')}\n`;
}

/** The options of `mail check` from the service configuration (the channel's own limits and addresses). */
export function mailCheckOptions(ctx: CliContext): MailCheckOptions {
  return { ownAddresses: ownAddresses(ctx.config), maxBytes: ctx.config.MAIL_MAX_BYTES, maxRepliesPerDay: ctx.config.MAIL_AUTO_REPLIES_PER_DAY };
}

export const mailCommand: CliCommand = async (args, ctx) => {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || (sub === 'check' && (rest.includes('--help') || rest.includes('-h')))) {
    ctx.err(USAGE);
    return EXIT_OK;
  }
  let values;
  let positionals: string[];
  try {
    if (sub !== 'check') throw new Error(sub === undefined ? 'Unterbefehl fehlt' : `unbekannter Unterbefehl „${sub}“`);
    ({ values, positionals } = parseArgs({ args: rest, strict: true, allowPositionals: true, options: { json: { type: 'boolean', default: false } } }));
    if (positionals.length === 0) throw new Error('mindestens einen PFAD angeben');
  } catch (error) {
    ctx.err(`mail: ${(error as Error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const lines: Line[] = [];
  const { missingPaths } = await checkPaths(positionals, mailCheckOptions(ctx), (line) => {
    if (values.json) ctx.out(jsonLine(line));
    else lines.push(line);
  });
  if (!values.json) ctx.out(summary(lines));
  if (missingPaths > 0) ctx.err(`mail check: ${missingPaths} Pfad(e) nicht gefunden oder nicht lesbar`);
  return missingPaths > 0 ? EXIT_USAGE : EXIT_OK;
};
