/**
 * The Teams channel over real HTTP with real collaborators, composed as the server composes them: the
 * services from the composition root's openServices (shipped knowledge base, real routing with contacts that
 * carry Teams ids for the case workers, tickets on a temp SQLite file, the staff fan-out), the channel's
 * register() on restify from createHttpServer, the outbox worker with the channel's deliverer, and the
 * connector stub as `serviceUrl`. Time is a FakeClock injected into openServices; the outbox is drained
 * explicitly (drainOnce), never by sleeping.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type Database from 'better-sqlite3';
import type restify from 'restify';
import { handleEnquiry } from '../../../src/core/handle-enquiry.js';
import { silentLogger, type Logger } from '../../../src/core/ports.js';
import {
  createTeamsChannel,
  passageLookup,
  teamsMigrations,
  type TeamsChannel,
  type TeamsChannelDeps,
} from '../../../src/channels/teams/index.js';
import type { KnowledgeAnswerer } from '../../../src/core/knowledge.js';
import type { Routing } from '../../../src/routing/router.loader.js';
import { parseConfig } from '../../../src/server/config.js';
import { createHttpServer } from '../../../src/server/http.js';
import { createMetrics } from '../../../src/server/metrics.js';
import { openServices } from '../../../src/server/services.js';
import { announceOpenTickets } from '../../../src/tickets/announce.js';
import { createOutboxWorker, type OutboxWorker } from '../../../src/tickets/outbox-worker.js';
import type { TicketService } from '../../../src/tickets/ticket-service.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import type { SqliteTicketStores } from '../../../src/tickets/ticket-store.sqlite.js';
import { FakeClock } from '../../fakes/clock.js';
import { startConnectorStub, type ConnectorStub } from '../../helpers/connector-stub.js';

/** Entra object ids of the fixture's case workers (added to a copy of knowledge/kontakte.yaml). */
export const STAFF = {
  nord1: { aad: 'aad-sb-nord-1', id: 'sb-nord-1' },
  mitte1: { aad: 'aad-sb-mitte-1', id: 'sb-mitte-1' },
  eingang1: { aad: 'aad-eingang-1', id: 'eingang-1' },
} as const;

/** A requester's Entra object id. */
export const REQUESTER_AAD = 'aad-requester-1';

/** What the tests use. */
export interface TeamsHarness {
  url: string;
  stub: ConnectorStub;
  channel: TeamsChannel;
  tickets: TicketService;
  stores: SqliteTicketStores;
  worker: OutboxWorker;
  db: Database.Database;
  clock: FakeClock;
  routing: Routing;
  /** POSTs an activity (object → JSON) or a raw body to /api/messages. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  /** Builds activities with the stub as serviceUrl. */
  activities: ActivityFactory;
  close(): Promise<void>;
}

let shared: { contactsFile: string; indexCacheDir: string } | null = null;

/** A copy of the shipped contacts with the case workers' Teams ids, and an index cache, once per test file. */
function sharedFiles(): { contactsFile: string; indexCacheDir: string } {
  if (shared) return shared;
  const dir = mkdtempSync(join(tmpdir(), 'pakt-teams-shared-'));
  const contactsFile = join(dir, 'kontakte.yaml');
  let contacts = readFileSync('knowledge/kontakte.yaml', 'utf8');
  for (const s of Object.values(STAFF)) {
    contacts = contacts.replace(`  - id: ${s.id}\n`, `  - id: ${s.id}\n    teamsAadObjectId: ${s.aad}\n`);
  }
  writeFileSync(contactsFile, contacts);
  shared = { contactsFile, indexCacheDir: join(dir, 'index-cache') };
  return shared;
}

/** Starts the whole stack; `appId` switches on Bot Framework authentication. */
export interface HarnessOptions {
  /** Switches on Bot Framework authentication. */
  appId?: string;
  logger?: Logger;
  /** Wraps the shipped knowledge base (e.g. to force "Meinten Sie …"). */
  answerer?: (kb: KnowledgeAnswerer) => KnowledgeAnswerer;
  /** Replaces the composed handleEnquiry (e.g. one that throws). */
  handle?: TeamsChannelDeps['handle'];
  staffIds?: string[];
  staffTeamId?: string;
}

