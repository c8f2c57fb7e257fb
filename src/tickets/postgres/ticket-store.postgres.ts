/**
 * PostgreSQL adapters of the ticket ports: {@link TicketStore} here, and {@link createPostgresTicketStores}
 * for all three over one pool (opened by `openPostgres`, migrated by `migratePostgres` with `ticketMigrations`).
 * Same behaviour as the SQLite adapters (the port contract suite runs on both).
 */
import type pg from 'pg';
import type { OutboxStore, RequesterExport, TicketAttachment, TicketChange, TicketDetails, TicketFilter, TicketStore } from '../../core/ticket-model.js';
import type { EnquiryLedger } from '../../core/enquiry-ledger-ports.js';
import { eventFromRow, messageFromRow, outboxView, ticketFromRow, toView, triageReasonsFromRow } from '../ticket-rows.js';
import { createPostgresEnquiryLedger } from './enquiry-ledger.postgres.js';
import { createPostgresOutboxStore } from './outbox-store.postgres.js';
import { enqueueDrafts, findTicket, insertEvent, insertMessage, updateTicket } from './ticket-writes.postgres.js';
import { inPgTransaction, pgRead, rows, type Queryable } from './transaction.postgres.js';

const ANONYMISED = '[anonymisiert]';
const DEFAULT_LIMIT = 50;
const OUTBOX_VIEW = 'key, channel, kind, status, attempts, last_error, created_at, sent_at';


async function details(db: Queryable, number: string): Promise<TicketDetails | null> {
  const [row] = await rows(db, 'SELECT * FROM tickets WHERE number = $1', [number]);
  if (row === undefined) return null;
  const events = (await rows(db, 'SELECT * FROM ticket_events WHERE ticket_number = $1 ORDER BY id', [number])).map(eventFromRow);
  const messages = (await rows(db, 'SELECT * FROM ticket_messages WHERE ticket_number = $1 ORDER BY id', [number])).map(messageFromRow);
  const attachments = (await rows(db, 'SELECT * FROM ticket_attachments WHERE ticket_number = $1 ORDER BY id', [number])).map(
    (r): TicketAttachment => ({ filename: String(r.filename), contentType: String(r.content_type), size: Number(r.size), sha256: String(r.sha256), enquiryKey: r.enquiry_key === null ? null : String(r.enquiry_key) }),
  );
  const outbox = (await rows(db, `SELECT ${OUTBOX_VIEW} FROM outbox WHERE ticket_number = $1 ORDER BY id`, [number])).map(outboxView);
  const reasons = triageReasonsFromRow(row);
  return { ticket: ticketFromRow(row), events, messages, attachments, outbox, ...(reasons === null ? {} : { triageReasons: reasons }) };
}

function listQuery(filter: TicketFilter): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (column: string, value: string | undefined): void => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  add('status', filter.status);
  add('kreis_ags', filter.kreisAgs);
  add('team_id', filter.teamId);
  add('assignee', filter.assignee);
  params.push(filter.limit ?? DEFAULT_LIMIT);
  const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  return { sql: `SELECT * FROM tickets ${clause} ORDER BY created_at DESC, number DESC LIMIT $${params.length}`, params };
}

async function saveChange(db: pg.PoolClient, change: TicketChange): Promise<'saved' | 'conflict'> {
  const { ticket, event } = change;
  if (!(await updateTicket(db, ticket, change.expectedVersion))) return 'conflict';
  await insertEvent(db, ticket.number, event);
  if (change.message !== undefined) await insertMessage(db, ticket.number, change.message);
  await enqueueDrafts(db, change.outbox, toView(ticket), event.at);
  return 'saved';
}

async function scrub(db: pg.PoolClient, number: string): Promise<void> {
  await rows(db, 'UPDATE ticket_messages SET text = $1 WHERE ticket_number = $2', [ANONYMISED, number]);
  await rows(db, 'UPDATE ticket_events SET note = $1 WHERE ticket_number = $2 AND note IS NOT NULL', [ANONYMISED, number]);
  await rows(db, 'UPDATE ticket_attachments SET filename = $1 WHERE ticket_number = $2', [ANONYMISED, number]);
  await rows(db, 'UPDATE enquiries SET from_address = NULL WHERE ticket_number = $1', [number]);
  await rows(db, `UPDATE outbox SET payload = '{}', reply_handle = '{"channel":"cli"}' WHERE ticket_number = $1`, [number]);
  await rows(db, 'DELETE FROM ticket_refs WHERE ticket_number = $1', [number]);
  await rows(db, 'UPDATE tickets SET triage_reasons = NULL WHERE number = $1', [number]);
}

