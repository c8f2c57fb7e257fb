/**
 * The channel-independent services of one running instance: knowledge base, database, routing, tickets and
 * the composed `handleEnquiry`. Built by the server's composition root (and usable from tests).
 */
import { handleEnquiry, type EnquiryRequest, type HandleEnquiryDeps } from '../core/handle-enquiry.js';
import type { SenderConfirmations } from '../core/sender-learning.js';
import type { OutboundMessage, Outcome } from '../core/outcome.js';
import { fanOutLegsAsync } from '../core/staff-messages.js';
import type { FanOutLeg } from '../core/ticket-model.js';
import type { Clock, DerivedCache, Logger, Migration } from '../core/ports.js';
import type { SqlDb } from '../core/sql.js';
import { openKnowledgeBase } from '../knowledge/knowledge-base.fs.js';
import { createGapsRecorder } from '../knowledge-loop/gaps-recorder.js';
import { gapsMigrations } from '../knowledge-loop/gaps-migrations.js';
import { createGapsStore } from '../knowledge-loop/gaps-store.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { routingMigrations } from '../routing/migrations.js';
import { loadRouting, type Routing } from '../routing/router.loader.js';
import { createAttachmentFiles, type AttachmentFiles } from '../tickets/attachments.fs.js';
import { ticketMigrations } from '../tickets/migrations.js';
import type { TicketService } from '../tickets/ticket-service.js';
import type { Tickets } from '../tickets/wiring.js';
import { contactsFile, type Config } from './config.js';
import { createDerivedCache } from './derived-cache.fs.js';
import type { Metrics } from './metrics.js';
import { openStorage, type Storage } from './storage.js';

export interface Services {
  kb: KnowledgeBase;
  /** The database behind the SqlDb port (channel stores, workplace, FAQ proposals, knowledge loop), SQLite or PostgreSQL. */
  sql: SqlDb;
  /** The open database: its kind, health and (PostgreSQL) URL. */
  storage: Storage;
  routing: Routing;
  /** Ticket ports, deadline policy and jobs (escalation, retention). */
  ticketModule: Tickets;
  /** Staff operations (claim, hand over, answer, settle the municipality …). */
  tickets: TicketService;
  /** Stored attachment files (content-addressed). */
  attachments: AttachmentFiles;
  /** What start-up derives from files (parsed routing data, checked templates), kept in INDEX_CACHE_DIR. */
  derivedCache: DerivedCache;
  /** The ports of handleEnquiry as composed here; what to do is each call's request. */
  handleDeps: HandleEnquiryDeps;
  /** handleEnquiry over these ports, with metrics (enquiries by channel and outcome, decision latency). */
  handle(request: EnquiryRequest): Promise<Outcome>;
  /**
   * The outbox worker's fan-out of staff messages (core/staff-messages.ts): the addressee's mailbox (the lead's
   * from LEAD_MAILBOX) and, given `teamsChannel`, the Teams staff channel serving the team.
   *
   * @example
   * createOutboxWorker({ fanOut: services.staffFanOut((teamId) => teams.staffChannelFor(teamId)), … });
   */
  staffFanOut(teamsChannel?: (teamId: string) => Promise<string | null>): (message: OutboundMessage) => Promise<FanOutLeg[]>;
  close(): Promise<void>;
}

export interface ServicesOptions {
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  /** Migrations of the channels, applied together with the core's in one database. */
  channelMigrations: Migration[];
  /** Re-index the knowledge base on change (the server does; one-shot tools do not). */
  watchKnowledge: boolean;
  /** The channels' own retention, run with the daily ticket retention job (after the gap texts'). */
  retainChannels?: (now: Date, cutoff: Date) => void | Promise<void>;
}

/** Opens knowledge base, database and routing, and composes the ticket use cases. */
export async function openServices(config: Config, options: ServicesOptions): Promise<Services> {
  const { logger, clock, metrics } = options;
  const kb = await openKnowledgeBase({
    dir: config.KNOWLEDGE_DIR,
    cacheDir: config.INDEX_CACHE_DIR,
    watch: options.watchKnowledge,
    maxFileBytes: config.KNOWLEDGE_MAX_FILE_BYTES,
    logger,
    clock,
    onReload: (status) => metrics.indexPassages.set(status.passageCount),
  });
  metrics.indexPassages.set(kb.status().passageCount);
  const derivedCache = createDerivedCache(config.INDEX_CACHE_DIR, logger);
  let storage: Storage | undefined;
  try {
    storage = await openStorage(config, [...ticketMigrations, ...routingMigrations, ...gapsMigrations, ...options.channelMigrations], logger);
    const senderDirectory = await storage.senderDirectory();
    const routing = await loadRouting({
      contactsFile: contactsFile(config),
      senderDirectory,
      logger,
      clock,
      cache: derivedCache,
    });
    const attachments = createAttachmentFiles({ dir: config.ATTACHMENTS_DIR, maxBytes: config.MAIL_MAX_BYTES });
    // The daily retention job also clears the knowledge loop's kept question texts and comments (same cutoff).
    const { sql } = storage;
    const gaps = createGapsStore(sql);
    const retainChannels = async (now: Date, cutoff: Date): Promise<void> => {
      try {
        const cleared = await gaps.retainTexts(cutoff.toISOString());
        logger.info({ component: 'knowledge-loop', ...cleared }, 'gap texts retention run finished');
      } finally {
        await options.retainChannels?.(now, cutoff);
      }
    };
    const ticketModule = storage.tickets({
      staff: routing.staff,
      clock,
      logger,
      ...(config.LEAD_MAILBOX === undefined ? {} : { leadMailbox: config.LEAD_MAILBOX }),
      retentionDays: config.RETENTION_DAYS,
      deadlineRules: config.TICKET_DEADLINES,
      onAttachmentsExpired: (hashes) => hashes.forEach((hash) => attachments.remove(hash)),
      retainChannels,
    });
    // Sender learning (core/sender-learning.ts): handleEnquiry remembers who settled a municipality (a mail
    // follow-up naming it, a Teams answer to the ask-back) and reads it for ticket membership.
    const senders: SenderConfirmations = {
      confirm: (address, gemeindeAgs, provenance, at) => routing.confirmSender(address, gemeindeAgs, provenance, at),
      municipalityOf: (address) => senderDirectory.lookup(address)?.gemeindeAgs ?? null,
    };
    const handleDeps: HandleEnquiryDeps = {
      answerer: kb,
      router: routing.router,
      staff: routing.staff,
      ledger: ticketModule.ledger,
      deadlines: ticketModule.deadlines,
      clock,
      logger,
      senders,
    };
    const tickets = ticketModule.service;
    const open = storage;
    const recordGap = createGapsRecorder(sql, clock, logger);
    return {
      kb,
      sql,
      storage: open,
      routing,
      ticketModule,
      tickets,
      attachments,
      derivedCache,
      handleDeps,
      async handle(request) {
        const started = performance.now();
        const outcome = await handleEnquiry(request, handleDeps);
        const { channel } = request.enquiry;
        metrics.enquiries.inc({ channel, outcome: outcome.kind });
        metrics.answerLatency.observe({ channel }, (performance.now() - started) / 1000);
        await recordGap(request, outcome);
        return outcome;
      },
      staffFanOut(teamsChannel) {
        return (message) => fanOutLegsAsync(message, { staff: routing.staff, leadMailbox: config.LEAD_MAILBOX }, teamsChannel);
      },
      async close() {
        await kb.close();
        await open.close();
      },
    };
  } catch (error) {
    await kb.close();
    await storage?.close();
    throw error;
  }
}

