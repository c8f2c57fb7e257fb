/**
 * Prepared statements shared by the SQLite ticket adapters. Callers run them inside one transaction
 * (`inTransaction`); nothing here commits on its own.
 */
import type Database from 'better-sqlite3';
import type { TicketView } from '../core/outcome.js';
import type { OutboxDraft, TicketAttachment, TicketEvent, TicketMessage, TicketRecord } from '../core/ticket-model.js';
import type { NewTicketDraft } from '../core/enquiry-ledger-ports.js';
import { newTicketRecord, ticketYear } from './ticket.js';
import { ticketFromRow, ticketToParams, toView } from './ticket-rows.js';

/** Columns written from {@link ticketToParams} (same names as its keys). */
const TICKET_COLUMNS = [
  'number', 'status', 'category', 'channel', 'subject', 'requester_name', 'requester_address', 'gemeinde_ags',
  'kreis_ags', 'route_json', 'reply_handle', 'team_id', 'team_json', 'assignee', 'first_response_due',
  'resolution_due', 'first_responded_at', 'escalation_level', 'created_at', 'updated_at', 'closed_at',
  'anonymised_at', 'version',
] as const;

/** The write and lookup statements of the ticket tables. */
export type TicketWrites = ReturnType<typeof prepareTicketWrites>;

/** Prepares the statements once per connection. */
export function prepareTicketWrites(db: Database.Database) {
  const nextSeq = db.prepare(
    'INSERT INTO ticket_sequences (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = ticket_sequences.last + 1 RETURNING last',
  );
  const insertTicket = db.prepare(
    `INSERT INTO tickets (${TICKET_COLUMNS.join(', ')}) VALUES (${TICKET_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );
  // UPDATE statements by changed-column set: only the columns that change are written, so SQLite touches
  // only the indexes over them (a claim rewrites `assignee` and `status`, not all ten indexes).
  const updates = new Map<string, Database.Statement>();
  const updateStatement = (columns: string[]): Database.Statement => {
    const key = columns.join(',');
    let statement = updates.get(key);
    if (statement === undefined) {
      statement = db.prepare(`UPDATE tickets SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE number = @number AND version = @expected_version`);
      updates.set(key, statement);
    }
    return statement;
  };
  const selectTicket = db.prepare('SELECT * FROM tickets WHERE number = ?');
  // Written once at creation and read only for the Vorgang page: outside TICKET_COLUMNS, so no change rewrites it.
  const setTriageReasons = db.prepare('UPDATE tickets SET triage_reasons = ? WHERE number = ?');
  const insertEvent = db.prepare(
    `INSERT INTO ticket_events (ticket_number, type, actor, at, from_status, to_status, note, data_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO ticket_messages (ticket_number, direction, author, text, at, enquiry_key, suppressed)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAttachment = db.prepare(
    `INSERT INTO ticket_attachments (ticket_number, enquiry_key, filename, content_type, size, sha256)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertRef = db.prepare('INSERT INTO ticket_refs (ref, ticket_number) VALUES (?, ?) ON CONFLICT (ref) DO NOTHING');
  const insertOutbox = db.prepare(
    `INSERT INTO outbox (key, channel, kind, ticket_number, enquiry_key, reply_handle, payload, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
  );

  return {
    find(number: string): TicketRecord | null {
      const row = selectTicket.get(number);
      return row === undefined ? null : ticketFromRow(row);
    },

    /** Allocates `IM-<year>-<6 digits>` (per-year sequence, Berlin calendar year) and inserts the ticket. */
    create(draft: NewTicketDraft, at: Date): TicketRecord {
      const { last } = nextSeq.get(ticketYear(at)) as { last: number };
      const ticket = newTicketRecord(draft, last, at);
      insertTicket.run(ticketToParams(ticket));
      if (draft.triageReasons !== undefined && draft.triageReasons.length > 0) setTriageReasons.run(JSON.stringify(draft.triageReasons), ticket.number);
      return ticket;
    },

    /** Conditional update on the version the change was computed from; false when another writer won. */
    update(ticket: TicketRecord, expectedVersion: number): boolean {
      const current = selectTicket.get(ticket.number) as Record<string, unknown> | undefined;
      if (current === undefined || current.version !== expectedVersion) return false;
      const params = ticketToParams(ticket);
      const changed = TICKET_COLUMNS.filter((c) => c !== 'number' && params[c] !== current[c]);
      return updateStatement(changed).run({ ...params, expected_version: expectedVersion }).changes === 1;
    },

    event(number: string, e: TicketEvent): void {
      insertEvent.run(number, e.type, e.actor, e.at, e.fromStatus, e.toStatus, e.note, JSON.stringify(e.data));
    },

    message(number: string, m: TicketMessage): void {
      insertMessage.run(number, m.direction, m.author, m.text, m.at, m.enquiryKey, m.suppressed === true ? 1 : 0);
    },

    attachment(number: string, a: TicketAttachment): void {
      insertAttachment.run(number, a.enquiryKey, a.filename, a.contentType, a.size, a.sha256);
    },

    ref(ref: string, number: string): void {
      insertRef.run(ref, number);
    },

    /**
     * Enqueues drafts; an existing key is left as it is (idempotent). Linked messages store the ticket number
     * only; the outbox store adds the current ticket view as `payload.ticket` when it hands them out.
     * `enquiryKey` names the enquiry the messages answer (export and anonymisation match it exactly).
     */
    enqueue(drafts: OutboxDraft[], ticket: TicketView | null, at: string, enquiryKey: string | null = null): void {
      for (const d of drafts) {
        const linked = d.withTicket && ticket !== null;
        const payload = d.payload;
        insertOutbox.run(
          d.key,
          d.channel,
          d.kind,
          linked ? ticket.number : null,
          enquiryKey,
          JSON.stringify(d.replyHandle),
          JSON.stringify(payload),
          at,
          at,
        );
      }
    },

    view: toView,
  };
}
