/**
 * Child process for the concurrent-claim test: opens its own connection to the database file, waits for a
 * common start instant (busy wait, so both processes hit the database at the same moment), claims, prints JSON.
 * Usage: node --import tsx claim-child.ts <dbPath> <ticketNumber> <staffId> <startAtMs>
 */
import { silentLogger } from '../../../src/core/ports.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import { ticketMigrations } from '../../../src/tickets/migrations.js';
import { createTicketService } from '../../../src/tickets/ticket-service.js';
import { createSqliteTicketStores } from '../../../src/tickets/ticket-store.sqlite.js';
import { FakeClock } from '../../fakes/clock.js';
import { createFakeStaffDirectory } from '../../fakes/staff-directory.js';

const [path, number, staffId, startAt] = process.argv.slice(2) as [string, string, string, string];
const db = openDatabase(path, ticketMigrations, silentLogger);
const service = createTicketService({
  store: createSqliteTicketStores(db).tickets,
  staff: createFakeStaffDirectory(),
  clock: new FakeClock('2026-06-03T09:00:00.000Z'),
  logger: silentLogger,
});
while (Date.now() < Number(startAt)) {
  // wait for the common start
}
const result = await service.claim(number, staffId);
process.stdout.write(JSON.stringify(result.ok ? { ok: true, assignee: result.ticket.assignee } : { ok: false, refusal: result.refusal }));
db.close();
