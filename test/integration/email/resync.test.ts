/**
 * Position in the mailbox: a UIDVALIDITY change (the server renumbered the mailbox) is resynced by
 * Message-ID without answering twice; IMAP_START_DATE keeps history unanswered and untouched; stop() finishes
 * the mail in hand and leaves the rest for the next start.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandleFn } from '../../../src/channels/email/process-message.js';
import { mail, startEmailHarness, type EmailHarness } from './harness.js';
import { waitUntil } from './wait.js';

const QUESTION = 'Guten Tag,\r\n\r\nwie hoch ist der Fördersatz pro Vollzeitstelle im Integrationsmanagement?\r\n\r\nViele Grüße\r\nGemeinde Altdorf';

function repliesTo(h: EmailHarness, id: string): number {
  return new Set(h.sink.messages.filter((m) => m.parsed.inReplyTo === id).map((m) => m.parsed.messageId)).size;
}

async function drained(h: EmailHarness): Promise<void> {
  await waitUntil(() => (h.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n, (n) => n === 0);
}

describe('mailbox position', () => {
  let h: EmailHarness | undefined;

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('resyncs by Message-ID after a UIDVALIDITY change without answering twice', async () => {
    h = await startEmailHarness();
    await h.append(mail('uv-a@altdorf.example', 'Anna <a.beispiel@altdorf.example>', 'Fördersatz', QUESTION));
    await h.waitForFolder('Bearbeitet', 1);
    await drained(h);
    await h.channel.stop();
    const before = h.db.prepare("SELECT uid_validity AS v FROM email_mailbox_state WHERE mailbox = 'INBOX'").get() as { v: string };

    // A restore brings mail A back into the inbox, a new mail B arrives, and the server renumbers the mailbox.
    const copy = await h.imap.getMailboxLock('Bearbeitet');
    try {
      await h.imap.messageCopy('1:*', 'INBOX');
    } finally {
      copy.release();
    }
    await h.append(mail('uv-b@altdorf.example', 'Bernd <b@altdorf.example>', 'Fördersatz', QUESTION));
    // Keep the outside session away from INBOX (and from the folder it polls with STATUS) while renumbering.
    await h.imap.mailboxOpen('Quarantaene');
    const root = join(h.dovecot.dir, 'mail', h.dovecot.user);
    for (const f of readdirSync(root)) if (f === 'dovecot-uidlist' || f.startsWith('dovecot.index')) rmSync(join(root, f));

    await h.channel.start();
    await h.waitForFolder('Bearbeitet', 3);
    await drained(h);
    const after = h.db.prepare("SELECT uid_validity AS v FROM email_mailbox_state WHERE mailbox = 'INBOX'").get() as { v: string };
    expect(after.v).not.toBe(before.v);
    expect(repliesTo(h, '<uv-a@altdorf.example>')).toBe(1);
    expect(repliesTo(h, '<uv-b@altdorf.example>')).toBe(1);
    // A fresh session: the long-lived outside one had the old index of INBOX open.
    const fresh = new ImapFlow({ host: h.dovecot.host, port: h.dovecot.port, secure: false, auth: { user: h.dovecot.user, pass: h.dovecot.password }, logger: false });
    await fresh.connect();
    const inbox = await fresh.status('INBOX', { messages: true });
    await fresh.logout();
    expect(inbox === false ? -1 : inbox.messages).toBe(0);
  });

  it('answers only mail received after IMAP_START_DATE and leaves history untouched', async () => {
    h = await startEmailHarness({ noStart: true, config: { IMAP_START_DATE: new Date(Date.now() - 24 * 3600_000).toISOString() } });
    await h.imap.append('INBOX', mail('old@altdorf.example', 'Anna <a.beispiel@altdorf.example>', 'Alt', QUESTION), [], new Date(Date.now() - 3 * 24 * 3600_000));
    await h.imap.append('INBOX', mail('recent@altdorf.example', 'Anna <a.beispiel@altdorf.example>', 'Neu', QUESTION), [], new Date(Date.now() - 3600_000));
    await h.channel.start();
    h.worker.start();
    await h.waitForFolder('Bearbeitet', 1);
    await drained(h);
    expect(repliesTo(h, '<recent@altdorf.example>')).toBe(1);
    expect(repliesTo(h, '<old@altdorf.example>')).toBe(0);
    const lock = await h.imap.getMailboxLock('INBOX');
    try {
      const left = await h.imap.fetchAll('1:*', { flags: true, envelope: true });
      expect(left.map((m) => m.envelope?.messageId)).toEqual(['<old@altdorf.example>']);
      expect(left[0]?.flags?.has('\\Seen')).toBe(false);
    } finally {
      lock.release();
    }
  });

  it('finishes the mail in hand on stop() and leaves the rest for the next start', async () => {
    const stop: { pending: Promise<void> | null } = { pending: null };
    let calls = 0;
    const wrap = (handle: HandleFn): HandleFn => (request) => {
      calls += 1;
      if (calls === 1) stop.pending = h!.channel.stop();
      return handle(request);
    };
    h = await startEmailHarness({ noStart: true, wrapHandle: wrap, config: { IMAP_START_DATE: new Date(Date.now() - 3600_000).toISOString() } });
    for (let i = 0; i < 3; i += 1) await h.append(mail(`stop-${i}@altdorf.example`, `S${i} <s${i}@altdorf.example>`, 'Fördersatz', QUESTION));
    await h.channel.start();
    h.worker.start();
    await waitUntil(() => stop.pending !== null, (started) => started);
    await (stop.pending as Promise<void> | null);
    expect(h.channel.status().connected).toBe(false);
    expect(calls).toBe(1);
    await h.waitForFolder('Bearbeitet', 1);
    expect(await h.uids('INBOX')).toHaveLength(2);
    await h.channel.start();
    await h.waitForFolder('Bearbeitet', 3);
    await drained(h);
    for (let i = 0; i < 3; i += 1) expect(repliesTo(h, `<stop-${i}@altdorf.example>`)).toBe(1);
  });
});
