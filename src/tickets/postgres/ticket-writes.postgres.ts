/**
 * The writes and lookups of the ticket tables on PostgreSQL, shared by the ledger and the ticket store. Each
 * takes the client of the caller's transaction; nothing here commits on its own.
 */
import type { TicketView } from '../../core/outcome.js';
import type { OutboxDraft, TicketAttachment, TicketEvent, TicketMessage, TicketRecord } from '../../core/ticket-model.js';
import type { NewTicketDraft } from '../../core/enquiry-ledger-ports.js';
import { newTicketRecord, ticketYear } from '../ticket.js';
import { ticketFromRow, ticketToParams } from '../ticket-rows.js';
import { changes, rows, type Queryable } from './transaction.postgres.js';

const marks = (n: number, from = 1): string => Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');

/** The ticket, or null; `lock` takes its row lock until the transaction ends (a follow-up's read-modify-write). */
export async function findTicket(db: Queryable, number: string, lock = false): Promise<TicketRecord | null> {
  const [row] = await rows(db, `SELECT * FROM tickets WHERE number = $1${lock ? ' FOR UPDATE' : ''}`, [number]);
  return row === undefined ? null : ticketFromRow(row);
}

/**
 * Allocates `IM-<year>-<6 digits>` and inserts the ticket. The per-year counter is one row updated by
 * `ON CONFLICT … DO UPDATE`: concurrent creators queue on its row lock, so every number is handed out once.
 */
export async function createTicket(db: Queryable, draft: NewTicketDraft, at: Date): Promise<TicketRecord> {
  const [seq] = await rows<{ last: number }>(
    db,
    'INSERT INTO ticket_sequences (year, last) VALUES ($1, 1) ON CONFLICT (year) DO UPDATE SET last = ticket_sequences.last + 1 RETURNING last',
    [ticketYear(at)],
  );
  const ticket = newTicketRecord(draft, Number(seq!.last), at);
  const params = ticketToParams(ticket);
  const columns = Object.keys(params);
  await rows(db, `INSERT INTO tickets (${columns.join(', ')}) VALUES (${marks(columns.length)})`, Object.values(params));
  if (draft.triageReasons !== undefined && draft.triageReasons.length > 0) {
    await rows(db, 'UPDATE tickets SET triage_reasons = $1 WHERE number = $2', [JSON.stringify(draft.triageReasons), ticket.number]);
  }
  return ticket;
}

/** Conditional update on the version the change was computed from; false when another writer won. */
export async function updateTicket(db: Queryable, ticket: TicketRecord, expectedVersion: number): Promise<boolean> {
  const params = ticketToParams(ticket);
  const columns = Object.keys(params).filter((c) => c !== 'number');
  const set = columns.map((c, i) => `${c} = $${i + 1}`).join(', ');
  const values = [...columns.map((c) => params[c]), ticket.number, expectedVersion];
  return (await changes(db, `UPDATE tickets SET ${set} WHERE number = $${columns.length + 1} AND version = $${columns.length + 2}`, values)) === 1;
}

export async function insertEvent(db: Queryable, number: string, e: TicketEvent): Promise<void> {
  await rows(
    db,
    'INSERT INTO ticket_events (ticket_number, type, actor, at, from_status, to_status, note, data_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [number, e.type, e.actor, e.at, e.fromStatus, e.toStatus, e.note, JSON.stringify(e.data)],
  );
}

export async function insertMessage(db: Queryable, number: string, m: TicketMessage): Promise<void> {
  await rows(
    db,
    'INSERT INTO ticket_messages (ticket_number, direction, author, text, at, enquiry_key, suppressed) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [number, m.direction, m.author, m.text, m.at, m.enquiryKey, m.suppressed === true ? 1 : 0],
  );
}

export async function insertAttachment(db: Queryable, number: string, a: TicketAttachment): Promise<void> {
  await rows(db, 'INSERT INTO ticket_attachments (ticket_number, enquiry_key, filename, content_type, size, sha256) VALUES ($1, $2, $3, $4, $5, $6)', [
    number,
    a.enquiryKey,
    a.filename,
    a.contentType,
    a.size,
    a.sha256,
  ]);
}

/** Records a thread reference (a Message-ID) of a ticket; an existing one stays. */
export async function insertRef(db: Queryable, ref: string, number: string): Promise<void> {
  await rows(db, 'INSERT INTO ticket_refs (ref, ticket_number) VALUES ($1, $2) ON CONFLICT (ref) DO NOTHING', [ref, number]);
}

/** One outbox row; an existing key is left as it is (idempotent). */
export async function insertOutbox(
  db: Queryable,
  row: { key: string; channel: string; kind: string; ticketNumber: string | null; enquiryKey: string | null; replyHandle: string; payload: string; at: string },
): Promise<void> {
  await rows(
    db,
    `INSERT INTO outbox (key, channel, kind, ticket_number, enquiry_key, reply_handle, payload, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (key) DO NOTHING`,
    [row.key, row.channel, row.kind, row.ticketNumber, row.enquiryKey, row.replyHandle, row.payload, row.at],
  );
}

/** Enqueues drafts as the SQLite writes do: linked messages store the ticket number; the view is added on claim. */
export async function enqueueDrafts(db: Queryable, drafts: OutboxDraft[], ticket: TicketView | null, at: string, enquiryKey: string | null = null): Promise<void> {
  for (const d of drafts) {
    const ticketNumber = d.withTicket && ticket !== null ? ticket.number : null;
    await insertOutbox(db, { key: d.key, channel: d.channel, kind: d.kind, ticketNumber, enquiryKey, replyHandle: JSON.stringify(d.replyHandle), payload: JSON.stringify(d.payload), at });
  }
}
