/**
 * The mail channel against real servers: a private Dovecot (test/helpers/dovecot.ts), the smtp-server sink,
 * and the services composed as the server composes them (openServices: the shipped knowledge base and routing,
 * tickets on a temp SQLite file, sender learning, the staff fan-out), with the outbox worker delivering
 * through the channel's deliverer. A separate imapflow client APPENDs mail and inspects folders, as a mail
 * server delivering into the shared mailbox would. The clock is injected; it defaults to the system clock
 * because Dovecot, the sink and the channel's reconnect and retry timers run in real time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import type Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import { createEmailChannel, emailMigrations, type EmailChannel, type EmailConfig, type EmailTuning } from '../../../src/channels/email/index.js';
import type { HandleFn } from '../../../src/channels/email/process-message.js';
import { handleEnquiry, type SenderConfirmations } from '../../../src/core/handle-enquiry.js';
import { silentLogger, systemClock, type Clock, type Logger } from '../../../src/core/ports.js';
import { parseConfig } from '../../../src/server/config.js';
import { createMetrics } from '../../../src/server/metrics.js';
import { openServices, type Services } from '../../../src/server/services.js';
import { createOutboxWorker, type OutboxWorker } from '../../../src/tickets/outbox-worker.js';
import type { SqliteTicketStores } from '../../../src/tickets/ticket-store.sqlite.js';
import { startDovecot, type DovecotServer } from '../../helpers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';

export const OWN = 'integrationsmanagement@rps.bwl.de';
export const OWN2 = 'im-postfach@rps.bwl.de';
export const FIXTURES = new URL('../../fixtures/mail/', import.meta.url).pathname;

/** Short timers so reconnects and retries happen within a test. */
export const FAST_TUNING: Partial<EmailTuning> = { reconnectMinMs: 50, reconnectMaxMs: 400, maxIdleMs: 60_000, sentFolderOperationMs: 5_000 };

/** One index cache per test file: the first harness builds the search index, the later ones read it. */
let indexCacheDir: string | null = null;

/** The mail config for a Dovecot and a sink. */
export function emailConfig(imap: { host: string; port: number; user: string; password: string }, smtp: { host: string; port: number }, overrides: Partial<EmailConfig> = {}): EmailConfig {
  return {
    IMAP_HOST: imap.host,
    IMAP_PORT: imap.port,
    IMAP_SECURE: false,
    IMAP_STARTTLS: false,
    IMAP_USER: imap.user,
    IMAP_PASSWORD: imap.password,
    IMAP_MAILBOX: 'INBOX',
    IMAP_PROCESSED_FOLDER: 'Bearbeitet',
    IMAP_QUARANTINE_FOLDER: 'Quarantaene',
    IMAP_POLL_SECONDS: 60,
    SMTP_HOST: smtp.host,
    SMTP_PORT: smtp.port,
    SMTP_SECURE: false,
    MAIL_FROM: OWN,
    MAIL_OWN_ADDRESSES: [OWN2],
    MAIL_MAX_BYTES: 25 * 1024 * 1024,
    MAIL_AUTO_REPLIES_PER_DAY: 5,
    TEMPLATES_DIR: './templates',
    ...overrides,
  };
}

/**
 * The services of the composition root (openServices) over the database file `dbPath`, as the server opens
 * them: knowledge base, routing, tickets, sender learning. `attachmentsDir` is where attachment files go.
 *
 * @example
 * const services = await composeServices({ dbPath, attachmentsDir, clock: systemClock, logger });
 * createOutboxWorker({ store: services.ticketModule.outbox, fanOut: services.staffFanOut(), … });
 */
export async function composeServices(options: { dbPath: string; attachmentsDir: string; clock: Clock; logger: Logger; indexCacheDir?: string }): Promise<Services> {
  const cacheDir = options.indexCacheDir ?? (indexCacheDir ??= mkdtempSync(join(tmpdir(), 'pakt-email-index-')));
  const config = parseConfig({
    NODE_ENV: 'test',
    DATABASE_URL: `sqlite:${options.dbPath}`,
    KNOWLEDGE_DIR: 'knowledge',
    INDEX_CACHE_DIR: cacheDir,
    ATTACHMENTS_DIR: options.attachmentsDir,
  });
  return openServices(config, {
    logger: options.logger,
    clock: options.clock,
    metrics: createMetrics({ defaultMetrics: false }),
    channelMigrations: emailMigrations,
    watchKnowledge: false,
  });
}

