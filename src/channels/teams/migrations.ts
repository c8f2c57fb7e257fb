/**
 * Schema of the Teams channel's own tables (STYLE G15): conversation references, processed activity keys,
 * answer feedback, registered staff channels, the staff cards posted per ticket and pending municipality ask-backs. Applied by the
 * composition root's `openDatabase` together with the other modules' migrations. Never edit a released
 * migration; add a new one.
 */
import type { Migration } from '../../core/ports.js';

/** Migrations of the Teams channel, ids `teams-NNN`. */
export const teamsMigrations: Migration[] = [
  {
    id: 'teams-001',
    sql: `
CREATE TABLE teams_conversations (
  conversation_id TEXT PRIMARY KEY,
  reference TEXT NOT NULL,
  conversation_type TEXT NOT NULL,
  dead_at TEXT,
  dead_reason TEXT,
  updated_at TEXT NOT NULL
);
CREATE TABLE teams_processed (
  key TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);
CREATE INDEX teams_processed_created ON teams_processed (created_at);
CREATE TABLE teams_feedback (
  enquiry_key TEXT NOT NULL,
  voter TEXT NOT NULL,
  passage_id TEXT,
  helpful INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (enquiry_key, voter)
);
CREATE TABLE teams_staff_channels (
  scope TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE teams_ticket_cards (
  ticket_number TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (ticket_number, conversation_id)
);
`,
  },
  {
    // The municipality ask-back a requester has yet to answer, per conversation (issue 5 item 2): a plain
    // message naming the municipality then settles that ticket. The requester id is kept as a hash.
    id: 'teams-002',
    sql: `
CREATE TABLE teams_pending_municipality (
  conversation_id TEXT NOT NULL,
  requester_hash TEXT NOT NULL,
  ticket_number TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (conversation_id, requester_hash)
);
CREATE INDEX teams_pending_municipality_ticket ON teams_pending_municipality (ticket_number);
CREATE INDEX teams_pending_municipality_created ON teams_pending_municipality (created_at);
`,
  },
  {
    // The optional comment after "Hat nicht geholfen" (issue 14 item 3), anonymised before it is stored and
    // cleared by the retention job; read by the gap report beside the vote.
    id: 'teams-003',
    sql: `
ALTER TABLE teams_feedback ADD COLUMN comment TEXT;
CREATE INDEX teams_feedback_created ON teams_feedback (created_at);
`,
  },
];
