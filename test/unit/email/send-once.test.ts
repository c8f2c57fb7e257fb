/**
 * The transmitted note (send-once.ts) against a real smtp-server on loopback: it is written when the server
 * accepts DATA, marked complete before the end of the message reaches the server, cleared when the server
 * refuses; a repeated attempt that finds it complete sends nothing, one that finds it incomplete sends once.
 */
import Database from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmailConfig } from '../../../src/channels/email/config.js';
import { createSmtpSender } from '../../../src/channels/email/sender.smtp.js';
import { createEmailState, emailMigrations } from '../../../src/channels/email/state.js';
import { loadMailTemplates } from '../../../src/channels/email/templates.fs.js';
import type { UncertainReply } from '../../../src/channels/email/uncertain-reply.js';
import type { OutboundMessage } from '../../../src/core/outcome.js';
import { silentLogger } from '../../../src/core/ports.js';
import { FakeClock } from '../../fakes/clock.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';

const TEMPLATES = loadMailTemplates(new URL('../../../templates', import.meta.url).pathname);
const KEY = 'email:q1@altdorf.example:auto_answer';

const message = (attempts = 1): OutboundMessage => ({
  id: 1,
  key: KEY,
  channel: 'email',
  kind: 'auto_answer',
  ticketNumber: null,
  replyHandle: { channel: 'email', to: 'a@altdorf.example', messageId: '<q1@altdorf.example>', references: [], subject: 'Frist' },
  payload: { answer: { text: 'Bis zum 30.06.', citation: 'VwV Nr. 7', passageId: 'vwv-im#7' } },
  attempts,
  createdAt: '2026-03-03T09:00:00.000Z',
});

type Hooks = { onRcpt?: () => void; onBody?: () => void; onEnd?: () => Error | null };
const servers: SMTPServer[] = [];

async function server(hooks: Hooks): Promise<{ port: number; received: () => number }> {
  let received = 0;
  const s = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      hooks.onRcpt?.();
      callback();
    },
    onData(stream, _session, callback) {
      stream.once('data', () => hooks.onBody?.());
      stream.on('data', () => undefined);
      stream.on('end', () => {
        const error = hooks.onEnd?.() ?? null;
        if (error === null) received += 1;
        callback(error);
      });
    },
  });
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const address = s.server.address();
  return { port: typeof address === 'object' && address !== null ? address.port : 0, received: () => received };
}

function sender(port: number) {
  const db = new Database(':memory:');
  for (const m of emailMigrations) db.exec(m.sql);
  const state = createEmailState(sqliteSqlDb(db));
  const config = { MAIL_FROM: 'integrationsmanagement@rps.bwl.de', SMTP_HOST: '127.0.0.1', SMTP_PORT: port, SMTP_SECURE: false } as EmailConfig;
  return { state, smtp: createSmtpSender({ config, templates: TEMPLATES, state, logger: silentLogger, clock: new FakeClock() }) };
}

afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
});

