/**
 * XOAUTH2 login (as Exchange Online requires) against Dovecot's oauth2 passdb: Dovecot asks a local
 * token-introspection endpoint whether the token is valid. The channel obtains the token from
 * IMAP_TOKEN_COMMAND before every connection, so a reconnect uses a fresh token; SMTP AUTH uses XOAUTH2 with
 * the same token source.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../helpers/dovecot.js';
import { startSmtpSink } from '../../helpers/smtp-sink.js';
import { mail, startEmailHarness, type EmailHarness } from './harness.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

describe('XOAUTH2 login', () => {
  let http: Server;
  let dovecot: DovecotServer;
  let dir: string;
  const introspected: string[] = [];
  let h: EmailHarness | undefined;
  let proxy: TcpProxy | undefined;

  beforeAll(async () => {
    http = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const token = new URLSearchParams(body).get('token') ?? '';
        introspected.push(token);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(token.startsWith('valid-') ? { active: true, username: 'postfach' } : { active: false }));
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    const port = (http.address() as { port: number }).port;
    dovecot = await startDovecot({ oauth2IntrospectionUrl: `http://127.0.0.1:${port}/introspect` });
    dir = mkdtempSync(join(tmpdir(), 'pakt-oauth-'));
  });

  afterEach(async () => {
    await h?.close();
    await proxy?.close();
    h = undefined;
    proxy = undefined;
  });

  afterAll(async () => {
    await dovecot?.stop();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in with a token from IMAP_TOKEN_COMMAND, fetched anew for every connection', async () => {
    proxy = await startTcpProxy(dovecot);
    const counter = join(dir, 'count');
    // Prints valid-1, valid-2, … : a fresh token per run.
    const command = `echo x >> ${counter}; echo valid-$(wc -l < ${counter})`;
    h = await startEmailHarness({ dovecot, config: { IMAP_PORT: proxy.port, IMAP_PASSWORD: undefined, IMAP_TOKEN_COMMAND: command } });
    expect(h.channel.status().connected).toBe(true);
    await h.append(mail('oauth-1@altdorf.example', 'Anna <a.beispiel@altdorf.example>', 'Fördersatz', 'Wie hoch ist der Fördersatz pro Vollzeitstelle?'));
    await h.waitForFolder('Bearbeitet', 1);
    // The next server message on the channel's session (the EXISTS of a new mail) cuts the connection.
    const cut = proxy.cutAfter(1);
    await h.append(mail('oauth-2@altdorf.example', 'Anna <a.beispiel@altdorf.example>', 'Fördersatz', 'Wie hoch ist der Fördersatz pro Vollzeitstelle?'));
    await cut;
    await h.waitForFolder('Bearbeitet', 2);
    expect(readFileSync(counter, 'utf8').split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(2);
    // Each IMAP login used a token of its own (SMTP and the Sent-folder copy draw from the same command, so
    // which numbers the IMAP logins got depends on timing).
    expect(introspected).toContain('valid-1');
    expect(new Set(introspected.filter((t) => t.startsWith('valid-'))).size).toBeGreaterThanOrEqual(2);
  });

  it('stays disconnected with a rejected token and says so', async () => {
    h = await startEmailHarness({ dovecot, config: { IMAP_PASSWORD: undefined, IMAP_ACCESS_TOKEN: 'expired-token' } });
    const status = h.channel.status();
    expect(status.connected).toBe(false);
    expect(status.detail).toMatch(/connect failed/);
    expect(introspected).toContain('expired-token');
  });

  it('sends by SMTP with XOAUTH2 using the same token source when SMTP_USER has no password', async () => {
    const sink = await startSmtpSink({ acceptOAuth2: (user, token) => user === 'integrationsmanagement@rps.bwl.de' && token.startsWith('valid-') });
    try {
      h = await startEmailHarness({
        dovecot,
        sink,
        config: { IMAP_PASSWORD: undefined, IMAP_TOKEN_COMMAND: 'echo valid-smtp', SMTP_USER: 'integrationsmanagement@rps.bwl.de' },
      });
      await h.append(mail('oauth-smtp@altdorf.example', 'Anna <a.beispiel@altdorf.example>', 'Fördersatz', 'Wie hoch ist der Fördersatz pro Vollzeitstelle?'));
      const [reply] = await sink.waitFor(1);
      expect(reply!.parsed.inReplyTo).toBe('<oauth-smtp@altdorf.example>');
      expect(sink.logins).toContain('integrationsmanagement@rps.bwl.de valid-smtp');
    } finally {
      await h?.close();
      h = undefined;
      await sink.close();
    }
  });
});
