/**
 * Numbered schema migrations of the tickets module (STYLE G15). Applied once each, in order, by
 * `openDatabase`. Portable SQL (SQLite now, PostgreSQL later): TEXT/INTEGER only, ISO-8601 UTC timestamps in
 * TEXT (they sort correctly as strings), JSON in TEXT, `ON CONFLICT … DO …` and `RETURNING` only.
 * Never edit a released migration; add a new one.
 */
import type { Migration } from '../core/ports.js';

const tickets001 = `
CREATE TABLE ticket_sequences (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
);

CREATE TABLE tickets (
  number TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  category TEXT NOT NULL,
  channel TEXT NOT NULL,
  subject TEXT NOT NULL,
  requester_name TEXT,
  requester_address TEXT NOT NULL,
  gemeinde_ags TEXT,
  kreis_ags TEXT,
  route_json TEXT NOT NULL,
  reply_handle TEXT NOT NULL,
  team_id TEXT NOT NULL,
  team_json TEXT NOT NULL,
  assignee TEXT,
  first_response_due TEXT NOT NULL,
  resolution_due TEXT NOT NULL,
  first_responded_at TEXT,
  escalation_level INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at TEXT,
  anonymised_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tickets_status_created ON tickets (status, created_at);
CREATE INDEX tickets_kreis_created ON tickets (kreis_ags, created_at);
CREATE INDEX tickets_status_kreis_created ON tickets (status, kreis_ags, created_at);
CREATE INDEX tickets_created ON tickets (created_at);
CREATE INDEX tickets_team_status ON tickets (team_id, status);
CREATE INDEX tickets_requester ON tickets (requester_address);
CREATE INDEX tickets_closed ON tickets (closed_at);
CREATE INDEX tickets_escalation ON tickets (escalation_level, first_response_due);

CREATE TABLE ticket_events (
  id INTEGER PRIMARY KEY,
  ticket_number TEXT NOT NULL REFERENCES tickets (number),
  type TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  note TEXT,
  data_json TEXT NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_number, id);

CREATE TABLE ticket_messages (
  id INTEGER PRIMARY KEY,
  ticket_number TEXT NOT NULL REFERENCES tickets (number),
  direction TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  at TEXT NOT NULL,
  enquiry_key TEXT,
  suppressed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_number, id);

CREATE TABLE ticket_attachments (
  id INTEGER PRIMARY KEY,
  ticket_number TEXT NOT NULL REFERENCES tickets (number),
  enquiry_key TEXT,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL
);
CREATE INDEX ticket_attachments_ticket ON ticket_attachments (ticket_number);

CREATE TABLE ticket_refs (
  ref TEXT PRIMARY KEY,
  ticket_number TEXT NOT NULL REFERENCES tickets (number)
);

CREATE TABLE enquiries (
  key TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  from_address TEXT,
  received_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  outcome TEXT NOT NULL,
  ticket_number TEXT REFERENCES tickets (number),
  suppressed_reason TEXT
);
CREATE INDEX enquiries_from ON enquiries (from_address);
CREATE INDEX enquiries_ticket ON enquiries (ticket_number);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  kind TEXT NOT NULL,
  ticket_number TEXT REFERENCES tickets (number),
  reply_handle TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_owner TEXT,
  lease_until TEXT,
  last_error TEXT,
  provider_id TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_due ON outbox (status, channel, next_attempt_at);
CREATE INDEX outbox_ticket ON outbox (ticket_number);
`;

/** Indexes for `tickets list --assignee` and `--team` with the newest-first order (bench: 100,000 tickets). */
const tickets002 = `
CREATE INDEX tickets_assignee_created ON tickets (assignee, created_at);
CREATE INDEX tickets_team_status_created ON tickets (team_id, status, created_at);
DROP INDEX tickets_team_status;
`;

/**
 * Fewer indexes to write per new ticket: Status+Kreis is served by the Kreis index (a few thousand rows per
 * Kreis), Team+Status by the team or the status index, retention by the status index; escalation scans a
 * partial index that holds only open tickets. Every list filter reads newest-first from an index (tested).
 */
