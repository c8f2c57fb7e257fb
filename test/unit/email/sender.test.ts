import Database from 'better-sqlite3';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import type { EmailConfig } from '../../../src/channels/email/config.js';
import { classifySendError, createSmtpSender, usesOAuth2, type SmtpSenderDeps } from '../../../src/channels/email/sender.smtp.js';
import { createEmailState, emailMigrations } from '../../../src/channels/email/state.js';
import { loadMailTemplates } from '../../../src/channels/email/templates.fs.js';
import type { OutboundMessage } from '../../../src/core/outcome.js';
import { silentLogger } from '../../../src/core/ports.js';
import { FakeClock } from '../../fakes/clock.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';

const TEMPLATES = loadMailTemplates(new URL('../../../templates', import.meta.url).pathname);
const CONFIG = { MAIL_FROM: 'integrationsmanagement@rps.bwl.de', SMTP_HOST: 'smtp.test' } as EmailConfig;

const TICKET = {
  number: 'IM-2026-000042',
  status: 'neu',
  category: 'auszahlung',
  channel: 'email',
  subject: 'Zweite Rate',
  gemeinde: null,
  kreis: { ags: '08115', name: 'Böblingen', typ: 'Landkreis' },
  team: { teamId: 'team-nord', team: 'Sachbearbeitung Team Nord', email: 'nord@rps.example', phone: '0711 1' },
  assignee: null,
  firstResponseDue: '2026-03-05T23:00:00.000Z',
  resolutionDue: '2026-03-12T23:00:00.000Z',
  createdAt: '2026-03-03T09:00:00.000Z',
};

function message(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    id: 1,
    key: 'email:q1@altdorf.example:auto_answer',
    channel: 'email',
    kind: 'auto_answer',
    ticketNumber: null,
    replyHandle: { channel: 'email', to: 'a@altdorf.example', messageId: '<q1@altdorf.example>', references: ['<root@altdorf.example>'], subject: 'AW: AW: Frist' },
    payload: { answer: { text: 'Bis zum 30.06.', citation: 'VwV Nr. 7', passageId: 'vwv-im#7' } },
    attempts: 1,
    createdAt: '2026-03-03T09:00:00.000Z',
    ...overrides,
  };
}

function setup(send?: () => Promise<never>, extra: Partial<SmtpSenderDeps> = {}) {
  const db = new Database(':memory:');
  for (const m of emailMigrations) db.exec(m.sql);
  const state = createEmailState(sqliteSqlDb(db));
  const sent: Buffer[] = [];
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'crlf' });
  const original = transport.sendMail.bind(transport);
  (transport as unknown as { sendMail: unknown }).sendMail = async (mail: SendMailOptions) => {
    if (send) return send();
    const info = (await original(mail)) as unknown as { message: Buffer };
    sent.push(info.message);
    return info;
  };
  const sender = createSmtpSender({ config: CONFIG, templates: TEMPLATES, state, logger: silentLogger, clock: new FakeClock(), transport: transport as never, ...extra });
  return { sender, sent, state };
}

describe(classifySendError.name, () => {
  it.each([
    [{ code: 'ECONNECTION' }, 'retry'],
    [{ code: 'ETIMEDOUT' }, 'retry'],
    [{ code: 'ESOCKET' }, 'retry'],
    [{ code: 'EDNS' }, 'retry'],
    [{ code: 'EAUTH', responseCode: 535 }, 'retry'],
    [{ code: 'EENVELOPE', responseCode: 550 }, 'dead'],
    [{ code: 'EENVELOPE', responseCode: 452 }, 'retry'],
    [{ code: 'EENVELOPE' }, 'dead'],
    [{ code: 'EMESSAGE', responseCode: 552 }, 'dead'],
    [{ code: 'EPROTOCOL', responseCode: 421 }, 'retry'],
    [new Error('unknown'), 'retry'],
  ])('%o → %s', (error, kind) => {
    expect(classifySendError(error).kind).toBe(kind);
  });
  it('waits longer after an authentication failure', () => {
    expect(classifySendError({ code: 'EAUTH' })).toMatchObject({ kind: 'retry', afterMs: 300_000 });
  });
});

describe(usesOAuth2.name, () => {
  it.each([
    [{ SMTP_USER: 'im@rps.bwl.de', IMAP_TOKEN_COMMAND: 'get-token' }, true],
    [{ SMTP_USER: 'im@rps.bwl.de', IMAP_ACCESS_TOKEN: 'tok' }, true],
    [{ SMTP_USER: 'im@rps.bwl.de', SMTP_PASSWORD: 'pw', IMAP_TOKEN_COMMAND: 'get-token' }, false],
    [{ SMTP_USER: 'im@rps.bwl.de' }, false],
    [{ IMAP_TOKEN_COMMAND: 'get-token' }, false],
  ])('%o → %s', (config, expected) => {
    expect(usesOAuth2(config as EmailConfig)).toBe(expected);
  });
});

