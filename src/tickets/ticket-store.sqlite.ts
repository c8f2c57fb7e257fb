/**
 * SQLite adapters of the ticket ports: {@link TicketStore}, {@link EnquiryLedger} and {@link OutboxStore}
 * over one better-sqlite3 connection opened by `openDatabase` with `ticketMigrations`.
 */
import type Database from 'better-sqlite3';
import type { EnquiryLedger, OutboxStore, TicketStore } from '../core/ticket-ports.js';

/** The three ports over one connection. */
export interface SqliteTicketStores {
  tickets: TicketStore;
  ledger: EnquiryLedger;
  outbox: OutboxStore;
}

/**
 * Creates the ticket ports over an open database (migrations `ticketMigrations` applied).
 *
 * @example
 * const db = openDatabase(path, ticketMigrations, logger);
 * const { tickets, ledger, outbox } = createSqliteTicketStores(db);
 */
export function createSqliteTicketStores(db: Database.Database): SqliteTicketStores {
  void db;
  throw new Error('createSqliteTicketStores: not implemented yet');
}
