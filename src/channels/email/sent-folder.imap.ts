/**
 * The mailbox's Sent folder as the record of what the service sent (issue 10). Every reply is appended after
 * SMTP accepted it; before an outbox message whose earlier attempt ended without a result is sent again, the
 * folder is searched for its Message-ID (derived from the outbox key, so a resend carries the same one). That
 * turns "a crash between SMTP acceptance and bookkeeping sends the mail twice" into "sends it once", except for
 * a crash in the moment between SMTP acceptance and the append.
 *
 * Its own IMAP session (the watcher's session holds the inbox lock while it works), opened on first use and
 * again after any failure; operations run one at a time.
 */
import { errorCode } from '../../core/error-code.js';
import { AppError } from '../../core/errors.js';
import type { ConnectionOptions } from 'node:tls';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { Logger } from '../../core/ports.js';
import type { EmailConfig } from './config.js';
import { resolveAuth } from './watcher.imap.js';

/** Default folder name when the server names no special-use \Sent folder and IMAP_SENT_FOLDER is unset. */
export const DEFAULT_SENT_FOLDER = 'Sent';

/** What the sender needs of the Sent folder. */
export interface SentFolder {
  /** Appends a sent message (raw RFC 5322 bytes, flagged \Seen). */
  save(raw: Buffer): Promise<void>;
  /** True when a message with this Message-ID (with angle brackets) is in the folder. */
  contains(messageId: string): Promise<boolean>;
  /** Logs out (the next use connects again). */
  close(): Promise<void>;
}

/** Collaborators of {@link createSentFolder}. */
export interface SentFolderDeps {
  config: EmailConfig;
  logger: Logger;
  tls?: ConnectionOptions | undefined;
  /** Test seam: builds the client (default `new ImapFlow(options)`). */
  createClient?: (options: ImapFlowOptions) => ImapFlow;
  /** Longest one operation may take before its session is dropped (default {@link OPERATION_TIMEOUT_MS}). */
  operationTimeoutMs?: number;
}

/**
 * One append or search may take this long. A session cut in the middle of a command can leave it without an
 * answer (a mailbox lock never granted); without a bound, the outbox worker waiting for it would stall until the
 * socket timeout (minutes).
 */
export const OPERATION_TIMEOUT_MS = 60_000;

function clientOptions(config: EmailConfig, auth: ImapFlowOptions['auth'], tls?: ConnectionOptions): ImapFlowOptions {
  const options: ImapFlowOptions = {
    host: config.IMAP_HOST,
    port: config.IMAP_PORT,
    secure: config.IMAP_SECURE,
    auth,
    // imapflow's own lines carry envelopes and addresses: not logged (no personal data).
    logger: false,
    connectionTimeout: 30_000,
    greetingTimeout: 16_000,
    socketTimeout: 5 * 60_000,
    clientInfo: { name: 'pakt-assistent-sent' },
  };
  if (!config.IMAP_SECURE && config.IMAP_STARTTLS) options.doSTARTTLS = true;
  if (tls !== undefined) options.tls = tls;
  return options;
}

/** The configured folder, else the server's special-use \Sent folder, else "Sent"; created when missing. */
async function resolveFolder(client: ImapFlow, configured: string | undefined): Promise<string> {
  const folders = await client.list();
  if (configured === undefined) {
    const special = folders.find((f) => f.specialUse === '\\Sent');
    if (special !== undefined) return special.path;
  }
  const name = configured ?? DEFAULT_SENT_FOLDER;
  if (!folders.some((f) => f.path === name)) await client.mailboxCreate(name);
  return name;
}

/**
 * Creates the Sent folder access; nothing connects before the first call.
 *
 * @example
 * const sent = createSentFolder({ config, logger });
 * await sent.save(raw); await sent.contains('<pakt.3f2a…@rps.bwl.de>'); // → true
 */
export function createSentFolder(deps: SentFolderDeps): SentFolder {
  const logger = deps.logger.child({ component: 'imap-sent' });
  const build = deps.createClient ?? ((options: ImapFlowOptions) => new ImapFlow(options));
  let session: { client: ImapFlow; folder: string } | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const limitMs = deps.operationTimeoutMs ?? OPERATION_TIMEOUT_MS;

  const drop = (client: ImapFlow): void => {
    if (session?.client === client) session = null;
    client.close();
  };

  const connect = async (): Promise<{ client: ImapFlow; folder: string }> => {
    if (session !== null && session.client.usable) return session;
    const client = build(clientOptions(deps.config, await resolveAuth(deps.config), deps.tls));
    // A dropped idle session emits 'error'; the next operation connects again.
    client.on('error', (error: unknown) => logger.debug({ code: errorCode(error) }, 'Sent folder session error'));
    client.on('close', () => {
      if (session?.client === client) session = null;
    });
    await client.connect();
    try {
      session = { client, folder: await resolveFolder(client, deps.config.IMAP_SENT_FOLDER) };
    } catch (error) {
      drop(client);
      throw error;
    }
    return session;
  };

  const run = <T>(operation: (client: ImapFlow, folder: string) => Promise<T>): Promise<T> => {
    const next = queue.then(async () => {
      const { client, folder } = await connect();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new AppError('IMAP_CONNECTION', `imap: Sent folder operation took longer than ${limitMs} ms`)), limitMs);
      });
      try {
        return await Promise.race([operation(client, folder), timeout]);
      } catch (error) {
        drop(client);
        throw error;
      } finally {
        clearTimeout(timer);
      }
    });
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    save: (raw) =>
      run(async (client, folder) => {
        await client.append(folder, raw, ['\\Seen']);
      }),
    contains: (messageId) =>
      run(async (client, folder) => {
        const lock = await client.getMailboxLock(folder, { readOnly: true });
        try {
          const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
          return Array.isArray(found) && found.length > 0;
        } finally {
          lock.release();
        }
      }),
    async close() {
      await queue;
      const current = session;
      session = null;
      if (current !== null) await current.client.logout().catch(() => current.client.close());
    },
  };
}
