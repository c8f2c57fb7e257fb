/**
 * The mail channel's own tables (migrations `email-NNN`, applied by the tickets' `openDatabase`):
 * per-mailbox UIDVALIDITY and highest processed UID, the inbound record per enquiry key (so a replay after a
 * crash is recognised and only the IMAP move is repeated), attempts per UID (a message that crashes the
 * process is quarantined after a few tries), the Message-IDs we sent (idempotent resend, threading) and the
 * messages handed to SMTP whose reply is outstanding (no second send after a crash).
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Migration } from '../../core/ports.js';

const email001 = `
CREATE TABLE email_mailbox_state (
  mailbox TEXT PRIMARY KEY,
  uid_validity TEXT NOT NULL,
  last_uid INTEGER NOT NULL,
  start_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE email_inbound (
  enquiry_key TEXT PRIMARY KEY,
  message_id TEXT,
  mailbox TEXT NOT NULL,
  uid_validity TEXT NOT NULL,
  uid INTEGER NOT NULL,
  sender_hash TEXT,
  day TEXT NOT NULL,
  outcome TEXT NOT NULL,
  auto_replied INTEGER NOT NULL DEFAULT 0,
  disposition TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX email_inbound_sender_day ON email_inbound (sender_hash, day);
CREATE INDEX email_inbound_message_id ON email_inbound (message_id);
CREATE TABLE email_attempts (
  mailbox TEXT NOT NULL,
  uid_validity TEXT NOT NULL,
  uid INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  last_at TEXT NOT NULL,
  PRIMARY KEY (mailbox, uid_validity, uid)
);
CREATE TABLE email_sent (
  outbound_key TEXT PRIMARY KEY,
  message_id TEXT NOT NULL,
  ticket_number TEXT,
  kind TEXT NOT NULL,
  sent_at TEXT NOT NULL
);
CREATE INDEX email_sent_message_id ON email_sent (message_id);
`;

/**
 * email-002 (issue 10): the reply target's hash (the daily limit counts per address a reply goes to, not only
 * per From), a content hash (a new mail reusing an old Message-ID is no replay), and the ticket a rate-limited
 * mail went to (further rate-limited mail of that sender and day joins it).
 */
const email002 = `
ALTER TABLE email_inbound ADD COLUMN reply_hash TEXT;
ALTER TABLE email_inbound ADD COLUMN content_hash TEXT;
ALTER TABLE email_inbound ADD COLUMN ticket_number TEXT;
ALTER TABLE email_inbound ADD COLUMN rate_limited INTEGER NOT NULL DEFAULT 0;
UPDATE email_inbound SET reply_hash = sender_hash;
CREATE INDEX email_inbound_reply_day ON email_inbound (reply_hash, day);
`;

/**
 * email-003 (issue 10): outbox messages whose whole content went to the SMTP server (written the moment the
 * message stream ends, before the server's reply). After a crash without a reply this tells "the server may
 * have it" from "it never got the end of the message", so a repeated attempt does not send it twice.
 */
const email003 = `
CREATE TABLE email_transmitted (
  outbound_key TEXT PRIMARY KEY,
  message_id TEXT NOT NULL,
  at TEXT NOT NULL
);
`;

/** The mail channel's migrations, ids `email-NNN`. */
export const emailMigrations: Migration[] = [
  { id: 'email-001', sql: email001 },
  { id: 'email-002', sql: email002 },
  { id: 'email-003', sql: email003 },
];

/** Persisted position in one mailbox. */
export interface MailboxState {
  uidValidity: string;
  lastUid: number;
  startAt: string;
}

/** One recorded inbound mail. */
export interface InboundRecord {
  enquiryKey: string;
  messageId: string | null;
  mailbox: string;
  uidValidity: string;
  uid: number;
  /** sha256 of the lower-case sender address (the address itself is not stored here). */
  senderHash: string | null;
  /** sha256 of the lower-case address a reply goes to (Reply-To, else From). */
  replyHash?: string | null;
  /** sha256 over sender, date, subject, body and attachments: tells a replay from a new mail with a reused Message-ID. */
  contentHash?: string | null;
  /** The ticket the mail went to, when it has one. */
  ticketNumber?: string | null;
  /** True when the daily limit stopped the automatic reply (the enquiry went to staff). */
  rateLimited?: boolean;
  /** YYYY-MM-DD (Europe/Berlin) of handling, for the per-sender daily limit. */
  day: string;
  outcome: string;
  autoReplied: boolean;
  disposition: 'processed' | 'quarantined';
  recordedAt: string;
}

