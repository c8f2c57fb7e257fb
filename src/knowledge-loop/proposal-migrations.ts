/**
 * Schema of the FAQ proposals (issue 14 item 2), ids `proposals-NNN` (STYLE G15). Applied by the composition
 * root's `openDatabase` together with the other modules' migrations. Portable SQL: TEXT/INTEGER only, ISO-8601
 * UTC timestamps in TEXT, JSON in TEXT. Never edit a released migration; add a new one.
 */
import type { Migration } from '../core/ports.js';

/** Migrations of the proposals, ids `proposals-NNN`. */
export const proposalMigrations: Migration[] = [
  {
    id: 'proposals-001',
    sql: `
CREATE TABLE faq_proposals (
  id INTEGER PRIMARY KEY,
  ticket_number TEXT,
  status TEXT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  alternatives_json TEXT NOT NULL,
  source TEXT NOT NULL,
  stand TEXT NOT NULL,
  section_id TEXT NOT NULL,
  author TEXT NOT NULL,
  review_comment TEXT,
  approved_by TEXT,
  approved_at TEXT,
  passage_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX faq_proposals_status ON faq_proposals (status, updated_at);
CREATE INDEX faq_proposals_ticket ON faq_proposals (ticket_number);

CREATE TABLE faq_proposal_events (
  id INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL REFERENCES faq_proposals (id),
  type TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  note TEXT
);
CREATE INDEX faq_proposal_events_proposal ON faq_proposal_events (proposal_id, id);
`,
  },
  {
    // The approval in progress (one row per proposal while its entry is written): a second approver, in this
    // process or another one on the same database, gets a conflict instead of writing the entry twice. A claim
    // older than the approval timeout is taken over (a process that died mid-approval).
    id: 'proposals-002',
    sql: `
CREATE TABLE faq_proposal_claims (
  proposal_id INTEGER PRIMARY KEY REFERENCES faq_proposals (id),
  claimed_by TEXT NOT NULL,
  claimed_at TEXT NOT NULL
);
`,
  },
];
