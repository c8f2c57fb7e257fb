/**
 * Composition root (STYLE G2): builds every component from one Config, in a function tests can call, and
 * owns start-up order and graceful shutdown (stop intake, finish work in flight, close the database).
 * Order: services (knowledge, database, routing, tickets) → channels → outbox worker and timers → routes.
 */
import { errorCode } from '../core/error-code.js';
import { readFileSync } from 'node:fs';
import type restify from 'restify';
import type { EmailChannel } from '../channels/email/index.js';
import { emailMigrations } from '../channels/email/state.js';
import { createFeedback } from '../channels/feedback/index.js';
import { createWorkplace } from '../channels/workplace/index.js';
import { workplaceMigrations } from '../channels/workplace/migrations.js';
import { createTeamsChannel, passageLookup, teamsMigrations } from '../channels/teams/index.js';
import { faqLink } from '../knowledge-loop/export-links.js';
import { createFaqProposals, proposalMigrations } from '../knowledge-loop/proposal-wiring.js';
import { AppError } from '../core/errors.js';
import { systemClock, type Clock, type Logger } from '../core/ports.js';
import type { Deliverer } from '../core/outcome.js';
import type { Channel } from '../core/enquiry.js';
import { announceOpenTickets } from '../tickets/announce.js';
import { createOutboxWorker } from '../tickets/outbox-worker.js';
import type { Config } from './config.js';
import { createHttpServer, type ReadinessCheck } from './http.js';
import { createMetrics, type Metrics } from './metrics.js';
import { startMailboxRole, type MailboxRole } from './mailbox-role.js';
import { openServices, type Services } from './services.js';

export interface App {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  server: restify.Server;
  services: Services;
  /** Starts listening and the background work; resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops intake, finishes work in flight, closes everything. Idempotent. */
  stop(): Promise<void>;
}

