/**
 * Storage of the knowledge loop (tables of gaps-migrations.ts): kept questions, mail feedback votes, the
 * generated feedback secret, and the reads of the gap report (mail votes together with Teams votes from
 * `teams_feedback`, when that table exists). Asynchronous over the SqlDb port: SQLite and PostgreSQL (issue 15).
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SqlDb } from '../core/sql.js';
import { QUESTION_OUTCOMES, type QuestionRecord } from './gaps-record.js';

/** One vote, from mail (this module) or Teams (`teams_feedback`). */
export interface FeedbackVote {
  enquiryKey: string;
  channel: string;
  passageId: string | null;
  helpful: boolean;
  /** Anonymised; the optional comment of a "Hat nicht geholfen" (mail page or Teams card). */
  comment: string | null;
  createdAt: string;
}

const QuestionRow = z.object({
  enquiry_key: z.string(),
  channel: z.string(),
  asked_at: z.string(),
  outcome: z.enum(QUESTION_OUTCOMES),
  question: z.string(),
  passage_id: z.string().nullable(),
  passage_title: z.string().nullable(),
  confidence: z.coerce.number(),
});

const VoteRow = z.object({
  enquiry_key: z.string(),
  channel: z.string(),
  passage_id: z.string().nullable(),
  helpful: z.coerce.number().int(),
  comment: z.string().nullable(),
  created_at: z.string(),
});

async function insertQuestion(db: SqlDb, r: QuestionRecord): Promise<void> {
  await db.run(
    `INSERT INTO gaps_questions (enquiry_key, channel, asked_at, outcome, question, passage_id, passage_title, confidence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (enquiry_key) DO NOTHING`,
    [r.enquiryKey, r.channel, r.askedAt, r.outcome, r.question, r.passageId, r.passageTitle, r.confidence],
  );
}

export interface GapsStore {
  /** Keeps a question once per enquiry key (a repeated key is ignored). */
  recordQuestion(record: QuestionRecord): Promise<void>;
  /** Keeps several questions in one transaction (each as {@link recordQuestion}). */
  recordQuestions(records: readonly QuestionRecord[]): Promise<void>;
  /** Stores a vote; the same voter on the same enquiry replaces the earlier vote. */
  recordFeedback(vote: FeedbackVote & { voter: string }): Promise<void>;
  /** A kept question by enquiry key (the feedback page shows which answer is rated). */
  question(enquiryKey: string): Promise<QuestionRecord | null>;
  questionsSince(since: string): Promise<QuestionRecord[]>;
  /** Votes since `since` from mail and Teams. */
  feedbackSince(since: string): Promise<FeedbackVote[]>;
  /** The feedback-link secret: generated once and kept in the database. */
  generatedSecret(): Promise<string>;
  /**
   * Retention (the daily job, `RETENTION_DAYS`): question texts and feedback comments from before `before`
   * are cleared; outcome, passage, time and vote stay, so the report still counts them (without examples).
   */
  retainTexts(before: string): Promise<{ questions: number; comments: number }>;
}

/** The columns of `teams_feedback` (empty when the table does not exist), per dialect. */
const TEAMS_COLUMNS = {
  sqlite: "SELECT name FROM pragma_table_info('teams_feedback')",
  postgres: "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'teams_feedback'",
} as const;

