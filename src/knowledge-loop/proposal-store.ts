/**
 * The {@link ProposalStore} over the tables of proposal-migrations.ts, written once over the SqlDb port for
 * SQLite and PostgreSQL (issue 15). Every change and its event are written in one transaction, guarded by the
 * proposal's version (optimistic concurrency); the approval claim is one conditional statement.
 */
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { SqlDb } from '../core/sql.js';
import type { Proposal, ProposalPatch, ProposalStore } from './proposal-types.js';

const PROPOSAL_STATUSES = ['offen', 'zurueckgegeben', 'freigegeben'] as const;
const EVENT_TYPES = ['proposed', 'returned', 'revised', 'edited', 'approved'] as const;

// Integers through coerce: PostgreSQL's BIGINT arrives as a number (driver setting), a string would be read too.
const ProposalRow = z.object({
  id: z.coerce.number().int(),
  ticket_number: z.string().nullable(),
  status: z.enum(PROPOSAL_STATUSES),
  question: z.string(),
  answer: z.string(),
  alternatives_json: z.string(),
  source: z.string(),
  stand: z.string(),
  section_id: z.string(),
  author: z.string(),
  review_comment: z.string().nullable(),
  approved_by: z.string().nullable(),
  approved_at: z.string().nullable(),
  passage_id: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  version: z.coerce.number().int(),
});

const EventRow = z.object({ type: z.enum(EVENT_TYPES), actor: z.string(), at: z.string(), note: z.string().nullable() });

function parse<T>(schema: z.ZodType<T>, row: unknown, table: string): T {
  const result = schema.safeParse(row);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('DB_ERROR', `proposal store: invalid row in ${table} at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`);
  }
  return result.data;
}

const toProposal = (row: unknown): Proposal => {
  const r = parse(ProposalRow, row, 'faq_proposals');
  return {
    id: r.id,
    ticketNumber: r.ticket_number,
    status: r.status,
    question: r.question,
    answer: r.answer,
    alternatives: z.array(z.string()).parse(JSON.parse(r.alternatives_json)),
    source: r.source,
    stand: r.stand,
    sectionId: r.section_id,
    author: r.author,
    reviewComment: r.review_comment,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
    passageId: r.passage_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
};

const COLUMNS: Record<keyof ProposalPatch, string> = {
  question: 'question',
  answer: 'answer',
  alternatives: 'alternatives_json',
  source: 'source',
  stand: 'stand',
  sectionId: 'section_id',
  status: 'status',
  reviewComment: 'review_comment',
  approvedBy: 'approved_by',
  approvedAt: 'approved_at',
  passageId: 'passage_id',
};

const INSERT_EVENT = 'INSERT INTO faq_proposal_events (proposal_id, type, actor, at, note) VALUES (?, ?, ?, ?, ?)';

/** Reads one proposal (through the database or a transaction). */
async function find(db: SqlDb, id: number): Promise<Proposal | null> {
  const row = await db.get('SELECT * FROM faq_proposals WHERE id = ?', [id]);
  return row === undefined ? null : toProposal(row);
}

/**
 * The proposal store over an open database (with `proposalMigrations` applied), SQLite or PostgreSQL.
 *
 * @example const store = createProposalStore(sql); await store.create({ ticketNumber: null, content, author: 'sb-nord-1', at })
 */
export function createProposalStore(db: SqlDb): ProposalStore {
  return {
    create: ({ ticketNumber, content, author, at }) =>
      db.transaction(async (tx) => {
        const row = await tx.get<{ id: number | string }>(
          `INSERT INTO faq_proposals (ticket_number, status, question, answer, alternatives_json, source, stand, section_id, author, created_at, updated_at)
           VALUES (?, 'offen', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          [ticketNumber, content.question, content.answer, JSON.stringify(content.alternatives), content.source, content.stand, content.sectionId, author, at, at],
        );
        const id = Number(row!.id);
        await tx.run(INSERT_EVENT, [id, 'proposed', author, at, null]);
        return (await find(tx, id))!;
      }),

    find: (id) => find(db, id),

    events: async (id) => (await db.all('SELECT type, actor, at, note FROM faq_proposal_events WHERE proposal_id = ? ORDER BY id', [id])).map((r) => parse(EventRow, r, 'faq_proposal_events')),

    list: async (limit = 200) => (await db.all('SELECT * FROM faq_proposals ORDER BY updated_at DESC, id DESC LIMIT ?', [limit])).map(toProposal),

    update(id, expectedVersion, patch, event) {
      const keys = (Object.keys(patch) as (keyof ProposalPatch)[]).filter((k) => patch[k] !== undefined);
      const sets = keys.map((k) => `${COLUMNS[k]} = ?`);
      const values = keys.map((k) => (k === 'alternatives' ? JSON.stringify(patch.alternatives) : (patch[k] as string | null)));
      return db.transaction(async (tx) => {
        const changed = await tx.run(`UPDATE faq_proposals SET ${[...sets, 'updated_at = ?', 'version = version + 1'].join(', ')} WHERE id = ? AND version = ?`, [
          ...values,
          event.at,
          id,
          expectedVersion,
        ]);
        if (changed === 0) return 'stale' as const;
        await tx.run(INSERT_EVENT, [id, event.type, event.actor, event.at, event.note]);
        return 'saved' as const;
      });
    },

    async claim(id, expectedVersion, by, at, staleBefore) {
      // One statement: the claim is taken only while the proposal is open at that version, and a claim held by
      // another approval is taken over only when older than `staleBefore` (a process that died mid-approval).
      const taken = await db.run(
        `INSERT INTO faq_proposal_claims (proposal_id, claimed_by, claimed_at)
         SELECT id, ?, ? FROM faq_proposals WHERE id = ? AND version = ? AND status = 'offen'
         ON CONFLICT (proposal_id) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at WHERE faq_proposal_claims.claimed_at < ?`,
        [by, at, id, expectedVersion, staleBefore],
      );
      if (taken === 1) return 'claimed';
      const current = await find(db, id);
      return current === null || current.version !== expectedVersion || current.status !== 'offen' ? 'stale' : 'busy';
    },

    async release(id, by) {
      await db.run('DELETE FROM faq_proposal_claims WHERE proposal_id = ? AND claimed_by = ?', [id, by]);
    },
  };
}
