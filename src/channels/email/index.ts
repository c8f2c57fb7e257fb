/**
 * The shared-mailbox channel (issue 6): watches the IMAP mailbox, turns each mail into an Enquiry for the
 * core, and delivers the core's outbox messages for channel 'email' by SMTP. The composition root applies
 * {@link EmailChannel.migrations} when it opens the database, registers {@link EmailChannel.deliverer} with the
 * outbox worker, and calls start()/stop().
 */
import type { ConnectionOptions } from 'node:tls';
import type { SqlDb } from '../../core/sql.js';
import type { Deliverer } from '../../core/outcome.js';
import type { Clock, Logger, Migration } from '../../core/ports.js';
import { defaultEmailTuning, ownAddresses, type EmailConfig, type EmailTuning } from './config.js';
import { currentState, syncMailbox } from './mailbox.imap.js';
import type { AttachmentSink } from './attachment-policy.js';
import type { EmailMetrics, HandleFn } from './process-message.js';
import { createSmtpSender, type SmtpSenderDeps } from './sender.smtp.js';
import { createSentFolder } from './sent-folder.imap.js';
import { createEmailState, emailMigrations } from './state.js';
import { loadMailTemplates } from './templates.fs.js';
import { uncertainReplyRequest, type HandOver } from './uncertain-reply.js';
import { createImapWatcher } from './watcher.imap.js';

export type { EmailConfig, EmailTuning } from './config.js';
export type { AttachmentSink, HandleFn, HandleOptions, EmailMetrics } from './process-message.js';
export { emailMigrations } from './state.js';

/** Collaborators of {@link createEmailChannel}. */
export interface EmailChannelDeps {
  /** The IMAP_*, SMTP_*, MAIL_* (and TEMPLATES_DIR) fields of the service Config. */
  config: EmailConfig;
  /** The database (SQLite or PostgreSQL) holding the channel's tables (emailMigrations applied). */
  db: SqlDb;
  /** `handleEnquiry` over its ports; the channel asks with `kind: 'question'`, `reply: 'outbox'`. */
  handle: HandleFn;
  logger: Logger;
  clock: Clock;
  metrics?: EmailMetrics;
  /** Where attachment contents go (e.g. `createAttachmentFiles({ dir: ATTACHMENTS_DIR })`); not stored when absent. */
  attachments?: AttachmentSink;
  /** Extra TLS options for IMAP, e.g. `{ ca: readFileSync(caFile) }` for a certificate of an internal CA. */
  imapTls?: ConnectionOptions;
  /** Shorter timers for tests and the benchmark. */
  tuning?: Partial<EmailTuning>;
  /** Feedback and FAQ links for automatic answers (issue 14), passed to the sender. */
  links?: SmtpSenderDeps['links'];
}

/** The channel as the composition root sees it. */
export interface EmailChannel {
  /**
   * Connects and starts watching (does not throw when the server is down: it retries with backoff). With
   * SMTP_HOST but no IMAP_HOST the channel only delivers (staff notifications by mail).
   */
  start(options?: { watch?: boolean }): Promise<void>;
  /**
   * Starts or stops reading the mailbox, sending goes on (replicas: only the mailbox leader reads; issue 15).
   * `start({ watch: false })` starts a replica that does not read until told to.
   */
  setWatching(on: boolean): Promise<void>;
  /** Finishes the mail in hand, releases the mailbox lock, logs out, closes SMTP. */
  stop(): Promise<void>;
  /** Renders and sends one outbox message of channel 'email' (register with the outbox worker). */
  deliverer: Deliverer;
  migrations: Migration[];
  /** For /readyz: connected to the mailbox? */
  status(): { connected: boolean; detail?: string };
}

/**
 * Builds the mail channel. Templates are loaded (and checked) here, so a broken template stops start-up.
 *
 * @example
 * const db = sqliteSqlDb(openDatabase(path, [...ticketMigrations, ...emailMigrations], logger));
 * const email = createEmailChannel({ config, db, handle: (request) => handleEnquiry(request, deps), logger, clock });
 * const worker = createOutboxWorker({ …, deliverers: { email: email.deliverer } });
 * await email.start(); … await email.stop();
 */
export function createEmailChannel(deps: EmailChannelDeps): EmailChannel {
  const logger = deps.logger.child({ component: 'email' });
  const tuning: EmailTuning = { ...defaultEmailTuning, ...deps.tuning };
  const state = createEmailState(deps.db);
  const templates = loadMailTemplates(deps.config.TEMPLATES_DIR ?? './templates');
  // Without IMAP (send-only) there is no Sent folder: a crash between SMTP acceptance and its record may then
  // send a message twice (docs/EMAIL.md, "Zustellung").
  const sentFolder = deps.config.IMAP_HOST === undefined ? undefined : createSentFolder({ config: deps.config, logger, tls: deps.imapTls, operationTimeoutMs: tuning.sentFolderOperationMs });
  // A reply that may or may not have reached the SMTP server before a crash becomes a ticket (not lost, not doubled).
  const handOver: HandOver = async (reply) => {
    const request = uncertainReplyRequest(reply, deps.clock.now());
    if (request === null) return;
    const outcome = await deps.handle(request);
    if (outcome.kind === 'invalid') throw new Error(`uncertain reply not accepted as a ticket: ${outcome.message}`);
  };
  const sender = createSmtpSender({ config: deps.config, templates, state, logger, clock: deps.clock, sentFolder, saveSent: deps.config.MAIL_SAVE_SENT !== false, links: deps.links, handOver });
  const syncDeps = {
    config: deps.config,
    ownAddresses: ownAddresses(deps.config),
    state,
    handle: deps.handle,
    clock: deps.clock,
    logger,
    metrics: deps.metrics,
    attachments: deps.attachments,
    tuning,
  };
  const watcher = createImapWatcher({
    config: deps.config,
    tuning,
    logger,
    tls: deps.imapTls,
    sync: (client, isStopping) => syncMailbox(client, syncDeps, isStopping),
    opened: async (client, selecting) => {
      await currentState(client, syncDeps, selecting);
    },
    now: () => deps.clock.now(),
  });
  // Without IMAP_HOST the channel only sends (staff notifications, escalations); nothing is watched.
  const watching = deps.config.IMAP_HOST !== undefined;
  // Reading on or off, one change at a time (a leader may lose and regain its role quickly).
  let reading = false;
  let changing: Promise<void> = Promise.resolve();
  const setWatching = (on: boolean): Promise<void> => {
    changing = changing.then(async () => {
      if (!watching || on === reading) return;
      reading = on;
      logger.info({ reading: on }, on ? 'reading the mailbox' : 'not reading the mailbox');
      await (on ? watcher.start() : watcher.stop());
    });
    return changing;
  };
  return {
    async start(options = {}) {
      if (deps.config.SMTP_HOST !== undefined) await sender.verify();
      if (!watching) logger.info({}, 'IMAP_HOST not set: mail channel sends only');
      else if (options.watch !== false) await setWatching(true);
    },
    setWatching,
    async stop() {
      await setWatching(false);
      sender.close();
      await sentFolder?.close();
    },
    deliverer: sender.deliver,
    migrations: emailMigrations,
    status: () => (watching ? watcher.status() : { connected: false, detail: 'IMAP_HOST not set (sending only)' }),
  };
}
