/**
 * Failover of the mailbox leader (issue 15, "Measured"): two service processes (`node dist/server/main.js`, what
 * `npm start` runs) on one PostgreSQL database, with a Dovecot mailbox and the SMTP sink. Each round SIGKILLs
 * the replica that reads the mailbox, appends a new enquiry right after the kill, and measures from the kill
 * to (1) the other replica's /readyz naming it leader and (2) the reply to that enquiry reaching the sink. The
 * killed replica is then started again (it comes back as standby) and the next round kills the other one.
 * Every setting but the leader poll interval is the service's default (IDLE, OUTBOX_POLL_MS 1 s).
 *
 * A standby tries the lock once while starting (just before its "listening" line) and then every poll interval.
 * A kill right after such a try always costs a whole interval, one right before it almost nothing; in the field
 * the kill falls anywhere. So the rounds place the kill evenly over the standby's cycle: round r of R at
 * (r − ½)/R of the interval after a try, and their median is the typical failover, the slowest round near the
 * worst case.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { startDovecot, type DovecotServer } from '../../test/helpers/dovecot.js';
import type { PostgresServer } from '../../test/helpers/postgres.js';
import { enquiryMail, mailboxRole, replicaEnv, startReplica, until, type Replica } from '../../test/helpers/replicas.js';
import { startSmtpSink, type SmtpSink } from '../../test/helpers/smtp-sink.js';
import { ENTRY, ensureBuilt } from './process.js';

const OWN = 'integrationsmanagement@rps.bwl.de';
/** How often the bench looks at /readyz and the sink while waiting (the resolution of the figures). */
const PROBE_MS = 25;

/** One round: milliseconds from the SIGKILL. */
export interface FailoverRound {
  /** … until the standby's /readyz says `leader` (the lock is won; IMAP may still be connecting). */
  leaderMs: number;
  /** … until the reply to the first mail appended after the kill is at the SMTP sink. */
  answeredMs: number;
}

/** The outcome: the rounds, or why there were none. */
export type FailoverResult = { kind: 'measured'; rounds: FailoverRound[] } | { kind: 'skipped'; reason: string };

/** Options of {@link measureFailover}. */
export interface FailoverOptions {
  server: PostgresServer;
  rounds: number;
  /** MAILBOX_LEADER_POLL_MS of both replicas. */
  leaderPollMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Whether Dovecot is installed (the helper's binary, DOVECOT_BIN or /usr/sbin/dovecot). */
function dovecotMissing(): string | null {
  const bin = process.env['DOVECOT_BIN'] ?? '/usr/sbin/dovecot';
  return existsSync(bin) ? null : `no dovecot (${bin} not found; apt-get install dovecot-imapd)`;
}

/** Waits until one replica leads (IMAP connected) and the other stands by; returns [leader, standby]. */
async function roles(replicas: Replica[]): Promise<[Replica, Replica]> {
  return until(
    'one leader and one standby',
    async () => {
      const [a, b] = replicas as [Replica, Replica];
      const [ra, rb] = await Promise.all([mailboxRole(a), mailboxRole(b)]);
      if (ra === 'leader' && rb === 'standby') return [a, b] as [Replica, Replica];
      if (rb === 'leader' && ra === 'standby') return [b, a] as [Replica, Replica];
      return null;
    },
    60_000,
    PROBE_MS,
  );
}

/** Resolves with the time the reply to `messageId` is at the sink. */
function answeredAt(sink: SmtpSink, messageId: string, timeoutMs: number): Promise<number> {
  return until(`the reply to ${messageId}`, async () => (sink.messages.some((m) => m.headers['in-reply-to'] === messageId) ? performance.now() : null), timeoutMs, PROBE_MS);
}

/**
 * Runs the failover rounds. Without Dovecot (or when it does not start) the result says why instead of throwing.
 *
 * @example
 * const result = await measureFailover({ server, rounds: 3, leaderPollMs: 5000 });
 */
export async function measureFailover(options: FailoverOptions): Promise<FailoverResult> {
  const missing = dovecotMissing();
  if (missing !== null) return { kind: 'skipped', reason: missing };
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'pakt-bench-failover-'));
  let dovecot: DovecotServer | undefined;
  let sink: SmtpSink | undefined;
  let imap: ImapFlow | undefined;
  const replicas: Replica[] = [];
  try {
    try {
      dovecot = await startDovecot();
    } catch (error) {
      return { kind: 'skipped', reason: `no dovecot (${(error as Error).message.split('\n')[0]})` };
    }
    sink = await startSmtpSink();
    const url = await options.server.createDatabase('failover');
    const env = (name: string): Record<string, string> => ({
      ...replicaEnv({ url, dir, name, dovecot: dovecot!, sink: sink!, mailFrom: OWN }),
      MAILBOX_LEADER_POLL_MS: String(options.leaderPollMs),
    });
    // When each replica logged "listening": its first try at the lock (see above).
    const listening = new Map<Replica, number>();
    const start = async (name: string): Promise<Replica> => {
      const replica = await startReplica({ name, env: env(name), entry: ENTRY });
      listening.set(replica, performance.now());
      return replica;
    };
    // One after the other: the first migrates the schema.
    replicas.push(await start('a'));
    replicas.push(await start('b'));
    imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    imap.on('error', () => undefined);
    await imap.connect();
    const messageIdOf = (i: number): string => `<failover-${i}@aidlingen.example>`;
    const append = async (i: number): Promise<void> => {
      await imap!.append('INBOX', enquiryMail(i, messageIdOf(i), OWN));
    };
    // Warm-up: the leader answers one mail, so the whole path (IMAP, answer, outbox, SMTP) has run once.
    await roles(replicas);
    await append(0);
    await answeredAt(sink, messageIdOf(0), 60_000);

    const rounds: FailoverRound[] = [];
    for (let r = 1; r <= options.rounds; r += 1) {
      const [leader, standby] = await roles(replicas);
      const phaseMs = ((r - 0.5) / options.rounds) * options.leaderPollMs;
      const sinceTry = (performance.now() - listening.get(standby)!) % options.leaderPollMs;
      await sleep((phaseMs - sinceTry + options.leaderPollMs) % options.leaderPollMs);
      const exited = new Promise<void>((resolve) => leader.child.once('exit', () => resolve()));
      const t0 = performance.now();
      leader.child.kill('SIGKILL');
      // The probes run while the mail is appended (a few ms), so a quick takeover is not timed late.
      const [leaderAt, answered] = await Promise.all([
        until('the standby to lead', async () => ((await mailboxRole(standby))?.startsWith('leader') === true ? performance.now() : null), 60_000, PROBE_MS),
        answeredAt(sink, messageIdOf(r), 120_000),
        append(r),
      ]);
      rounds.push({ leaderMs: leaderAt - t0, answeredMs: answered - t0 });
      process.stderr.write(`  failover round ${r}/${options.rounds}: ${leader.name} killed ${phaseMs.toFixed(0)} ms after ${standby.name}'s try; ${standby.name} leads after ${(leaderAt - t0).toFixed(0)} ms, mail answered after ${(answered - t0).toFixed(0)} ms\n`);
      await exited;
      replicas[replicas.indexOf(leader)] = await start(leader.name);
    }
    return { kind: 'measured', rounds };
  } finally {
    for (const r of replicas) if (r.isAlive()) r.child.kill('SIGKILL');
    await imap?.logout().catch(() => undefined);
    await Promise.all([dovecot?.stop(), sink?.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