async function exportRequester(db: Queryable, requested: string): Promise<RequesterExport> {
  // As the SQLite store: a mail address whatever its case, a Teams id exactly.
  const address = requested.includes('@') ? requested.trim().toLowerCase() : requested.trim();
  const column = (name: string): string => (address.includes('@') ? `lower(${name})` : name);
  const numbers = await rows<{ number: string }>(db, `SELECT number FROM tickets WHERE ${column('requester_address')} = $1 ORDER BY created_at`, [address]);
  const enquiries = (await rows(db, `SELECT key, channel, received_at, outcome, ticket_number FROM enquiries WHERE ${column('from_address')} = $1 ORDER BY received_at`, [address])).map((r) => ({
    key: String(r.key),
    channel: r.channel as RequesterExport['enquiries'][number]['channel'],
    receivedAt: String(r.received_at),
    outcome: String(r.outcome),
    ticketNumber: r.ticket_number === null ? null : String(r.ticket_number),
  }));
  const tickets: TicketDetails[] = [];
  for (const n of numbers) {
    const d = await details(db, n.number);
    if (d !== null) tickets.push(d);
  }
  const replies: NonNullable<RequesterExport['replies']> = [];
  for (const e of enquiries.filter((x) => x.ticketNumber === null)) {
    const found = await rows(db, `SELECT ${OUTBOX_VIEW}, payload FROM outbox WHERE ticket_number IS NULL AND enquiry_key = $1 ORDER BY id`, [e.key]);
    replies.push(...found.map((r) => ({ ...outboxView(r), payload: JSON.parse(String(r.payload)) as Record<string, unknown> })));
  }
  return { address, tickets, enquiries, replies };
}

/** Creates the ticket store over a pool. */
export function createPostgresTicketStore(pool: pg.Pool): TicketStore {
  return {
    find: (number) => pgRead(pool, 'find ticket', (db) => findTicket(db, number)),
    details: (number) => pgRead(pool, 'read ticket', (db) => details(db, number)),
    list(filter) {
      const { sql, params } = listQuery(filter);
      return pgRead(pool, 'list tickets', async (db) => (await rows(db, sql, params)).map(ticketFromRow));
    },
    save: (change) => inPgTransaction(pool, 'save ticket', (client) => saveChange(client, change)),
    listEscalationDue: (now) =>
      pgRead(pool, 'list overdue tickets', async (db) =>
        (await rows(
          db,
          `SELECT * FROM tickets WHERE status <> 'erledigt' AND anonymised_at IS NULL AND (
             (escalation_level < 1 AND first_responded_at IS NULL AND first_response_due <= $1)
             OR (escalation_level < 2 AND status <> 'wartet' AND resolution_due <= $1))
           ORDER BY created_at`,
          [now],
        )).map(ticketFromRow),
      ),
    listClosedBefore: (cutoff) =>
      pgRead(pool, 'list closed tickets', async (db) =>
        (await rows(db, `SELECT * FROM tickets WHERE status = 'erledigt' AND anonymised_at IS NULL AND closed_at < $1 ORDER BY closed_at`, [cutoff])).map(ticketFromRow),
      ),
    anonymise: (change) =>
      inPgTransaction(pool, 'anonymise ticket', async (client) => {
        const result = await saveChange(client, { ...change, outbox: [] });
        if (result === 'saved') await scrub(client, change.ticket.number);
        return result;
      }),
    attachmentInUse: (sha256) =>
      pgRead(pool, 'look up an attachment', async (db) =>
        (await rows(db, 'SELECT 1 FROM ticket_attachments a JOIN tickets t ON t.number = a.ticket_number WHERE a.sha256 = $1 AND t.anonymised_at IS NULL LIMIT 1', [sha256])).length > 0,
      ),
    anonymiseEnquiriesBefore: (cutoff) =>
      inPgTransaction(pool, 'anonymise enquiries', async (client) => {
        const keys = await rows<{ key: string }>(client, 'SELECT key FROM enquiries WHERE ticket_number IS NULL AND from_address IS NOT NULL AND received_at < $1 FOR UPDATE', [cutoff]);
        for (const { key } of keys) {
          // The replies of exactly this enquiry (migration tickets-004), never a key prefix.
          await rows(client, `UPDATE outbox SET payload = '{}', reply_handle = '{"channel":"cli"}' WHERE ticket_number IS NULL AND enquiry_key = $1`, [key]);
          await rows(client, 'UPDATE enquiries SET from_address = NULL WHERE key = $1', [key]);
        }
        return keys.length;
      }),
    exportRequester: (address) => pgRead(pool, 'export requester', (db) => exportRequester(db, address)),
  };
}

/** The three ports over one pool. */
export interface PostgresTicketStores {
  tickets: TicketStore;
  ledger: EnquiryLedger;
  outbox: OutboxStore;
}

/**
 * Creates the ticket ports over a pool whose database has `ticketMigrations` applied.
 *
 * @example
 * const pool = await openPostgres(url);
 * await migratePostgres(pool, ticketMigrations, logger);
 * const { tickets, ledger, outbox } = createPostgresTicketStores(pool);
 */
export function createPostgresTicketStores(pool: pg.Pool): PostgresTicketStores {
  return { tickets: createPostgresTicketStore(pool), ledger: createPostgresEnquiryLedger(pool), outbox: createPostgresOutboxStore(pool) };
}
