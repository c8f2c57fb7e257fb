/**
 * The mailbox as a relay (issue 10), over Dovecot and the smtp-server sink: a Reply-To outside the sender's
 * organisation is never answered (the reply goes to From), so eight senders naming one victim get the victim no
 * mail at all. A new ticket whose municipality is open sends one mail (confirmation with the ask-back), and the
 * files of attachments are stored only for mail that became a ticket.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mail, startEmailHarness, type EmailHarness } from './harness.js';
import { waitUntil } from './wait.js';

const VICTIM = 'opfer@victim.example';
const QUESTION = 'Guten Tag,\r\n\r\nwie hoch ist der Fördersatz pro Vollzeitstelle im Integrationsmanagement?\r\n\r\nMit freundlichen Grüßen';

async function settle(h: EmailHarness, processed: number): Promise<void> {
  await h.waitForFolder('Bearbeitet', processed);
  await waitUntil(() => (h.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n, (n) => n === 0);
}

/** A mail with one PDF attachment of `size` bytes. */
function withAttachment(id: string, from: string, subject: string, body: string, size: number): string {
  const pdf = Buffer.alloc(size, 65).toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    `From: ${from}`,
    'To: integrationsmanagement@rps.bwl.de',
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${id}>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="grenze"',
    '',
    '--grenze',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '--grenze',
    'Content-Type: application/pdf; name="Sachbericht.pdf"',
    'Content-Disposition: attachment; filename="Sachbericht.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    pdf,
    '--grenze--',
    '',
  ].join('\r\n');
}

function storedFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

describe('the mailbox is no relay, and nothing is dropped', () => {
  let h: EmailHarness;
  let files: string;

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'pakt-attachments-'));
    h = await startEmailHarness({ attachmentsDir: files });
  });

  afterAll(async () => {
    await h?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('never mails a Reply-To victim outside the senders\' organisations: each sender gets its own reply', async () => {
    for (let i = 0; i < 8; i += 1) {
      await h.append(mail(`relay-${i}@spam.example`, `Sender ${i} <s${i}@spam${i}.example>`, `Günstige Angebote ${i}`, QUESTION, [`Reply-To: ${VICTIM}`]));
    }
    await settle(h, 8);
    expect(h.sink.messages.filter((m) => m.envelopeTo.includes(VICTIM))).toHaveLength(0);
    for (let i = 0; i < 8; i += 1) expect(h.sink.messages.filter((m) => m.envelopeTo.includes(`s${i}@spam${i}.example`))).toHaveLength(1);
    expect((h.db.prepare("SELECT COUNT(*) AS n FROM enquiries WHERE key LIKE 'email:relay-%'").get() as { n: number }).n).toBe(8);
  });

  it('answers a new ticket with an open municipality in one mail: confirmation and ask-back together', async () => {
    const before = h.sink.messages.length;
    const text = 'Guten Tag,\r\n\r\nunser Bescheid nennt eine falsche Fördersumme. Bitte prüfen Sie das (Aktenzeichen 14-2026-0999).\r\n\r\nMit freundlichen Grüßen\r\nM. Muster';
    await h.append(mail('open-route@gmx.example', 'M. Muster <m.muster@gmx.example>', 'Falsche Summe', text));
    await settle(h, 9);
    const row = h.db.prepare("SELECT outcome, ticket_number FROM enquiries WHERE key = 'email:open-route@gmx.example'").get() as { outcome: string; ticket_number: string };
    expect(row.outcome).toBe('ticket_created');
    const toRequester = h.sink.messages.slice(before).filter((m) => m.envelopeTo.includes('m.muster@gmx.example'));
    expect(toRequester).toHaveLength(1);
    expect(toRequester[0]!.parsed.text).toContain(row.ticket_number);
    expect(toRequester[0]!.parsed.text).toContain('nennen Sie uns bitte Ihre Gemeinde');
  });

  it('stores the attachment of a mail that became a ticket, and none of an answered one', async () => {
    await h.append(withAttachment('answered-att@altdorf.example', 'A <a@altdorf.example>', 'Fördersatz', QUESTION, 2048));
    await settle(h, 10);
    expect(h.db.prepare("SELECT outcome FROM enquiries WHERE key = 'email:answered-att@altdorf.example'").get()).toEqual({ outcome: 'answered' });
    expect(storedFiles(files)).toBe(0);
    const text = 'Guten Tag,\r\n\r\nanbei unser Sachbericht; unser Bescheid vom 3. März nennt eine falsche Summe, bitte prüfen Sie das.\r\n\r\nMit freundlichen Grüßen\r\nGemeinde Altdorf';
    await h.append(withAttachment('ticket-att@altdorf.example', 'B <b@altdorf.example>', 'Bescheid', text, 4096));
    await settle(h, 11);
    const row = h.db.prepare("SELECT ticket_number FROM enquiries WHERE key = 'email:ticket-att@altdorf.example'").get() as { ticket_number: string | null };
    expect(row.ticket_number).not.toBeNull();
    expect(h.db.prepare('SELECT filename, size FROM ticket_attachments WHERE ticket_number = ?').all(row.ticket_number)).toEqual([{ filename: 'Sachbericht.pdf', size: 4096 }]);
    expect(storedFiles(files)).toBe(1);
  });
});
