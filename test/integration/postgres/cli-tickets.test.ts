/**
 * `pakt tickets` on PostgreSQL (issue 15 item 4): lists and claims the tickets the service created there; an
 * unreachable database ends with one line and exit 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketsCommand } from '../../../src/cli/commands/tickets.js';
import type { CliContext } from '../../../src/cli/context.js';
import { handleEnquiry } from '../../../src/core/handle-enquiry.js';
import { silentLogger } from '../../../src/core/ports.js';
import { loadRouting } from '../../../src/routing/router.loader.js';
import { parseConfig } from '../../../src/server/config.js';
import { migratePostgres, openPostgres } from '../../../src/tickets/postgres/database.postgres.js';
import { createPostgresTickets } from '../../../src/tickets/postgres/wiring.postgres.js';
import { ticketMigrations } from '../../../src/tickets/migrations.js';
import { createFakeAnswerer } from '../../fakes/knowledge.js';
import { makeEnquiry, makeRequest } from '../../fakes/factories.js';
import { FakeClock } from '../../fakes/clock.js';
import { APPLICATION_TEXT } from '../tickets/stack.js';
import { postgresAvailability, startPostgres, type PostgresServer } from '../../helpers/postgres.js';

const availability = postgresAvailability();
let server: PostgresServer | undefined;
let url = '';
let number = '';

beforeAll(async () => {
  if (!availability.available) return;
  server = await startPostgres();
  url = await server.createDatabase('cli');
  const pool = await openPostgres(url);
  try {
    await migratePostgres(pool, ticketMigrations, silentLogger);
    const routing = await loadRouting({ logger: silentLogger });
    const clock = new FakeClock('2026-06-03T08:00:00.000Z');
    const tickets = createPostgresTickets(pool, { staff: routing.staff, clock, logger: silentLogger });
    const outcome = await handleEnquiry(makeRequest(makeEnquiry({ subject: 'Bescheid', text: APPLICATION_TEXT })), {
      answerer: createFakeAnswerer([]), router: routing.router, staff: routing.staff, ledger: tickets.ledger, deadlines: tickets.deadlines, clock, logger: silentLogger,
    });
    if (outcome.kind !== 'ticket_created') throw new Error(outcome.kind);
    number = outcome.ticket.number;
  } finally {
    await pool.end();
  }
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

async function run(databaseUrl: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const ctx: CliContext = { config: parseConfig({ DATABASE_URL: databaseUrl }), logger: silentLogger, out: (t) => (out += t), err: (t) => (err += `${t}\n`) };
  return { code: await ticketsCommand(args, ctx), out, err };
}

describe.skipIf(!availability.available)('tickets command on PostgreSQL', () => {
  it('lists the tickets and claims one', async () => {
    const list = await run(url, 'list', '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.out)).toMatchObject({ count: 1, tickets: [{ number }] });
    expect((await run(url, 'claim', number, '--by', 'sb-nord-1')).code).toBe(0);
    expect((await run(url, 'claim', number, '--by', 'sb-nord-2')).code).toBe(1);
  });
});

describe('tickets command with an unreachable PostgreSQL', () => {
  it('ends with one line and exit 2', async () => {
    const result = await run('postgres://pakt:geheim@127.0.0.1:1/pakt', 'list');
    expect(result.code).toBe(2);
    expect(result.err).not.toContain('geheim');
  });
});

if (!availability.available) it.skip(`PostgreSQL: ${availability.reason}`, () => undefined);
