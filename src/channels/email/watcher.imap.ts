/**
 * Keeps one IMAP session on the watched mailbox: connect (TLS, STARTTLS or plain per config; password or
 * XOAUTH2 with a token from config or a token command), create the folders, select the mailbox, run a sync
 * pass, then IDLE. New mail (EXISTS), the poll timer and IDLE restarts trigger further passes, serialised.
 * After any close it reconnects with exponential backoff using a NEW ImapFlow instance (imapflow clients are
 * single-use); the backoff starts over only after a sync pass succeeded, not on every connect. imapflow's logs go to our logger.
 */
import { errorCode } from '../../core/error-code.js';
import { execFile } from 'node:child_process';
import type { ConnectionOptions } from 'node:tls';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import type { EmailConfig, EmailTuning } from './config.js';
import { ensureFolders } from './mailbox.imap.js';

/** Runs one sync pass on a connected client. */
export type SyncPass = (client: ImapFlow, isStopping: () => boolean) => Promise<unknown>;

/** Collaborators of {@link createImapWatcher}. */
export interface WatcherDeps {
  config: EmailConfig;
  tuning: EmailTuning;
  logger: Logger;
  sync: SyncPass;
  /** Extra TLS options for the IMAP connection, e.g. `{ ca }` to trust an internal certificate authority. */
  tls?: ConnectionOptions | undefined;
  /** Test seam: builds the client for one connection (default `new ImapFlow(options)`). */
  createClient?: (options: ImapFlowOptions) => ImapFlow;
  /**
   * Runs once the mailbox is selected, before the connection counts as up (and before the first `start()`
   * resolves): `selecting` is the time taken right before SELECT. The channel fixes its start point here, so
   * that a mail arriving after `start()` is never taken for history.
   */
  opened?: (client: ImapFlow, selecting: Date) => Promise<void>;
  /** The clock for `selecting` (default the system clock). */
  now?: () => Date;
}

/** The running watcher. */
export interface ImapWatcher {
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): { connected: boolean; detail?: string };
  /** Triggers a sync pass now (used after start and by tests). */
  poke(): void;
}

/** Runs the token command and returns its trimmed stdout (an OAuth2 access token). */
export function runTokenCommand(command: string, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', command], { timeout: timeoutMs, maxBuffer: 64 * 1024 }, (error, stdout) => {
      const token = String(stdout).trim();
      if (error || token === '') {
        reject(new AppError('IMAP_CONNECTION', 'imap: IMAP_TOKEN_COMMAND failed or printed no token', { cause: error ?? undefined }));
      } else resolve(token);
    });
  });
}

/** Login options from config: XOAUTH2 (token or token command) wins over a password. */
export async function resolveAuth(config: EmailConfig): Promise<NonNullable<ImapFlowOptions['auth']>> {
  const user = config.IMAP_USER ?? '';
  if (config.IMAP_TOKEN_COMMAND) return { user, accessToken: await runTokenCommand(config.IMAP_TOKEN_COMMAND) };
  if (config.IMAP_ACCESS_TOKEN) return { user, accessToken: config.IMAP_ACCESS_TOKEN };
  return { user, pass: config.IMAP_PASSWORD ?? '' };
}

/**
 * imapflow's logger interface, forwarded to ours without payloads (no personal data): protocol lines (`src`
 * 's' or 'c', which carry FETCH data such as envelopes) are dropped.
 */
function imapLogger(logger: Logger): NonNullable<ImapFlowOptions['logger']> {
  const forward = (level: 'debug' | 'warn' | 'error') => (obj: Record<string, unknown>) => {
    if (obj['src'] === 's' || obj['src'] === 'c') return;
    const fields: Record<string, unknown> = { cid: obj['cid'] };
    if (obj['err'] instanceof Error) fields['err'] = errorCode(obj['err']) ?? obj['err'].name;
    logger[level](fields, typeof obj['msg'] === 'string' ? obj['msg'] : 'imap');
  };
  return { debug: forward('debug'), info: forward('debug'), warn: forward('warn'), error: forward('error') };
}

function clientOptions(config: EmailConfig, tuning: EmailTuning, auth: ImapFlowOptions['auth'], logger: Logger, tls?: ConnectionOptions): ImapFlowOptions {
  const options: ImapFlowOptions = {
    host: config.IMAP_HOST,
    port: config.IMAP_PORT,
    secure: config.IMAP_SECURE,
    auth,
    logger: imapLogger(logger),
    disableAutoIdle: true,
    maxIdleTime: tuning.maxIdleMs,
    missingIdleCommand: 'NOOP',
    connectionTimeout: 30_000,
    greetingTimeout: 16_000,
    socketTimeout: Math.max(5 * 60_000, tuning.maxIdleMs + 60_000),
    clientInfo: { name: 'pakt-assistent' },
  };
  if (!config.IMAP_SECURE && config.IMAP_STARTTLS) options.doSTARTTLS = true;
  if (tls !== undefined) options.tls = tls;
  return options;
}

