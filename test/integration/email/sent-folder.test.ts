/**
 * Duplicate send after a crash between SMTP transmission and its record (issue 10), over a real Dovecot and
 * the smtp-server sink. The "crashed" process sends each due outbox message and dies before recording it (its
 * state throws on recordSent and nothing marks the row: the lease simply runs out, as after SIGKILL). A new
 * process then claims the messages again and sends nothing more: the transmitted note in SQLite says so; when
 * that note is gone (a restored database), the Message-ID in the Sent folder does; with neither the mail goes
 * out a second time.
 */
import { describe, expect, it } from 'vitest';
import { createSmtpSender } from '../../../src/channels/email/sender.smtp.js';
import { createSentFolder, type SentFolder } from '../../../src/channels/email/sent-folder.imap.js';
import { createEmailState } from '../../../src/channels/email/state.js';
import { loadMailTemplates } from '../../../src/channels/email/templates.fs.js';
import { silentLogger, systemClock } from '../../../src/core/ports.js';
import { createOutboxWorker } from '../../../src/tickets/outbox-worker.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';
import { outboundMessageId } from '../../../src/channels/email/threading.js';
import { mail, OWN, startEmailHarness, type EmailHarness } from './harness.js';
import { waitUntil } from './wait.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';

const TEMPLATES = loadMailTemplates('./templates');
const QUESTION = 'Guten Tag,\r\n\r\nwie hoch ist der Fördersatz pro Vollzeitstelle im Integrationsmanagement?\r\n\r\nMit freundlichen Grüßen\r\nGemeinde Altdorf';
const LEASE_MS = 300;

/** Count of sunk mails per Message-ID. */
function copies(sink: SmtpSink): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of sink.messages) counts.set(m.parsed.messageId ?? '', (counts.get(m.parsed.messageId ?? '') ?? 0) + 1);
  return counts;
}

