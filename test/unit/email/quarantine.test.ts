import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { EmailConfig } from '../../../src/channels/email/config.js';
import { parseMail } from '../../../src/channels/email/parse.js';
import type { HandleFn, HandleOptions } from '../../../src/channels/email/process-message.js';
import { reportPoison } from '../../../src/channels/email/quarantine.js';
import { createEmailState, emailMigrations, senderHash } from '../../../src/channels/email/state.js';
import type { Enquiry } from '../../../src/core/enquiry.js';
import type { EnquiryRequest } from '../../../src/core/enquiry-request.js';
import type { Outcome } from '../../../src/core/outcome.js';
import { silentLogger } from '../../../src/core/ports.js';
import { FakeClock } from '../../fakes/clock.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';

const CONFIG = { MAIL_FROM: 'im@rps.bwl.de', MAIL_AUTO_REPLIES_PER_DAY: 1, IMAP_QUARANTINE_FOLDER: 'Quarantaene' } as EmailConfig;
const ORIGIN = { mailbox: 'INBOX', uidValidity: '7', uid: 9, receivedAt: new Date('2026-03-03T09:00:00Z') };

/** The enquiry and the mail door's options of a request (undefined when it adds none); it is always a question by outbox. */
function split(request: EnquiryRequest): { enquiry: Enquiry; options: HandleOptions | undefined } {
  const { kind, enquiry, reply, ...options } = request;
  expect({ kind, reply }).toEqual({ kind: 'question', reply: 'outbox' });
  return { enquiry, options: Object.keys(options).length === 0 ? undefined : options };
}

function setup() {
  const db = new Database(':memory:');
  for (const m of emailMigrations) db.exec(m.sql);
  const state = createEmailState(sqliteSqlDb(db));
  const calls: { enquiry: Enquiry; options: HandleOptions | undefined }[] = [];
  const handle: HandleFn = (request) => {
    const { enquiry, options } = split(request);
    calls.push({ enquiry, options });
    return { kind: 'ticket_created', enquiryKey: enquiry.key, ticket: { number: 'IM-2026-000001' } } as unknown as Outcome;
  };
  const deps = { config: CONFIG, ownAddresses: ['im@rps.bwl.de'], state, handle, clock: new FakeClock('2026-03-03T09:00:00Z'), logger: silentLogger };
  return { deps, calls, state };
}

const headers = (lines: string[]) => parseMail(Buffer.from([...lines, 'Subject: Riesig', 'Date: Tue, 3 Mar 2026 09:00:00 +0100', '', ''].join('\r\n')));

describe(reportPoison.name, () => {
  it('confirms to the reply target when the loop guard allows an automatic reply, and counts it', async () => {
    const { deps, calls, state } = setup();
    const mail = await headers(['From: Anna <anna@altdorf.example>', 'Reply-To: buero@altdorf.example', 'Message-ID: <big@x>']);
    await reportPoison({ reason: 'too_large', origin: ORIGIN, mail, size: 30_000_000 }, deps);
    expect(calls[0]!.options).toEqual({ forceTicket: { reason: 'Nicht verarbeitbare E-Mail in der Quarantäne', notifyRequester: true } });
    expect(calls[0]!.enquiry.replyHandle).toMatchObject({ to: 'buero@altdorf.example' });
    expect(await state.repliesToTargetToday(senderHash('buero@altdorf.example'), '2026-03-03')).toBe(1);
  });

  it('sends no confirmation to a delivery report, an auto-reply or beyond the daily limit, but still opens the ticket', async () => {
    const { deps, calls } = setup();
    const bounce = await headers(['From: MAILER-DAEMON@mx.example', 'Message-ID: <b1@x>', 'Content-Type: multipart/report; report-type=delivery-status; boundary=x']);
    const oof = await headers(['From: Anna <anna@altdorf.example>', 'Auto-Submitted: auto-replied', 'Message-ID: <b2@x>']);
    const first = await headers(['From: Bert <bert@altdorf.example>', 'Message-ID: <b3@x>']);
    const second = await headers(['From: Bert <bert@altdorf.example>', 'Message-ID: <b4@x>']);
    for (const [i, mail] of [bounce, oof, first, second].entries()) {
      await reportPoison({ reason: 'too_large', origin: { ...ORIGIN, uid: i + 1 }, mail, size: 30_000_000 }, deps);
    }
    expect(calls.map((c) => c.options?.forceTicket?.notifyRequester)).toEqual([false, false, true, false]);
    expect(calls[0]!.enquiry.text).toContain('Keine automatische Eingangsbestätigung');
  });

  it('gives a poison mail that reuses an earlier mail\'s Message-ID a key of its own (no silent duplicate)', async () => {
    const { deps, calls, state } = setup();
    await state.recordInbound({ enquiryKey: 'email:reused@x', messageId: '<reused@x>', mailbox: 'INBOX', uidValidity: '7', uid: 1, senderHash: null, contentHash: 'f'.repeat(64), day: '2026-03-03', outcome: 'answered', autoReplied: true, disposition: 'processed', recordedAt: '' });
    const mail = await headers(['From: Anna <anna@altdorf.example>', 'Message-ID: <reused@x>']);
    await reportPoison({ reason: 'too_large', origin: ORIGIN, mail, size: 30_000_000 }, deps);
    expect(calls[0]!.enquiry.key).toMatch(/^email:quarantine:<reused@x>#[0-9a-f]{16}$/);
    await reportPoison({ reason: 'too_large', origin: ORIGIN, mail, size: 30_000_000 }, deps);
    expect(calls[1]!.enquiry.key).toBe(calls[0]!.enquiry.key);
  });

  it('sends nothing for a mail whose headers could not be read', async () => {
    const { deps, calls } = setup();
    await reportPoison({ reason: 'unparseable', origin: ORIGIN, mail: null, size: 10 }, deps);
    expect(calls[0]!.options?.forceTicket?.notifyRequester).toBe(false);
  });
});
