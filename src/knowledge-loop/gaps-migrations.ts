/**
 * Schema of the knowledge loop's own tables (issue 14), ids `gaps-NNN`, applied by the composition root's
 * `openDatabase` with the other modules' migrations. Never edit a released migration; add a new one.
 *
 * - `gaps_questions`: each enquiry the knowledge base was asked, with its outcome (answered, suggested,
 *   handover), the question ANONYMISED (anonymise.ts) and the nearest passage; the gap report reads it.
 * - `gaps_feedback`: "Hat geholfen / Hat nicht geholfen" from the mail feedback page (one vote per enquiry
 *   and voter; a later vote replaces the earlier), with an optional anonymised comment. Teams votes stay in
 *   `teams_feedback` and are read beside these.
 * - `gaps_settings`: the generated feedback-link secret when `FEEDBACK_SECRET` is not set.
 *
 * Question texts and comments older than `RETENTION_DAYS` are cleared by the daily retention job
 * (gaps-store.sqlite.ts `retainTexts`); the counts stay.
 */
import type { Migration } from '../core/ports.js';

export const gapsMigrations: Migration[] = [
  {
    id: 'gaps-001',
    sql: `
CREATE TABLE gaps_questions (
  enquiry_key TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  asked_at TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'suggested', 'handover')),
  question TEXT NOT NULL,
  passage_id TEXT,
  passage_title TEXT,
  confidence REAL NOT NULL
);
CREATE INDEX gaps_questions_asked ON gaps_questions (asked_at);
CREATE TABLE gaps_feedback (
  enquiry_key TEXT NOT NULL,
  voter TEXT NOT NULL,
  channel TEXT NOT NULL,
  passage_id TEXT,
  helpful INTEGER NOT NULL,
  comment TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (enquiry_key, voter)
);
CREATE INDEX gaps_feedback_created ON gaps_feedback (created_at);
CREATE TABLE gaps_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
  },
];
