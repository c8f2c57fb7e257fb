/**
 * SQLite {@link EnquiryLedger}: records each enquiry key once and applies its plan (ticket creation or
 * follow-up, attachments, thread references, outbox entries) in ONE immediate transaction.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../core/errors.js';
import type { Outcome } from '../core/outcome.js';
import { STAFF_KINDS, type OutboundKind } from '../core/outcome.js';
import type { TicketRecord } from '../core/ticket-model.js';
import type { EnquiryLedger, EnquiryPlan, FollowUpTarget, LedgerCommitResult, ReferencedReply } from '../core/enquiry-ledger-ports.js';
import { inTransaction, read } from './database.sqlite.js';
import { followUpChange } from './follow-up-change.js';
import { toView } from './ticket-rows.js';
import type { TicketWrites } from './ticket-writes.sqlite.js';

/** At most this many References are looked up (the newest ones matter). */
const MAX_REFERENCES = 30;
// Our messages to staff (STAFF_KINDS) are not to the requester side: naming them makes nobody a member (issue 10).

export { followUpChange, type FollowUpChange } from './follow-up-change.js';

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** A statement with `n` placeholders in an IN list, prepared on first use for each `n`. */
function preparedPer(db: Database.Database, sql: (n: number) => string): (n: number) => Database.Statement {
  const statements = new Map<number, Database.Statement>();
  return (n) => {
    let statement = statements.get(n);
    if (statement === undefined) {
      statement = db.prepare(sql(n));
      statements.set(n, statement);
    }
    return statement;
  };
}

