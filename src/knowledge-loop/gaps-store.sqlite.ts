/**
 * SQLite storage of the knowledge loop (tables of gaps-migrations.ts): kept questions, mail feedback votes,
 * the generated feedback secret, and the reads of the gap report (mail votes together with Teams votes from
 * `teams_feedback`, when that table exists).
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { inTransaction, read } from '../tickets/database.sqlite.js';
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
  confidence: z.number(),
});

const VoteRow = z.object({
  enquiry_key: z.string(),
  channel: z.string(),
  passage_id: z.string().nullable(),
  helpful: z.number().int(),
  comment: z.string().nullable(),
  created_at: z.string(),
});

export interface GapsStore {
  /** Keeps a question once per enquiry key (a repeated key is ignored). */
  recordQuestion(record: QuestionRecord): void;
  /** Stores a vote; the same voter on the same enquiry replaces the earlier vote. */
  recordFeedback(vote: FeedbackVote & { voter: string }): void;
  /** A kept question by enquiry key (the feedback page shows which answer is rated). */
  question(enquiryKey: string): QuestionRecord | null;
  questionsSince(since: string): QuestionRecord[];
  /** Votes since `since` from mail and Teams. */
  feedbackSince(since: string): FeedbackVote[];
  /** The feedback-link secret: generated once and kept in the database. */
  generatedSecret(): string;
  /**
   * Retention (the daily job, `RETENTION_DAYS`): question texts and feedback comments from before `before`
   * are cleared; outcome, passage, time and vote stay, so the report still counts them (without examples).
   */
  retainTexts(before: string): { questions: number; comments: number };
}

/** The store over an open database that has the gaps migrations applied. */
export function createGapsStore(db: Database.Database): GapsStore {
  const insertQuestion = db.prepare(
    `INSERT INTO gaps_questions (enquiry_key, channel, asked_at, outcome, question, passage_id, passage_title, confidence)
     VALUES (@enquiryKey, @channel, @askedAt, @outcome, @question, @passageId, @passageTitle, @confidence) ON CONFLICT (enquiry_key) DO NOTHING`,
  );
  const upsertVote = db.prepare(
    `INSERT INTO gaps_feedback (enquiry_key, voter, channel, passage_id, helpful, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (enquiry_key, voter) DO UPDATE SET helpful = excluded.helpful, comment = excluded.comment, passage_id = excluded.passage_id, created_at = excluded.created_at`,
  );
  const toRecord = (row: unknown): QuestionRecord => {
    const r = QuestionRow.parse(row);
    return { enquiryKey: r.enquiry_key, channel: r.channel, askedAt: r.asked_at, outcome: r.outcome, question: r.question, passageId: r.passage_id, passageTitle: r.passage_title, confidence: r.confidence };
  };
  // Teams votes live in the channel's table; its comment column came with teams-003 (older files lack it).
  const teamsColumns = (): Set<string> => new Set((db.prepare("SELECT name FROM pragma_table_info('teams_feedback')").all() as { name: string }[]).map((c) => c.name));
  return {
    recordQuestion: (record) => inTransaction(db, 'record question', () => void insertQuestion.run(record)),
    recordFeedback: (vote) =>
      inTransaction(db, 'record feedback', () => void upsertVote.run(vote.enquiryKey, vote.voter, vote.channel, vote.passageId, vote.helpful ? 1 : 0, vote.comment, vote.createdAt)),
    question: (key) =>
      read('find question', () => {
        const row = db.prepare('SELECT * FROM gaps_questions WHERE enquiry_key = ?').get(key);
        return row === undefined ? null : toRecord(row);
      }),
    questionsSince: (since) => read('list questions', () => db.prepare('SELECT * FROM gaps_questions WHERE asked_at >= ? ORDER BY asked_at').all(since).map(toRecord)),
    feedbackSince: (since) =>
      read('list feedback', () => {
        const columns = teamsColumns();
        const comment = columns.has('comment') ? 'comment' : 'NULL AS comment';
        const teams = columns.size > 0 ? `UNION ALL SELECT enquiry_key, 'teams' AS channel, passage_id, helpful, ${comment}, created_at FROM teams_feedback WHERE created_at >= @since` : '';
        const rows = db.prepare(`SELECT enquiry_key, channel, passage_id, helpful, comment, created_at FROM gaps_feedback WHERE created_at >= @since ${teams} ORDER BY created_at`).all({ since });
        return rows.map((row) => {
          const r = VoteRow.parse(row);
          return { enquiryKey: r.enquiry_key, channel: r.channel, passageId: r.passage_id, helpful: r.helpful === 1, comment: r.comment, createdAt: r.created_at };
        });
      }),
    retainTexts: (before) =>
      inTransaction(db, 'retain gap texts', () => ({
        questions: db.prepare("UPDATE gaps_questions SET question = '' WHERE asked_at < ? AND question <> ''").run(before).changes,
        comments: db.prepare('UPDATE gaps_feedback SET comment = NULL WHERE created_at < ? AND comment IS NOT NULL').run(before).changes,
      })),
    generatedSecret: () =>
      inTransaction(db, 'feedback secret', () => {
        db.prepare("INSERT INTO gaps_settings (key, value) VALUES ('feedback_secret', ?) ON CONFLICT (key) DO NOTHING").run(randomBytes(32).toString('hex'));
        return (db.prepare("SELECT value FROM gaps_settings WHERE key = 'feedback_secret'").get() as { value: string }).value;
      }),
  };
}
