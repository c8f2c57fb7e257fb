/**
 * The mail channel's migrations (`email-NNN`), applied with the others on SQLite or PostgreSQL: the same SQL on
 * both. The tables are described where they are used (state.ts).
 */
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

/**
 * email-004 (issue 15): a portable order of inbound records. "The oldest record of a Message-ID" and "the first
 * rate-limited ticket of the day" were read from SQLite's hidden `rowid`; PostgreSQL has none. The table is rebuilt
 * with an `id` numbered by the database (SQLite rowid alias, PostgreSQL identity); existing rows are copied by a
 * plain scan, which SQLite reads in rowid order (no index covers all columns), so their order is kept.
 */
const email004 = `
CREATE TABLE email_inbound_ordered (
  id INTEGER PRIMARY KEY,
  enquiry_key TEXT NOT NULL UNIQUE,
  message_id TEXT,
  mailbox TEXT NOT NULL,
  uid_validity TEXT NOT NULL,
  uid INTEGER NOT NULL,
  sender_hash TEXT,
  day TEXT NOT NULL,
  outcome TEXT NOT NULL,
  auto_replied INTEGER NOT NULL DEFAULT 0,
  disposition TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  reply_hash TEXT,
  content_hash TEXT,
  ticket_number TEXT,
  rate_limited INTEGER NOT NULL DEFAULT 0
);
INSERT INTO email_inbound_ordered (enquiry_key, message_id, mailbox, uid_validity, uid, sender_hash, day, outcome, auto_replied,
  disposition, recorded_at, reply_hash, content_hash, ticket_number, rate_limited)
SELECT enquiry_key, message_id, mailbox, uid_validity, uid, sender_hash, day, outcome, auto_replied,
  disposition, recorded_at, reply_hash, content_hash, ticket_number, rate_limited FROM email_inbound;
DROP TABLE email_inbound;
ALTER TABLE email_inbound_ordered RENAME TO email_inbound;
CREATE INDEX email_inbound_sender_day ON email_inbound (sender_hash, day);
CREATE INDEX email_inbound_message_id ON email_inbound (message_id);
CREATE INDEX email_inbound_reply_day ON email_inbound (reply_hash, day);
`;

/**
 * email-005 (issue 10, closing the body-transfer gap): the note of email-003 is written when the server accepts
 * DATA (354), before the body; `complete` is set once the whole body is written, before the terminating dot. A
 * crash in between left a note for a message the server never stored: such a note no longer stops the next
 * attempt. Notes written before this migration count as complete (as they did).
 */
const email005 = `
ALTER TABLE email_transmitted ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;
`;

/** The mail channel's migrations, ids `email-NNN`. */
export const emailMigrations: Migration[] = [
  { id: 'email-001', sql: email001 },
  { id: 'email-002', sql: email002 },
  { id: 'email-003', sql: email003 },
  { id: 'email-004', sql: email004 },
  { id: 'email-005', sql: email005 },
];