/** What is known of a recorded inbound mail. */
export interface KnownInbound {
  enquiryKey: string;
  disposition: string;
  outcome: string;
  contentHash: string | null;
}

/** Hash of an address for counting without storing it. */
export function senderHash(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex');
}

/** Statements over the channel's tables. */
export type EmailState = ReturnType<typeof createEmailState>;

function prepare(db: Database.Database) {
  const getMailbox = db.prepare('SELECT uid_validity AS uidValidity, last_uid AS lastUid, start_at AS startAt FROM email_mailbox_state WHERE mailbox = ?');
  const putMailbox = db.prepare(`INSERT INTO email_mailbox_state (mailbox, uid_validity, last_uid, start_at, updated_at)
  VALUES (?, ?, ?, ?, ?) ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity,
  last_uid = excluded.last_uid, start_at = excluded.start_at, updated_at = excluded.updated_at`);
  const inboundColumns = 'enquiry_key AS enquiryKey, disposition, outcome, content_hash AS contentHash';
  const getInbound = db.prepare(`SELECT ${inboundColumns} FROM email_inbound WHERE enquiry_key = ?`);
  const getInboundByMessageId = db.prepare(`SELECT ${inboundColumns} FROM email_inbound WHERE message_id = ? ORDER BY rowid`);
  const putInbound = db.prepare(`INSERT INTO email_inbound (enquiry_key, message_id, mailbox, uid_validity, uid, sender_hash, reply_hash,
  content_hash, ticket_number, rate_limited, day, outcome, auto_replied, disposition, recorded_at) VALUES (@enquiryKey, @messageId, @mailbox,
  @uidValidity, @uid, @senderHash, @replyHash, @contentHash, @ticketNumber, @rateLimited, @day, @outcome, @autoReplied, @disposition,
  @recordedAt) ON CONFLICT (enquiry_key) DO NOTHING`);
  const countBySender = db.prepare('SELECT COUNT(*) AS n FROM email_inbound WHERE sender_hash = ? AND day = ? AND auto_replied = 1');
  const countByTarget = db.prepare('SELECT COUNT(*) AS n FROM email_inbound WHERE reply_hash = ? AND day = ? AND auto_replied = 1');
  const limitedTicket = db.prepare(`SELECT ticket_number AS ticketNumber FROM email_inbound WHERE sender_hash = ? AND day = ? AND rate_limited = 1
  AND ticket_number IS NOT NULL ORDER BY rowid LIMIT 1`);
  const bumpAttempt = db.prepare(`INSERT INTO email_attempts (mailbox, uid_validity, uid, attempts, last_at) VALUES (?, ?, ?, 1, ?)
  ON CONFLICT (mailbox, uid_validity, uid) DO UPDATE SET attempts = attempts + 1, last_at = excluded.last_at RETURNING attempts`);
  const clearAttempt = db.prepare('DELETE FROM email_attempts WHERE mailbox = ? AND uid_validity = ? AND uid = ?');
  const getSent = db.prepare('SELECT message_id AS messageId FROM email_sent WHERE outbound_key = ?');
  const putSent = db.prepare(`INSERT INTO email_sent (outbound_key, message_id, ticket_number, kind, sent_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (outbound_key) DO NOTHING`);
  const ticketBySent = db.prepare('SELECT ticket_number AS ticketNumber FROM email_sent WHERE message_id = ? AND ticket_number IS NOT NULL LIMIT 1');

  const putTransmitted = db.prepare('INSERT INTO email_transmitted (outbound_key, message_id, at) VALUES (?, ?, ?) ON CONFLICT (outbound_key) DO NOTHING');
  const getTransmitted = db.prepare('SELECT at FROM email_transmitted WHERE outbound_key = ?');
  const deleteTransmitted = db.prepare('DELETE FROM email_transmitted WHERE outbound_key = ?');

  return { putTransmitted, getTransmitted, deleteTransmitted, getMailbox, putMailbox, getInbound, getInboundByMessageId, putInbound, countBySender, countByTarget, limitedTicket, bumpAttempt, clearAttempt, getSent, putSent, ticketBySent };
}

/**
 * Prepares the statements of the channel's tables on an open database (migrations already applied).
 *
 * @example
 * const state = createEmailState(db);
 * state.mailbox('INBOX'); // → { uidValidity, lastUid, startAt } | null
 */