export interface AppOptions {
  logger: Logger;
  clock?: Clock;
  /** Disable default process metrics (tests build several apps in one process). */
  defaultMetrics?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Builds the whole service from `config`. Nothing listens and no timer runs until `listen()`. */
export async function buildApp(config: Config, options: AppOptions): Promise<App> {
  const logger = options.logger;
  const clock = options.clock ?? systemClock;
  const metrics = createMetrics({ defaultMetrics: options.defaultMetrics });
  const services = await openServices(config, {
    logger,
    clock,
    metrics,
    channelMigrations: [...teamsMigrations, ...emailMigrations, ...proposalMigrations, ...workplaceMigrations],
    watchKnowledge: true,
    // The Teams channel's own personal data goes with the daily retention job (bound once it exists).
    retainChannels: (now, cutoff) => teams.retainPersonalData(now, cutoff),
  });
  const { kb, routing, ticketModule, tickets } = services;

  const teams = createTeamsChannel({
    config,
    db: services.sql,
    handle: async (request) => services.handle(request),
    tickets,
    staff: routing.staff,
    router: routing.router,
    passages: passageLookup(() => kb.passages()),
    faqLink: (passageId) => faqLink(config.PUBLIC_FAQ_URL, passageId),
    announceStaffChannel: async (teamId, conversationId) => {
      await announceOpenTickets(teamId, conversationId, { store: ticketModule.tickets, outbox: ticketModule.outbox, clock });
    },
    logger,
    clock,
  });

  // Feedback link in mail answers and its page (issue 14 item 3).
  const feedback = await createFeedback({ config, db: services.sql, clock, logger });

  // With IMAP_HOST the mailbox is watched and answered; with only SMTP_HOST the channel just sends
  // (staff notifications, escalations, answers to mail tickets).
  // Loaded only when configured: imapflow, nodemailer and mailparser cost about 0.6 s of start-up.
  let email: EmailChannel | null = null;
  if (config.IMAP_HOST !== undefined || config.SMTP_HOST !== undefined) {
    const { createEmailChannel } = await import('../channels/email/index.js');
    email = createEmailChannel({
      config,
      db: services.sql,
      handle: (request) => services.handle(request),
      attachments: services.attachments,
      links: feedback.links,
      ...(config.IMAP_TLS_CA_FILE === undefined ? {} : { imapTls: { ca: readCaFile(config.IMAP_TLS_CA_FILE) } }),
      logger,
      clock,
    });
  }

  const deliverers: Partial<Record<Channel, Deliverer>> = { teams: teams.deliverer };
  if (email !== null) deliverers.email = email.deliverer;
  else deliverers.email = undeliverableMail(logger);
  // Staff messages are addressed to a team, a person or the lead; the worker fans each out to their channels.
  const fanOut = services.staffFanOut((teamId) => teams.staffChannelFor(teamId));
  const worker = createOutboxWorker({ store: ticketModule.outbox, deliverers, fanOut, clock, logger, pollMs: config.OUTBOX_POLL_MS });

  let accepting = true;
  const readiness: ReadinessCheck[] = [
    {
      name: 'knowledge',
      check: () => {
        const s = kb.status();
        return { ready: s.ready, detail: { passages: s.passageCount, documents: s.documentCount, problems: s.problems, loadedAt: s.loadedAt } };
      },
    },
    { name: 'database', check: () => ({ ready: services.storage.isHealthy(), detail: { kind: services.storage.kind } }) },
  ];
  const mail = email;
  // A standby replica does not read the mailbox (another one does): it is ready without a connection.
  let mailboxRole: MailboxRole | null = null;
  if (mail !== null && config.IMAP_HOST !== undefined) {
    readiness.push({
      name: 'mailbox',
      check: () => {
        const role = mailboxRole?.role() ?? 'standby';
        if (role === 'standby') return { ready: true, detail: 'standby: another replica reads the mailbox', role };
        const s = mail.status();
        return { ready: s.connected, detail: s.detail, role };
      },
    });
  }

  const server = createHttpServer({ logger, metrics, readiness, isAcceptingWork: () => accepting });
  teams.register(server);
  feedback.register(server);
  // The staff workplace and the FAQ proposals read the same database as everything else (SQLite or PostgreSQL).
  const proposals = createFaqProposals({ sql: services.sql, knowledgeDir: config.KNOWLEDGE_DIR, maxFileBytes: config.KNOWLEDGE_MAX_FILE_BYTES, staff: routing.staff, noteOnTicket: (number, text, by) => tickets.note(number, { text, by }), clock, logger });
  createWorkplace({ config, sql: services.sql, tickets, staff: routing.staff, readAttachment: (sha) => services.attachments.read(sha), proposals, derivedCache: services.derivedCache, clock, logger }).register(server);

  let stopJobs: (() => Promise<void>) | null = null;
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      accepting = false;
      logger.info({ component: 'app' }, 'shutting down: intake stopped');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeIdleConnections();
      });
      const steps: [string, () => Promise<void>][] = [
        ['email', async () => {
          await mailboxRole?.stop();
          await email?.stop();
        }],
        ['teams', () => teams.stop()],
        ['ticket-jobs', async () => stopJobs?.()],
        ['outbox', () => worker.stop()],
        ['services', () => services.close()],
      ];
      for (const [name, step] of steps) {
        try {
          await step();
        } catch (error) {
          logger.error({ component: name, err: (error as Error).message }, 'stop failed');
        }
      }
      logger.info({ component: 'app' }, 'shutdown complete');
    })();
    return stopping;
  };

  const listen = async (): Promise<number> => {
    let host = config.HOST;
    if (!teams.isAuthenticated && !LOOPBACK.has(host)) {
      logger.warn({ component: 'app', host }, 'MicrosoftAppId is not set: the unauthenticated Teams endpoint listens on 127.0.0.1 only');
      host = '127.0.0.1';
    }
    // With Teams credentials the botbuilder half of the channel loads during start-up (a failure stops it here);
    // in local mode it loads on the first Teams request.
    if (teams.isAuthenticated) await teams.load();
    // restify re-emits listen errors (port in use, bad host) on its own Server, not on server.server.
    const port = await new Promise<number>((resolve, reject) => {
      const onError = (error: Error): void => reject(listenError(error, config.PORT, host));
      server.once('error', onError);
      server.listen(config.PORT, host, () => {
        server.removeListener('error', onError);
        resolve(server.address().port);
      });
    });
    server.on('error', (error: Error) => logger.error({ component: 'http', err: error.message }, 'http server error'));
    worker.start();
    stopJobs = ticketModule.startJobs();
    if (email !== null) mailboxRole = await startMailboxRole({ storage: services.storage, config, email, logger });
    return port;
  };

  return { config, logger, metrics, server, services, listen, stop };
}

/**
 * A listen failure the operator can fix (port taken, address not on this machine, privileged port) as a
 * one-line CONFIG_INVALID naming the variable; anything else unchanged.
 */
export function listenError(error: Error, port: number, host: string): Error {
  const code = errorCode(error) ?? '';
  const problem =
    code === 'EADDRINUSE'
      ? `PORT: port ${port} on ${host} is already in use; stop the other process or choose another PORT`
      : code === 'EACCES'
        ? `PORT: no permission to listen on port ${port} (ports below 1024 need privileges)`
        : ['EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EINVAL'].includes(code)
          ? `HOST: cannot listen on "${host}": not an address of this machine (${code})`
          : null;
  if (problem === null) return error;
  return new AppError('CONFIG_INVALID', problem, { cause: error, details: { problems: [problem] } });
}

function readCaFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (cause) {
    throw new AppError('CONFIG_INVALID', `Invalid configuration:\nIMAP_TLS_CA_FILE: cannot read ${file}`, { cause });
  }
}

/** Without a mail channel, mail messages (staff notifications) wait in the outbox until one is configured. */
function undeliverableMail(logger: Logger): Deliverer {
  let warned = false;
  return async () => {
    if (!warned) {
      warned = true;
      logger.warn({ component: 'outbox' }, 'mail messages wait in the outbox: no SMTP configured (set IMAP_HOST/SMTP_HOST)');
    }
    return { kind: 'retry', afterMs: 15 * 60_000, reason: 'no mail channel configured' };
  };
}

