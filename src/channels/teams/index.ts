/**
 * The Teams channel (issue 5): `POST /api/messages` via botbuilder's CloudAdapter, the requester side
 * (answers with citations, "Meinten Sie …", tickets, municipality ask-back), the staff side (staff channel,
 * ticket cards with Übernehmen / Antworten / Weitergeben an / Interne Notiz / Erledigt, updated in place) and
 * the outbox deliverer for proactive messages.
 *
 * The composition root calls, in this order: `openDatabase(path, [...ticketMigrations, ...teamsMigrations])`,
 * `createTeamsChannel(deps)`, `channel.register(server)`, passes `channel.deliverer` to the outbox worker as
 * `deliverers.teams` and `channel.staffChannelFor` to its staff fan-out, runs `channel.retainPersonalData`
 * with the daily retention job, and on shutdown `await channel.stop()` before closing the database. Staff
 * cards come only from the outbox (staff messages fanned out to the team's staff channel).
 */
import { fileURLToPath } from 'node:url';
import type { SqlDb } from '../../core/sql.js';
import restify from 'restify';
import type { EnquiryRequest } from '../../core/enquiry-request.js';
import type { Deliverer, Outcome } from '../../core/outcome.js';
import type { Clock, Logger, Migration } from '../../core/ports.js';
import type { Router, StaffDirectory } from '../../core/routing.js';
import type { Passage } from '../../knowledge/types.js';
import type { TeamsRuntime } from './bot-framework/runtime.teams.js';
import { CardRenderer } from './cards/render.js';
import { loadCardTemplates } from './cards/template.js';
import type { TeamsChannelConfig, TeamsContext, TeamsMetrics, TeamsTicketOps } from './context.js';
import { teamsMigrations } from './migrations.js';
import { resolveStaffChannel } from './staff/staff-channel.js';
import { TeamsStore } from './store.js';

export { teamsMigrations } from './migrations.js';
export { passageLookup } from './requester/compose.js';
export type { TeamsChannelConfig, TeamsMetrics, TeamsTicketOps } from './context.js';
export { CONVERSATION_GONE, NO_STAFF_CHANNEL } from './bot-framework/connector-errors.js';

/** Default location of the card templates (templates/cards at the repository root). */
export const DEFAULT_CARD_TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/cards/', import.meta.url));

/** How long activity and card-action keys are kept (Teams retries within minutes; keep days). */
const KEY_RETENTION_MS = 3 * 24 * 3600 * 1000;

/** Largest accepted request body; Teams messages are far smaller (≈ 28 kB), 100 kB pastes still pass. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Collaborators of {@link createTeamsChannel}. */
export interface TeamsChannelDeps {
  config: TeamsChannelConfig;
  /** Link of a passage on the published FAQ site (PUBLIC_FAQ_URL, issue 14) for the answer card; none when absent. */
  faqLink?: (passageId: string) => string | null;
  /** Opened with {@link teamsMigrations} applied. */
  db: SqlDb;
  /**
   * The composed `handleEnquiry`. The channel's requests say `reply: 'inline'`; "An Sachbearbeitung
   * übergeben" and "Keine davon" are `kind: 'escalation'` (the core opens a ticket).
   */
  handle(request: EnquiryRequest): Promise<Outcome>;
  tickets: TeamsTicketOps;
  staff: StaffDirectory;
  /** Routes free-text municipality answers (else only AGS numbers are understood). */
  router?: Router;
  /** Passage lookup for the "Meinten Sie …" buttons, e.g. from `KnowledgeBase.passages()`. */
  passages?: (id: string) => Passage | null;
  logger: Logger;
  clock: Clock;
  metrics?: TeamsMetrics;
  /**
   * A staff channel was registered for a team (null: all teams): queue the cards of its open tickets once
   * (tickets/ticket-service.ts `announceOpenTickets`). Without it only later changes reach the channel.
   */
  announceStaffChannel?(teamId: string | null, conversationId: string): Promise<void>;
  /** Card templates directory (default {@link DEFAULT_CARD_TEMPLATES_DIR}). */
  templatesDir?: string;
}

