/**
 * SQLite adapters of the ticket ports: {@link TicketStore}, {@link EnquiryLedger} and {@link OutboxStore}
 * over one better-sqlite3 connection opened by `openDatabase` with `ticketMigrations`.
 */
import type Database from 'better-sqlite3';
import type { OutboxStore, RequesterExport, TicketAttachment, TicketChange, TicketDetails, TicketFilter, TicketStore } from '../core/ticket-model.js';
import type { EnquiryLedger } from '../core/enquiry-ledger-ports.js';
import { inTransaction, read } from './database.sqlite.js';
import { createSqliteEnquiryLedger } from './enquiry-ledger.sqlite.js';
import { createSqliteOutboxStore } from './outbox-store.sqlite.js';
import { eventFromRow, messageFromRow, outboxView, ticketFromRow, toView, triageReasonsFromRow } from './ticket-rows.js';
import { prepareTicketWrites, type TicketWrites } from './ticket-writes.sqlite.js';

/** The three ports over one connection. */
export interface SqliteTicketStores {
  tickets: TicketStore;
  ledger: EnquiryLedger;
  outbox: OutboxStore;
}

const ANONYMISED = '[anonymisiert]';
const DEFAULT_LIMIT = 50;

/**
 * Creates the ticket ports over an open database (migrations `ticketMigrations` applied).
 *
 * @example
 * const db = openDatabase(path, ticketMigrations, logger);
 * const { tickets, ledger, outbox } = createSqliteTicketStores(db);
 */
export function createSqliteTicketStores(db: Database.Database): SqliteTicketStores {
  const w = prepareTicketWrites(db);
  return { tickets: createSqliteTicketStore(db, w), ledger: createSqliteEnquiryLedger(db, w), outbox: createSqliteOutboxStore(db) };
}


function details(db: Database.Database, w: TicketWrites, number: string): TicketDetails | null {
  const ticket = w.find(number);
  if (ticket === null) return null;
  const events = db.prepare('SELECT * FROM ticket_events WHERE ticket_number = ? ORDER BY id').all(number).map(eventFromRow);
  const messages = db.prepare('SELECT * FROM ticket_messages WHERE ticket_number = ? ORDER BY id').all(number).map(messageFromRow);
  const attachments = (
    db.prepare('SELECT * FROM ticket_attachments WHERE ticket_number = ? ORDER BY id').all(number) as Record<string, unknown>[]
  ).map(
    (r): TicketAttachment => ({
      filename: String(r.filename),
      contentType: String(r.content_type),
      size: Number(r.size),
      sha256: String(r.sha256),
      enquiryKey: r.enquiry_key === null ? null : String(r.enquiry_key),
    }),
  );
  const outbox = (
    db.prepare('SELECT key, channel, kind, status, attempts, last_error, created_at, sent_at FROM outbox WHERE ticket_number = ? ORDER BY id').all(number) as Record<string, unknown>[]
  ).map(outboxView);
  const reasons = triageReasonsFromRow(db.prepare('SELECT triage_reasons FROM tickets WHERE number = ?').get(number));
  return { ticket, events, messages, attachments, outbox, ...(reasons === null ? {} : { triageReasons: reasons }) };
}

function listQuery(filter: TicketFilter): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (column: string, value: string | undefined): void => {
    if (value === undefined) return;
    where.push(`${column} = ?`);
    params.push(value);
  };
  add('status', filter.status);
  add('kreis_ags', filter.kreisAgs);
  add('team_id', filter.teamId);
  add('assignee', filter.assignee);
  params.push(filter.limit ?? DEFAULT_LIMIT);
  const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  return { sql: `SELECT * FROM tickets ${clause} ORDER BY created_at DESC, number DESC LIMIT ?`, params };
}

