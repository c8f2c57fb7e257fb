/**
 * One inbound mail from raw bytes to a recorded outcome (no IMAP here): parse, recognise a replay, find the
 * ticket, apply the loop guard, let the core decide, store what the ticket keeps, record. Returns what the
 * mailbox should do with the message: move it to the processed folder, quarantine it, or leave it for a retry.
 *
 * Nothing is dropped silently (issue 10): the daily reply limit stops the automatic reply, never the enquiry
 * (it goes to staff as a ticket, see {@link RATE_LIMIT_REASON}); a new mail that reuses an earlier Message-ID
 * is told from a replay by its content.
 */
import { errorCode } from '../../core/error-code.js';
import { createHash } from 'node:crypto';
import { berlinDay } from '../../core/berlin-time.js';
import type { Enquiry } from '../../core/enquiry.js';
import type { EnquiryRequest } from '../../core/enquiry-request.js';
import { isAppError } from '../../core/errors.js';
import type { Outcome } from '../../core/outcome.js';
import type { Clock, Logger } from '../../core/ports.js';
import { DEFAULT_ATTACHMENTS_MAX_BYTES, selectAttachments, storeAttachments, ticketKeepsAttachments, type AttachmentSink } from './attachment-policy.js';
import type { EmailConfig } from './config.js';
import { guardInputFor, guardMail, type GuardVerdict } from './loop-guard.js';
import { parseMail, toEnquiry, type InboundMail } from './parse.js';
import { senderHash, type EmailState, type KnownInbound } from './state.js';
import { ticketNumberInSubject } from './threading.js';

export type { AttachmentSink } from './attachment-policy.js';

/** What the mail door adds to a question by loop-guard verdict or quarantine (`EnquiryRequest` fields). */
export type HandleOptions = Pick<EnquiryRequest, 'suppress' | 'forceTicket'>;

/** The core's use case as the channel sees it (handleEnquiry over its ports). */
export type HandleFn = (request: EnquiryRequest) => Outcome | Promise<Outcome>;

/**
 * The request for one mail: a question whose reply travels by the outbox, with the verdict's options.
 *
 * @example
 * await deps.handle(mailRequest(enquiry, { suppress: 'auto_submitted' }));
 */
export function mailRequest(enquiry: Enquiry, options: HandleOptions | undefined): EnquiryRequest {
  return { kind: 'question', enquiry, reply: 'outbox', ...options };
}

/** Optional metrics sink (the server's prom-client counter fits). */
export interface EmailMetrics {
  enquiries: { inc(labels: { channel: string; outcome: string }): void };
}

/** Where a mail came from in the mailbox. */
export interface MessageOrigin {
  mailbox: string;
  uidValidity: string;
  uid: number;
  receivedAt: Date;
}

/** What to do with the message in the mailbox. */
export type Disposition =
  | { action: 'processed'; outcome: string }
  | { action: 'quarantine'; reason: PoisonReason; mail: InboundMail | null }
  | { action: 'retry'; reason: string };

export type PoisonReason = 'unparseable' | 'too_large' | 'handler_failed' | 'repeated_failure';

/** Collaborators of {@link processMessage}. */
export interface ProcessDeps {
  config: EmailConfig;
  ownAddresses: readonly string[];
  state: EmailState;
  handle: HandleFn;
  clock: Clock;
  logger: Logger;
  metrics?: EmailMetrics | undefined;
  attachments?: AttachmentSink | undefined;
}

/** Outcomes after which the requester got an automatic reply (counted for the daily limit). */
const REPLYING = new Set<Outcome['kind']>(['answered', 'suggested', 'declined', 'ticket_created']);

/** Heads the reasons of the ticket a rate-limited mail opens (staff read it in the ticket). */
export const RATE_LIMIT_REASON =
  'Tageslimit automatischer Antworten an diese Adresse erreicht: keine automatische Antwort, bitte von Hand beantworten';

