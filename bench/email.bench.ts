/**
 * Mail channel benchmark (issue 6) against a private Dovecot and an smtp-server sink, with the real core
 * (knowledge base, routing, tickets on a temp SQLite file) and the outbox worker:
 *  1. a backlog of N mails (default 1,000) in the inbox processed and answered end to end: wall time,
 *     throughput (target ≥ 20 mails/s) and peak memory. The outbox worker polls every --poll-ms (50) and
 *     claims up to 100 messages per drain: with the service defaults (OUTBOX_POLL_MS 1000, 20 per drain) the
 *     worker alone caps sending at 20 messages/s;
 *  2. APPEND-to-reply latency of single mails with the channel in IDLE (target < 2 s), with the outbox worker
 *     polling as configured (OUTBOX_POLL_MS default 1000 ms) and with a fast poll.
 * Usage: npx tsx bench/email.bench.ts [--mails 1000] [--poll-ms 50]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { createEmailChannel, emailMigrations } from '../src/channels/email/index.js';
import { silentLogger, systemClock } from '../src/core/ports.js';
import { openDatabase } from '../src/tickets/database.sqlite.js';
import { ticketMigrations } from '../src/tickets/migrations.js';
import { createOutboxWorker } from '../src/tickets/outbox-worker.js';
import { startDovecot } from '../test/helpers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../test/helpers/smtp-sink.js';
import { composeHandle, emailConfig, mail } from '../test/integration/email/harness.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const MAILS = arg('mails', 1000);
const FAST_POLL_MS = arg('poll-ms', 50);

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

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('bench: timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function waitForReply(sink: SmtpSink, id: string, timeoutMs = 30_000): Promise<void> {
  return until(() => sink.messages.some((m) => m.parsed.inReplyTo === id), timeoutMs);
}

async function main(): Promise<void> {
  const [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
  const dir = mkdtempSync(join(tmpdir(), 'pakt-email-bench-'));
  const db = openDatabase(join(dir, 'pakt.db'), [...ticketMigrations, ...emailMigrations], silentLogger);
  const { handle, stores } = await composeHandle(db, systemClock, silentLogger);
  const config = emailConfig(dovecot, sink, { IMAP_START_DATE: new Date(Date.now() - 3600_000).toISOString() });
  const channel = createEmailChannel({ config, db, handle, logger: silentLogger, clock: systemClock });
  const imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await imap.connect();
  try {
    process.stdout.write(`appending ${MAILS} mails … `);
    for (let i = 0; i < MAILS; i += 1) await imap.append('INBOX', question(i, `bench-${i}@kommune.example`));
    process.stdout.write('done\n');

    // 1. Backlog, with a fast-polling worker that drains large batches.
    let worker = createOutboxWorker({ store: stores.outbox, deliverers: { email: channel.deliverer }, clock: systemClock, logger: silentLogger, pollMs: FAST_POLL_MS, batchSize: 100 });
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const started = performance.now();
    await channel.start();
    worker.start();
    let processedAt = 0;
    await until(async () => {
      const status = await imap.status(config.IMAP_PROCESSED_FOLDER, { messages: true });
      const done = status !== false && status.messages === MAILS;
      if (done && processedAt === 0) processedAt = performance.now();
      return done;
    }, 600_000);
    await until(() => (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n === 0, 600_000);
    const wall = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const outcomes = db.prepare("SELECT outcome, COUNT(*) AS n FROM enquiries WHERE key LIKE 'email:bench-%' GROUP BY outcome").all() as { outcome: string; n: number }[];
    const replies = sink.messages.filter((m) => m.parsed.inReplyTo?.startsWith('<bench-')).length;
    const intake = (processedAt - started) / 1000;
    console.log(`backlog: ${MAILS} mails read, decided, recorded and moved in ${intake.toFixed(1)} s (${(MAILS / intake).toFixed(1)} mails/s); all answers sent after ${wall.toFixed(1)} s`);
    console.log(`throughput: ${(MAILS / wall).toFixed(1)} mails/s end to end (target ≥ 20); ${sink.messages.length} mails sent (${replies} replies to requesters, rest staff notifications)`);
    console.log(`outcomes: ${outcomes.map((o) => `${o.outcome}=${o.n}`).join(', ')}`);
    console.log(`peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB (process incl. Dovecot client, SQLite, knowledge index)`);

    // 2. Latency with IDLE, for the configured worker poll (1000 ms) and a fast one.
    for (const pollMs of [1000, FAST_POLL_MS]) {
      await worker.stop();
      worker = createOutboxWorker({ store: stores.outbox, deliverers: { email: channel.deliverer }, clock: systemClock, logger: silentLogger, pollMs });
      worker.start();
      const samples: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        await new Promise((r) => setTimeout(r, 300));
        const id = `latency-${pollMs}-${i}@kommune.example`;
        const t0 = performance.now();
        await imap.append('INBOX', question(i, id));
        await waitForReply(sink, `<${id}>`);
        samples.push(performance.now() - t0);
      }
      samples.sort((a, b) => a - b);
      console.log(
        `APPEND→reply with IDLE (worker poll ${pollMs} ms): median ${samples[3]!.toFixed(0)} ms, max ${samples[6]!.toFixed(0)} ms (target < 2000 ms)`,
      );
    }
    await worker.stop();
  } finally {
    await channel.stop();
    await imap.logout().catch(() => imap.close());
    db.close();
    await sink.close();
    await dovecot.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
