import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { EmailConfig } from '../../../src/channels/email/config.js';
import { berlinDay, processMessage, type HandleFn, type HandleOptions } from '../../../src/channels/email/process-message.js';
import { createEmailState, emailMigrations } from '../../../src/channels/email/state.sqlite.js';
import type { Enquiry } from '../../../src/core/enquiry.js';
import { AppError } from '../../../src/core/errors.js';
import type { Outcome } from '../../../src/core/outcome.js';
import { silentLogger } from '../../../src/core/ports.js';
import { FakeClock } from '../../fakes/clock.js';

const CONFIG = { MAIL_FROM: 'im@rps.bwl.de', MAIL_AUTO_REPLIES_PER_DAY: 2, IMAP_QUARANTINE_FOLDER: 'Quarantaene' } as EmailConfig;
const ORIGIN = { mailbox: 'INBOX', uidValidity: '7', uid: 1, receivedAt: new Date('2026-03-03T09:00:00Z') };

function raw(id: string, extra: string[] = [], subject = 'Frage'): Buffer {
  return Buffer.from([`From: Anna <anna@altdorf.example>`, `Subject: ${subject}`, `Message-ID: <${id}>`, 'Date: Tue, 3 Mar 2026 09:00:00 +0100', ...extra, '', 'Wie hoch ist der Fördersatz?', ''].join('\r\n'));
}

function setup(kind: Outcome['kind'] | Error = 'answered') {
  const db = new Database(':memory:');
  for (const m of emailMigrations) db.exec(m.sql);
  const state = createEmailState(db);
  const calls: { enquiry: Enquiry; options: HandleOptions | undefined }[] = [];
  const handle: HandleFn = (enquiry, options) => {
    calls.push({ enquiry, options });
    if (kind instanceof Error) throw kind;
    return { kind, enquiryKey: enquiry.key } as Outcome;
  };
  const deps = { config: CONFIG, ownAddresses: ['im@rps.bwl.de'], state, handle, clock: new FakeClock('2026-03-03T09:00:00Z'), logger: silentLogger };
  return { deps, calls, state, db };
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

  it('suppresses automatic replies beyond the daily limit per sender', async () => {
    const { deps, calls } = setup();
    for (let i = 0; i < 3; i += 1) await processMessage(raw(`q${i}@x`), { ...ORIGIN, uid: i + 1 }, deps);
    expect(calls.map((c) => c.options?.suppress)).toEqual([undefined, undefined, 'rate_limit']);
  });

  it('resets the daily limit at midnight in Berlin, not UTC', () => {
    expect(berlinDay(new Date('2026-03-03T22:59:00Z'))).toBe('2026-03-03');
    expect(berlinDay(new Date('2026-03-03T23:00:00Z'))).toBe('2026-03-04');
    expect(berlinDay(new Date('2026-07-03T21:59:00Z'))).toBe('2026-07-03');
    expect(berlinDay(new Date('2026-07-03T22:00:00Z'))).toBe('2026-07-04');
  });

  it('finds the ticket of a reply to one of our Message-IDs', async () => {
    const { deps, calls, state } = setup('follow_up');
    state.recordSent('k', '<pakt.1@rps.bwl.de>', 'IM-2026-000009', 'ticket_confirmation', new Date());
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
    state.recordInbound({ enquiryKey: 'email:a@x', messageId: '<a@x>', mailbox: 'INBOX', uidValidity: '7', uid: 1, senderHash: null, day: '2026-03-03', outcome: 'quarantined', autoReplied: false, disposition: 'quarantined', recordedAt: '' });
    expect(await processMessage(raw('a@x'), ORIGIN, deps)).toMatchObject({ action: 'quarantine' });
  });

  it('quarantines what is not a mail', async () => {
    const { deps, calls } = setup();
    expect(await processMessage(Buffer.from([0, 1, 2, 255]), ORIGIN, deps)).toMatchObject({ action: 'quarantine', reason: 'unparseable' });
    expect(calls).toHaveLength(0);
  });
});
