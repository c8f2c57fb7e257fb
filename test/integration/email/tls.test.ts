/**
 * TLS per config against a Dovecot that refuses plaintext logins: implicit TLS (IMAP_SECURE) on the imaps
 * port and STARTTLS (IMAP_STARTTLS) on the plain port; an untrusted certificate is refused.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../helpers/dovecot.js';
import { mail, startEmailHarness, type EmailHarness } from './harness.js';

describe('IMAP over TLS', () => {
  let dovecot: DovecotServer;
  let h: EmailHarness | undefined;

  beforeAll(async () => {
    dovecot = await startDovecot({ tls: true });
  });

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  afterAll(async () => {
    await dovecot?.stop();
  });

  it('connects with implicit TLS when IMAP_SECURE is set', async () => {
    h = await startEmailHarness({ dovecot, imapTls: { ca: dovecot.certificate }, config: { IMAP_PORT: dovecot.tlsPort, IMAP_SECURE: true } });
    expect(h.channel.status()).toEqual({ connected: true });
    await h.append(mail('tls-1@altdorf.example', 'Anna <a.beispiel@altdorf.example>', 'Fördersatz', 'Wie hoch ist der Fördersatz?'));
    await h.waitForFolder('Bearbeitet', 1);
  });

  it('upgrades with STARTTLS when IMAP_STARTTLS is set', async () => {
    h = await startEmailHarness({ dovecot, imapTls: { ca: dovecot.certificate }, config: { IMAP_SECURE: false, IMAP_STARTTLS: true } });
    expect(h.channel.status()).toEqual({ connected: true });
  });

  it('refuses a certificate it does not trust', async () => {
    h = await startEmailHarness({ dovecot, config: { IMAP_PORT: dovecot.tlsPort, IMAP_SECURE: true } });
    expect(h.channel.status().connected).toBe(false);
  });
});
