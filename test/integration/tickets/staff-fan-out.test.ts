/**
 * Issue 11 item 1, measured: a staff notification to a team that has both a mailbox and a Teams staff channel
 * reaches both, exactly once, across a restart. Real SQLite file, the mail channel (send-only) against the SMTP
 * sink, the Teams channel against the connector stub over real HTTP, the outbox worker with the server's
 * fan-out. The "crashed" process fans the message out and delivers one leg without recording it; the restarted
 * process finishes: neither leg is lost, neither is sent twice.
 */
import type { OutboundMessage } from '../../../src/core/outcome.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmailChannel, emailMigrations, type EmailChannel } from '../../../src/channels/email/index.js';
import { createTeamsChannel, teamsMigrations, type TeamsChannel } from '../../../src/channels/teams/index.js';
import { TeamsStore } from '../../../src/channels/teams/store.js';
import { handleEnquiry } from '../../../src/core/handle-enquiry.js';
import { silentLogger } from '../../../src/core/ports.js';
import { fanOutLegsAsync } from '../../../src/core/staff-messages.js';
import { loadRouting, type Routing } from '../../../src/routing/router.loader.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import { createDeadlinePolicy } from '../../../src/tickets/deadlines.js';
import { ticketMigrations } from '../../../src/tickets/migrations.js';
import { createOutboxWorker } from '../../../src/tickets/outbox-worker.js';
import { createTicketService } from '../../../src/tickets/ticket-service.js';
import { createSqliteTicketStores, type SqliteTicketStores } from '../../../src/tickets/ticket-store.sqlite.js';
import { FakeClock } from '../../fakes/clock.js';
import { makeEnquiry, makeRequest } from '../../fakes/factories.js';
import { createFakeAnswerer } from '../../fakes/knowledge.js';
import { startConnectorStub, type ConnectorStub } from '../../helpers/connector-stub.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';
import { emailConfig } from '../email/harness.js';
import { APPLICATION_TEXT } from './stack.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';

const STAFF_CHANNEL = '19:staff-fan-out@thread.tacv2';
const LEASE_MS = 60_000;

let routing: Routing;
let dir: string;
let sink: SmtpSink;
let stub: ConnectorStub;

/** One process: database, both channels, the worker with the server's fan-out. */
interface Process {
  db: Database.Database;
  stores: SqliteTicketStores;
  teams: TeamsChannel;
  email: EmailChannel;
  worker: ReturnType<typeof createOutboxWorker>;
  stop(): Promise<void>;
}

async function start(clock: FakeClock): Promise<Process> {
  const db = openDatabase(join(dir, 'pakt.db'), [...ticketMigrations, ...teamsMigrations, ...emailMigrations], silentLogger);
  const stores = createSqliteTicketStores(db);
  const tickets = createTicketService({ store: stores.tickets, staff: routing.staff, clock, logger: silentLogger });
  const refuse = async (): Promise<never> => {
    throw new Error('no intake in this test');
  };
  const teams = createTeamsChannel({ config: { TEAMS_STAFF_IDS: [] }, db: sqliteSqlDb(db), handle: refuse, tickets, staff: routing.staff, logger: silentLogger, clock });
  const email = createEmailChannel({
    config: emailConfig({ host: '127.0.0.1', port: 1, user: 'x', password: 'y' }, sink, { IMAP_HOST: undefined }),
    db: sqliteSqlDb(db),
    handle: refuse,
    logger: silentLogger,
    clock,
  });
  await email.start();
  const fanOut = (message: OutboundMessage) => fanOutLegsAsync(message, { staff: routing.staff }, (id) => teams.staffChannelFor(id));
  const worker = createOutboxWorker({ store: stores.outbox, deliverers: { email: email.deliverer, teams: teams.deliverer }, fanOut, clock, logger: silentLogger, pollMs: 1000, leaseMs: LEASE_MS });
  return {
    db,
    stores,
    teams,
    email,
    worker,
    async stop() {
      await worker.stop();
      await teams.stop();
      await email.stop();
      db.close();
    },
  };
}

