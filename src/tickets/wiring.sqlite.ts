/**
 * One-call wiring of the tickets module on SQLite for composition roots (server, CLI, channel tests): the SQLite
 * ports under wiring.ts. One process owns the file, so the jobs need no claims.
 */
import type Database from 'better-sqlite3';
import { createSqliteTicketStores } from './ticket-store.sqlite.js';
import { wireTickets, type Tickets, type TicketsOptions } from './wiring.js';

export type { Tickets, TicketsOptions } from './wiring.js';

/**
 * Wires the tickets module over a database opened with `ticketMigrations`.
 *
 * @example
 * const db = openDatabase(sqlitePath(config), [...ticketMigrations, ...teamsMigrations], logger);
 * const tickets = createTickets(db, { staff, clock: systemClock, logger, leadMailbox: config.LEAD_MAILBOX });
 * const stopJobs = tickets.startJobs();
 * handleEnquiry(enquiry, { answerer, router, staff, ledger: tickets.ledger, deadlines: tickets.deadlines, clock, logger });
 */
export function createTickets(db: Database.Database, options: TicketsOptions): Tickets {
  return wireTickets(createSqliteTicketStores(db), options);
}