function createSqliteTicketStore(db: Database.Database, w: TicketWrites): TicketStore {
  const saveChange = (change: TicketChange): 'saved' | 'conflict' => {
    const { ticket, event } = change;
    if (!w.update(ticket, change.expectedVersion)) return 'conflict';
    w.event(ticket.number, event);
    if (change.message !== undefined) w.message(ticket.number, change.message);
    w.enqueue(change.outbox, toView(ticket), event.at);
    return 'saved';
  };

  const scrub = (number: string): void => {
    db.prepare('UPDATE ticket_messages SET text = ? WHERE ticket_number = ?').run(ANONYMISED, number);
    db.prepare('UPDATE ticket_events SET note = ? WHERE ticket_number = ? AND note IS NOT NULL').run(ANONYMISED, number);
    db.prepare('UPDATE ticket_attachments SET filename = ? WHERE ticket_number = ?').run(ANONYMISED, number);
    db.prepare('UPDATE enquiries SET from_address = NULL WHERE ticket_number = ?').run(number);
    db.prepare(`UPDATE outbox SET payload = '{}', reply_handle = '{"channel":"cli"}' WHERE ticket_number = ?`).run(number);
    db.prepare('DELETE FROM ticket_refs WHERE ticket_number = ?').run(number);
    // Triage reasons quote the enquiry's wording: gone with the rest.
    db.prepare('UPDATE tickets SET triage_reasons = NULL WHERE number = ?').run(number);
  };

  return {
    find: async (number) => read('find ticket', () => w.find(number)),
    details: async (number) => read('read ticket', () => details(db, w, number)),

    async list(filter) {
      const { sql, params } = listQuery(filter);
      return read('list tickets', () => db.prepare(sql).all(...params).map(ticketFromRow));
    },

    save: async (change) => inTransaction(db, 'save ticket', () => saveChange(change)),

    async listEscalationDue(now) {
      return read('list overdue tickets', () =>
        db
          .prepare(
            `SELECT * FROM tickets WHERE status <> 'erledigt' AND anonymised_at IS NULL AND (
               (escalation_level < 1 AND first_responded_at IS NULL AND first_response_due <= @now)
               OR (escalation_level < 2 AND status <> 'wartet' AND resolution_due <= @now))
             ORDER BY created_at`,
          )
          .all({ now })
          .map(ticketFromRow),
      );
    },

    async listClosedBefore(cutoff) {
      return read('list closed tickets', () =>
        db
          .prepare(`SELECT * FROM tickets WHERE status = 'erledigt' AND anonymised_at IS NULL AND closed_at < ? ORDER BY closed_at`)
          .all(cutoff)
          .map(ticketFromRow),
      );
    },

    async anonymise(change) {
      return inTransaction(db, 'anonymise ticket', () => {
        const result = saveChange({ ...change, outbox: [] });
        if (result === 'saved') scrub(change.ticket.number);
        return result;
      });
    },

    async attachmentInUse(sha256) {
      return read('look up an attachment', () =>
        db
          .prepare('SELECT 1 FROM ticket_attachments a JOIN tickets t ON t.number = a.ticket_number WHERE a.sha256 = ? AND t.anonymised_at IS NULL LIMIT 1')
          .get(sha256) !== undefined,
      );
    },

    async anonymiseEnquiriesBefore(cutoff) {
      return inTransaction(db, 'anonymise enquiries', () => {
        const keys = db.prepare('SELECT key FROM enquiries WHERE ticket_number IS NULL AND from_address IS NOT NULL AND received_at < ?').all(cutoff) as { key: string }[];
        // The replies of exactly this enquiry (migration tickets-004); never a key prefix, which also matches
        // another person's enquiry whose Message-ID starts with this key and a colon.
        const outbox = db.prepare(`UPDATE outbox SET payload = '{}', reply_handle = '{"channel":"cli"}' WHERE ticket_number IS NULL AND enquiry_key = ?`);
        const enquiry = db.prepare('UPDATE enquiries SET from_address = NULL WHERE key = ?');
        for (const { key } of keys) {
          outbox.run(key);
          enquiry.run(key);
        }
        return keys.length;
      });
    },

    async exportRequester(requested): Promise<RequesterExport> {
      // Mail addresses are stored lower-case and compared without regard to case (an export typed "Erika@…"
      // finds erika@…; lower() also covers rows written before that); a Teams id is compared exactly.
      const address = requested.includes('@') ? requested.trim().toLowerCase() : requested.trim();
      const column = (name: string): string => (address.includes('@') ? `lower(${name})` : name);
      return read('export requester', () => {
        const numbers = db.prepare(`SELECT number FROM tickets WHERE ${column('requester_address')} = ? ORDER BY created_at`).all(address) as { number: string }[];
        const enquiries = (
          db
            .prepare(`SELECT key, channel, received_at, outcome, ticket_number FROM enquiries WHERE ${column('from_address')} = ? ORDER BY received_at`)
            .all(address) as Record<string, unknown>[]
        ).map((r) => ({
          key: String(r.key),
          channel: r.channel as RequesterExport['enquiries'][number]['channel'],
          receivedAt: String(r.received_at),
          outcome: String(r.outcome),
          ticketNumber: r.ticket_number === null ? null : String(r.ticket_number),
        }));
        const tickets = numbers.map((n) => details(db, w, n.number)).filter((d): d is TicketDetails => d !== null);
        const replyRows = db.prepare('SELECT key, channel, kind, status, attempts, last_error, created_at, sent_at, payload FROM outbox WHERE ticket_number IS NULL AND enquiry_key = ? ORDER BY id');
        const replies = enquiries
          .filter((e) => e.ticketNumber === null)
          .flatMap((e) => (replyRows.all(e.key) as Record<string, unknown>[]).map((r) => ({ ...outboxView(r), payload: JSON.parse(String(r.payload)) as Record<string, unknown> })));
        return { address, tickets, enquiries, replies };
      });
    },
  };
}
