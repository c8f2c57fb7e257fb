/**
 * End to end over Dovecot and smtp-server: a mail APPENDed to the inbox is answered once, threaded, marked
 * and moved; history before the first start is never answered.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailChannel, emailMigrations } from '../../../src/channels/email/index.js';
import { silentLogger, systemClock, type Logger } from '../../../src/core/ports.js';
import { startSmtpSink } from '../../helpers/smtp-sink.js';
import { emailConfig, mail, OWN, startEmailHarness, type EmailHarness } from './harness.js';
import { waitUntil } from './wait.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';

describe('email channel end to end', () => {
  let h: EmailHarness;

  beforeAll(async () => {
    h = await startEmailHarness({ noStart: true });
    // History: present before the first start, must never be answered.
    await h.append(mail('historic-1@altdorf.example', 'Anna <a@altdorf.example>', 'Alte Frage', 'Wie hoch ist der Fördersatz?'));
    await h.channel.start();
    h.worker.start();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('answers a new question once, threaded, and moves it to the processed folder', async () => {
    await h.append(
      mail('q1@altdorf.example', 'Anna Beispiel <a.beispiel@altdorf.example>', 'Frage zum Verwendungsnachweis', 'Guten Tag,\r\n\r\nbis wann muss der Verwendungsnachweis vorgelegt werden?\r\n\r\nMit freundlichen Grüßen\r\nGemeinde Altdorf'),
    );
    const [reply] = await h.sink.waitFor(1);
    expect(reply).toBeDefined();
    expect(reply!.envelopeTo).toEqual(['a.beispiel@altdorf.example']);
    expect(reply!.parsed.subject).toMatch(/^AW: /);
    expect(reply!.parsed.subject).not.toMatch(/AW: AW:/);
    expect(reply!.parsed.inReplyTo).toBe('<q1@altdorf.example>');
    expect(reply!.headers['references']).toContain('<q1@altdorf.example>');
    expect(reply!.headers['auto-submitted']).toBe('auto-replied');
    expect(reply!.headers['x-loop']).toBe(OWN);
    expect(reply!.parsed.messageId).toMatch(/^<pakt\.[0-9a-f]{32}@rps\.bwl\.de>$/);
    expect(reply!.parsed.text).toContain('Guten Tag');
    await h.waitForFolder('Bearbeitet', 1);
    expect(await h.uids('INBOX')).toHaveLength(1); // only the historic mail stays
    expect(h.channel.status()).toEqual({ connected: true });
  });
});

describe('email channel without IMAP_HOST', () => {
  it('only sends: delivers a staff notification by SMTP and reports the mailbox as not watched', async () => {
    const sink = await startSmtpSink();
    const db = new Database(':memory:');
    for (const m of emailMigrations) db.exec(m.sql);
    const channel = createEmailChannel({
      config: emailConfig({ host: '127.0.0.1', port: 1, user: 'x', password: 'y' }, sink, { IMAP_HOST: undefined }),
      db: sqliteSqlDb(db),
      handle: () => {
        throw new Error('no intake without IMAP');
      },
      logger: silentLogger,
      clock: systemClock,
    });
    try {
      await channel.start();
      expect(channel.status()).toEqual({ connected: false, detail: 'IMAP_HOST not set (sending only)' });
      const ticket = { number: 'IM-2026-000007', subject: 'Frist', category: 'frist', team: { team: 'Team Süd', phone: '1' }, kreis: null, assignee: null, firstResponseDue: '2026-03-05T09:00:00Z' };
      const result = await channel.deliverer({
        id: 1,
        key: 'staff-only-1',
        channel: 'email',
        kind: 'staff_notification',
        ticketNumber: ticket.number,
        replyHandle: { channel: 'email', to: 'team-sued@rps.example', messageId: null, references: [], subject: 'Frist' },
        payload: { ticket, headline: 'ein neuer Vorgang wartet auf Bearbeitung.' },
        attempts: 1,
        createdAt: '2026-03-03T09:00:00Z',
      });
      expect(result.kind).toBe('sent');
      const [sent] = await sink.waitFor(1);
      expect(sent!.envelopeTo).toEqual(['team-sued@rps.example']);
      expect(sent!.parsed.subject).toBe('[IM-2026-000007] Neuer Vorgang: Frist');
    } finally {
      await channel.stop();
      await sink.close();
      db.close();
    }
  });
});

describe('email channel IDLE renewal', () => {
  it('restarts IDLE every maxIdleMs and still sees new mail at once', async () => {
    let idles = 0;
    const counting: Logger = {
      ...silentLogger,
      debug: (_obj, msg) => {
        if (msg?.startsWith('Initiated IDLE')) idles += 1;
      },
      child: () => counting,
    };
    const h = await startEmailHarness({ logger: counting, tuning: { maxIdleMs: 150 } });
    try {
      await waitUntil(() => idles, (n) => n >= 4);
      await h.append(mail('after-idle@altdorf.example', 'Anna <a.beispiel@altdorf.example>', 'Fördersatz', 'Wie hoch ist der Fördersatz pro Vollzeitstelle?'));
      await h.waitForFolder('Bearbeitet', 1);
      expect(h.channel.status()).toEqual({ connected: true });
    } finally {
      await h.close();
    }
  });
});

describe('email channel first start', () => {
  it('fixes its start point before start() resolves: a mail arriving right after is answered, not history', async () => {
    // From the moment start() has resolved the clock runs 5 s ahead, so a start point taken any later (for
    // example in the first pass, after its NOOP) would lie after the mail below and skip it as history.
    let ahead = 0;
    const clock = { now: () => new Date(Date.now() + ahead) };
    const h = await startEmailHarness({ clock, noStart: true });
    try {
      await h.channel.start();
      ahead = 5_000;
      h.worker.start();
      await h.append(mail('right-after-start@altdorf.example', 'Anna <a.beispiel@altdorf.example>', 'Fördersatz', 'Wie hoch ist der Fördersatz pro Vollzeitstelle?'));
      await h.waitForFolder('Bearbeitet', 1);
      const [reply] = await h.sink.waitFor(1);
      expect(reply!.parsed.inReplyTo).toBe('<right-after-start@altdorf.example>');
    } finally {
      await h.close();
    }
  });
});
