import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { EmailConfig } from '../../../src/channels/email/config.js';
import { berlinDay, processMessage, RATE_LIMIT_REASON, type HandleFn, type HandleOptions } from '../../../src/channels/email/process-message.js';
import { createEmailState, emailMigrations, senderHash } from '../../../src/channels/email/state.js';
import type { Enquiry } from '../../../src/core/enquiry.js';
import type { EnquiryRequest } from '../../../src/core/enquiry-request.js';
import { AppError } from '../../../src/core/errors.js';
import type { Outcome } from '../../../src/core/outcome.js';
import { silentLogger } from '../../../src/core/ports.js';
import { FakeClock } from '../../fakes/clock.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';

const CONFIG = {
  MAIL_FROM: 'im@rps.bwl.de',
  MAIL_AUTO_REPLIES_PER_DAY: 2,
  IMAP_QUARANTINE_FOLDER: 'Quarantaene',
  IMAP_PROCESSED_FOLDER: 'Bearbeitet',
  MAIL_ATTACHMENTS_MAX_BYTES: 1000,
} as EmailConfig;
const ORIGIN = { mailbox: 'INBOX', uidValidity: '7', uid: 1, receivedAt: new Date('2026-03-03T09:00:00Z') };

function raw(id: string, extra: string[] = [], subject = 'Frage', body = 'Wie hoch ist der Fördersatz?', from = 'Anna <anna@altdorf.example>'): Buffer {
  return Buffer.from([`From: ${from}`, `Subject: ${subject}`, `Message-ID: <${id}>`, 'Date: Tue, 3 Mar 2026 09:00:00 +0100', ...extra, '', body, ''].join('\r\n'));
}