/** Runs one mail through the channel up to its outbox rows (the channel's own worker never runs). */
async function queueAnswer(h: EmailHarness, id: string): Promise<number> {
  await h.channel.start();
  await h.append(mail(id, 'Anna <anna@altdorf.example>', 'Fördersatz', QUESTION));
  await h.waitForFolder('Bearbeitet', 1);
  await h.channel.stop();
  return (h.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE channel = 'email'").get() as { n: number }).n;
}

/** The crashed process: claims, sends, dies before recording (no mark: the lease expires). */
async function sendAndCrash(h: EmailHarness, sentFolder: SentFolder | undefined): Promise<void> {
  const state = { ...createEmailState(sqliteSqlDb(h.db)), recordSent: () => { throw new Error('simulated crash after SMTP acceptance'); } };
  const sender = createSmtpSender({ config: h.config, templates: TEMPLATES, state, logger: silentLogger, clock: systemClock, sentFolder });
  const claimed = await h.stores.outbox.claimDue({ now: systemClock.now(), channels: ['email'], limit: 10, leaseMs: LEASE_MS, owner: 'crashed' });
  for (const message of claimed) await expect(sender.deliver(message)).rejects.toThrow('simulated crash');
  sender.close();
}

/** The restarted process: an ordinary worker with the channel's deliverer, until every row is sent. */
async function restart(h: EmailHarness, sentFolder: SentFolder | undefined): Promise<void> {
  const sender = createSmtpSender({ config: h.config, templates: TEMPLATES, state: createEmailState(sqliteSqlDb(h.db)), logger: silentLogger, clock: systemClock, sentFolder });
  const worker = createOutboxWorker({ store: h.stores.outbox, deliverers: { email: sender.deliver }, clock: systemClock, logger: silentLogger, pollMs: 50, leaseMs: LEASE_MS });
  worker.start();
  try {
    await waitUntil(() => (h.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status != 'sent'").get() as { n: number }).n, (n) => n === 0, 20_000);
  } finally {
    await worker.stop();
    sender.close();
  }
}

describe('no duplicate send after a crash between SMTP transmission and its record', () => {
  it('sends nothing more after a restart: the transmitted note says the server has it (send-only mode too)', async () => {
    const sink = await startSmtpSink();
    const h = await startEmailHarness({ sink, noStart: true });
    try {
      const rows = await queueAnswer(h, 'note@altdorf.example');
      expect(rows).toBeGreaterThanOrEqual(1);
      await sendAndCrash(h, undefined);
      expect(sink.messages).toHaveLength(rows);
      await restart(h, undefined);
      expect(sink.messages).toHaveLength(rows);
      expect([...copies(sink).values()].every((n) => n === 1)).toBe(true);
      expect((h.db.prepare('SELECT COUNT(*) AS n FROM email_sent').get() as { n: number }).n).toBe(rows);
    } finally {
      await h.close();
      await sink.close();
    }
  }, 60_000);

  it('after a database restored from a backup finds the messages in the Sent folder and does not send them again', async () => {
    const sink = await startSmtpSink();
    const h = await startEmailHarness({ sink, noStart: true });
    const sent = createSentFolder({ config: h.config, logger: silentLogger });
    try {
      const rows = await queueAnswer(h, 'once@altdorf.example');
      await restart(h, sent);
      expect(sink.messages).toHaveLength(rows);
      await sent.close(); // the copies are filed in the background; close() waits for them (as the channel's stop() does)
      // Back to a backup taken before the send: the outbox rows pending again, no record, no note.
      h.db.exec("DELETE FROM email_sent; DELETE FROM email_transmitted; UPDATE outbox SET status = 'pending', sent_at = NULL, lease_owner = NULL, lease_until = NULL");
      await restart(h, createSentFolder({ config: h.config, logger: silentLogger }));
      expect(sink.messages).toHaveLength(rows);
      expect([...copies(sink).values()].every((n) => n === 1)).toBe(true);
      const answer = sink.messages.find((m) => m.parsed.inReplyTo === '<once@altdorf.example>');
      expect(answer).toBeDefined();
      expect(await sent.contains(answer!.parsed.messageId ?? '')).toBe(true);
    } finally {
      await sent.close();
      await h.close();
      await sink.close();
    }
  }, 60_000);

  it('hands a reply whose delivery cannot be known to staff as a ticket: not sent again, not lost, nothing to the requester', async () => {
    const sink = await startSmtpSink();
    const h = await startEmailHarness({ sink, noStart: true });
    try {
      await queueAnswer(h, 'unsure@altdorf.example');
      const replies = h.db.prepare("SELECT key FROM outbox WHERE channel = 'email' AND kind = 'auto_answer'").all() as { key: string }[];
      expect(replies).toHaveLength(1);
      const key = replies[0]!.key;
      // The killed process had written the whole message and noted it complete; whether the end reached the server is unknown.
      const state = createEmailState(sqliteSqlDb(h.db));
      await state.markTransmitted(key, '<pakt.unsure@rps.bwl.de>', new Date());
      await state.markComplete(key);
      h.worker.start();
      const pending = (): number => (h.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status NOT IN ('sent', 'dead', 'fanned_out')").get() as { n: number }).n;
      await waitUntil(() => (h.db.prepare('SELECT COUNT(*) AS n FROM enquiries WHERE key = ?').get(`email:uncertain:${key}`) as { n: number }).n, (n) => n === 1, 20_000);
      await waitUntil(pending, (n) => n === 0, 20_000);

      expect(sink.messages.filter((m) => m.envelopeTo.includes('anna@altdorf.example'))).toHaveLength(0);
      expect(await state.sentMessageId(key)).not.toBeNull();
      const enquiry = h.db.prepare('SELECT outcome, ticket_number AS ticket FROM enquiries WHERE key = ?').get(`email:uncertain:${key}`) as { outcome: string; ticket: string };
      expect(enquiry.outcome).toBe('ticket_created');
      const ticket = h.db.prepare('SELECT subject, requester_address AS requester, reply_handle AS handle FROM tickets WHERE number = ?').get(enquiry.ticket) as { subject: string; requester: string; handle: string };
      expect(ticket.subject).toBe('Zustellung unklar: Fördersatz');
      expect(ticket.requester).toBe('anna@altdorf.example');
      // Answering the ticket reaches the requester in the original thread.
      expect(JSON.parse(ticket.handle)).toMatchObject({ channel: 'email', to: 'anna@altdorf.example', messageId: '<unsure@altdorf.example>' });
      // The ticket names the reply's Message-ID (for the mail server's message trace) and holds its text.
      const text = (h.db.prepare('SELECT text FROM ticket_messages WHERE ticket_number = ?').get(enquiry.ticket) as { text: string }).text;
      expect(text).toContain(outboundMessageId(key, OWN));
      expect(text).toMatch(/Text der Antwort ---\n.*Vollzeitstelle/s);
      // The ticket says nothing to the requester; staff hear of it.
      const rows = h.db.prepare('SELECT channel, kind FROM outbox WHERE ticket_number = ?').all(enquiry.ticket) as { channel: string; kind: string }[];
      expect(rows.some((r) => r.kind === 'staff_notification')).toBe(true);
      expect(rows.filter((r) => r.kind !== 'staff_notification' && r.kind !== 'staff_card')).toEqual([]);
    } finally {
      await h.close();
      await sink.close();
    }
  }, 60_000);

  it('with neither note nor Sent folder sends such a message a second time (the residual docs/EMAIL.md states)', async () => {
    const sink = await startSmtpSink();
    const h = await startEmailHarness({ sink, noStart: true });
    try {
      const rows = await queueAnswer(h, 'twice@altdorf.example');
      await sendAndCrash(h, undefined);
      h.db.exec('DELETE FROM email_transmitted');
      await restart(h, undefined);
      expect(sink.messages).toHaveLength(2 * rows);
      expect([...copies(sink).values()].every((n) => n === 2)).toBe(true);
    } finally {
      await h.close();
      await sink.close();
    }
  }, 60_000);
});
