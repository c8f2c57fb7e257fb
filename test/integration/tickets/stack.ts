/** A full ticket stack on a real SQLite temp file, for integration tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { handleEnquiry, type EnquiryRequest, type HandleEnquiryDeps } from '../../../src/core/handle-enquiry.js';
import type { Enquiry } from '../../../src/core/enquiry.js';
import type { OutboundMessage } from '../../../src/core/outcome.js';
import { fanOutLegs } from '../../../src/core/staff-messages.js';
import type { FanOutLeg } from '../../../src/core/ticket-model.js';
import { silentLogger, type Logger } from '../../../src/core/ports.js';
import { openDatabase, type OpenDatabaseOptions } from '../../../src/tickets/database.sqlite.js';
import { createDeadlinePolicy } from '../../../src/tickets/deadlines.js';
import { ticketMigrations } from '../../../src/tickets/migrations.js';
import { createTicketService, type TicketService } from '../../../src/tickets/ticket-service.js';
import { createSqliteTicketStores, type SqliteTicketStores } from '../../../src/tickets/ticket-store.sqlite.js';
import { FakeClock } from '../../fakes/clock.js';
import { createFakeAnswerer } from '../../fakes/knowledge.js';
import { createFakeRouter } from '../../fakes/router.js';
import { createFakeStaffDirectory } from '../../fakes/staff-directory.js';

/** A text triage classifies as an application matter from Landkreis Böblingen (Team Nord). */
export const APPLICATION_TEXT = 'Unser Antrag vom 3. März, Aktenzeichen 4711: der Bescheid ist noch nicht da. Stadt Sindelfingen, Landkreis Böblingen';

/** A temporary directory removed by the returned function. */
export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pakt-tickets-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One connection with its ports, service and handleEnquiry deps. */
export interface Stack {
  db: Database.Database;
  stores: SqliteTicketStores;
  service: TicketService;
  deps: HandleEnquiryDeps;
  clock: FakeClock;
  staff: ReturnType<typeof createFakeStaffDirectory>;
  /** The server's staff fan-out over the fake directory (mailboxes only: no Teams here). */
  fanOut(message: OutboundMessage): FanOutLeg[];
  enquire(enquiry: Enquiry, request?: Partial<Omit<EnquiryRequest, 'enquiry'>>): ReturnType<typeof handleEnquiry>;
  close(): void;
}

/** Opens the database file at `path` and wires everything with fakes for knowledge, routing and staff. */
export function openStack(path: string, options: { clock?: FakeClock; logger?: Logger; db?: OpenDatabaseOptions } = {}): Stack {
  const logger = options.logger ?? silentLogger;
  const db = openDatabase(path, ticketMigrations, logger, options.db);
  const stores = createSqliteTicketStores(db);
  const clock = options.clock ?? new FakeClock('2026-06-03T08:00:00.000Z');
  const staff = createFakeStaffDirectory();
  const deps: HandleEnquiryDeps = {
    answerer: createFakeAnswerer([[/Förderung/, 'answer']]),
    router: createFakeRouter(),
    staff,
    ledger: stores.ledger,
    deadlines: createDeadlinePolicy(),
    clock,
    logger,
  };
  const service = createTicketService({ store: stores.tickets, staff, clock, logger });
  return {
    db,
    stores,
    service,
    deps,
    clock,
    staff,
    fanOut: (message) => fanOutLegs(message, { staff }),
    enquire: (enquiry, request = {}) => handleEnquiry({ kind: 'question', enquiry, reply: 'outbox', ...request }, deps),
    close: () => db.close(),
  };
}
