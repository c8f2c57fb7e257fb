/**
 * The `Deliverer` for channel 'email': renders an outbox message from the templates and sends it with
 * nodemailer. Idempotent by outbox key: the Message-ID is derived from the key, a key recorded as sent is
 * never sent again, and a crash between SMTP transmission and the record does not send twice (send-once.ts).
 * nodemailer's error codes are mapped to retry-or-dead (nodemailer lib/errors.js).
 */
import { errorCode } from '../../core/error-code.js';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { Deliverer, DeliveryResult, OutboundMessage } from '../../core/outcome.js';
import type { EmailConfig } from './config.js';
import { loopHeaders } from './loop-guard.js';
import type { EmailState } from './state.js';
import type { MailTemplates } from './templates.fs.js';
import { createTransmitTracker, earlierAttempt, fileCopy, type TransmitTracker } from './send-once.js';
import type { SentFolder } from './sent-folder.imap.js';
import type { HandOver } from './uncertain-reply.js';
import { outboundMessageId, replyReferences, replySubject, stripReplyPrefixes } from './threading.js';
import { buildView } from './views.js';
import { runTokenCommand } from './watcher.imap.js';

/** Kinds written by a person (no Auto-Submitted header). */
const HUMAN_KINDS = new Set(['staff_answer']);
/** Kinds addressed to staff rather than answering the requester's thread. */
const STAFF_KINDS = new Set(['staff_notification', 'escalation']);
/** nodemailer codes that mean "the network or server is unavailable now": try again later. */
const TRANSIENT = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED', 'ETLS', 'EPROTOCOL', 'ESTREAM', 'EAUTH']);

/** The SMTP side of the channel. */
export interface SmtpSender {
  deliver: Deliverer;
  /** Checks connection and login (logs a warning when SMTP is unreachable; the outbox retries later). */
  verify(): Promise<boolean>;
  close(): void;
}

/** Collaborators of {@link createSmtpSender}. */
export interface SmtpSenderDeps {
  config: EmailConfig;
  templates: MailTemplates;
  state: EmailState;
  logger: Logger;
  clock: Clock;
  /** Test seam: a prepared transport. */
  transport?: Transporter<SMTPTransport.SentMessageInfo>;
  /**
   * The mailbox's Sent folder (only with IMAP): searched before a message is sent again whose earlier attempt
   * ended without a result, and, with `saveSent`, given a copy of every sent message.
   */
  sentFolder?: SentFolder | undefined;
  /** Append sent messages to `sentFolder` (MAIL_SAVE_SENT; false when the server files submitted mail itself). */
  saveSent?: boolean;
  /** Test seam: the transmitted-note tracker (fed with nodemailer's log entries). */
  tracker?: TransmitTracker;
  /** The feedback and FAQ links of a message (issue 14; composition root), else none. */
  links?: (message: OutboundMessage) => { feedbackUrl: string | null; faqUrl: string | null };
  /**
   * Hands a reply to the requester whose delivery cannot be known to staff (uncertain-reply.ts; composition
   * root: a ticket). Without it such a reply is only named in the log.
   */
  handOver?: HandOver;
}


