/**
 * One inbound mail from raw bytes to a recorded outcome (no IMAP here): parse, recognise a replay, find the
 * ticket, apply the loop guard, let the core decide, record. Returns what the mailbox should do with the
 * message: move it to the processed folder, quarantine it, or leave it for a later retry.
 */
import { createHash } from 'node:crypto';
import type { Enquiry } from '../../core/enquiry.js';
import { isAppError } from '../../core/errors.js';
import type { Outcome } from '../../core/outcome.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { EmailConfig } from './config.js';
import { guardMail, type GuardVerdict } from './loop-guard.js';
import { parseMail, toEnquiry, type InboundMail } from './parse.js';
import { senderHash, type EmailState } from './state.sqlite.js';

/** Options the channel passes to the core's handler (`HandleEnquiryDeps.suppress`). */
export interface HandleOptions {
  suppress?: string;
  /** Open a ticket whatever triage decides (quarantined mail); see HandleEnquiryDeps.forceTicket. */
  forceTicket?: { reason: string; notifyRequester: boolean };
}

/** The core's use case as the channel sees it (handleEnquiry with its other deps bound). */
export type HandleFn = (enquiry: Enquiry, options?: HandleOptions) => Outcome | Promise<Outcome>;

/** Optional metrics sink (the server's prom-client counter fits). */
export interface EmailMetrics {
  enquiries: { inc(labels: { channel: string; outcome: string }): void };
}