/** What the tests use. */
export interface EmailHarness {
  dovecot: DovecotServer;
  sink: SmtpSink;
  /** The composed services (routing, ticket service, …) as the server has them. */
  services: Services;
  /** A connection of the test's own to the service's SQLite file (for assertions). */
  db: Database.Database;
  dbPath: string;
  config: EmailConfig;
  stores: SqliteTicketStores;
  channel: EmailChannel;
  worker: OutboxWorker;
  /** A second IMAP client (the "outside world"). */
  imap: ImapFlow;
  append(raw: string | Buffer): Promise<void>;
  /** UIDs currently in a folder. */
  uids(folder: string): Promise<number[]>;
  /** Resolves when `folder` holds `count` messages (polls STATUS on the outside client). */
  waitForFolder(folder: string, count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link startEmailHarness}. */
export interface HarnessOptions {
  config?: Partial<EmailConfig>;
  tuning?: Partial<EmailTuning>;
  logger?: Logger;
  /** The clock of services, channel and worker; the system clock when omitted (the servers run in real time). */
  clock?: Clock;
  /** Wraps the composed handler (e.g. one that throws for a marker). */
  wrapHandle?: (handle: HandleFn) => HandleFn;
  /** Replaces the sender learning port of the composed services (e.g. an in-memory one to inspect). */
  senders?: SenderConfirmations;
  /** Reuse servers from an earlier harness (restart scenarios). */
  dovecot?: DovecotServer;
  sink?: SmtpSink;
  dbPath?: string;
  /** TLS options for the channel's IMAP connection (e.g. the test certificate as `ca`). */
  imapTls?: ConnectionOptions;
  /** Store attachment files there (tickets' createAttachmentFiles). */
  attachmentsDir?: string;
  /** Do not start channel and worker. */
  noStart?: boolean;
}

async function outsideClient(dovecot: DovecotServer): Promise<ImapFlow> {
  const tls = dovecot.certificate === undefined ? {} : { tls: { ca: dovecot.certificate } };
  const imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false, ...tls });
  await imap.connect();
  return imap;
}

/** Starts (or reuses) the servers and the whole mail stack. */
export async function startEmailHarness(options: HarnessOptions = {}): Promise<EmailHarness> {
  const logger = options.logger ?? silentLogger;
  const dovecot = options.dovecot ?? (await startDovecot());
  const sink = options.sink ?? (await startSmtpSink());
  const clock = options.clock ?? systemClock;
  const dir = mkdtempSync(join(tmpdir(), 'pakt-email-'));
  const dbPath = options.dbPath ?? join(dir, 'pakt.db');
  const services = await composeServices({ dbPath, attachmentsDir: options.attachmentsDir ?? join(dir, 'attachments'), clock, logger });
  const { ticketModule: stores } = services;
  const db = openDatabase(dbPath, [], logger);
  const senders = options.senders;
  const handle: HandleFn = senders === undefined ? (request) => services.handle(request) : (request) => handleEnquiry(request, { ...services.handleDeps, senders });
  const config = emailConfig(dovecot, sink, options.config);
  const channel = createEmailChannel({
    config,
    db: services.sql,
    handle: options.wrapHandle ? options.wrapHandle(handle) : handle,
    logger,
    clock,
    tuning: { ...FAST_TUNING, ...options.tuning },
    ...(options.attachmentsDir === undefined ? {} : { attachments: services.attachments }),
    ...(options.imapTls === undefined ? {} : { imapTls: options.imapTls }),
  });
  // As the server: staff messages go to the team's mailbox (no Teams channel here).
  const fanOut = services.staffFanOut();
  const worker = createOutboxWorker({ store: stores.outbox, deliverers: { email: channel.deliverer }, fanOut, clock, logger, pollMs: 50, baseBackoffMs: 100, maxBackoffMs: 400 });
  const imap = await outsideClient(dovecot);
  if (options.noStart !== true) {
    await channel.start();
    worker.start();
  }
  return {
    dovecot,
    sink,
    services,
    db,
    dbPath,
    config,
    stores,
    channel,
    worker,
    imap,
    async append(raw) {
      await imap.append('INBOX', raw);
    },
    async uids(folder) {
      const lock = await imap.getMailboxLock(folder);
      try {
        return ((await imap.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
      } finally {
        lock.release();
      }
    },
    async waitForFolder(folder, count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = await imap.status(folder, { messages: true }).catch(() => false as const);
        if (status !== false && (status.messages ?? 0) >= count) return;
        if (Date.now() > deadline) throw new Error(`harness: ${folder} has ${status === false ? 'no' : status.messages} of ${count} messages`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await channel.stop();
      await worker.stop();
      await imap.logout().catch(() => imap.close());
      await services.close();
      db.close();
      if (options.sink === undefined) await sink.close();
      if (options.dovecot === undefined) await dovecot.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A plain test mail. */
export function mail(id: string, from: string, subject: string, body: string, extra: string[] = []): string {
  return [
    `From: ${from}`,
    `To: ${OWN}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${id}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    ...extra,
    '',
    body,
    '',
  ].join('\r\n');
}