/**
 * Creates the watcher; nothing connects until {@link ImapWatcher.start}.
 *
 * @example
 * const watcher = createImapWatcher({ config, tuning, logger, sync: (c, stopping) => syncMailbox(c, deps, stopping) });
 * await watcher.start(); … await watcher.stop();
 */
export function createImapWatcher(deps: WatcherDeps): ImapWatcher {
  const { config, tuning } = deps;
  const logger = deps.logger.child({ component: 'imap' });
  let client: ImapFlow | null = null;
  let stopping = true;
  let running: Promise<void> | null = null;
  let again = false;
  let backoff = tuning.reconnectMinMs;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let detail = 'not started';

  const isStopping = (): boolean => stopping;

  function startIdle(c: ImapFlow): void {
    if (stopping || c !== client) return;
    c.idle().catch((error: unknown) => logger.debug({ code: errorCode(error) }, 'IDLE ended with an error'));
  }

  async function runPasses(): Promise<void> {
    do {
      again = false;
      const c = client;
      if (c === null || stopping) return;
      try {
        await deps.sync(c, isStopping);
        // The session works: only now the reconnect delay starts over. Resetting it on connect would
        // reconnect every second for ever when the session always fails right after login.
        backoff = tuning.reconnectMinMs;
      } catch (error) {
        logger.warn({ code: errorCode(error) ?? (error as Error).name }, 'sync pass failed; closing the session');
        c.close();
        return;
      }
    } while (again && !stopping);
    if (client !== null) startIdle(client);
  }

  function poke(): void {
    if (stopping || client === null) return;
    if (running !== null) {
      again = true;
      return;
    }
    running = runPasses().finally(() => {
      running = null;
    });
  }

  function scheduleReconnect(): void {
    if (stopping || reconnectTimer !== null) return;
    const delay = Math.round(backoff * (1 + Math.random() * 0.2));
    backoff = Math.min(backoff * 2, tuning.reconnectMaxMs);
    logger.info({ delayMs: delay }, 'reconnecting');
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect().catch(() => scheduleReconnect());
    }, delay);
  }

  async function connect(): Promise<void> {
    let auth: ImapFlowOptions['auth'];
    try {
      auth = await resolveAuth(config);
    } catch (error) {
      detail = 'token command failed';
      logger.error({ code: errorCode(error) ?? 'IMAP_CONNECTION' }, 'cannot obtain an OAuth2 token');
      throw error;
    }
    const options = clientOptions(config, tuning, auth, logger, deps.tls);
    const c = deps.createClient ? deps.createClient(options) : new ImapFlow(options);
    c.on('error', (error: Error & { code?: string }) => logger.warn({ code: error.code ?? error.name }, 'imap error'));
    c.on('close', () => {
      if (c !== client) return;
      client = null;
      detail = 'connection closed';
      logger.warn({}, 'imap connection closed');
      scheduleReconnect();
    });
    c.on('exists', () => poke());
    try {
      await c.connect();
      await ensureFolders(c, [config.IMAP_PROCESSED_FOLDER, config.IMAP_QUARANTINE_FOLDER]);
      const selecting = deps.now?.() ?? new Date();
      await c.mailboxOpen(config.IMAP_MAILBOX);
      await deps.opened?.(c, selecting);
    } catch (error) {
      detail = `connect failed: ${errorCode(error) ?? (error as Error).message}`;
      logger.warn({ code: errorCode(error) ?? (error as Error).name, authFailed: (error as { authenticationFailed?: boolean }).authenticationFailed === true }, 'imap connect failed');
      c.close();
      throw error;
    }
    if (stopping) {
      await c.logout().catch(() => c.close());
      return;
    }
    client = c;
    detail = 'connected';
    logger.info({ mailbox: config.IMAP_MAILBOX }, 'imap connected');
    poke();
  }

  return {
    async start() {
      stopping = false;
      pollTimer = setInterval(() => poke(), config.IMAP_POLL_SECONDS * 1000);
      pollTimer.unref();
      try {
        await connect();
      } catch {
        scheduleReconnect();
      }
    },
    async stop() {
      stopping = true;
      if (pollTimer !== null) clearInterval(pollTimer);
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      pollTimer = null;
      reconnectTimer = null;
      if (running !== null) await running;
      const c = client;
      client = null;
      detail = 'stopped';
      if (c !== null) await c.logout().catch(() => c.close());
    },
    status() {
      return client !== null && client.usable ? { connected: true } : { connected: false, detail };
    },
    poke,
  };
}
