/**
 * The whole fixture corpus delivered into Dovecot: every mail is recorded once, every suppressed one
 * (auto-replies, bounce, newsletter, own address, loops, no-reply) gets no answer, every other one gets at
 * most one answer, the mail sent to two of our addresses (two copies in the mailbox) is answered once, a
 * 15 MB attachment goes through, the unreadable file goes to quarantine, and nothing is left in the inbox.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, mail, startEmailHarness, type EmailHarness } from './harness.js';
import { waitUntil } from './wait.js';

const SUPPRESSED_SENDERS = [
  'mailer-daemon@mx.kommune.example',
  'newsletter@news.example.org',
  'integrationsmanagement@rps.bwl.de',
  'no-reply@foerderportal.example',
  'fwd@forwarder.example',
  'info@spam.example',
  'k.weber@gemeinde.example',
  'team-nord@rps.bwl.de',
];

function bigMail(): string {
  const block = Buffer.alloc(15 * 1024 * 1024, 'Sachbericht 2025 Anlage ').toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    'From: Stadt Calw <integration@calw.example>',
    'To: integrationsmanagement@rps.bwl.de',
    'Subject: Sachbericht mit großer Anlage',
    `Date: ${new Date().toUTCString()}`,
    'Message-ID: <big-15mb@calw.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="big"',
    '',
    '--big',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Guten Tag, anbei unser Sachbericht 2025 mit allen Anlagen. Bitte bestätigen Sie den Eingang.',
    '--big',
    'Content-Type: application/pdf; name="Anlagen.pdf"',
    'Content-Disposition: attachment; filename="Anlagen.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    block,
    '--big--',
    '',
  ].join('\r\n');
}

describe('fixture corpus through Dovecot', () => {
  let h: EmailHarness;
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.eml')).sort();

  const attachmentsDir = mkdtempSync(join(tmpdir(), 'pakt-email-att-'));

  beforeAll(async () => {
    h = await startEmailHarness({ attachmentsDir });
    for (const file of files) await h.append(readFileSync(FIXTURES + file));
    // The same mail addressed to two of our addresses arrives twice.
    await h.append(readFileSync(FIXTURES + '21-two-of-our-addresses.eml'));
    await h.append(bigMail());
    await h.append(mail('after-corpus@altdorf.example', 'Anna <a.beispiel@altdorf.example>', 'Noch eine Frage', 'Wie hoch ist der Fördersatz?'));
    // The final state of both folders: the processed moves of a batch come before its quarantine move, so
    // waiting for 'Bearbeitet' alone can look at the inbox while the unreadable file is still on its way.
    await h.waitForFolder('Bearbeitet', files.length - 1 + 3, 60_000);
    await h.waitForFolder('Quarantaene', 1, 30_000);
    await waitUntil(() => h.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }, (r) => r.n === 0, 30_000);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    rmSync(attachmentsDir, { recursive: true, force: true });
  });

  it('leaves nothing in the inbox and quarantines the unreadable file', async () => {
    expect(await h.uids('INBOX')).toEqual([]);
    expect(await h.uids('Quarantaene')).toHaveLength(1);
    // files (minus the garbage) + second copy of 21 + big + follow-up question
    expect(await h.uids('Bearbeitet')).toHaveLength(files.length - 1 + 3);
  });

  it('never answers a suppressed mail', () => {
    const requesterMails = h.sink.messages.filter((m) => m.parsed.inReplyTo !== undefined);
    for (const m of requesterMails) expect(SUPPRESSED_SENDERS).not.toContain(m.envelopeTo[0]);
    const suppressed = h.db.prepare("SELECT COUNT(*) AS n FROM enquiries WHERE outcome = 'suppressed'").get() as { n: number };
    expect(suppressed.n).toBe(SUPPRESSED_SENDERS.length + 2); // + two out-of-office replies of answered senders
  });

  it('answers every answerable mail at most once, and the doubly addressed mail once', () => {
    const ids = h.sink.messages.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const toEhningen = h.sink.messages.filter((m) => m.envelopeTo.includes('rathaus@ehningen.example'));
    const replied = h.db.prepare("SELECT outcome FROM email_inbound WHERE enquiry_key = 'email:two-21@ehningen.example'").get() as { outcome: string };
    expect(['answered', 'suggested', 'ticket_created', 'declined', 'acknowledged']).toContain(replied.outcome);
    const expected = replied.outcome === 'ticket_created' ? [1, 2] : replied.outcome === 'acknowledged' ? [0] : [1];
    expect(expected).toContain(toEhningen.length);
  });

  it('records every distinct mail once', () => {
    const rows = h.db.prepare("SELECT COUNT(*) AS n FROM enquiries WHERE channel = 'email'").get() as { n: number };
    // distinct mails: files minus garbage, + big + follow-up, + the quarantine ticket enquiry
    expect(rows.n).toBe(files.length - 1 + 2 + 1);
  });

  it('handles the 15 MB attachment like any other mail', () => {
    const row = h.db.prepare("SELECT outcome FROM email_inbound WHERE enquiry_key = 'email:big-15mb@calw.example'").get() as { outcome: string } | undefined;
    expect(row?.outcome).toBeDefined();
    expect(row?.outcome).not.toBe('quarantined');
  });

  it('stores attachment files content-addressed, the 15 MB one included', () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(existsSync(join(attachmentsDir, sha.slice(0, 2), sha))).toBe(true);
    const big = Buffer.alloc(15 * 1024 * 1024, 'Sachbericht 2025 Anlage ');
    const bigSha = createHash('sha256').update(big).digest('hex');
    expect(existsSync(join(attachmentsDir, bigSha.slice(0, 2), bigSha))).toBe(true);
  });

  it('opens a staff ticket for the quarantined mail', () => {
    const row = h.db.prepare("SELECT outcome, ticket_number FROM enquiries WHERE key LIKE 'email:quarantine:%'").get() as { outcome: string; ticket_number: string | null };
    expect(row.outcome).toBe('ticket_created');
    expect(row.ticket_number).toMatch(/^IM-\d{4}-\d{6}$/);
  });
});
