/**
 * The whole service as `npm start` composes it (buildApp), with both channels live: Teams activities over
 * real HTTP with a local connector stub, and the shared mailbox on a real Dovecot with smtp-server as sink.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { buildApp, type App } from '../../../src/server/app.js';
import { parseConfig } from '../../../src/server/config.js';
import { silentLogger } from '../../../src/core/ports.js';
import { startConnectorStub, type ConnectorStub } from '../../helpers/connector-stub.js';
import { imapEnv, startDovecot, type DovecotServer } from '../../helpers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';

const OWN = 'integrationsmanagement@rps.bwl.de';

function mail(id: string, from: string, subject: string, body: string): string {
  return [
    `From: ${from}`,
    `To: ${OWN}`,
    `Subject: ${subject}`,
    `Message-ID: <${id}>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}

describe('buildApp with Teams and e-mail', () => {
  let dir: string;
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let stub: ConnectorStub;
  let app: App;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pakt-e2e-'));
    [dovecot, sink, stub] = await Promise.all([startDovecot(), startSmtpSink(), startConnectorStub()]);
    const config = parseConfig({
      PORT: '0',
      DATABASE_URL: `sqlite:${join(dir, 'pakt.db')}`,
      INDEX_CACHE_DIR: join(dir, 'cache'),
      ATTACHMENTS_DIR: join(dir, 'attachments'),
      ...imapEnv(dovecot),
      SMTP_HOST: sink.host,
      SMTP_PORT: String(sink.port),
      SMTP_SECURE: 'false',
      MAIL_FROM: OWN,
      OUTBOX_POLL_MS: '50',
    });
    app = await buildApp(config, { logger: silentLogger, defaultMetrics: false });
    const port = await app.listen();
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await app?.stop();
    await Promise.all([dovecot?.stop(), sink?.close(), stub?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the mailbox in /readyz once connected', async () => {
    for (let i = 0; i < 100; i += 1) {
      const res = await fetch(`${url}/readyz`);
      if (res.status === 200) {
        const body = (await res.json()) as { checks: { name: string; ready: boolean }[] };
        expect(body.checks.map((c) => c.name)).toEqual(['knowledge', 'database', 'mailbox']);
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect.unreachable('mailbox never became ready');
  });

  it('answers a Teams question with a cited card', async () => {
    const activity = {
      type: 'message',
      id: 'e2e-activity-1',
      channelId: 'msteams',
      serviceUrl: stub.url,
      text: 'Wie umfangreich darf der Sachbericht sein?',
      from: { id: '29:aad-e2e', aadObjectId: 'aad-e2e', name: 'Test' },
      recipient: { id: '28:pakt-bot', name: 'Pakt-Assistent' },
      conversation: { id: 'conv-e2e-1', conversationType: 'personal', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' } },
    };
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBeLessThan(300);
    const reply = await stub.waitFor((a) => a.conversationId === 'conv-e2e-1' && Array.isArray(a.body.attachments));
    const card = JSON.stringify(reply.body.attachments[0].content);
    expect(card).toMatch(/Sachbericht/);
    expect(card).toMatch(/Verbindlich/i);
  });

  it('answers a general mail question once, threaded and marked as automatic', async () => {
    const imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await imap.connect();
    try {
      await imap.append('INBOX', mail('e2e-q1@aidlingen.example', 'Hauptamt Aidlingen <hauptamt@aidlingen.example>', 'Frage Sachbericht', 'Guten Tag,\n\nwie lang darf der Sachbericht höchstens sein?\n\nMit freundlichen Grüßen\nGemeinde Aidlingen'));
      await imap.append('INBOX', mail('e2e-q2@esslingen.example', 'Soziales <soziales@esslingen.example>', 'Stand unseres Antrags', 'Sehr geehrte Damen und Herren,\n\nwir haben im März unseren Antrag auf Förderung eingereicht. Wann kommt der Bescheid?\n\nStadt Esslingen am Neckar'));
    } finally {
      await imap.logout();
    }
    const mails = await sink.waitFor(3, 30_000);
    const answer = mails.find((m) => m.envelopeTo.includes('hauptamt@aidlingen.example'));
    expect(answer).toBeDefined();
    expect(answer!.headers['in-reply-to']).toBe('<e2e-q1@aidlingen.example>');
    expect(answer!.headers['auto-submitted']).toBe('auto-replied');
    expect(answer!.parsed.subject).toMatch(/^AW: Frage Sachbericht/);
    expect(answer!.parsed.text).toMatch(/Sachbericht/);

    const confirmation = mails.find((m) => m.envelopeTo.includes('soziales@esslingen.example'));
    expect(confirmation).toBeDefined();
    expect(confirmation!.parsed.subject).toMatch(/\[IM-\d{4}-\d{6}\]/);
    const tickets = await app.services.tickets.list({});
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.kreis?.ags).toBe('08116');

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/pakt_enquiries_total\{channel="email",outcome="answered"\} 1/);
    expect(metrics).toMatch(/pakt_enquiries_total\{channel="email",outcome="ticket_created"\} 1/);
    expect(metrics).toMatch(/pakt_enquiries_total\{channel="teams",outcome="answered"\} 1/);
    expect(metrics).toMatch(/pakt_index_passages \d{2,}/);
  });
});