describe('sending once across a crash', () => {
  it('notes the message as completely transmitted before its end reaches the server, long before the reply', async () => {
    // The SQLite state answers at the moment of the call (the promise only carries the value).
    const seen: Promise<boolean>[] = [];
    let state: ReturnType<typeof sender>['state'] | null = null;
    const check = (): void => void seen.push(state!.wasTransmitted(KEY));
    const s = await server({ onRcpt: check, onEnd: () => (check(), null) });
    const built = sender(s.port);
    state = built.state;
    expect(await built.smtp.deliver(message())).toMatchObject({ kind: 'sent' });
    built.smtp.close();
    expect(await Promise.all(seen)).toEqual([false, true]);
    expect(await state.sentMessageId(KEY)).not.toBeNull();
  });

  it('counts a note as transmitted only once the whole body was written (a body cut off is sent again)', async () => {
    const { state, smtp } = sender(1);
    smtp.close();
    await state.markTransmitted(KEY, '<pakt.x@rps.bwl.de>', new Date());
    expect(await state.wasTransmitted(KEY)).toBe(false);
    await state.markComplete(KEY);
    expect(await state.wasTransmitted(KEY)).toBe(true);
    // A new attempt starts its note afresh.
    await state.markTransmitted(KEY, '<pakt.y@rps.bwl.de>', new Date());
    expect(await state.wasTransmitted(KEY)).toBe(false);
  });

  it('holds the body back until a slow note is written (PostgreSQL: a round trip), so no byte precedes the note', async () => {
    const seen: boolean[] = [];
    const db = new Database(':memory:');
    const s = await server({ onBody: () => void seen.push(db.prepare('SELECT 1 FROM email_transmitted WHERE outbound_key = ?').get(KEY) !== undefined) });
    for (const m of emailMigrations) db.exec(m.sql);
    const fast = createEmailState(sqliteSqlDb(db));
    const slow: typeof fast = {
      ...fast,
      markTransmitted: async (key, id, now) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        await fast.markTransmitted(key, id, now);
      },
    };
    const config = { MAIL_FROM: 'integrationsmanagement@rps.bwl.de', SMTP_HOST: '127.0.0.1', SMTP_PORT: s.port, SMTP_SECURE: false } as EmailConfig;
    const smtp = createSmtpSender({ config, templates: TEMPLATES, state: slow, logger: silentLogger, clock: new FakeClock() });
    expect(await smtp.deliver(message())).toMatchObject({ kind: 'sent' });
    smtp.close();
    expect(seen).toEqual([true]);
  });

  it('forgets the note when the server refuses the message at its end, so the next attempt sends', async () => {
    const s = await server({ onEnd: () => Object.assign(new Error('try later'), { responseCode: 451 }) });
    const { state, smtp } = sender(s.port);
    expect(await smtp.deliver(message())).toMatchObject({ kind: 'retry' });
    smtp.close();
    expect(await state.wasTransmitted(KEY)).toBe(false);
  });

  it('counts a note written before migration email-005 as complete, as it was then', async () => {
    const db = new Database(':memory:');
    for (const m of emailMigrations.filter((x) => x.id < 'email-005')) db.exec(m.sql);
    db.prepare('INSERT INTO email_transmitted (outbound_key, message_id, at) VALUES (?, ?, ?)').run(KEY, '<pakt.old@rps.bwl.de>', '2026-12-01T00:00:00.000Z');
    db.exec(emailMigrations.find((m) => m.id === 'email-005')!.sql);
    expect(await createEmailState(sqliteSqlDb(db)).wasTransmitted(KEY)).toBe(true);
  });

  it('does not send again what an earlier attempt transmitted completely before it crashed', async () => {
    const s = await server({});
    const { state, smtp } = sender(s.port);
    await state.markTransmitted(KEY, '<pakt.x@rps.bwl.de>', new Date());
    await state.markComplete(KEY);
    expect(await smtp.deliver(message(2))).toMatchObject({ kind: 'sent' });
    smtp.close();
    expect(s.received()).toBe(0);
    expect(await state.sentMessageId(KEY)).not.toBeNull();
  });

  it('hands a reply that an earlier attempt transmitted completely to staff, with its text, and records it once staff have it', async () => {
    const s = await server({});
    const { state } = sender(s.port);
    const handed: UncertainReply[] = [];
    const config = { MAIL_FROM: 'integrationsmanagement@rps.bwl.de', SMTP_HOST: '127.0.0.1', SMTP_PORT: s.port, SMTP_SECURE: false } as EmailConfig;
    let fail = true;
    const handOver = async (reply: UncertainReply): Promise<void> => {
      if (fail) throw new Error('database down');
      handed.push(reply);
    };
    const smtp = createSmtpSender({ config, templates: TEMPLATES, state, logger: silentLogger, clock: new FakeClock(), handOver });
    await state.markTransmitted(KEY, '<pakt.x@rps.bwl.de>', new Date());
    await state.markComplete(KEY);
    // Staff cannot be told yet: the outbox tries again, and nothing is recorded as sent.
    expect(await smtp.deliver(message(2))).toMatchObject({ kind: 'retry' });
    expect(await state.sentMessageId(KEY)).toBeNull();
    fail = false;
    expect(await smtp.deliver(message(3))).toMatchObject({ kind: 'sent' });
    smtp.close();
    expect(s.received()).toBe(0);
    expect(handed).toHaveLength(1);
    expect(handed[0]!.message.key).toBe(KEY);
    expect(handed[0]!.text).toContain('Bis zum 30.06.');
    expect(handed[0]!.messageId).toBe(await state.sentMessageId(KEY));
  });

  it('does not hand a notice to staff back to staff when its delivery is unknown', async () => {
    const s = await server({});
    const { state } = sender(s.port);
    const handed: UncertainReply[] = [];
    const config = { MAIL_FROM: 'integrationsmanagement@rps.bwl.de', SMTP_HOST: '127.0.0.1', SMTP_PORT: s.port, SMTP_SECURE: false } as EmailConfig;
    const smtp = createSmtpSender({ config, templates: TEMPLATES, state, logger: silentLogger, clock: new FakeClock(), handOver: async (reply) => void handed.push(reply) });
    const notice: OutboundMessage = { ...message(2), kind: 'staff_notification', ticketNumber: 'IM-2026-000001', payload: {} };
    await state.markTransmitted(KEY, '<pakt.x@rps.bwl.de>', new Date());
    await state.markComplete(KEY);
    expect(await smtp.deliver(notice)).toMatchObject({ kind: 'sent' });
    smtp.close();
    expect(handed).toHaveLength(0);
    expect(s.received()).toBe(0);
  });

  it('sends once what an earlier attempt cut off during the body (the server never stored it)', async () => {
    const s = await server({});
    const { state, smtp } = sender(s.port);
    await state.markTransmitted(KEY, '<pakt.x@rps.bwl.de>', new Date());
    expect(await smtp.deliver(message(2))).toMatchObject({ kind: 'sent' });
    smtp.close();
    expect(s.received()).toBe(1);
    expect(await state.wasTransmitted(KEY)).toBe(true);
  });
});