/** Stores attachment contents (tickets' `createAttachmentFiles` fits); content-addressed, so a replay is harmless. */
export interface AttachmentSink {
  save(content: Buffer, filename: string, contentType: string): unknown;
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

/** Outcomes after which the requester got an automatic reply (counted for the per-sender daily limit). */
const REPLYING = new Set<Outcome['kind']>(['answered', 'suggested', 'declined', 'ticket_created']);

const BERLIN_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Baden-Württemberg (YYYY-MM-DD): the daily reply limit resets at local midnight. */
export function berlinDay(at: Date): string {
  return BERLIN_DAY.format(at);
}

/** A short hash of an enquiry key for logs (Message-IDs can carry names or domains; logs carry no personal data). */
export function logRef(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

function transient(error: unknown): boolean {
  return isAppError(error, 'DB_LOCKED') || isAppError(error, 'DB_FULL') || isAppError(error, 'DB_READONLY') || isAppError(error, 'DB_ERROR');
}

/** The loop guard's verdict for a parsed mail. */
function verdictFor(mail: InboundMail, repliesToday: number, deps: ProcessDeps): GuardVerdict {
  return guardMail({
    headers: mail.headers,
    from: mail.from,
    returnPath: mail.headers['return-path'],
    subject: mail.subject,
    contentType: mail.contentType,
    ownAddresses: deps.ownAddresses,
    repliesToSenderToday: repliesToday,
    maxRepliesPerDay: deps.config.MAIL_AUTO_REPLIES_PER_DAY,
  });
}

/** Saves the attachment files before the enquiry is recorded (a file over the store's limit is logged and skipped). */
function storeAttachments(mail: InboundMail, deps: ProcessDeps, log: Logger): void {
  if (deps.attachments === undefined) return;
  for (const a of mail.attachments) {
    try {
      deps.attachments.save(a.content, a.filename, a.contentType);
    } catch (error) {
      log.warn({ code: (error as { code?: string }).code ?? 'INTERNAL', size: a.size }, 'attachment not stored');
    }
  }
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
    log.warn({ code: (error as { code?: string }).code ?? 'MAIL_PARSE_FAILED' }, 'mail unparseable');
    return { action: 'quarantine', reason: 'unparseable', mail: null };
  }
  const known = deps.state.findInbound(mail.key, mail.messageId);
  if (known !== null) {
    log.info({ ref: logRef(mail.key), disposition: known.disposition }, 'mail already recorded; only moving it');
    // A replay after a crash between recording and moving: move it where it was meant to go.
    if (known.disposition === 'quarantined') return { action: 'quarantine', reason: 'handler_failed', mail };
    return { action: 'processed', outcome: 'duplicate' };
  }
  const now = deps.clock.now();
  const ticketNumber = deps.state.ticketForMessageIds([...mail.inReplyTo, ...mail.references, ...mail.reportedIds]);
  const enquiry = toEnquiry(mail, origin.receivedAt, ticketNumber);
  const hash = mail.from === '' ? null : senderHash(mail.from);
  const day = berlinDay(now);
  const verdict = verdictFor(mail, hash === null ? 0 : deps.state.repliesToday(hash, day), deps);
  storeAttachments(mail, deps, log);
  let outcome: Outcome;
  try {
    outcome = await deps.handle(enquiry, verdict.suppress ? { suppress: verdict.reason } : undefined);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'INTERNAL';
    if (transient(error)) {
      log.warn({ code }, 'storage unavailable; mail left in the inbox for a retry');
      return { action: 'retry', reason: code };
    }
    log.error({ code, err: (error as Error).name }, 'handler failed on mail');
    return { action: 'quarantine', reason: 'handler_failed', mail };
  }
  deps.state.recordInbound({
    enquiryKey: mail.key,
    messageId: mail.messageId,
    mailbox: origin.mailbox,
    uidValidity: origin.uidValidity,
    uid: origin.uid,
    senderHash: hash,
    day,
    outcome: outcome.kind,
    autoReplied: REPLYING.has(outcome.kind),
    disposition: 'processed',
    recordedAt: now.toISOString(),
  });
  deps.metrics?.enquiries.inc({ channel: 'email', outcome: outcome.kind });
  log.info({ ref: logRef(mail.key), outcome: outcome.kind, suppressed: verdict.suppress ? verdict.reason : null }, 'mail handled');
  return { action: 'processed', outcome: outcome.kind };
}

/** What we know about a poison message (from its parsed headers, when they could be read). */
export interface PoisonInfo {
  reason: PoisonReason;
  origin: MessageOrigin;
  mail: InboundMail | null;
  size: number;
}

const REASON_TEXT: Record<PoisonReason, string> = {
  unparseable: 'Die Nachricht ist technisch nicht lesbar (MIME-Struktur fehlerhaft).',
  too_large: 'Die Nachricht überschreitet die zulässige Größe.',
  handler_failed: 'Bei der automatischen Bearbeitung ist ein Fehler aufgetreten.',
  repeated_failure: 'Die Nachricht hat die Verarbeitung wiederholt abgebrochen.',
};

/**
 * Records a quarantined mail and opens a ticket for staff (forced, whatever triage says). The synthetic
 * enquiry names the quarantine folder; a sender whose address could be read gets the ticket confirmation
 * (so they know their mail arrived), an unreadable one gets nothing.
 */
export async function reportPoison(info: PoisonInfo, deps: ProcessDeps): Promise<void> {
  const { origin, mail } = info;
  const id = mail?.messageId ?? `${origin.uidValidity}-${origin.uid}`;
  const key = `email:quarantine:${id}`;
  const from = mail?.from ?? '';
  const subject = mail?.subject ?? '';
  const enquiry: Enquiry = {
    key,
    channel: 'email',
    from: from === '' ? deps.config.MAIL_FROM : from,
    subject: `Nicht verarbeitbare E-Mail${subject === '' ? '' : `: ${subject}`}`,
    text:
      `Bitte prüfen Sie diese Nachricht von Hand (Quarantäne-Nr. Q-${origin.uidValidity}-${origin.uid}). ${REASON_TEXT[info.reason]} ` +
      `Die Nachricht (${Math.round(info.size / 1024)} KB, eingegangen ${origin.receivedAt.toISOString()}) liegt im Postfachordner ` +
      `„${deps.config.IMAP_QUARANTINE_FOLDER}“.`,
    receivedAt: origin.receivedAt,
    replyHandle: {
      channel: 'email',
      to: from === '' ? deps.config.MAIL_FROM : from,
      messageId: mail?.messageId ?? null,
      references: mail?.references ?? [],
      subject: subject === '' ? 'Ihre Nachricht' : subject,
    },
    attachments: [],
  };
  const now = deps.clock.now();
  const outcome = await deps.handle(enquiry, {
    forceTicket: { reason: 'Nicht verarbeitbare E-Mail in der Quarantäne', notifyRequester: from !== '' },
  });
  const record = { mailbox: origin.mailbox, uidValidity: origin.uidValidity, uid: origin.uid, senderHash: null };
  const common = { ...record, day: berlinDay(now), autoReplied: false, recordedAt: now.toISOString() };
  deps.state.recordInbound({ ...common, enquiryKey: key, messageId: null, outcome: outcome.kind, disposition: 'quarantined' });
  if (mail !== null) deps.state.recordInbound({ ...common, enquiryKey: mail.key, messageId: mail.messageId, outcome: 'quarantined', disposition: 'quarantined' });
  deps.logger.warn({ uid: origin.uid, reason: info.reason, size: info.size, outcome: outcome.kind }, 'mail quarantined');
}
