/**
 * The mail channel against real servers: a private Dovecot (test/helpers/dovecot.ts), the smtp-server sink,
 * the shipped knowledge base and routing, tickets on a temp SQLite file, and the outbox worker delivering with
 * the channel's deliverer. A separate imapflow client APPENDs mail and inspects folders, as a mail server
 * delivering into the shared mailbox would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import type Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import { createEmailChannel, emailMigrations, type EmailChannel, type EmailConfig, type EmailTuning } from '../../../src/channels/email/index.js';
import type { HandleFn } from '../../../src/channels/email/process-message.js';
import { handleEnquiry, type HandleEnquiryDeps, type SenderConfirmations } from '../../../src/core/handle-enquiry.js';
import type { OutboundMessage } from '../../../src/core/outcome.js';
import { fanOutLegs } from '../../../src/core/staff-messages.js';
import type { FanOutLeg } from '../../../src/core/ticket-model.js';
import { silentLogger, systemClock, type Clock, type Logger } from '../../../src/core/ports.js';
import { openKnowledgeBase } from '../../../src/knowledge/knowledge-base.fs.js';
import type { KnowledgeBase } from '../../../src/knowledge/types.js';
import { loadRouting, type Routing } from '../../../src/routing/router.loader.js';
import { createAttachmentFiles } from '../../../src/tickets/attachments.fs.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import { createDeadlinePolicy } from '../../../src/tickets/deadlines.js';
import { ticketMigrations } from '../../../src/tickets/migrations.js';
import { createOutboxWorker, type OutboxWorker } from '../../../src/tickets/outbox-worker.js';
import { createSqliteTicketStores, type SqliteTicketStores } from '../../../src/tickets/ticket-store.sqlite.js';
import { startDovecot, type DovecotServer } from '../../helpers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';

export const OWN = 'integrationsmanagement@rps.bwl.de';
export const OWN2 = 'im-postfach@rps.bwl.de';
export const FIXTURES = new URL('../../fixtures/mail/', import.meta.url).pathname;

/** Short timers so reconnects and retries happen within a test. */
export const FAST_TUNING: Partial<EmailTuning> = { reconnectMinMs: 50, reconnectMaxMs: 400, maxIdleMs: 60_000 };

let shared: Promise<{ kb: KnowledgeBase; routing: Routing }> | null = null;

/** Knowledge base and routing are read once per test file. */
export function sharedData(): Promise<{ kb: KnowledgeBase; routing: Routing }> {
  shared ??= Promise.all([openKnowledgeBase({ dir: 'knowledge', logger: silentLogger }), loadRouting({ logger: silentLogger })]).then(
    ([kb, routing]) => ({ kb, routing }),
  );
  return shared;
}

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

/** Builds the core handler over a database, as the composition root does. */
export async function composeHandle(
  db: Database.Database,
  clock: Clock,
  logger: Logger,
  senders?: SenderConfirmations,
): Promise<{ handle: HandleFn; stores: SqliteTicketStores; fanOut: (message: OutboundMessage) => FanOutLeg[] }> {
  const { kb, routing } = await sharedData();
  const stores = createSqliteTicketStores(db);
  const deps: HandleEnquiryDeps = {
    answerer: kb,
    router: routing.router,
    staff: routing.staff,
    ledger: stores.ledger,
    deadlines: createDeadlinePolicy(),
    clock,
    logger,
    ...(senders === undefined ? {} : { senders }),
  };
  const handle: HandleFn = (request) => handleEnquiry(request, deps);
  // As the server: staff messages go to the team's mailbox (no Teams channel here).
  const fanOut = (message: OutboundMessage): FanOutLeg[] => fanOutLegs(message, { staff: routing.staff });
  return { handle, stores, fanOut };
}

/** What the tests use. */
export interface EmailHarness {
  dovecot: DovecotServer;
  sink: SmtpSink;
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
  /** Wraps the composed handler (e.g. one that throws for a marker). */
  wrapHandle?: (handle: HandleFn) => HandleFn;
  /** Sender learning port of the core (as the server's `routing.confirmSender`). */
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
  const dir = options.dbPath === undefined ? mkdtempSync(join(tmpdir(), 'pakt-email-')) : null;
  const dbPath = options.dbPath ?? join(dir as string, 'pakt.db');
  const db = openDatabase(dbPath, [...ticketMigrations, ...emailMigrations], logger);
  const { handle, stores, fanOut } = await composeHandle(db, systemClock, logger, options.senders);
  const config = emailConfig(dovecot, sink, options.config);
  const channel = createEmailChannel({
    config,
    db,
    handle: options.wrapHandle ? options.wrapHandle(handle) : handle,
    logger,
    clock: systemClock,
    tuning: { ...FAST_TUNING, ...options.tuning },
    ...(options.attachmentsDir === undefined ? {} : { attachments: createAttachmentFiles({ dir: options.attachmentsDir }) }),
    ...(options.imapTls === undefined ? {} : { imapTls: options.imapTls }),
  });
  const worker = createOutboxWorker({ store: stores.outbox, deliverers: { email: channel.deliverer }, fanOut, clock: systemClock, logger, pollMs: 50, baseBackoffMs: 100, maxBackoffMs: 400 });
  const imap = await outsideClient(dovecot);
  if (options.noStart !== true) {
    await channel.start();
    worker.start();
  }
  return {
    dovecot,
    sink,
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
      db.close();
      if (options.sink === undefined) await sink.close();
      if (options.dovecot === undefined) await dovecot.stop();
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
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