/** The channel as the composition root sees it. */
export interface TeamsChannel {
  /** Adds `POST /api/messages`. */
  register(server: restify.Server): void;
  /** Outbox deliverer for channel 'teams'. */
  deliverer: Deliverer;
  migrations: Migration[];
  /** True when inbound requests must carry a Bot Framework token (MicrosoftAppId set); else bind to localhost. */
  isAuthenticated: boolean;
  /** The conversation id of the Teams staff channel serving a team, or null (the fan-out's Teams leg). */
  staffChannelFor(teamId: string): Promise<string | null>;
  /**
   * The channel's part of the daily retention job: feedback voters, idle conversation references and
   * unanswered ask-backs older than `before` go; turn-level idempotency keys older than three days go.
   */
  retainPersonalData(now: Date, before: Date): Promise<void>;
  /**
   * Loads the botbuilder half of the channel (adapters, bot, deliverer). Started at creation when the channel
   * is authenticated; without MicrosoftAppId (local mode) it loads on the first request or delivery instead,
   * so a start without Teams credentials does not pay for botbuilder. The composition root awaits it before
   * listening when authenticated, so a broken installation fails at start.
   */
  load(): Promise<void>;
  /** Waits for turns in flight (call after the server stopped accepting requests). */
  stop(): Promise<void>;
}

/**
 * Creates the Teams channel.
 *
 * @example
 * const teams = createTeamsChannel({ config, db, handle, tickets, staff, logger, clock });
 * teams.register(server);
 * const worker = createOutboxWorker({ deliverers: { teams: teams.deliverer }, … });
 */
export function createTeamsChannel(deps: TeamsChannelDeps): TeamsChannel {
  const logger = deps.logger.child({ component: 'teams' });
  const isAuthenticated = (deps.config.MicrosoftAppId ?? '') !== '';
  const ctx: Omit<TeamsContext, 'emails'> = {
    config: deps.config,
    store: new TeamsStore(deps.db, deps.clock),
    cards: new CardRenderer(loadCardTemplates(deps.templatesDir ?? DEFAULT_CARD_TEMPLATES_DIR), deps.faqLink),
    handle: deps.handle,
    tickets: deps.tickets,
    staff: deps.staff,
    router: deps.router ?? null,
    passages: deps.passages ?? null,
    logger,
    clock: deps.clock,
    metrics: deps.metrics ?? null,
    announceStaffChannel: deps.announceStaffChannel ?? (() => Promise.resolve()),
  };
  let loading: Promise<TeamsRuntime> | null = null;
  const runtime = (): Promise<TeamsRuntime> => {
    loading ??= import('./bot-framework/runtime.teams.js').then((m) => m.createTeamsRuntime(ctx, deps.config));
    return loading;
  };
  if (isAuthenticated) runtime().catch(() => undefined); // awaited (and reported) through load()
  const inFlight = new Set<Promise<unknown>>();
  let isStopping = false;

  const onMessages: restify.RequestHandler = async (req, res) => {
    if (isStopping) {
      res.send(503, { error: 'shutting down' });
      return;
    }
    const turn = runtime().then((r) => r.process(req, res));
    inFlight.add(turn);
    try {
      await turn;
    } finally {
      inFlight.delete(turn);
    }
  };

  return {
    register(server) {
      // jsonBodyParser passes its options to bodyReader, which enforces maxBodySize (413); bad JSON → 400.
      const parserOptions = { mapParams: false, maxBodySize: MAX_BODY_BYTES };
      server.post('/api/messages', restify.plugins.jsonBodyParser(parserOptions), onMessages);
      logger.info({ authenticated: isAuthenticated }, 'teams endpoint registered at /api/messages');
    },
    deliverer: async (message) => (await runtime()).deliverer(message),
    migrations: teamsMigrations,
    isAuthenticated,
    staffChannelFor: (teamId) => resolveStaffChannel(ctx, teamId),
    async retainPersonalData(now, before) {
      await ctx.store.pruneKeys(new Date(now.getTime() - KEY_RETENTION_MS));
      const removed = await ctx.store.retainPersonalData(before);
      logger.info({ ...removed }, 'teams retention run finished');
    },
    async load() {
      await runtime();
    },
    async stop() {
      isStopping = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}
