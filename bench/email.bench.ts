/**
 * Mail bench (issue 12 items 4 and 6): a backlog of N mails (default 1,000) on a private Dovecot answered
 * end to end by our service as `npm start` runs it (`node dist/server/main.js` with IMAP and SMTP configured,
 * a temp database, the outbox worker polling every --poll-ms, default 50: the service default of 1,000 ms
 * with 20 messages per drain would cap sending at 20/s by configuration), beside its floor: raw imapflow fetch
 * + nodemailer send (bench/floors/mail-floor.mjs). Both run as their own processes against the same Dovecot
 * and the same SMTP sink (here, recording only In-Reply-To). Interleaved rounds (ours, floor, …).
 *
 * The backlog is appended to a staging folder first and moved into INBOX in one command once the contender
 * is ready, so start-up is not timed and the mails are all there at once. Timed: from that move until every
 * mail has its reply at the sink and the inbox is empty. Peak memory: the contender's VmHWM.
 * Usage: npx tsx bench/email.bench.ts [--mails 1000] [--poll-ms 50] [--rounds 3] [--quick]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ImapFlow } from 'imapflow';
import { SMTPServer } from 'smtp-server';
import { imapEnv, startDovecot, type DovecotServer } from '../test/helpers/dovecot.js';
import { mail } from '../test/integration/email/harness.js';
import { cpuMsOf, ENTRY, ensureBuilt, freePort, memoryOf, startServer } from './lib/process.js';
import { atLeast, atMost, benchOptions, finish, interleaved, medianOf, noTarget, num, numberArg, row } from './lib/report.js';

const options = benchOptions();
const MAILS = numberArg('mails', options.quick ? 300 : 1000);
const POLL_MS = numberArg('poll-ms', 50);
const FROM = 'integrationsmanagement@rps.bwl.de';
const PROCESSED = 'Bearbeitet';
const STAGING = 'Bench-Staging';

const QUESTIONS = [
  'wie hoch ist der Fördersatz pro Vollzeitstelle im Integrationsmanagement?',
  'bis wann muss der Verwendungsnachweis vorgelegt werden?',
  'unser Bescheid vom 3. März nennt eine falsche Summe, bitte prüfen Sie das (Aktenzeichen 14-2026-0815).',
  'können Personalkosten für eine Elternzeitvertretung gefördert werden?',
];
const PLACES = ['Gemeinde Altdorf', 'Stadt Sindelfingen', 'Landratsamt Tübingen', 'Stadt Esslingen am Neckar'];

function question(i: number, id: string): string {
  const body = `Guten Tag,\r\n\r\n${QUESTIONS[i % QUESTIONS.length]}\r\n\r\nMit freundlichen Grüßen\r\n${PLACES[i % PLACES.length]}`;
  return mail(id, `Absender ${i} <absender${i}@kommune${i % 50}.example>`, `Frage ${i}`, body);
}

/** An SMTP sink that records which Message-IDs got a reply (header scan only: cheap, no parsing). */
async function startSink(): Promise<{ port: number; repliedTo: Set<string>; sent: { n: number; duplicates: number }; close(): Promise<void> }> {
  const repliedTo = new Set<string>();
  const messageIds = new Set<string>();
  const sent = { n: 0, duplicates: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        const head = raw.slice(0, Math.max(0, raw.indexOf('\r\n\r\n')));
        const id = /^In-Reply-To:\s*(<[^>]+>)/im.exec(head)?.[1];
        if (id !== undefined) repliedTo.add(id);
        // A Message-ID seen twice is a message sent twice (the service derives it from the outbox key).
        const own = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1];
        if (own !== undefined && messageIds.has(own)) sent.duplicates += 1;
        if (own !== undefined) messageIds.add(own);
        sent.n += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { port, repliedTo, sent, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`mail bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** One contender's figures. */
interface MailRun {
  mailsPerSecond: number;
  seconds: number;
  peakRssMb: number;
  sentTotal: number;
  /** Messages that reached the sink a second time (same Message-ID): must be 0. */
  duplicates: number;
  /** CPU time (user + system) of the contender from the move until done, per mail of the backlog. */
  cpuMsPerMail: number;
}

const [dovecot, sink] = await Promise.all([startDovecot(), startSink()]);
const imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });

function mailEnv(d: DovecotServer): Record<string, string> {
  return {
    ...imapEnv(d),
    IMAP_PROCESSED_FOLDER: PROCESSED,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    SMTP_SECURE: 'false',
    MAIL_FROM: FROM,
  };
}

/** Appends the round's backlog to the staging folder; returns the Message-IDs. */
async function stage(label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < MAILS; i += 1) {
    const id = `${label}-${i}@kommune.example`;
    ids.push(`<${id}>`);
    await imap.append(STAGING, question(i, id));
  }
  return ids;
}

/** Moves the staged backlog into INBOX (one command) and waits until every mail was answered and moved. */
async function release(ids: string[], pid: number, afterMove: () => void = () => undefined): Promise<{ seconds: number; peakRssMb: number; cpuMs: number }> {
  const lock = await imap.getMailboxLock(STAGING);
  const cpuBefore = cpuMsOf(pid);
  const started = performance.now();
  try {
    await imap.messageMove('1:*', 'INBOX');
  } finally {
    lock.release();
  }
  afterMove();
  // Intake (inbox empty) and replies (all at the sink) are noted separately: they show where the time goes.
  let emptyAt = 0;
  let repliedAt = 0;
  let lastStatus = 0;
  await until(async () => {
    const now = performance.now();
    if (repliedAt === 0 && ids.every((id) => sink.repliedTo.has(id))) repliedAt = now;
    if (emptyAt === 0 && now - lastStatus > 200) {
      lastStatus = now;
      const s = await imap.status('INBOX', { messages: true });
      if (s !== false && s.messages === 0) emptyAt = performance.now();
    }
    return emptyAt > 0 && repliedAt > 0;
  }, 60_000 + MAILS * 300, 'replies and an empty inbox');
  process.stderr.write(`    inbox empty after ${((emptyAt - started) / 1000).toFixed(1)} s, every reply at the sink after ${((repliedAt - started) / 1000).toFixed(1)} s\n`);
  const seconds = (performance.now() - started) / 1000;
  try {
    return { seconds, peakRssMb: memoryOf(pid).peakMb, cpuMs: cpuMsOf(pid) - cpuBefore };
  } catch {
    return { seconds, peakRssMb: NaN, cpuMs: NaN }; // the floor exits when done: its sampler has the peak and the CPU
  }
}

async function ours(round: number): Promise<MailRun> {
  const ids = await stage(`ours-${round}`);
  const dir = mkdtempSync(join(tmpdir(), 'pakt-bench-mail-'));
  const sentBefore = sink.sent.n;
  const duplicatesBefore = sink.sent.duplicates;
  const env = { ...mailEnv(dovecot), LOG_LEVEL: 'silent', HOST: '127.0.0.1', OUTBOX_POLL_MS: String(POLL_MS), DATABASE_URL: `sqlite:${join(dir, 'pakt.db')}`, INDEX_CACHE_DIR: join(dir, 'cache'), ATTACHMENTS_DIR: join(dir, 'attachments') };
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles our server.
  const nodeArgs = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
  const server = await startServer(process.execPath, [...nodeArgs, ENTRY], env, await freePort());
  try {
    const r = await release(ids, server.pid);
    await new Promise((resolve) => setTimeout(resolve, 300)); // staff notifications still in the outbox
    return { seconds: r.seconds, peakRssMb: r.peakRssMb, mailsPerSecond: MAILS / r.seconds, sentTotal: sink.sent.n - sentBefore, duplicates: sink.sent.duplicates - duplicatesBefore, cpuMsPerMail: r.cpuMs / MAILS };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function floor(round: number): Promise<MailRun> {
  const ids = await stage(`floor-${round}`);
  const sentBefore = sink.sent.n;
  const duplicatesBefore = sink.sent.duplicates;
  const child = spawn(process.execPath, ['--no-deprecation', fileURLToPath(new URL('./floors/mail-floor.mjs', import.meta.url))], {
    env: { ...process.env, ...mailEnv(dovecot) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => String((await lines.next()).value ?? '');
  if ((await next()) !== 'ready') throw new Error('mail floor did not start');
  const pid = child.pid ?? -1;
  const peak = { mb: 0, cpuMs: cpuMsOf(pid) };
  const cpuStart = peak.cpuMs;
  const sampler = setInterval(() => {
    try {
      const { peakMb } = memoryOf(pid);
      if (Number.isFinite(peakMb)) peak.mb = Math.max(peak.mb, peakMb);
      peak.cpuMs = cpuMsOf(pid); // the last sample before the floor exits (it logs out and quits right after)
    } catch {
      // exited
    }
  }, 20);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const r = await release(ids, pid, () => child.stdin.write('go\n'));
    const cpuMs = Number.isFinite(r.cpuMs) ? r.cpuMs : peak.cpuMs - cpuStart;
    return { seconds: r.seconds, peakRssMb: Math.max(peak.mb, Number.isFinite(r.peakRssMb) ? r.peakRssMb : 0), mailsPerSecond: MAILS / r.seconds, sentTotal: sink.sent.n - sentBefore, duplicates: sink.sent.duplicates - duplicatesBefore, cpuMsPerMail: cpuMs / MAILS };
  } finally {
    clearInterval(sampler);
    await exited;
  }
}

try {
  ensureBuilt();
  await imap.connect();
  const existing = new Set((await imap.list()).map((m) => m.path));
  for (const folder of [STAGING, PROCESSED]) if (!existing.has(folder)) await imap.mailboxCreate(folder);
  process.stderr.write(`Mail: backlog of ${MAILS} mails, outbox poll ${POLL_MS} ms, ${options.rounds} round(s)\n`);
  const r = await interleaved(options.rounds, { ours, floor });
  for (const kind of ['ours', 'floor'] as const) {
    process.stderr.write(`${kind}: ${r[kind].map((x) => `${x.mailsPerSecond.toFixed(1)} mails/s (${x.sentTotal} sent, ${x.duplicates} twice, CPU ${x.cpuMsPerMail.toFixed(2)} ms per mail), peak ${x.peakRssMb.toFixed(0)} MB`).join('; ')}\n`);
  }
  const rate = { ours: medianOf(r.ours, (x) => x.mailsPerSecond), floor: medianOf(r.floor, (x) => x.mailsPerSecond) };
  const peak = { ours: medianOf(r.ours, (x) => x.peakRssMb), floor: medianOf(r.floor, (x) => x.peakRssMb) };
  const cpu = { ours: medianOf(r.ours, (x) => x.cpuMsPerMail), floor: medianOf(r.floor, (x) => x.cpuMsPerMail) };
  finish(
    [
      row('mail', `e-mail, ${MAILS.toLocaleString('en-US')}-mail backlog on Dovecot, answered end to end (floor: imapflow fetch + nodemailer send)`, num(rate.ours, 'mails/s'), num(rate.floor, 'mails/s'), rate.ours / rate.floor, atLeast(0.5)),
      row('mail', 'e-mail backlog: CPU per mail (user + system, the contender process only)', num(cpu.ours, 'ms'), num(cpu.floor, 'ms'), cpu.ours / cpu.floor, noTarget),
      row('mail', 'e-mail backlog: peak RSS', num(peak.ours, 'MB'), num(peak.floor, 'MB'), peak.ours / peak.floor, atMost(2)),
    ],
    options,
  );
} finally {
  await imap.logout().catch(() => imap.close());
  await sink.close();
  await dovecot.stop();
}
