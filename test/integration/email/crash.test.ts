/**
 * Exactly once across SIGKILL (issue 10: "0 duplicate sends after SIGKILL in a 50-mail backlog killed twice"):
 * a child process runs the channel and the outbox worker over a backlog of 50 mails; it is killed once in the
 * middle of the intake and once while the outbox delivers (just as the SMTP server has taken a message in), and
 * started again on the same database and mailbox. Every inbound mail is recorded once and answered exactly once:
 * one answer per In-Reply-To and one copy of each Message-ID in the sink (a message whose end reached the SMTP
 * server before a kill is not sent again), none is lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../helpers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';
import { mail } from './harness.js';
import { waitUntil } from './wait.js';

const COUNT = 50;
const QUESTIONS = [
  'wie hoch ist der Fördersatz pro Vollzeitstelle im Integrationsmanagement?',
  'bis wann muss der Verwendungsnachweis vorgelegt werden?',
  'unser Bescheid vom 3. März nennt eine falsche Summe, bitte prüfen Sie das (Aktenzeichen 14-2026-0815).',
];

function startChild(args: object): { child: ChildProcess; lines: string[]; waitForLines(n: number): Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'channel-child.ts'), JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let buffer = '';
  child.stdout?.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) if (line.startsWith('handled')) lines.push(line);
    for (const w of waiters.splice(0)) {
      if (lines.length >= w.n) w.resolve();
      else waiters.push(w);
    }
  });
  return {
    child,
    lines,
    waitForLines: (n) => (lines.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
  };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

describe('exactly once across SIGKILL', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let dir: string;

  beforeAll(async () => {
    [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
    dir = mkdtempSync(join(tmpdir(), 'pakt-email-crash-'));
  });

  afterAll(async () => {
    await sink?.close();
    await dovecot?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every mail of a 50-mail backlog exactly once when killed twice: during intake and during delivery', async () => {
    const startDate = new Date(Date.now() - 60_000).toISOString();
    const imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await imap.connect();
    for (let i = 0; i < COUNT; i += 1) {
      const body = `Guten Tag,\r\n\r\n${QUESTIONS[i % QUESTIONS.length]}\r\n\r\nMit freundlichen Grüßen\r\nGemeinde Altdorf`;
      await imap.append('INBOX', mail(`crash-${i}@altdorf.example`, `Absender ${i} <absender${i}@altdorf.example>`, `Frage ${i}`, body));
    }
    const dbPath = join(dir, 'pakt.db');
    const args = { dbPath, imap: dovecot, smtp: { host: sink.host, port: sink.port }, startDate };
    const processed = async (): Promise<number> => {
      const status = await imap.status('Bearbeitet', { messages: true }).catch(() => false as const);
      return status === false ? 0 : (status.messages ?? 0);
    };
    const unsent = (db: BetterSqlite3.Database): number =>
      (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status != 'sent'").get() as { n: number }).n;

    // First kill: in the middle of the intake (8 of 50 handled, the batch of 10 not finished).
    const first = startChild(args);
    await first.waitForLines(8);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(first.lines.length).toBeLessThan(COUNT);

    // Second kill: while the outbox delivers, right when the SMTP server has taken a message in (it records the
    // message before it answers 250), so the child dies between the send and its record.
    const second = startChild(args);
    await sink.waitFor(sink.messages.length + 3, 60_000);
    second.child.kill('SIGKILL');
    await exited(second.child);
    const afterSecondKill = new BetterSqlite3(dbPath, { readonly: true });
    try {
      // The kill fell in the middle of the work: mail still unprocessed or replies still unsent.
      expect((await processed()) < COUNT || unsent(afterSecondKill) > 0).toBe(true);
    } finally {
      afterSecondKill.close();
    }

    const third = startChild(args);
    const db = new BetterSqlite3(dbPath, { readonly: true });
    try {
      await waitUntil(processed, (n) => n === COUNT, 60_000);
      await waitUntil(() => unsent(db), (n) => n === 0, 30_000);
      third.child.kill('SIGTERM');
      await exited(third.child);

      const enquiries = db.prepare("SELECT COUNT(*) AS n FROM enquiries WHERE key LIKE 'email:crash-%'").get() as { n: number };
      expect(enquiries.n).toBe(COUNT);
      const outbox = db.prepare("SELECT key FROM outbox WHERE channel = 'email' AND kind != 'staff_notification'").all() as { key: string }[];
      // One mail in, one mail out: exactly one answer per inbound mail, each recorded in the outbox.
      for (let i = 0; i < COUNT; i += 1) {
        // The outbox first: a missing entry is a lost decision, a missing reply with its entry a lost send.
        expect(outbox.filter((o) => o.key.startsWith(`email:crash-${i}@altdorf.example:`)), `outbox entries for mail ${i}`).toHaveLength(1);
        const replies = sink.messages.filter((m) => m.parsed.inReplyTo === `<crash-${i}@altdorf.example>`);
        expect(replies, `answers to mail ${i}`).toHaveLength(1);
      }
      // Not one duplicate anywhere: a message whose end reached the SMTP server before a kill is not sent again.
      const copies = new Map<string, number>();
      for (const m of sink.messages) copies.set(m.parsed.messageId ?? '', (copies.get(m.parsed.messageId ?? '') ?? 0) + 1);
      expect([...copies.entries()].filter(([, n]) => n > 1)).toEqual([]);
      const inbox = await imap.status('INBOX', { messages: true });
      expect(inbox === false ? -1 : inbox.messages).toBe(0);
    } finally {
      db.close();
      if (third.child.exitCode === null && third.child.signalCode === null) third.child.kill('SIGKILL');
      await imap.logout();
    }
  }, 150_000);

  it('quarantines a mail that kills the process every time, after three attempts, and goes on', async () => {
    const startDate = new Date(Date.now() - 60_000).toISOString();
    const imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await imap.connect();
    const quarantine = async (): Promise<number> => {
      const status = await imap.status('Quarantaene', { messages: true }).catch(() => false as const);
      return status === false ? 0 : (status.messages ?? 0);
    };
    try {
      await imap.append('INBOX', mail('killer@altdorf.example', 'K <k@altdorf.example>', 'KILLER', 'Guten Tag, wie hoch ist der Fördersatz?'));
      await imap.append('INBOX', mail('after-killer@altdorf.example', 'A <a@altdorf.example>', 'Fördersatz', 'Guten Tag, wie hoch ist der Fördersatz?'));
      const args = { dbPath: join(dir, 'killer.db'), imap: dovecot, smtp: { host: sink.host, port: sink.port }, startDate, killOnSubject: 'KILLER' };
      let crashes = 0;
      for (let run = 0; run < 5 && (await quarantine()) === 0; run += 1) {
        const { child } = startChild(args);
        const outcome = await Promise.race([
          exited(child).then(() => 'exited' as const),
          waitUntil(quarantine, (n) => n === 1, 30_000).then(() => 'quarantined' as const),
        ]);
        if (outcome === 'exited') crashes += 1;
        else {
          child.kill('SIGTERM');
          await exited(child);
        }
      }
      expect(crashes).toBe(3);
      expect(await quarantine()).toBe(1);
      const db = new BetterSqlite3(join(dir, 'killer.db'), { readonly: true });
      try {
        const row = db.prepare("SELECT outcome FROM enquiries WHERE key = 'email:quarantine:<killer@altdorf.example>'").get() as { outcome: string };
        expect(row.outcome).toBe('ticket_created');
        const next = db.prepare("SELECT outcome FROM enquiries WHERE key = 'email:after-killer@altdorf.example'").get() as { outcome: string } | undefined;
        expect(next?.outcome).toBeDefined();
      } finally {
        db.close();
      }
    } finally {
      await imap.logout();
    }
  }, 120_000);
});