/** Starts the whole stack. */
export async function startTeamsHarness(options: HarnessOptions = {}): Promise<TeamsHarness> {
  const logger = options.logger ?? silentLogger;
  const files = sharedFiles();
  const dir = mkdtempSync(join(tmpdir(), 'pakt-teams-'));
  const config = parseConfig({
    NODE_ENV: 'test',
    DATABASE_URL: `sqlite:${join(dir, 'pakt.db')}`,
    KNOWLEDGE_DIR: 'knowledge',
    CONTACTS_FILE: files.contactsFile,
    INDEX_CACHE_DIR: files.indexCacheDir,
    ATTACHMENTS_DIR: join(dir, 'attachments'),
    MicrosoftAppId: options.appId,
    MicrosoftAppPassword: options.appId ? 'secret' : undefined,
    TEAMS_STAFF_IDS: (options.staffIds ?? []).join(','),
    TEAMS_STAFF_TEAM_ID: options.staffTeamId,
  });
  const clock = new FakeClock('2026-06-03T08:00:00.000Z');
  const metrics = createMetrics({ defaultMetrics: false });
  const services = await openServices(config, {
    logger,
    clock,
    metrics,
    channelMigrations: teamsMigrations,
    watchKnowledge: false,
    retainChannels: (now, cutoff) => channel.retainPersonalData(now, cutoff),
  });
  const { kb, routing, ticketModule: stores, tickets } = services;
  // A connection of the test's own to the service's SQLite file (for assertions).
  const db = openDatabase(join(dir, 'pakt.db'), [], logger);
  const handle: TeamsChannelDeps['handle'] =
    options.handle ??
    (options.answerer === undefined
      ? async (request) => services.handle(request)
      : async (request) => handleEnquiry(request, { ...services.handleDeps, answerer: options.answerer!(kb) }));
  const channel: TeamsChannel = createTeamsChannel({
    config,
    db: services.sql,
    handle,
    tickets,
    staff: routing.staff,
    router: routing.router,
    passages: passageLookup(() => kb.passages()),
    announceStaffChannel: async (teamId, conversationId) => {
      await announceOpenTickets(teamId, conversationId, { store: stores.tickets, outbox: stores.outbox, clock });
    },
    logger,
    clock,
  });
  const server = createHttpServer({ logger, metrics, readiness: [], isAcceptingWork: () => true });
  channel.register(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stub = await startConnectorStub();
  // As the server: staff messages fan out to the team's channels (mail legs wait here: no mail deliverer).
  const fanOut = services.staffFanOut((teamId) => channel.staffChannelFor(teamId));
  const worker = createOutboxWorker({ store: stores.outbox, deliverers: { teams: channel.deliverer }, fanOut, clock, logger, pollMs: 1000, baseBackoffMs: 1000 });

  return {
    url,
    stub,
    channel,
    tickets,
    stores,
    worker,
    db,
    clock,
    routing,
    post: (body, headers = {}) => post(`${url}/api/messages`, body, headers),
    activities: new ActivityFactory(stub.url),
    async close() {
      await channel.stop();
      await worker.stop();
      await closeServer(server);
      await stub.close();
      await services.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

function closeServer(server: restify.Server): Promise<void> {
  return new Promise((resolve) => {
    server.server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** Who sends an activity and where. */
export interface Sender {
  aad: string;
  name?: string;
  conversationId: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  channelData?: Record<string, unknown>;
}

/** Builds Bot Framework activities as Teams sends them. */
export class ActivityFactory {
  private counter = 0;

  constructor(private readonly serviceUrl: string) {}

  /** A fresh activity id. */
  nextId(): string {
    this.counter += 1;
    return `act-${Date.now()}-${this.counter}`;
  }

  message(sender: Sender, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { ...this.base(sender), type: 'message', text, textFormat: 'plain', ...extra };
  }

  /** An Action.Submit from a card: `value` carries the verb and the inputs; replyToId is the card. */
  submit(sender: Sender, value: Record<string, unknown>, replyToId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { ...this.base(sender), type: 'message', value, replyToId, ...extra };
  }

  conversationUpdate(sender: Sender, membersAdded: { id: string }[]): Record<string, unknown> {
    return { ...this.base(sender), type: 'conversationUpdate', membersAdded };
  }

  base(sender: Sender): Record<string, unknown> {
    return {
      id: this.nextId(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      timestamp: new Date().toISOString(),
      locale: 'de-DE',
      from: { id: `29:${sender.aad}`, aadObjectId: sender.aad, name: sender.name ?? 'Test Person' },
      recipient: { id: '28:pakt-bot', name: 'Pakt-Assistent' },
      conversation: { id: sender.conversationId, conversationType: sender.conversationType ?? 'personal', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' }, ...(sender.channelData ?? {}) },
    };
  }
}

/** The Adaptive Card content of a recorded activity (first attachment), or null. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function cardOf(activity: { body: any }): any {
  const attachment = activity.body?.attachments?.[0];
  return attachment?.contentType === 'application/vnd.microsoft.card.adaptive' ? attachment.content : null;
}

/** All texts of a card (TextBlocks and FactSet values), for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record['text'] === 'string') out.push(record['text']);
    if (typeof record['title'] === 'string') out.push(record['title']);
    if (typeof record['value'] === 'string') out.push(record['value']);
    Object.values(record).forEach(walk);
  };
  walk(card);
  return out.join('\n');
}

/** Finds the card action (also inside ShowCards) with `data.verb === verb`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function actionData(card: any, verb: string): Record<string, unknown> | null {
  const walk = (actions: unknown[] | undefined): Record<string, unknown> | null => {
    for (const a of actions ?? []) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const action = a as any;
      if (action?.data?.verb === verb) return action.data;
      const nested = walk(action?.card?.actions);
      if (nested) return nested;
    }
    return null;
  };
  return walk(card?.actions);
}
