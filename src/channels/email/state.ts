/**
 * The mail channel's own tables (migrations `email-NNN`, applied with the others on SQLite or PostgreSQL):
 * per-mailbox UIDVALIDITY and highest processed UID, the inbound record per enquiry key (so a replay after a
 * crash is recognised and only the IMAP move is repeated), attempts per UID (a message that crashes the
 * process is quarantined after a few tries), the Message-IDs we sent (idempotent resend, threading) and the
 * messages handed to SMTP whose reply is outstanding (no second send after a crash). Asynchronous over the
 * SqlDb port (core/sql.ts), so the same statements run on SQLite and PostgreSQL (issue 15); every replica reads
 * the same state, which makes a mailbox leader's hand-over exact.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SqlDb } from '../../core/sql.js';

export { emailMigrations } from './migrations.js';

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

/** Rows as read (validated, STYLE G9). */
const MailboxRow = z.object({ uidValidity: z.string(), lastUid: z.coerce.number().int(), startAt: z.string() });
const InboundRow = z.object({ enquiryKey: z.string(), disposition: z.string(), outcome: z.string(), contentHash: z.string().nullable() });
const CountRow = z.object({ n: z.coerce.number().int() });
const TicketRow = z.object({ ticketNumber: z.string() });

const INBOUND = 'SELECT enquiry_key AS "enquiryKey", disposition, outcome, content_hash AS "contentHash" FROM email_inbound';

/** Statements over the channel's tables. */
export type EmailState = ReturnType<typeof createEmailState>;

/**
 * The channel's state over an open database (migrations already applied).
 *
 * @example
 * const state = createEmailState(sqliteSqlDb(db));
 * await state.mailbox('INBOX'); // → { uidValidity, lastUid, startAt } | null
 */