/** The store over an open database that has the gaps migrations applied. */
export function createGapsStore(db: SqlDb): GapsStore {
  const toRecord = (row: unknown): QuestionRecord => {
    const r = QuestionRow.parse(row);
    return { enquiryKey: r.enquiry_key, channel: r.channel, askedAt: r.asked_at, outcome: r.outcome, question: r.question, passageId: r.passage_id, passageTitle: r.passage_title, confidence: r.confidence };
  };
  // Teams votes live in the channel's table; its comment column came with teams-003 (older files lack it).
  const teamsColumns = async (): Promise<Set<string>> => new Set((await db.all<{ name: string }>(TEAMS_COLUMNS[db.dialect])).map((c) => c.name));
  return {
    async recordQuestion(r) {
      await insertQuestion(db, r);
    },
    async recordQuestions(records) {
      if (records.length === 1) return insertQuestion(db, records[0]!);
      await db.transaction(async (tx) => {
        for (const r of records) await insertQuestion(tx, r);
      });
    },
    async recordFeedback(vote) {
      await db.run(
        `INSERT INTO gaps_feedback (enquiry_key, voter, channel, passage_id, helpful, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (enquiry_key, voter) DO UPDATE SET helpful = excluded.helpful, comment = excluded.comment, passage_id = excluded.passage_id, created_at = excluded.created_at`,
        [vote.enquiryKey, vote.voter, vote.channel, vote.passageId, vote.helpful ? 1 : 0, vote.comment, vote.createdAt],
      );
    },
    async question(key) {
      const row = await db.get('SELECT * FROM gaps_questions WHERE enquiry_key = ?', [key]);
      return row === undefined ? null : toRecord(row);
    },
    questionsSince: async (since) => (await db.all('SELECT * FROM gaps_questions WHERE asked_at >= ? ORDER BY asked_at', [since])).map(toRecord),
    async feedbackSince(since) {
      const columns = await teamsColumns();
      const comment = columns.has('comment') ? 'comment' : 'NULL AS comment';
      const teams = columns.size > 0 ? `UNION ALL SELECT enquiry_key, 'teams' AS channel, passage_id, helpful, ${comment}, created_at FROM teams_feedback WHERE created_at >= ?` : '';
      const rows = await db.all(
        `SELECT enquiry_key, channel, passage_id, helpful, comment, created_at FROM gaps_feedback WHERE created_at >= ? ${teams} ORDER BY created_at`,
        columns.size > 0 ? [since, since] : [since],
      );
      return rows.map((row) => {
        const r = VoteRow.parse(row);
        return { enquiryKey: r.enquiry_key, channel: r.channel, passageId: r.passage_id, helpful: r.helpful === 1, comment: r.comment, createdAt: r.created_at };
      });
    },
    retainTexts: async (before) => ({
      questions: await db.run("UPDATE gaps_questions SET question = '' WHERE asked_at < ? AND question <> ''", [before]),
      comments: await db.run('UPDATE gaps_feedback SET comment = NULL WHERE created_at < ? AND comment IS NOT NULL', [before]),
    }),
    async generatedSecret() {
      // Two replicas starting at once: the conditional insert keeps the first secret; both read the same one.
      await db.run("INSERT INTO gaps_settings (key, value) VALUES ('feedback_secret', ?) ON CONFLICT (key) DO NOTHING", [randomBytes(32).toString('hex')]);
      return z.object({ value: z.string() }).parse(await db.get("SELECT value FROM gaps_settings WHERE key = 'feedback_secret'")).value;
    },
  };
}

/**
 * What the gap report reads (gaps-report.ts `buildGapReport`): questions and votes since `since`, and the kept
 * question of each vote whose question is older (looked up here, as the report itself is synchronous).
 *
 * @example
 * const report = buildGapReport({ ...(await gapReportInput(store, from)), since, now });
 */
export async function gapReportInput(store: GapsStore, since: string): Promise<{ questions: QuestionRecord[]; votes: FeedbackVote[]; questionFor: (key: string) => QuestionRecord | null }> {
  const [questions, votes] = await Promise.all([store.questionsSince(since), store.feedbackSince(since)]);
  const known = new Set(questions.map((q) => q.enquiryKey));
  const older = new Map<string, QuestionRecord | null>();
  for (const key of new Set(votes.map((v) => v.enquiryKey).filter((k) => !known.has(k)))) older.set(key, await store.question(key));
  return { questions, votes, questionFor: (key) => older.get(key) ?? null };
}
