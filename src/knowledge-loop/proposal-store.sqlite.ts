/**
 * SQLite adapter of the {@link ProposalStore} over the tables of proposal-migrations.ts. Every change and its
 * event are written in one transaction, guarded by the proposal's version (optimistic concurrency).
 */
import type Database from 'better-sqlite3';
import type { Proposal, ProposalEvent, ProposalPatch, ProposalStatus, ProposalStore } from './proposal-types.js';

interface Row {
  id: number;
  ticket_number: string | null;
  status: string;
  question: string;
  answer: string;
  alternatives_json: string;
  source: string;
  stand: string;
  section_id: string;
  author: string;
  review_comment: string | null;
  approved_by: string | null;
  approved_at: string | null;
  passage_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

const toProposal = (r: Row): Proposal => ({
  id: r.id,
  ticketNumber: r.ticket_number,
  status: r.status as ProposalStatus,
  question: r.question,
  answer: r.answer,
  alternatives: JSON.parse(r.alternatives_json) as string[],
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
});

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

/**
 * The proposal store over an open database (with `proposalMigrations` applied).
 *
 * @example const store = createProposalStore(db); store.create({ ticketNumber: null, content, author: 'sb-nord-1', at })
 */
export function createProposalStore(db: Database.Database): ProposalStore {
  const insertEvent = db.prepare('INSERT INTO faq_proposal_events (proposal_id, type, actor, at, note) VALUES (?, ?, ?, ?, ?)');
  const byId = db.prepare('SELECT * FROM faq_proposals WHERE id = ?');
  const find = (id: number): Proposal | null => {
    const row = byId.get(id) as Row | undefined;
    return row === undefined ? null : toProposal(row);
  };
  return {
    create({ ticketNumber, content, author, at }) {
      return db.transaction(() => {
        const row = db
          .prepare(
            `INSERT INTO faq_proposals (ticket_number, status, question, answer, alternatives_json, source, stand, section_id, author, created_at, updated_at)
             VALUES (?, 'offen', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          )
          .get(ticketNumber, content.question, content.answer, JSON.stringify(content.alternatives), content.source, content.stand, content.sectionId, author, at, at) as { id: number };
        insertEvent.run(row.id, 'proposed', author, at, null);
        return find(row.id)!;
      }).immediate();
    },
    find,
    events: (id) =>
      (db.prepare('SELECT type, actor, at, note FROM faq_proposal_events WHERE proposal_id = ? ORDER BY id').all(id) as ProposalEvent[]).map((e) => ({ ...e })),
    list: (limit = 200) => (db.prepare('SELECT * FROM faq_proposals ORDER BY updated_at DESC, id DESC LIMIT ?').all(limit) as Row[]).map(toProposal),
    update(id, expectedVersion, patch, event) {
      const keys = (Object.keys(patch) as (keyof ProposalPatch)[]).filter((k) => patch[k] !== undefined);
      const sets = keys.map((k) => `${COLUMNS[k]} = ?`);
      const values = keys.map((k) => (k === 'alternatives' ? JSON.stringify(patch.alternatives) : (patch[k] as string | null)));
      return db.transaction(() => {
        const changed = db
          .prepare(`UPDATE faq_proposals SET ${[...sets, 'updated_at = ?', 'version = version + 1'].join(', ')} WHERE id = ? AND version = ?`)
          .run(...values, event.at, id, expectedVersion).changes;
        if (changed === 0) return 'stale' as const;
        insertEvent.run(id, event.type, event.actor, event.at, event.note);
        return 'saved' as const;
      }).immediate();
    },
    claim(id, expectedVersion, by, at, staleBefore) {
      return db.transaction(() => {
        const current = find(id);
        if (current === null || current.version !== expectedVersion || current.status !== 'offen') return 'stale' as const;
        const taken = db
          .prepare(
            `INSERT INTO faq_proposal_claims (proposal_id, claimed_by, claimed_at) VALUES (?, ?, ?)
             ON CONFLICT (proposal_id) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at WHERE faq_proposal_claims.claimed_at < ?`,
          )
          .run(id, by, at, staleBefore).changes;
        return taken === 1 ? ('claimed' as const) : ('busy' as const);
      }).immediate();
    },
    release(id, by) {
      db.prepare('DELETE FROM faq_proposal_claims WHERE proposal_id = ? AND claimed_by = ?').run(id, by);
    },
  };
}
