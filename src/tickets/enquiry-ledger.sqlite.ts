/**
 * SQLite {@link EnquiryLedger}: records each enquiry key once and applies its plan (ticket creation or
 * follow-up, attachments, thread references, outbox entries) in ONE immediate transaction.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../core/errors.js';
import type { Outcome, TicketView } from '../core/outcome.js';
import type { EnquiryLedger, EnquiryPlan, LedgerCommitResult, TicketRecord } from '../core/ticket-ports.js';
import { inTransaction, read } from './database.sqlite.js';
import { transition } from './ticket.js';
import { toView } from './ticket-rows.js';
import type { TicketWrites } from './ticket-writes.sqlite.js';

/** At most this many References are looked up (the newest ones matter). */
const MAX_REFERENCES = 30;

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

  const findByRefs = (refs: string[]): TicketRecord | null => {
    const wanted = refs.filter((r) => r !== '').slice(-MAX_REFERENCES);
    if (wanted.length === 0) return null;
    const row = db
      .prepare(`SELECT ticket_number FROM ticket_refs WHERE ref IN (${wanted.map(() => '?').join(', ')}) ORDER BY rowid DESC LIMIT 1`)
      .get(...wanted) as { ticket_number: string } | undefined;
    return row === undefined ? null : w.find(row.ticket_number);
  };

  const applyTicket = (plan: EnquiryPlan, at: Date): { ticket: TicketRecord | null; reopened: boolean } => {
    const { enquiry } = plan;
    const spec = plan.ticket;
    if (spec.kind === 'none') return { ticket: null, reopened: false };
    let ticket: TicketRecord;
    let reopened = false;
    if (spec.kind === 'create') {
      ticket = w.create(spec.draft, at);
      w.event(ticket.number, { type: 'created', actor: 'system', at: plan.at, fromStatus: null, toStatus: 'neu', note: null, data: { category: ticket.category, channel: ticket.channel, enquiryKey: enquiry.key } });
      w.event(ticket.number, { type: 'assigned', actor: 'system', at: plan.at, fromStatus: 'neu', toStatus: 'neu', note: spec.draft.assignmentReason, data: { teamId: spec.draft.team.id, deputyFor: spec.draft.deputyFor } });
    } else {
      const found = w.find(spec.number);
      if (found === null) throw new AppError('TICKET_NOT_FOUND', `tickets ledger: no ticket ${spec.number}`);
      ticket = found;
      if (spec.react) {
        const result = transition(ticket, { type: 'requester_reply' }, at);
        if (result.ok) {
          if (!w.update(result.ticket, ticket.version)) throw new AppError('DB_ERROR', `tickets ledger: concurrent change on ${ticket.number}`);
          w.event(ticket.number, result.event);
          reopened = result.event.type === 'reopened';
          ticket = result.ticket;
        }
      }
    }
    w.message(ticket.number, { direction: 'in', author: 'requester', text: enquiry.text, at: plan.at, enquiryKey: enquiry.key, suppressed: !(spec.kind === 'create' || spec.react) });
    for (const a of enquiry.attachments) w.attachment(ticket.number, { ...a, enquiryKey: enquiry.key });
    if (enquiry.replyHandle.channel === 'email' && enquiry.replyHandle.messageId !== null) w.ref(enquiry.replyHandle.messageId, ticket.number);
    return { ticket, reopened };
  };

  return {
    findEnquiry: (key) => read('find enquiry', () => findEnquiry(key)),

    findTicket(ref): TicketView | null {
      return read('find ticket', () => {
        const byNumber = ref.number === undefined ? null : w.find(ref.number);
        const ticket = byNumber ?? findByRefs(ref.references ?? []);
        // An anonymised ticket keeps no conversation: a late reply starts a new one.
        return ticket === null || ticket.anonymisedAt !== null ? null : toView(ticket);
      });
    },

    commit(plan: EnquiryPlan): LedgerCommitResult {
      const at = new Date(plan.at);
      return inTransaction(db, 'record enquiry', (): LedgerCommitResult => {
        const { enquiry } = plan;
        const inserted = insertEnquiry.run(enquiry.key, enquiry.channel, enquiry.from, enquiry.receivedAt.toISOString(), plan.at, plan.outcome, plan.suppressedReason);
        if (inserted.changes === 0) {
          return { kind: 'duplicate', previous: findEnquiry(enquiry.key)?.outcome ?? plan.outcome };
        }
        const { ticket, reopened } = applyTicket(plan, at);
        if (ticket !== null) linkEnquiry.run(ticket.number, enquiry.key);
        const view = ticket === null ? null : toView(ticket);
        w.enqueue(plan.outbox, view, plan.at);
        return { kind: 'committed', ticket: view, reopened };
      });
    },
  };
}