beforeAll(async () => {
  routing = await loadRouting({ logger: silentLogger });
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pakt-fan-out-'));
  sink = await startSmtpSink();
  stub = await startConnectorStub();
});
afterEach(async () => {
  await sink.close();
  await stub.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A new ticket from a mail enquiry of Landkreis Böblingen; its team gets the staff channel. */
async function newTicket(p: Process, clock: FakeClock): Promise<{ number: string; teamId: string; mailbox: string }> {
  const deps = { answerer: createFakeAnswerer([]), router: routing.router, staff: routing.staff, ledger: p.stores.ledger, deadlines: createDeadlinePolicy(), clock, logger: silentLogger };
  const outcome = await handleEnquiry(makeRequest(makeEnquiry({ subject: 'Bescheid', text: APPLICATION_TEXT })), deps);
  if (outcome.kind !== 'ticket_created') throw new Error(outcome.kind);
  const teamId = outcome.ticket.team.teamId!;
  return { number: outcome.ticket.number, teamId, mailbox: routing.staff.findTeam(teamId)!.email };
}

async function registerStaffChannel(db: Database.Database, clock: FakeClock, teamId: string): Promise<void> {
  const store = new TeamsStore(sqliteSqlDb(db), clock);
  const conversation = { id: STAFF_CHANNEL, conversationType: 'channel', tenantId: 'tenant-1' };
  await store.saveReference({ serviceUrl: stub.url, channelId: 'msteams', conversation } as never, 'channel');
  await store.registerStaffChannel(teamId, STAFF_CHANNEL, 'sb-test');
}

const cardsFor = (number: string) => stub.forConversation(STAFF_CHANNEL).filter((a) => a.method === 'POST' && JSON.stringify(a.body).includes(number));
const mailsTo = (mailbox: string) => sink.messages.filter((m) => m.envelopeTo.includes(mailbox) && /Neuer Vorgang/.test(m.parsed.subject ?? ''));

describe('staff notification fan-out to mailbox and Teams channel', () => {
  it('reaches both within one outbox cycle, once each', async () => {
    const clock = new FakeClock('2026-06-03T08:00:00.000Z');
    const p = await start(clock);
    try {
      const { number, teamId, mailbox } = await newTicket(p, clock);
      await registerStaffChannel(p.db, clock, teamId);
      expect(await p.worker.drainOnce()).toMatchObject({ fannedOut: 1 });
      await sink.waitFor(1);
      expect(mailsTo(mailbox)).toHaveLength(1);
      expect(cardsFor(number)).toHaveLength(1);
      await p.worker.drainOnce();
      expect(mailsTo(mailbox)).toHaveLength(1);
      expect(cardsFor(number)).toHaveLength(1);
    } finally {
      await p.stop();
    }
  });

  it('delivers each leg exactly once across a crash after the fan-out and one unrecorded delivery', async () => {
    const clock = new FakeClock('2026-06-03T08:00:00.000Z');
    const crashed = await start(clock);
    const { number, teamId, mailbox } = await newTicket(crashed, clock);
    await registerStaffChannel(crashed.db, clock, teamId);
    // The crashed process: fans out (committed), sends the mail leg, dies before recording it and before Teams.
    const [notice] = await crashed.stores.outbox.claimDue({ now: clock.now(), channels: ['staff'], limit: 10, leaseMs: LEASE_MS, owner: 'crashed' });
    expect(notice?.kind).toBe('staff_notification');
    const legs = await fanOutLegsAsync(notice!, { staff: routing.staff }, (id) => crashed.teams.staffChannelFor(id));
    expect(legs.map((l) => l.channel)).toEqual(['email', 'teams']);
    expect(await crashed.stores.outbox.fanOut(notice!.id, 'crashed', clock.now(), legs)).toBe(true);
    const claimed = await crashed.stores.outbox.claimDue({ now: clock.now(), channels: ['email'], limit: 10, leaseMs: LEASE_MS, owner: 'crashed' });
    const mailLeg = claimed.find((m) => m.kind === 'staff_notification');
    expect(await crashed.email.deliverer(mailLeg!)).toMatchObject({ kind: 'sent' });
    await crashed.stop();
    expect(mailsTo(mailbox)).toHaveLength(1);
    expect(cardsFor(number)).toHaveLength(0);

    clock.advance(LEASE_MS + 1000);
    const restarted = await start(clock);
    try {
      await restarted.worker.drainOnce();
      expect(mailsTo(mailbox)).toHaveLength(1);
      expect(cardsFor(number)).toHaveLength(1);
      const rows = restarted.db.prepare('SELECT key, channel, status FROM outbox WHERE key LIKE ? ORDER BY id').all(`%:staff_notification%`) as { key: string; channel: string; status: string }[];
      expect(rows.map((r) => [r.channel, r.status])).toEqual([
        ['staff', 'sent'],
        ['email', 'sent'],
        ['teams', 'sent'],
      ]);
      await restarted.worker.drainOnce();
      expect(mailsTo(mailbox)).toHaveLength(1);
      expect(cardsFor(number)).toHaveLength(1);
    } finally {
      await restarted.stop();
    }
  });
});