/** A mail with attachments of the given sizes (bytes of 'x'). */
function withAttachments(id: string, sizes: number[]): Buffer {
  const parts = sizes.flatMap((size, i) => [
    '--b',
    `Content-Type: application/pdf; name="a${i}.pdf"`,
    `Content-Disposition: attachment; filename="a${i}.pdf"`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.alloc(size, 120 + i).toString('base64'),
  ]);
  const head = ['From: Anna <anna@altdorf.example>', 'Subject: Bericht', `Message-ID: <${id}>`, 'Date: Tue, 3 Mar 2026 09:00:00 +0100', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', ''];
  return Buffer.from([...head, '--b', 'Content-Type: text/plain; charset=utf-8', '', 'Anbei der Sachbericht.', ...parts, '--b--', ''].join('\r\n'));
}

let ticketCounter = 0;

/** A fake core: returns `kind` (tickets numbered per call); a forced ticket is always a new ticket unless a number is given. */
/** The enquiry and the mail door's options of a request (undefined when it adds none); it is always a question by outbox. */
function split(request: EnquiryRequest): { enquiry: Enquiry; options: HandleOptions | undefined } {
  const { kind, enquiry, reply, ...options } = request;
  expect({ kind, reply }).toEqual({ kind: 'question', reply: 'outbox' });
  return { enquiry, options: Object.keys(options).length === 0 ? undefined : options };
}

function setup(kind: Outcome['kind'] | Error = 'answered') {
  const db = new Database(':memory:');
  for (const m of emailMigrations) db.exec(m.sql);
  const state = createEmailState(sqliteSqlDb(db));
  const calls: { enquiry: Enquiry; options: HandleOptions | undefined }[] = [];
  const saved: string[] = [];
  const handle: HandleFn = (request) => {
    const { enquiry, options } = split(request);
    calls.push({ enquiry, options });
    if (kind instanceof Error) throw kind;
    const ticket = { number: enquiry.ticketNumber ?? `IM-2026-${String((ticketCounter += 1)).padStart(6, '0')}` };
    if (options?.forceTicket !== undefined) {
      return (enquiry.ticketNumber === undefined ? { kind: 'ticket_created', enquiryKey: enquiry.key, ticket } : { kind: 'follow_up', enquiryKey: enquiry.key, ticket }) as Outcome;
    }
    if (options?.suppress !== undefined) return { kind: 'suppressed', enquiryKey: enquiry.key, reason: options.suppress, ticket: null } as Outcome;
    return { kind, enquiryKey: enquiry.key, ticket } as Outcome;
  };
  const attachments = { save: (content: Buffer, filename: string) => saved.push(`${filename}:${content.length}`) };
  const deps = { config: CONFIG, ownAddresses: ['im@rps.bwl.de'], state, handle, clock: new FakeClock('2026-03-03T09:00:00Z'), logger: silentLogger, attachments };
  return { deps, calls, state, db, saved };
}

describe(processMessage.name, () => {
  it('hands a question to the core and records it', async () => {
    const { deps, calls, db } = setup();
    expect(await processMessage(raw('a@x'), ORIGIN, deps)).toEqual({ action: 'processed', outcome: 'answered' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.options).toBeUndefined();
    expect(calls[0]!.enquiry).toMatchObject({ key: 'email:a@x', channel: 'email', text: 'Wie hoch ist der Fördersatz?' });
    expect(db.prepare('SELECT outcome, auto_replied AS a FROM email_inbound').get()).toEqual({ outcome: 'answered', a: 1 });
  });

  it('recognises a replay and only moves it, without asking the core again', async () => {
    const { deps, calls } = setup();
    await processMessage(raw('a@x'), ORIGIN, deps);
    expect(await processMessage(raw('a@x'), { ...ORIGIN, uid: 2 }, deps)).toEqual({ action: 'processed', outcome: 'duplicate' });
    expect(calls).toHaveLength(1);
  });

  it('passes the loop guard reason as suppress', async () => {
    const { deps, calls } = setup('suppressed');
    await processMessage(raw('oof@x', ['Auto-Submitted: auto-replied']), ORIGIN, deps);
    expect(calls[0]!.options).toEqual({ suppress: 'auto_submitted' });
  });

  it('beyond the daily limit per sender sends no reply but opens a ticket for staff', async () => {
    const { deps, calls, db } = setup();
    for (let i = 0; i < 3; i += 1) await processMessage(raw(`q${i}@x`), { ...ORIGIN, uid: i + 1 }, deps);
    expect(calls.map((c) => c.options)).toEqual([undefined, undefined, { forceTicket: { reason: RATE_LIMIT_REASON, notifyRequester: false } }]);
    const rows = db.prepare('SELECT auto_replied AS a, rate_limited AS r, ticket_number AS t FROM email_inbound ORDER BY rowid').all() as { a: number; r: number; t: string | null }[];
    expect(rows.map((r) => [r.a, r.r])).toEqual([[1, 0], [1, 0], [0, 1]]);
    expect(rows[2]!.t).toMatch(/^IM-2026-/);
  });

  it('puts further rate-limited mail of the same sender and day on the ticket the first one opened', async () => {
    const { deps, calls } = setup();
    for (let i = 0; i < 5; i += 1) await processMessage(raw(`q${i}@x`, [], `Frage ${i}`), { ...ORIGIN, uid: i + 1 }, deps);
    const first = calls[2]!;
    expect(first.enquiry.ticketNumber).toBeUndefined();
    const opened = await deps.state.rateLimitedTicket(senderHash('anna@altdorf.example'), '2026-03-03');
    expect(opened).toMatch(/^IM-2026-/);
    expect(calls.slice(3).map((c) => c.enquiry.ticketNumber)).toEqual([opened, opened]);
    expect(calls.slice(3).every((c) => c.options?.forceTicket?.notifyRequester === false)).toBe(true);
  });

  it('leaves a rate-limited reply in a thread of its own to that thread, not to the day\'s collecting ticket', async () => {
    const { deps, calls } = setup();
    for (let i = 0; i < 3; i += 1) await processMessage(raw(`c${i}@x`, [], `Frage ${i}`), { ...ORIGIN, uid: i + 1 }, deps);
    await processMessage(raw('c3@x', [], 'AW: [IM-2026-000777] Frist'), { ...ORIGIN, uid: 4 }, deps);
    expect(calls[3]!.enquiry.ticketNumber).toBe('IM-2026-000777');
    await processMessage(raw('c4@x', ['In-Reply-To: <other@x>'], 'AW: Frist'), { ...ORIGIN, uid: 5 }, deps);
    expect(calls[4]!.enquiry.ticketNumber).toBeUndefined();
  });

  it('counts the daily limit per reply target: senders of one organisation naming one Reply-To share its limit', async () => {
    const { deps, calls } = setup();
    for (let i = 0; i < 4; i += 1) {
      const mail = raw(`relay${i}@x`, ['Reply-To: team@spam.example'], `Angebot ${i}`, 'Wie hoch ist der Fördersatz?', `S${i} <sender${i}@spam.example>`);
      await processMessage(mail, { ...ORIGIN, uid: i + 1 }, deps);
    }
    expect(calls.map((c) => c.options?.forceTicket !== undefined)).toEqual([false, false, true, true]);
    expect(calls[0]!.enquiry.replyHandle).toMatchObject({ to: 'team@spam.example' });
  });

  it('never answers a Reply-To outside the sender\'s organisation: the reply goes to From', async () => {
    const { deps, calls } = setup();
    await processMessage(raw('foreign@x', ['Reply-To: opfer@example.org'], 'Angebot', 'Wie hoch ist der Fördersatz?', 'S <sender@spam.example>'), ORIGIN, deps);
    expect(calls[0]!.enquiry.replyHandle).toMatchObject({ to: 'sender@spam.example' });
  });

  it('counts the daily limit per From as well, whatever Reply-To says', async () => {
    const { deps, calls } = setup();
    for (let i = 0; i < 3; i += 1) await processMessage(raw(`f${i}@x`, [`Reply-To: ziel${i}@example.org`], `Frage ${i}`), { ...ORIGIN, uid: i + 1 }, deps);
    expect(calls.map((c) => c.options?.forceTicket !== undefined)).toEqual([false, false, true]);
  });

  it('takes a new mail reusing an earlier Message-ID for a new enquiry, and a true replay for a replay', async () => {
    const { deps, calls } = setup();
    await processMessage(raw('same@x'), ORIGIN, deps);
    const other = raw('same@x', [], 'Andere Frage', 'Bis wann ist der Verwendungsnachweis fällig?');
    expect(await processMessage(other, { ...ORIGIN, uid: 2 }, deps)).toEqual({ action: 'processed', outcome: 'answered' });
    expect(calls).toHaveLength(2);
    expect(calls[1]!.enquiry.key).toMatch(/^email:same@x#[0-9a-f]{16}$/);
    expect(await processMessage(other, { ...ORIGIN, uid: 3 }, deps)).toEqual({ action: 'processed', outcome: 'duplicate' });
    expect(await processMessage(raw('same@x'), { ...ORIGIN, uid: 4 }, deps)).toEqual({ action: 'processed', outcome: 'duplicate' });
    expect(calls).toHaveLength(2);
  });

  it('stores attachments only for a mail that lands on a ticket, after the decision', async () => {
    const answered = setup('answered');
    await processMessage(withAttachments('att1@x', [100]), ORIGIN, answered.deps);
    expect(answered.calls[0]!.enquiry.attachments).toHaveLength(1);
    expect(answered.saved).toEqual([]);
    const ticket = setup('ticket_created');
    await processMessage(withAttachments('att2@x', [100]), ORIGIN, ticket.deps);
    expect(ticket.saved).toEqual(['a0.pdf:100']);
    const suppressed = setup();
    const autoReply = withAttachments('att3@x', [100]).toString().replace('Subject: Bericht', 'Subject: Bericht\r\nAuto-Submitted: auto-replied');
    await processMessage(Buffer.from(autoReply), ORIGIN, suppressed.deps);
    expect(suppressed.saved).toEqual([]);
  });

  it('keeps attachments up to the per-mail total and lists the rest on the ticket with a note', async () => {
    const { deps, calls, saved } = setup('ticket_created');
    await processMessage(withAttachments('big@x', [600, 600, 300]), ORIGIN, deps);
    expect(saved).toEqual(['a0.pdf:600', 'a2.pdf:300']);
    const names = calls[0]!.enquiry.attachments.map((a) => a.filename);
    expect(names.slice(0, 2)).toEqual(['a0.pdf', 'a2.pdf']);
    expect(names[2]).toMatch(/^a1\.pdf \[nicht gespeichert: .*Postfachordner „Bearbeitet“\]$/);
    expect(calls[0]!.enquiry.attachments[2]!.size).toBe(600);
  });

  it('resets the daily limit at midnight in Berlin, not UTC', () => {
    expect(berlinDay(new Date('2026-03-03T22:59:00Z'))).toBe('2026-03-03');
    expect(berlinDay(new Date('2026-03-03T23:00:00Z'))).toBe('2026-03-04');
    expect(berlinDay(new Date('2026-07-03T21:59:00Z'))).toBe('2026-07-03');
    expect(berlinDay(new Date('2026-07-03T22:00:00Z'))).toBe('2026-07-04');
  });

  it('finds the ticket of a reply to one of our Message-IDs', async () => {
    const { deps, calls, state } = setup('follow_up');
    await state.recordSent('k', '<pakt.1@rps.bwl.de>', 'IM-2026-000009', 'ticket_confirmation', new Date());
    await processMessage(raw('r@x', ['In-Reply-To: <pakt.1@rps.bwl.de>'], 'Re: Frage'), ORIGIN, deps);
    expect(calls[0]!.enquiry.ticketNumber).toBe('IM-2026-000009');
  });

  it('leaves the mail for a retry when storage is unavailable, recording nothing', async () => {
    const { deps, db } = setup(new AppError('DB_LOCKED', 'locked'));
    expect(await processMessage(raw('a@x'), ORIGIN, deps)).toEqual({ action: 'retry', reason: 'DB_LOCKED' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM email_inbound').get()).toEqual({ n: 0 });
  });

  it('quarantines a mail that crashes the handler', async () => {
    const { deps } = setup(new TypeError('boom'));
    expect(await processMessage(raw('a@x'), ORIGIN, deps)).toMatchObject({ action: 'quarantine', reason: 'handler_failed' });
  });

  it('quarantines again a replayed mail that was quarantined before the move', async () => {
    const { deps, state } = setup();
    await state.recordInbound({ enquiryKey: 'email:a@x', messageId: '<a@x>', mailbox: 'INBOX', uidValidity: '7', uid: 1, senderHash: null, day: '2026-03-03', outcome: 'quarantined', autoReplied: false, disposition: 'quarantined', recordedAt: '' });
    expect(await processMessage(raw('a@x'), ORIGIN, deps)).toMatchObject({ action: 'quarantine' });
  });

  it('quarantines what is not a mail', async () => {
    const { deps, calls } = setup();
    expect(await processMessage(Buffer.from([0, 1, 2, 255]), ORIGIN, deps)).toMatchObject({ action: 'quarantine', reason: 'unparseable' });
    expect(calls).toHaveLength(0);
  });
});