const ADDRESS = /[^\s<>"']+@[^\s<>"']+/g;

/** nodemailer's bunyan-style logger, forwarded to ours with addresses removed (no personal data). */
function nodemailerLogger(logger: Logger, observe: (entry: Record<string, unknown>, text?: string) => void): Record<string, (entry: Record<string, unknown>, message: string, ...args: unknown[]) => void> {
  const forward = (level: 'debug' | 'info' | 'warn' | 'error') => (entry: Record<string, unknown>, message: string, ...args: unknown[]) => {
    observe(entry, typeof message === 'string' ? message : undefined);
    const text = args.reduce<string>((m, a) => m.replace(/%[sdj]/, String(a)), String(message)).replace(ADDRESS, '[address]');
    logger[level]({ component: 'smtp', tnx: entry['tnx'], cid: entry['cid'] }, text);
  };
  return { trace: forward('debug'), debug: forward('debug'), info: forward('debug'), warn: forward('warn'), error: forward('error'), fatal: forward('error') };
}

/** Maps a nodemailer failure to the outbox decision. */
export function classifySendError(error: unknown): DeliveryResult {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const code = e.code ?? 'UNKNOWN';
  const reason = `${code}${e.responseCode ? ` ${e.responseCode}` : ''}`;
  if (typeof e.responseCode === 'number' && e.responseCode >= 500 && code !== 'EAUTH') return { kind: 'dead', reason };
  if (code === 'EAUTH') return { kind: 'retry', afterMs: 5 * 60_000, reason };
  if (TRANSIENT.has(code) || (typeof e.responseCode === 'number' && e.responseCode >= 400)) return { kind: 'retry', reason };
  if (code === 'EENVELOPE' || code === 'EMESSAGE') return { kind: 'dead', reason };
  return { kind: 'retry', reason };
}

/**
 * SMTP logs in with XOAUTH2 when SMTP_USER is set without SMTP_PASSWORD and an OAuth2 token source is
 * configured (IMAP_ACCESS_TOKEN or IMAP_TOKEN_COMMAND): Exchange Online takes the same token
 * (scope https://outlook.office365.com/.default) for IMAP and for SMTP AUTH.
 */
export function usesOAuth2(config: EmailConfig): boolean {
  return config.SMTP_USER !== undefined && !config.SMTP_PASSWORD && Boolean(config.IMAP_TOKEN_COMMAND || config.IMAP_ACCESS_TOKEN);
}

function smtpAuth(config: EmailConfig, oauth: boolean): SMTPTransport.Options['auth'] {
  if (config.SMTP_USER === undefined) return undefined;
  if (oauth) return { type: 'OAuth2', user: config.SMTP_USER };
  return { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' };
}

async function accessToken(config: EmailConfig): Promise<string> {
  if (config.IMAP_TOKEN_COMMAND) return runTokenCommand(config.IMAP_TOKEN_COMMAND);
  return config.IMAP_ACCESS_TOKEN ?? '';
}

function subjectFor(message: OutboundMessage, handleSubject: string): string {
  if (!STAFF_KINDS.has(message.kind)) return replySubject(handleSubject, message.ticketNumber);
  const prefix = message.kind === 'escalation' ? 'Überfällig' : 'Neuer Vorgang';
  const tag = message.ticketNumber ? `[${message.ticketNumber}] ` : '';
  return `${tag}${prefix}: ${stripReplyPrefixes(handleSubject)}`.trim();
}

/**
 * Creates the transport (one pooled connection set for the process) and the deliverer.
 *
 * @example
 * const sender = createSmtpSender({ config, templates, state, logger, clock });
 * createOutboxWorker({ …, deliverers: { email: sender.deliver } });
 */
export function createSmtpSender(deps: SmtpSenderDeps): SmtpSender {
  const { config, templates, state, clock } = deps;
  const logger = deps.logger.child({ component: 'smtp' });
  const oauth = usesOAuth2(config);
  const tracker = deps.tracker ?? createTransmitTracker({ state, clock, logger });
  const create = (): Transporter<SMTPTransport.SentMessageInfo> => {
    const transport = nodemailer.createTransport({
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      auth: smtpAuth(config, oauth),
      pool: true,
      // One message at a time (the transmitted note belongs to the message in flight; the outbox is serial anyway).
      maxConnections: 1,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // The server's responses reach the logger only with the transaction log on: the 354 marks the send.
      transactionLog: true,
      logger: nodemailerLogger(logger, tracker.observe) as unknown as SMTPTransport.Options['logger'],
    });
    // XOAUTH2: nodemailer asks for a token on every login (and again when the server rejects a stale one).
    if (oauth) transport.set('oauth2_provision_cb', (_user, _renew, callback) => {
      accessToken(config).then((token) => callback(null, token), (error: Error) => callback(error));
    });
    return transport;
  };
  // One pooled transport at a time; created again on demand after close() (the channel can be restarted).
  let current: Transporter<SMTPTransport.SentMessageInfo> | null = deps.transport ?? null;
  const transport = (): Transporter<SMTPTransport.SentMessageInfo> => (current ??= create());

  const once = { state, logger, clock, sentFolder: deps.sentFolder, saveSent: deps.saveSent };

  /** Records as sent a message an earlier attempt may have delivered (send-once.ts: `uncertain`). */
  const recordUncertain = async (message: OutboundMessage, messageId: string): Promise<DeliveryResult> => {
    await state.recordSent(message.key, messageId, message.ticketNumber, message.kind, clock.now());
    return { kind: 'sent', providerId: messageId };
  };
  /**
   * A reply to the requester that an earlier attempt may have delivered goes to staff with its text before it
   * is recorded; a failed hand-over is tried again with the outbox message. (A notice to staff needs none: its
   * ticket is in their queue.)
   */
  const handOverUncertain = async (message: OutboundMessage, messageId: string, text: string): Promise<DeliveryResult> => {
    try {
      await deps.handOver!({ message, messageId, text });
    } catch (error) {
      logger.warn({ outboxId: message.id, kind: message.kind, code: errorCode(error) ?? 'HANDOVER_FAILED' }, 'reply of unknown delivery not yet handed to staff');
      return { kind: 'retry', reason: 'uncertain delivery: hand-over to staff failed' };
    }
    logger.warn({ outboxId: message.id, kind: message.kind, ticket: message.ticketNumber }, 'reply of unknown delivery handed to staff as a ticket');
    return recordUncertain(message, messageId);
  };

  const deliver: Deliverer = async (message) => {
    const handle = message.replyHandle;
    if (message.channel !== 'email' || handle.channel !== 'email') {
      return { kind: 'dead', reason: `not an email message (${message.channel})` };
    }
    if (config.SMTP_HOST === undefined) return { kind: 'retry', afterMs: 15 * 60_000, reason: 'SMTP_HOST not set' };
    const messageId = outboundMessageId(message.key, config.MAIL_FROM);
    if ((await state.sentMessageId(message.key)) !== null) return { kind: 'sent', providerId: messageId };
    const earlier = await earlierAttempt(message, messageId, once);
    if (earlier === 'sent') return { kind: 'sent', providerId: messageId };
    if (earlier === 'wait') return { kind: 'retry', afterMs: 60_000, reason: 'Sent folder not readable; earlier attempt unknown' };
    if (earlier === 'uncertain' && (deps.handOver === undefined || STAFF_KINDS.has(message.kind))) return recordUncertain(message, messageId);
    const subject = subjectFor(message, handle.subject);
    const automatic = !HUMAN_KINDS.has(message.kind);
    let bodies: { text: string; html: string };
    try {
      bodies = templates.render(message.kind, buildView(message, { subject, automatic, ...deps.links?.(message) }) as unknown as Record<string, unknown>);
    } catch (error) {
      logger.error({ outboxId: message.id, kind: message.kind, code: errorCode(error) }, 'cannot render mail');
      return { kind: 'dead', reason: `render failed: ${(error as Error).message}` };
    }
    if (earlier === 'uncertain') return handOverUncertain(message, messageId, bodies.text);
    const threaded = !STAFF_KINDS.has(message.kind) && handle.messageId !== null;
    let raw: Buffer;
    try {
      const mail: SendMailOptions = {
        from: { name: 'Integrationsmanagement – RP Stuttgart', address: config.MAIL_FROM },
        to: handle.to,
        subject,
        messageId,
        headers: loopHeaders(config.MAIL_FROM, automatic),
        text: bodies.text,
        html: bodies.html,
      };
      if (threaded) {
        mail.inReplyTo = handle.messageId ?? undefined;
        mail.references = replyReferences(handle.references, handle.messageId);
      }
      raw = await new MailComposer(mail).compile().build();
      const envelope = { from: config.MAIL_FROM, to: [handle.to] };
      const bytes = raw;
      await tracker.send(message, messageId, () => transport().sendMail({ envelope, raw: tracker.body(bytes) }));
    } catch (error) {
      const result = classifySendError(error);
      const reason = result.kind === 'sent' ? '' : result.reason;
      logger.warn({ outboxId: message.id, kind: message.kind, decision: result.kind, reason }, 'mail not sent');
      return result;
    }
    // Recorded at once (the smallest gap after the server's reply). The Sent-folder copy is filed in the
    // background (queued in order; stop() waits for it): an IMAP round trip per mail would halve throughput.
    await state.recordSent(message.key, messageId, message.ticketNumber, message.kind, clock.now());
    void fileCopy(raw, message, once);
    logger.info({ outboxId: message.id, kind: message.kind, ticket: message.ticketNumber }, 'mail sent');
    return { kind: 'sent', providerId: messageId };
  };

  return {
    deliver,
    async verify() {
      try {
        await transport().verify();
        return true;
      } catch (error) {
        logger.warn({ code: errorCode(error) }, 'SMTP not reachable at start; the outbox will retry');
        return false;
      }
    },
    close() {
      current?.close();
      current = null;
    },
  };
}