export function createEmailState(db: SqlDb) {
  const count = async (sql: string, params: unknown[]): Promise<number> => CountRow.parse(await db.get(sql, params)).n;
  const ticketOf = async (sql: string, params: unknown[]): Promise<string | null> => {
    const row = await db.get(sql, params);
    return row === undefined ? null : TicketRow.parse(row).ticketNumber;
  };
  return {
    async mailbox(name: string): Promise<MailboxState | null> {
      const row = await db.get('SELECT uid_validity AS "uidValidity", last_uid AS "lastUid", start_at AS "startAt" FROM email_mailbox_state WHERE mailbox = ?', [name]);
      return row === undefined ? null : MailboxRow.parse(row);
    },
    async saveMailbox(name: string, state: MailboxState, now: Date): Promise<void> {
      await db.run(
        `INSERT INTO email_mailbox_state (mailbox, uid_validity, last_uid, start_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid,
         start_at = excluded.start_at, updated_at = excluded.updated_at`,
        [name, state.uidValidity, state.lastUid, state.startAt, now.toISOString()],
      );
    },
    /** The recorded disposition of an enquiry key (or, on a UIDVALIDITY resync, of a Message-ID). */
    async findInbound(key: string, messageId: string | null): Promise<KnownInbound | null> {
      const byKey = await db.get(`${INBOUND} WHERE enquiry_key = ?`, [key]);
      if (byKey !== undefined) return InboundRow.parse(byKey);
      if (messageId === null) return null;
      const byId = await db.get(`${INBOUND} WHERE message_id = ? ORDER BY id LIMIT 1`, [messageId]);
      return byId === undefined ? null : InboundRow.parse(byId);
    },
    /** Every record of a Message-ID (several when different mails reused it), oldest first. */
    async inboundByMessageId(messageId: string): Promise<KnownInbound[]> {
      return (await db.all(`${INBOUND} WHERE message_id = ? ORDER BY id`, [messageId])).map((r) => InboundRow.parse(r));
    },
    async recordInbound(record: InboundRecord): Promise<void> {
      const r = { replyHash: record.senderHash, contentHash: null, ticketNumber: null, ...record };
      await db.run(
        `INSERT INTO email_inbound (enquiry_key, message_id, mailbox, uid_validity, uid, sender_hash, reply_hash, content_hash, ticket_number,
         rate_limited, day, outcome, auto_replied, disposition, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (enquiry_key) DO NOTHING`,
        [r.enquiryKey, r.messageId, r.mailbox, r.uidValidity, r.uid, r.senderHash, r.replyHash, r.contentHash, r.ticketNumber,
          r.rateLimited === true ? 1 : 0, r.day, r.outcome, r.autoReplied ? 1 : 0, r.disposition, r.recordedAt],
      );
    },
    /** Automatic replies given today to mail from this sender (hash of From). */
    repliesToday: (hash: string, day: string): Promise<number> =>
      count('SELECT COUNT(*) AS n FROM email_inbound WHERE sender_hash = ? AND day = ? AND auto_replied = 1', [hash, day]),
    /** Automatic replies sent today to this address (hash of the reply target), whoever the senders were. */
    repliesToTargetToday: (hash: string, day: string): Promise<number> =>
      count('SELECT COUNT(*) AS n FROM email_inbound WHERE reply_hash = ? AND day = ? AND auto_replied = 1', [hash, day]),
    /** The ticket that collects this sender's rate-limited mail of the day, if one was opened. */
    rateLimitedTicket: (hash: string, day: string): Promise<string | null> =>
      ticketOf(
        `SELECT ticket_number AS "ticketNumber" FROM email_inbound WHERE sender_hash = ? AND day = ? AND rate_limited = 1
         AND ticket_number IS NOT NULL ORDER BY id LIMIT 1`,
        [hash, day],
      ),
    /** Counts one more attempt on a UID (before processing it) and returns the count. */
    async bumpAttempt(mailbox: string, uidValidity: string, uid: number, now: Date): Promise<number> {
      const row = await db.get(
        `INSERT INTO email_attempts (mailbox, uid_validity, uid, attempts, last_at) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT (mailbox, uid_validity, uid) DO UPDATE SET attempts = email_attempts.attempts + 1, last_at = excluded.last_at
         RETURNING attempts AS n`,
        [mailbox, uidValidity, uid, now.toISOString()],
      );
      return CountRow.parse(row).n;
    },
    async clearAttempt(mailbox: string, uidValidity: string, uid: number): Promise<void> {
      await db.run('DELETE FROM email_attempts WHERE mailbox = ? AND uid_validity = ? AND uid = ?', [mailbox, uidValidity, uid]);
    },
    /** Forgets the attempts of several UIDs (moved out of the mailbox) in one statement. */
    async clearAttempts(mailbox: string, uidValidity: string, uids: readonly number[]): Promise<void> {
      if (uids.length === 0) return;
      const marks = uids.map(() => '?').join(', ');
      await db.run(`DELETE FROM email_attempts WHERE mailbox = ? AND uid_validity = ? AND uid IN (${marks})`, [mailbox, uidValidity, ...uids]);
    },
    async sentMessageId(outboundKey: string): Promise<string | null> {
      const row = await db.get<{ messageId: string }>('SELECT message_id AS "messageId" FROM email_sent WHERE outbound_key = ?', [outboundKey]);
      return row?.messageId ?? null;
    },
    async recordSent(outboundKey: string, messageId: string, ticketNumber: string | null, kind: string, now: Date): Promise<void> {
      await db.run(
        'INSERT INTO email_sent (outbound_key, message_id, ticket_number, kind, sent_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (outbound_key) DO NOTHING',
        [outboundKey, messageId, ticketNumber, kind, now.toISOString()],
      );
    },
    /** Notes that the SMTP server accepted DATA for the message: its body is about to be written. */
    async markTransmitted(outboundKey: string, messageId: string, now: Date): Promise<void> {
      await db.run(
        'INSERT INTO email_transmitted (outbound_key, message_id, at, complete) VALUES (?, ?, ?, 0) ' +
          'ON CONFLICT (outbound_key) DO UPDATE SET message_id = excluded.message_id, at = excluded.at, complete = 0',
        [outboundKey, messageId, now.toISOString()],
      );
    },
    /** Notes that the whole body is written: only the terminating dot is still to go (the server may store it). */
    async markComplete(outboundKey: string): Promise<void> {
      await db.run('UPDATE email_transmitted SET complete = 1 WHERE outbound_key = ?', [outboundKey]);
    },
    /** True when an earlier attempt wrote the whole message to the server and then learned nothing (crash). */
    async wasTransmitted(outboundKey: string): Promise<boolean> {
      return (await db.get('SELECT at FROM email_transmitted WHERE outbound_key = ? AND complete = 1', [outboundKey])) !== undefined;
    },
    /** Forgets the note after the server's reply said "not taken" (the next attempt sends again). */
    async clearTransmitted(outboundKey: string): Promise<void> {
      await db.run('DELETE FROM email_transmitted WHERE outbound_key = ?', [outboundKey]);
    },
    /** The ticket one of our sent Message-IDs belongs to (for follow-ups whose subject lost the number). */
    async ticketForMessageIds(ids: readonly string[]): Promise<string | null> {
      for (const id of ids) {
        const found = await ticketOf('SELECT ticket_number AS "ticketNumber" FROM email_sent WHERE message_id = ? AND ticket_number IS NOT NULL LIMIT 1', [id]);
        if (found !== null) return found;
      }
      return null;
    },
  };
}