/** The calendar day in Baden-Württemberg (YYYY-MM-DD): the daily reply limit resets at local midnight. */
export { berlinDay };

/** A short hash of an enquiry key for logs (Message-IDs can carry names or domains; logs carry no personal data). */
export function logRef(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/**
 * A hash of what a mail says (sender, Date header, subject, body, attachments): the same mail fetched again
 * (after a crash, a UIDVALIDITY change, or delivered to two of our addresses) hashes the same; another mail
 * that reuses its Message-ID does not.
 */
export function mailContentHash(mail: InboundMail): string {
  const parts = [mail.from, mail.headers['date'] ?? '', mail.subject, mail.body.text, mail.body.signature, mail.body.quoted, ...mail.attachments.map((a) => a.sha256)];
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

function transient(error: unknown): boolean {
  return isAppError(error, 'DB_LOCKED') || isAppError(error, 'DB_FULL') || isAppError(error, 'DB_READONLY') || isAppError(error, 'DB_ERROR');
}

/** Address hashes of a mail: its From and the address a reply goes to (Reply-To, else From). */
export interface MailAddresses {
  fromHash: string | null;
  replyHash: string | null;
}

/** The hashes of From and of the reply target. */
export function mailAddresses(mail: InboundMail): MailAddresses {
  return { fromHash: mail.from === '' ? null : senderHash(mail.from), replyHash: mail.replyTo === '' ? null : senderHash(mail.replyTo) };
}

/**
 * The loop guard's verdict. The daily limit counts per From AND per reply target: eight senders naming one
 * victim in Reply-To use up the victim's limit, not eight limits (issue 10).
 */
export async function verdictFor(mail: InboundMail, addresses: MailAddresses, day: string, deps: Pick<ProcessDeps, 'state' | 'config' | 'ownAddresses'>): Promise<GuardVerdict> {
  const bySender = addresses.fromHash === null ? 0 : await deps.state.repliesToday(addresses.fromHash, day);
  const byTarget = addresses.replyHash === null ? 0 : await deps.state.repliesToTargetToday(addresses.replyHash, day);
  const context = { ownAddresses: deps.ownAddresses, repliesToSenderToday: Math.max(bySender, byTarget), maxRepliesPerDay: deps.config.MAIL_AUTO_REPLIES_PER_DAY };
  return guardMail(guardInputFor(mail, context));
}

/**
 * The key this mail is recorded under, or the record it replays. A Message-ID seen before with other content
 * is a new mail: it gets the key `<key>#<content hash>`.
 */
export async function recordedAs(mail: InboundMail, contentHash: string, state: EmailState): Promise<{ known: KnownInbound } | { key: string }> {
  const known = await state.findInbound(mail.key, mail.messageId);
  if (known === null) return { key: mail.key };
  // Records from before content hashes were kept count as replays (as they always did).
  if (known.contentHash === null || known.contentHash === contentHash) return { known };
  const same = mail.messageId === null ? undefined : (await state.inboundByMessageId(mail.messageId)).find((r) => r.contentHash === contentHash);
  if (same !== undefined) return { known: same };
  const key = `${mail.key}#${contentHash.slice(0, 16)}`;
  const again = await state.findInbound(key, null);
  return again === null ? { key } : { known: again };
}

/** What the core is asked to do, by verdict; a rate-limited mail becomes a ticket for staff without any reply. */
function handleOptions(verdict: GuardVerdict): HandleOptions | undefined {
  if (!verdict.suppress) return undefined;
  if (verdict.reason === 'rate_limit') return { forceTicket: { reason: RATE_LIMIT_REASON, notifyRequester: false } };
  return { suppress: verdict.reason };
}

function ticketOf(outcome: Outcome): string | null {
  if (outcome.kind === 'ticket_created' || outcome.kind === 'follow_up') return outcome.ticket.number;
  if (outcome.kind === 'suppressed') return outcome.ticket?.number ?? null;
  return null;
}

/**
 * Processes one raw mail. Never throws for a bad mail (that is a `quarantine` disposition); storage trouble
 * is a `retry` (nothing was recorded, the mail stays in the inbox).
 */
export async function processMessage(source: Buffer, origin: MessageOrigin, deps: ProcessDeps): Promise<Disposition> {
  const log = deps.logger.child({ uid: origin.uid });
  let mail: InboundMail;
  try {
    mail = await parseMail(source);
  } catch (error) {
    log.warn({ code: errorCode(error) ?? 'MAIL_PARSE_FAILED' }, 'mail unparseable');
    return { action: 'quarantine', reason: 'unparseable', mail: null };
  }
  const contentHash = mailContentHash(mail);
  const recorded = await recordedAs(mail, contentHash, deps.state);
  if ('known' in recorded) {
    log.info({ ref: logRef(recorded.known.enquiryKey), disposition: recorded.known.disposition }, 'mail already recorded; only moving it');
    // A replay after a crash between recording and moving: move it where it was meant to go.
    if (recorded.known.disposition === 'quarantined') return { action: 'quarantine', reason: 'handler_failed', mail };
    return { action: 'processed', outcome: 'duplicate' };
  }
  const now = deps.clock.now();
  const day = berlinDay(now);
  const addresses = mailAddresses(mail);
  const verdict = await verdictFor(mail, addresses, day, deps);
  const limited = verdict.suppress && verdict.reason === 'rate_limit';
  // Further rate-limited mail of the same sender and day joins the ticket the first one opened, unless it
  // belongs to a conversation of its own (a ticket number in the subject, a reply in a thread).
  const threaded = mail.inReplyTo.length > 0 || mail.references.length > 0 || ticketNumberInSubject(mail.subject) !== null;
  const collecting = limited && !threaded && addresses.fromHash !== null ? await deps.state.rateLimitedTicket(addresses.fromHash, day) : null;
  const ticketNumber = collecting ?? await deps.state.ticketForMessageIds([...mail.inReplyTo, ...mail.references, ...mail.reportedIds]);
  const selection = selectAttachments(mail.attachments, deps.config.MAIL_ATTACHMENTS_MAX_BYTES ?? DEFAULT_ATTACHMENTS_MAX_BYTES, deps.config.IMAP_PROCESSED_FOLDER);
  const enquiry: Enquiry = { ...toEnquiry(mail, origin.receivedAt, ticketNumber), key: recorded.key, attachments: selection.metas };
  let outcome: Outcome;
  try {
    outcome = await deps.handle(mailRequest(enquiry, handleOptions(verdict)));
  } catch (error) {
    const code = errorCode(error) ?? 'INTERNAL';
    if (transient(error)) {
      log.warn({ code }, 'storage unavailable; mail left in the inbox for a retry');
      return { action: 'retry', reason: code };
    }
    log.error({ code, err: (error as Error).name }, 'handler failed on mail');
    return { action: 'quarantine', reason: 'handler_failed', mail };
  }
  if (ticketKeepsAttachments(outcome)) storeAttachments(selection.kept, deps.attachments, log);
  await deps.state.recordInbound({
    enquiryKey: recorded.key,
    messageId: mail.messageId,
    mailbox: origin.mailbox,
    uidValidity: origin.uidValidity,
    uid: origin.uid,
    senderHash: addresses.fromHash,
    replyHash: addresses.replyHash,
    contentHash,
    ticketNumber: ticketOf(outcome),
    rateLimited: limited,
    day,
    outcome: outcome.kind,
    autoReplied: !limited && REPLYING.has(outcome.kind),
    disposition: 'processed',
    recordedAt: now.toISOString(),
  });
  deps.metrics?.enquiries.inc({ channel: 'email', outcome: outcome.kind });
  const fields = { ref: logRef(recorded.key), outcome: outcome.kind, suppressed: verdict.suppress ? verdict.reason : null, droppedAttachments: selection.dropped };
  log.info(fields, 'mail handled');
  return { action: 'processed', outcome: outcome.kind };
}
