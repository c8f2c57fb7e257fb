/**
 * Floor of the mail bench: the plainest "read the inbox, answer every mail" with imapflow and nodemailer
 * (pooled SMTP transport, its defaults). Plain JavaScript under `node`, as `npm start` runs ours.
 * Env: IMAP_HOST, IMAP_PORT, IMAP_USER, IMAP_PASSWORD, SMTP_HOST, SMTP_PORT, MAIL_FROM, IMAP_PROCESSED_FOLDER.
 * Prints "ready" when logged in; on a line "go" on stdin fetches every mail in INBOX, sends one reply per
 * mail (In-Reply-To, References), moves them all to the processed folder, prints "done" and exits.
 */
import process from 'node:process';
import { createInterface } from 'node:readline';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';

const env = process.env;
const client = new ImapFlow({ host: env.IMAP_HOST, port: Number(env.IMAP_PORT), secure: false, auth: { user: env.IMAP_USER, pass: env.IMAP_PASSWORD }, logger: false });
const transport = nodemailer.createTransport({ host: env.SMTP_HOST, port: Number(env.SMTP_PORT), secure: false, pool: true });
await client.connect();
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === 'go') break;
}
const lock = await client.getMailboxLock('INBOX');
try {
  const uids = [];
  for await (const message of client.fetch('1:*', { uid: true, envelope: true, source: true })) {
    const envelope = message.envelope;
    await transport.sendMail({
      from: env.MAIL_FROM,
      to: envelope.replyTo?.[0]?.address ?? envelope.from?.[0]?.address,
      subject: `Re: ${envelope.subject ?? ''}`,
      inReplyTo: envelope.messageId,
      references: envelope.messageId,
      text: `Guten Tag,\n\nvielen Dank für Ihre Nachricht (${message.source.length} Bytes).\n\nMit freundlichen Grüßen\n`,
    });
    uids.push(message.uid);
  }
  if (uids.length > 0) {
    await client.messageFlagsAdd(uids.join(','), ['\\Seen'], { uid: true });
    await client.messageMove(uids.join(','), env.IMAP_PROCESSED_FOLDER ?? 'Bearbeitet', { uid: true });
  }
} finally {
  lock.release();
}
await client.logout();
transport.close();
process.stdout.write('done\n');
process.exit(0);
