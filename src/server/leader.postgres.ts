/**
 * Mailbox leadership across replicas (issue 15, preparation): a PostgreSQL session advisory lock held on a
 * dedicated connection (not from a pool: the lock lives exactly as long as that connection). The leader is
 * the process whose connection holds the lock; when that connection dies (process killed, network cut,
 * `pg_terminate_backend`) PostgreSQL releases the lock and another contender's next try takes it. A
 * contender tries every `pollMs`; a leader checks its connection every `pollMs` and steps down the moment it
 * errors (the 'error'/'end' events of the client, or a failing check). A leader that lost its connection
 * waits {@link STEP_DOWN_POLLS} intervals before contending again, so a healthy contender takes over
 * instead of the troubled one winning the lock straight back.
 *
 * Not wired into the e-mail channel yet: the mail door still reads the mailbox in every process.
 */
import { errorCode } from '../core/error-code.js';
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../core/ports.js';

/** Poll intervals a former leader sits out after losing its connection. */
export const STEP_DOWN_POLLS = 3;

/** Options of {@link createPostgresLeader}. */
export interface PostgresLeaderOptions {
  url: string;
  /** What is led, e.g. `mailbox:INBOX`; the lock key is derived from it. */
  name: string;
  logger: Logger;
  /** Milliseconds between tries (contender) and connection checks (leader). Default 5000. */
  pollMs?: number;
  /** Called with true on becoming leader and false on losing or giving up leadership. */
  onChange?: (leading: boolean) => void;
  /** `application_name` of the dedicated connection (visible in pg_stat_activity). */
  applicationName?: string;
}

/** A running contender. */
export interface PostgresLeader {
  isLeader(): boolean;
  /** Releases the lock (if held), closes the connection and stops trying. */
  stop(): Promise<void>;
}

/** A signed 64-bit advisory lock key (decimal string) from a name: the first 8 bytes of its sha256. */
export function advisoryKey(name: string): string {
  return createHash('sha256').update(`pakt:${name}`).digest().readBigInt64BE(0).toString();
}

/**
 * Starts contending for leadership of `name`; resolves after the first try (so `isLeader()` is meaningful).
 *
 * @example
 * const leader = await createPostgresLeader({ url, name: 'mailbox:INBOX', logger, onChange: (on) => on ? mail.start() : mail.stop() });
 */
export async function createPostgresLeader(options: PostgresLeaderOptions): Promise<PostgresLeader> {
  const { url, name, logger } = options;
  const pollMs = options.pollMs ?? 5000;
  const key = advisoryKey(name);
  const log = logger.child({ component: 'leader', lock: name });
  let client: pg.Client | null = null;
  let leading = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> = Promise.resolve();
  let sitOutUntil = 0;

  const setLeading = (value: boolean): void => {
    if (leading === value) return;
    leading = value;
    log.info({ leading: value }, value ? 'became leader' : 'not leader any more');
    options.onChange?.(value);
  };

  /** Drops the connection (the lock goes with it) and steps down. */
  const drop = (reason: string): void => {
    const old = client;
    client = null;
    if (old !== null) {
      old.removeAllListeners('error');
      old.on('error', () => undefined);
      void old.end().catch(() => undefined);
    }
    if (leading) {
      log.warn({ reason }, 'leader connection lost');
      sitOutUntil = Date.now() + STEP_DOWN_POLLS * pollMs;
    }
    setLeading(false);
  };

  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: url, application_name: options.applicationName ?? `pakt-leader`, keepAlive: true, connectionTimeoutMillis: Math.max(1000, pollMs) });
    c.on('error', () => {
      if (client === c) drop('connection error');
    });
    c.on('end', () => {
      if (client === c) drop('connection ended');
    });
    await c.connect();
    return c;
  };

  const tick = async (): Promise<void> => {
    if (stopped || (client === null && Date.now() < sitOutUntil)) return;
    try {
      if (client === null) client = await connect();
      const c = client;
      if (leading) {
        await c.query('SELECT 1');
      } else {
        const { rows } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [key]);
        if (client === c && rows[0]?.ok === true && !stopped) setLeading(true);
      }
    } catch (error) {
      log.warn({ code: errorCode(error) ?? 'error' }, 'leader check failed');
      drop('check failed');
    }
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      busy = tick().finally(schedule);
    }, pollMs);
    timer.unref();
  };

  busy = tick();
  await busy;
  schedule();

  return {
    isLeader: () => leading,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await busy.catch(() => undefined);
      const c = client;
      client = null;
      if (c !== null) {
        if (leading) await c.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
        await c.end().catch(() => undefined);
      }
      setLeading(false);
    },
  };
}