export function createEmailState(db: Database.Database) {
  // Prepared lazily: the composition root may build the channel before it opens the database with emailMigrations.
  let prepared: ReturnType<typeof prepare> | null = null;
  const q = (): ReturnType<typeof prepare> => (prepared ??= prepare(db));
  return {
    mailbox(name: string): MailboxState | null {
      return (q().getMailbox.get(name) as MailboxState | undefined) ?? null;
    },
    saveMailbox(name: string, state: MailboxState, now: Date): void {
      q().putMailbox.run(name, state.uidValidity, state.lastUid, state.startAt, now.toISOString());
    },
    /** The recorded disposition of an enquiry key (or, on a UIDVALIDITY resync, of a Message-ID). */
    findInbound(key: string, messageId: string | null): KnownInbound | null {
      const byKey = q().getInbound.get(key) as KnownInbound | undefined;
      if (byKey) return byKey;
      if (messageId === null) return null;
      return (q().getInboundByMessageId.get(messageId) as KnownInbound | undefined) ?? null;
    },
    /** Every record of a Message-ID (several when different mails reused it), oldest first. */
    inboundByMessageId(messageId: string): KnownInbound[] {
      return q().getInboundByMessageId.all(messageId) as KnownInbound[];
    },
    recordInbound(record: InboundRecord): void {
      q().putInbound.run({
        replyHash: record.senderHash,
        contentHash: null,
        ticketNumber: null,
        ...record,
        rateLimited: record.rateLimited === true ? 1 : 0,
        autoReplied: record.autoReplied ? 1 : 0,
      });
    },
    /** Automatic replies given today to mail from this sender (hash of From). */
    repliesToday(hash: string, day: string): number {
      return (q().countBySender.get(hash, day) as { n: number }).n;
    },
    /** Automatic replies sent today to this address (hash of the reply target), whoever the senders were. */
    repliesToTargetToday(hash: string, day: string): number {
      return (q().countByTarget.get(hash, day) as { n: number }).n;
    },
    /** The ticket that collects this sender's rate-limited mail of the day, if one was opened. */
    rateLimitedTicket(senderHash: string, day: string): string | null {
      return (q().limitedTicket.get(senderHash, day) as { ticketNumber: string } | undefined)?.ticketNumber ?? null;
    },
    /** Counts one more attempt on a UID (before processing it) and returns the count. */
    bumpAttempt(mailbox: string, uidValidity: string, uid: number, now: Date): number {
      return (q().bumpAttempt.get(mailbox, uidValidity, uid, now.toISOString()) as { attempts: number }).attempts;
    },
    clearAttempt(mailbox: string, uidValidity: string, uid: number): void {
      q().clearAttempt.run(mailbox, uidValidity, uid);
    },
    /** Forgets the attempts of several UIDs (moved out of the mailbox) in one transaction. */
    clearAttempts(mailbox: string, uidValidity: string, uids: readonly number[]): void {
      if (uids.length === 0) return;
      const statement = q().clearAttempt;
      db.transaction(() => {
        for (const uid of uids) statement.run(mailbox, uidValidity, uid);
      })();
    },
    sentMessageId(outboundKey: string): string | null {
      return (q().getSent.get(outboundKey) as { messageId: string } | undefined)?.messageId ?? null;
    },
    recordSent(outboundKey: string, messageId: string, ticketNumber: string | null, kind: string, now: Date): void {
      q().putSent.run(outboundKey, messageId, ticketNumber, kind, now.toISOString());
    },
    /** Notes that the whole message went to the SMTP server (its reply still outstanding). */
    markTransmitted(outboundKey: string, messageId: string, now: Date): void {
      q().putTransmitted.run(outboundKey, messageId, now.toISOString());
    },
    /** True when an earlier attempt transmitted the whole message and then learned nothing (crash). */
    wasTransmitted(outboundKey: string): boolean {
      return q().getTransmitted.get(outboundKey) !== undefined;
    },
    /** Forgets the note after the server's reply said "not taken" (the next attempt sends again). */
    clearTransmitted(outboundKey: string): void {
      q().deleteTransmitted.run(outboundKey);
    },
    /** The ticket one of our sent Message-IDs belongs to (for follow-ups whose subject lost the number). */
    ticketForMessageIds(ids: readonly string[]): string | null {
      for (const id of ids) {
        const row = q().ticketBySent.get(id) as { ticketNumber: string } | undefined;
        if (row) return row.ticketNumber;
      }
      return null;
    },
  };
}