/** Creates the ledger over a connection and its prepared writes. */
export function createSqliteEnquiryLedger(db: Database.Database, w: TicketWrites): EnquiryLedger {
  const selectEnquiry = db.prepare('SELECT outcome, ticket_number FROM enquiries WHERE key = ?');
  const insertEnquiry = db.prepare(
    `INSERT INTO enquiries (key, channel, from_address, received_at, recorded_at, outcome, suppressed_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
  );
  const linkEnquiry = db.prepare('UPDATE enquiries SET ticket_number = ? WHERE key = ?');

  const findEnquiry = (key: string): { outcome: Outcome['kind']; ticketNumber: string | null } | null => {
    const row = selectEnquiry.get(key) as { outcome: Outcome['kind']; ticket_number: string | null } | undefined;
    return row === undefined ? null : { outcome: row.outcome, ticketNumber: row.ticket_number };
  };

  const wantedRefs = (refs: string[]): string[] => [...new Set(refs.filter((r) => r !== ''))].slice(-MAX_REFERENCES);

  // Prepared once per number of references (1..MAX_REFERENCES), not on every mail.
  const byRefs = preparedPer(db, (n) => `SELECT ticket_number FROM ticket_refs WHERE ref IN (${placeholders(n)}) ORDER BY id DESC LIMIT 1`);
  const repliesByRefs = preparedPer(
    db,
    (n) => `SELECT kind, reply_handle FROM outbox WHERE ticket_number = ? AND channel = 'email' AND status = 'sent'
         AND kind NOT IN (${placeholders(STAFF_KINDS.length)}) AND provider_id IN (${placeholders(n)})`,
  );

  const findByRefs = (refs: string[]): TicketRecord | null => {
    const wanted = wantedRefs(refs);
    if (wanted.length === 0) return null;
    const row = byRefs(wanted.length).get(...wanted) as { ticket_number: string } | undefined;
    return row === undefined ? null : w.find(row.ticket_number);
  };

  /** Our sent mail messages to the requester side of a ticket whose Message-ID (`provider_id`) is among `refs`. */
  const ourReplies = (number: string, refs: string[]): ReferencedReply[] => {
    const wanted = wantedRefs(refs);
    if (wanted.length === 0) return [];
    const rows = repliesByRefs(wanted.length).all(number, ...STAFF_KINDS, ...wanted) as { kind: OutboundKind; reply_handle: string }[];
    return rows.flatMap((r) => {
      const handle = JSON.parse(r.reply_handle) as { channel?: string; to?: unknown };
      return handle.channel === 'email' && typeof handle.to === 'string' && handle.to !== '' ? [{ kind: r.kind, to: handle.to }] : [];
    });
  };

  const applyTicket = (plan: EnquiryPlan, at: Date): { ticket: TicketRecord | null; reopened: boolean; rerouted: boolean } => {
    const { enquiry } = plan;
    const spec = plan.ticket;
    if (spec.kind === 'none') return { ticket: null, reopened: false, rerouted: false };
    let ticket: TicketRecord;
    let reopened = false;
    let rerouted = false;
    if (spec.kind === 'create') {
      ticket = w.create(spec.draft, at);
      w.event(ticket.number, { type: 'created', actor: 'system', at: plan.at, fromStatus: null, toStatus: 'neu', note: null, data: { category: ticket.category, channel: ticket.channel, enquiryKey: enquiry.key } });
      w.event(ticket.number, { type: 'assigned', actor: 'system', at: plan.at, fromStatus: 'neu', toStatus: 'neu', note: spec.draft.assignmentReason, data: { teamId: spec.draft.team.id, deputyFor: spec.draft.deputyFor } });
    } else {
      const found = w.find(spec.number);
      if (found === null) throw new AppError('TICKET_NOT_FOUND', `tickets ledger: no ticket ${spec.number}`);
      const change = followUpChange(found, spec, at);
      if (change.events.length > 0) {
        // One UPDATE from the version read to the final one; the events record each step.
        if (!w.update(change.ticket, found.version)) throw new AppError('DB_ERROR', `tickets ledger: concurrent change on ${found.number}`);
        for (const event of change.events) w.event(found.number, event);
      }
      ticket = change.ticket;
      reopened = change.reopened;
      rerouted = change.rerouted;
    }
    w.message(ticket.number, { direction: 'in', author: 'requester', text: enquiry.text, at: plan.at, enquiryKey: enquiry.key, suppressed: !(spec.kind === 'create' || spec.react) });
    // Why a ticket was opened whatever triage said (a foreign ticket number, quarantine, rate limit): for staff.
    if (spec.kind === 'create') for (const note of spec.draft.notes ?? []) w.message(ticket.number, { direction: 'note', author: 'system', text: note, at: plan.at, enquiryKey: enquiry.key });
    for (const a of enquiry.attachments) w.attachment(ticket.number, { ...a, enquiryKey: enquiry.key });
    if (enquiry.replyHandle.channel === 'email' && enquiry.replyHandle.messageId !== null) w.ref(enquiry.replyHandle.messageId, ticket.number);
    return { ticket, reopened, rerouted };
  };

  return {
    findEnquiry: async (key) => read('find enquiry', () => findEnquiry(key)),

    async findTicket(ref): Promise<FollowUpTarget | null> {
      return read('find ticket', () => {
        const byNumber = ref.number === undefined ? null : w.find(ref.number);
        const ticket = byNumber ?? findByRefs(ref.references ?? []);
        // An anonymised ticket keeps no conversation: a late reply starts a new one.
        if (ticket === null || ticket.anonymisedAt !== null) return null;
        const replies = ourReplies(ticket.number, ref.references ?? []);
        return { ...toView(ticket), routeStatus: ticket.requester.routeStatus, requesterAddress: ticket.requester.address, ourReplies: replies, candidates: ticket.requester.candidates };
      });
    },

    async commit(plan: EnquiryPlan): Promise<LedgerCommitResult> {
      const at = new Date(plan.at);
      return inTransaction(db, 'record enquiry', (): LedgerCommitResult => {
        const { enquiry } = plan;
        const inserted = insertEnquiry.run(enquiry.key, enquiry.channel, enquiry.from, enquiry.receivedAt.toISOString(), plan.at, plan.outcome, plan.suppressedReason);
        if (inserted.changes === 0) {
          return { kind: 'duplicate', previous: findEnquiry(enquiry.key)?.outcome ?? plan.outcome };
        }
        const { ticket, reopened, rerouted } = applyTicket(plan, at);
        if (ticket !== null) linkEnquiry.run(ticket.number, enquiry.key);
        const view = ticket === null ? null : toView(ticket);
        w.enqueue(plan.outbox, view, plan.at, enquiry.key);
        return { kind: 'committed', ticket: view, reopened, rerouted };
      });
    },
  };
}
