/**
 * Replicas of the service as child processes on one PostgreSQL database with a Dovecot mailbox and the SMTP
 * sink (issue 15): the end-to-end replica test (test/integration/postgres/replicas.e2e.test.ts) and the
 * failover bench (bench/lib/failover.ts) start them the same way. A replica listens on a port of its own choice
 * (PORT=0), read from its "listening" log line; its mailbox role is read from /readyz.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { imapEnv, type DovecotServer } from './dovecot.js';
import type { SmtpSink } from './smtp-sink.js';

/** A running replica. */
export interface Replica {
  name: string;
  child: ChildProcess;
  port: number;
  /** Its stderr so far (the JSON log). */
  log(): string;
  /** True until the process has exited. */
  isAlive(): boolean;
}

/** Options of {@link startReplica}. */
export interface ReplicaOptions {
  name: string;
  /** The environment beyond the parent's (see {@link replicaEnv}). */
  env: Record<string, string>;
  /**
   * What to run: a `.ts` entry runs under tsx (`node --import tsx`, one process), a `.js` entry (dist/, what
   * `npm start` runs) directly. Default `src/server/main.ts`.
   */
  entry?: string;
  /** Milliseconds to wait for the "listening" line. Default 60 s. */
  timeoutMs?: number;
}

/**
 * Starts one replica and resolves once it listens. The caller kills it (SIGKILL or SIGTERM) when done.
 *
 * @example
 * const a = await startReplica({ name: 'a', env: replicaEnv({ url, dir, name: 'a', dovecot, sink, mailFrom }) });
 */
export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const { name } = options;
  const entry = options.entry ?? 'src/server/main.ts';
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`replica ${name} not listening after ${timeoutMs} ms: ${err.slice(-2000)}`));
    }, timeoutMs);
    child.stderr!.on('data', () => {
      const m = /"port":(\d+)[^\n]*"msg":"listening"/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`replica ${name} exited with ${code}: ${err.slice(-2000)}`));
    });
  });
  return { name, child, port, log: () => err, isAlive: () => child.exitCode === null && child.signalCode === null };
}

/** What {@link replicaEnv} builds the environment from. */
export interface ReplicaEnvOptions {
  /** postgres://… of the shared database. */
  url: string;
  /** A temporary directory: each replica's index cache and the shared attachments live under it. */
  dir: string;
  name: string;
  dovecot: DovecotServer;
  sink: SmtpSink;
  /** MAIL_FROM (the service's own address). */
  mailFrom: string;
}

/**
 * The environment of a replica: the shared database, its own index cache, the shared attachments directory,
 * the Dovecot mailbox and the SMTP sink; log level info (the port is read from the log). Tuning (poll
 * intervals) is the caller's.
 */
export function replicaEnv(o: ReplicaEnvOptions): Record<string, string> {
  return {
    PORT: '0',
    LOG_LEVEL: 'info',
    DATABASE_URL: o.url,
    INDEX_CACHE_DIR: join(o.dir, `cache-${o.name}`),
    ATTACHMENTS_DIR: join(o.dir, 'attachments'),
    ...imapEnv(o.dovecot),
    SMTP_HOST: o.sink.host,
    SMTP_PORT: String(o.sink.port),
    SMTP_SECURE: 'false',
    MAIL_FROM: o.mailFrom,
  };
}

/**
 * The mailbox role a replica's /readyz reports: 'leader', 'leader (connecting)' (holds the lock, IMAP not yet
 * connected), 'standby', or null when it does not answer.
 */
export async function mailboxRole(replica: Pick<Replica, 'port'>): Promise<string | null> {
  try {
    const body = (await (await fetch(`http://127.0.0.1:${replica.port}/readyz`)).json()) as { checks: { name: string; ready: boolean; role?: string }[] };
    const mailbox = body.checks.find((c) => c.name === 'mailbox');
    return mailbox?.role === 'leader' && !mailbox.ready ? 'leader (connecting)' : (mailbox?.role ?? null);
  } catch {
    return null;
  }
}

/** Polls `probe` every `intervalMs` until it yields a value (not null, undefined or false); throws after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * An enquiry mail from a municipality (a question the knowledge base answers), RFC 822 text to append to the
 * mailbox. Each `i` has its own sender, so the per-sender limit of automatic answers never applies.
 */
export function enquiryMail(i: number, messageId: string, to: string): string {
  return [
    `From: Hauptamt ${i} <hauptamt${i}@aidlingen.example>`,
    `To: ${to}`,
    `Subject: Frage Sachbericht ${i}`,
    `Message-ID: ${messageId}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Guten Tag,\n\nwie lang darf der Sachbericht höchstens sein?\n\nMit freundlichen Grüßen\nGemeinde Aidlingen',
    '',
  ].join('\r\n');
}