describe(createSmtpSender.name, () => {
  it('sends a threaded automatic answer with loop headers and a key-derived Message-ID', async () => {
    const { sender, sent } = setup();
    const result = await sender.deliver(message());
    expect(result.kind).toBe('sent');
    const raw = sent[0]!.toString();
    expect(raw).toMatch(/^Subject: AW: Frist\r?$/m);
    expect(raw).toMatch(/^In-Reply-To: <q1@altdorf\.example>\r?$/m);
    expect(raw).toMatch(/^References: <root@altdorf\.example> <q1@altdorf\.example>\r?$/m);
    expect(raw).toMatch(/^Auto-Submitted: auto-replied\r?$/m);
    expect(raw).toMatch(/^X-Loop: integrationsmanagement@rps\.bwl\.de\r?$/m);
    expect(raw).toMatch(/^Message-ID: <pakt\.[0-9a-f]{32}@rps\.bwl\.de>\r?$/m);
    expect(result).toMatchObject({ providerId: expect.stringMatching(/^<pakt\./) });
  });

  it('files in the Sent folder the very bytes it sent, text and HTML part included', async () => {
    const saved: Buffer[] = [];
    const sentFolder = { save: async (raw: Buffer) => void saved.push(raw), contains: async () => false, close: async () => undefined };
    const { sender, sent } = setup(undefined, { sentFolder, saveSent: true });
    expect((await sender.deliver(message())).kind).toBe('sent');
    expect(saved).toHaveLength(1);
    // The same message (the test transport writes its line ends as LF; SMTP gets CRLF, as the copy has them).
    const lf = (b: Buffer): string => b.toString().replace(/\r\n/g, '\n');
    expect(lf(saved[0]!)).toBe(lf(sent[0]!));
    const raw = saved[0]!.toString();
    expect(raw).toMatch(/^Message-ID: <pakt\.[0-9a-f]{32}@rps\.bwl\.de>\r?$/m);
    expect(raw).toMatch(/^Content-Type: text\/plain/m);
    expect(raw).toMatch(/^Content-Type: text\/html/m);
  });

  it('never sends the same outbox key twice', async () => {
    const { sender, sent } = setup();
    const first = await sender.deliver(message());
    const second = await sender.deliver(message({ id: 2, attempts: 2 }));
    expect(sent).toHaveLength(1);
    expect(second).toEqual(first);
  });

  it('puts the ticket number in the subject of a ticket confirmation', async () => {
    const { sender, sent } = setup();
    await sender.deliver(message({ key: 'k2', kind: 'ticket_confirmation', ticketNumber: TICKET.number, payload: { ticket: TICKET } }));
    const raw = sent[0]!.toString();
    expect(raw).toMatch(/^Subject: AW: \[IM-2026-000042\] Frist\r?$/m);
  });

  it('addresses staff notifications without threading and with a telling subject', async () => {
    const { sender, sent, state } = setup();
    const handle = { channel: 'email' as const, to: 'nord@rps.example', messageId: null, references: [], subject: 'Zweite Rate' };
    await sender.deliver(message({ key: 'k3', kind: 'staff_notification', ticketNumber: TICKET.number, replyHandle: handle, payload: { ticket: TICKET, headline: 'ein neuer Vorgang wartet auf Bearbeitung.' } }));
    const raw = sent[0]!.toString();
    expect(raw).toMatch(/^Subject: \[IM-2026-000042\] Neuer Vorgang: Zweite Rate\r?$/m);
    expect(raw).not.toMatch(/^In-Reply-To:/m);
    expect(await state.ticketForMessageIds([/^Message-ID: ([^\r\n]*)/m.exec(raw)![1]!])).toBe(TICKET.number);
  });

  it('marks a staff answer as written by a person (no Auto-Submitted)', async () => {
    const { sender, sent } = setup();
    await sender.deliver(message({ key: 'k4', kind: 'staff_answer', ticketNumber: TICKET.number, payload: { text: 'Die Rate wird am 15. überwiesen.', staffName: 'Team Nord' } }));
    const raw = sent[0]!.toString();
    expect(raw).not.toMatch(/^Auto-Submitted:/m);
    expect(raw).toMatch(/^X-Loop:/m);
  });

  it('gives up on a payload it cannot render, and on a non-mail message', async () => {
    const { sender } = setup();
    expect((await sender.deliver(message({ key: 'k5', payload: {} }))).kind).toBe('dead');
    expect((await sender.deliver(message({ key: 'k6', channel: 'teams' }))).kind).toBe('dead');
  });

  it('waits (retry) while SMTP_HOST is not configured', async () => {
    const db = new Database(':memory:');
    for (const m of emailMigrations) db.exec(m.sql);
    const sender = createSmtpSender({ config: { MAIL_FROM: CONFIG.MAIL_FROM } as EmailConfig, templates: TEMPLATES, state: createEmailState(sqliteSqlDb(db)), logger: silentLogger, clock: new FakeClock() });
    expect(await sender.deliver(message())).toMatchObject({ kind: 'retry', reason: 'SMTP_HOST not set' });
  });

  it('maps a refused connection to retry', async () => {
    const { sender } = setup(() => Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNECTION' })));
    expect(await sender.deliver(message({ key: 'k7' }))).toMatchObject({ kind: 'retry', reason: 'ECONNECTION' });
  });
});