const tickets003 = `
DROP INDEX tickets_status_kreis_created;
DROP INDEX tickets_closed;
DROP INDEX tickets_escalation;
DROP INDEX tickets_team_status_created;
CREATE INDEX tickets_team_created ON tickets (team_id, created_at);
CREATE INDEX tickets_open_created ON tickets (created_at) WHERE status <> 'erledigt';
`;

/**
 * The enquiry an outbox message answers, as a column of its own (issue 10): export and anonymisation of the
 * replies to one person matched outbox keys by the prefix "<enquiry key>:", which also caught another
 * person's enquiry whose Message-ID begins with the first one's key and a colon. Existing rows are filled
 * where the key is exactly "<enquiry key>:<kind>" or its mail fallback "<…>:fallback:<channel>" and that
 * enquiry exists (portable SQL: substr/length, the enquiry looked up by its primary key).
 */
const tickets004 = `
ALTER TABLE outbox ADD COLUMN enquiry_key TEXT;
UPDATE outbox SET enquiry_key = (
  SELECT e.key FROM enquiries e WHERE e.key = substr(outbox.key, 1, length(outbox.key) - length(outbox.kind) - 1)
) WHERE substr(outbox.key, length(outbox.key) - length(outbox.kind)) = ':' || outbox.kind;
UPDATE outbox SET enquiry_key = (
  SELECT e.key FROM enquiries e
  WHERE e.key = substr(outbox.key, 1, length(outbox.key) - length(':' || outbox.kind || ':fallback:' || outbox.channel))
) WHERE enquiry_key IS NULL
  AND substr(outbox.key, length(outbox.key) - length(':' || outbox.kind || ':fallback:' || outbox.channel) + 1) = ':' || outbox.kind || ':fallback:' || outbox.channel;
CREATE INDEX outbox_enquiry ON outbox (enquiry_key);
`;

/**
 * Why an enquiry became a ticket (issue 13): triage's reasons in German, a JSON array in TEXT, written once when
 * the ticket is created and shown on the Vorgang page. NULL for tickets created before (and after anonymising).
 */
const tickets005 = `
ALTER TABLE tickets ADD COLUMN triage_reasons TEXT;
`;

/**
 * A portable order for thread references (issue 15): a follow-up naming several of our Message-IDs belongs to
 * the ticket whose reference was recorded last, which the SQLite store read from the hidden `rowid`; PostgreSQL
 * has none. The table is rebuilt with an `id` numbered by the database (SQLite rowid alias, PostgreSQL identity).
 * Existing rows are copied by a plain scan of the old table, which SQLite reads in rowid order (no index covers
 * `ticket_number`), so their order is kept; on PostgreSQL there was no order to keep.
 */
const tickets006 = `
CREATE TABLE ticket_refs_ordered (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  ticket_number TEXT NOT NULL REFERENCES tickets (number)
);
INSERT INTO ticket_refs_ordered (ref, ticket_number) SELECT ref, ticket_number FROM ticket_refs;
DROP TABLE ticket_refs;
ALTER TABLE ticket_refs_ordered RENAME TO ticket_refs;
`;

/**
 * Runs of the periodic jobs claimed by one replica per period (issue 15, job-claims.ts): escalation and retention
 * run once per period however many replicas share the database.
 */
const tickets007 = `
CREATE TABLE ticket_job_runs (
  job TEXT NOT NULL,
  period INTEGER NOT NULL,
  claimed_by TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (job, period)
);
`;

/** The tickets module's migrations, ids `tickets-NNN`. */
export const ticketMigrations: Migration[] = [
  { id: 'tickets-001', sql: tickets001 },
  { id: 'tickets-002', sql: tickets002 },
  { id: 'tickets-003', sql: tickets003 },
  { id: 'tickets-004', sql: tickets004 },
  { id: 'tickets-005', sql: tickets005 },
  { id: 'tickets-006', sql: tickets006 },
  { id: 'tickets-007', sql: tickets007 },
];
