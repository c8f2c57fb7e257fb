/**
 * Forged Bot Framework tokens against the whole service over real HTTP (buildApp as `npm start` composes it,
 * with MicrosoftAppId set). The signing keys come from a local OpenID stub (ToBotFromChannelOpenIdMetadataUrl),
 * so the test needs no internet; forged tokens are made with node:crypto. Every refusal is JSON, carries
 * no internal text, and nothing reaches the bot (the connector stub receives no reply).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../../src/core/ports.js';
import { buildApp, type App } from '../../../src/server/app.js';
import { parseConfig } from '../../../src/server/config.js';
import { startConnectorStub, type ConnectorStub } from '../../helpers/connector-stub.js';
import { hs256, keyPairs, KNOWN_KID, makeToken, rs256, startKeyServer } from './forged-tokens.js';

const APP_ID = '00000000-0000-0000-0000-00000000b07a';

const token = (header: Record<string, unknown>, signer: (data: string) => string, claims: Record<string, unknown> = {}): string =>
  makeToken(APP_ID, header, signer, claims);

/** A logger that keeps every entry (to check that no token text is logged). */
function recordingLogger(entries: string[]): Logger {
  const log = (level: string) => (obj: Record<string, unknown>, msg?: string) => void entries.push(JSON.stringify({ level, ...obj, msg }));
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), child: () => logger };
  return logger;
}

describe('Teams endpoint with forged tokens', () => {
  let dir: string;
  let stub: ConnectorStub;
  let keys: Awaited<ReturnType<typeof startKeyServer>>;
  let app: App;
  let url: string;
  const entries: string[] = [];
  const { known: knownPair, foreign: foreignPair } = keyPairs();

  async function build(metadataUrl: string): Promise<{ app: App; url: string }> {
    const config = parseConfig({
      PORT: '0',
      DATABASE_URL: `sqlite:${join(dir, `pakt-${Math.random().toString(36).slice(2)}.db`)}`,
      INDEX_CACHE_DIR: join(dir, 'cache'),
      ATTACHMENTS_DIR: join(dir, 'attachments'),
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-offline',
      ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    });
    const built = await buildApp(config, { logger: recordingLogger(entries), defaultMetrics: false });
    return { app: built, url: `http://127.0.0.1:${await built.listen()}` };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pakt-teams-auth-'));
    [stub, keys] = await Promise.all([startConnectorStub(), startKeyServer(knownPair.publicKey)]);
    ({ app, url } = await build(keys.metadataUrl));
  });

  afterAll(async () => {
    await app?.stop();
    await Promise.all([stub?.close(), keys?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const activity = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: stub.url,
    text: 'Wie umfangreich darf der Sachbericht sein?',
    from: { id: '29:aad-forger', aadObjectId: 'aad-forger' },
    recipient: { id: `28:${APP_ID}` },
    conversation: { id: 'conv-forged', conversationType: 'personal', tenantId: 'tenant-1' },
    ...extra,
  });

  async function post(base: string, body: unknown, authorization?: string): Promise<{ status: number; type: string; body: unknown; text: string }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization !== undefined) headers['authorization'] = `Bearer ${authorization}`;
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: text === '' ? null : JSON.parse(text), text };
  }

  const forged: [string, () => string][] = [
    ['alg none', () => token({ alg: 'none', typ: 'JWT', kid: KNOWN_KID }, () => '')],
    ['HS256 with the public key as secret', () => token({ alg: 'HS256', typ: 'JWT', kid: KNOWN_KID }, hs256(String(knownPair.publicKey.export({ format: 'pem', type: 'spki' }))))],
    ['RS256 signed with an unknown key (unknown kid)', () => token({ alg: 'RS256', typ: 'JWT', kid: 'forger-key' }, rs256(foreignPair.privateKey))],
  ];

  it.each(forged)('answers %s with 401 and a JSON body, logs no stack and never runs the turn', async (_name, make) => {
    const consoleError = vi.spyOn(console, 'error');
    const consoleWarn = vi.spyOn(console, 'warn');
    try {
      const jwt = make();
      const res = await post(url, activity(), jwt);
      expect(res.status).toBe(401);
      expect(res.type).toMatch(/application\/json/);
      expect(res.body).toEqual({ error: 'unauthorized' });
      expect(consoleError).not.toHaveBeenCalled();
      expect(consoleWarn).not.toHaveBeenCalled();
      expect(entries.join('\n')).not.toContain(jwt.split('.')[2] || jwt);
    } finally {
      consoleError.mockRestore();
      consoleWarn.mockRestore();
    }
  });

  it('accepts a token signed with the known key (the refusals below are about the forgery, not the set-up)', async () => {
    const genuine = token({ alg: 'RS256', typ: 'JWT', kid: KNOWN_KID }, rs256(knownPair.privateKey), { serviceurl: stub.url });
    const res = await post(url, activity({ type: 'somethingNew' }), genuine);
    expect(res.status).toBe(200);
  });

  it('answers an RS256 token with a known key id but a foreign signature with 401 and JSON', async () => {
    const res = await post(url, activity(), token({ alg: 'RS256', typ: 'JWT', kid: KNOWN_KID }, rs256(foreignPair.privateKey)));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthorized' });
  });

  it('answers a garbage bearer and a missing token with 401', async () => {
    expect((await post(url, activity(), 'not.a-token')).status).toBe(401);
    const missing = await post(url, activity());
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: 'unauthorized' });
  });

  it('answers an activity without type with 400 and JSON', async () => {
    const { type: _type, ...untyped } = activity();
    for (const body of [untyped, { ...untyped, type: '' }, [activity()]]) {
      const res = await post(url, body, token({ alg: 'none' }, () => ''));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid_activity' });
    }
  });

  it('answers 503 with Retry-After when the signing keys cannot be downloaded (cannot tell real from forged)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = await build(`http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`);
    try {
      const res = await fetch(`${offline.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token({ alg: 'RS256', kid: 'any' }, rs256(foreignPair.privateKey))}` },
        body: JSON.stringify(activity()),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
      expect(await res.json()).toEqual({ error: 'authentication_unavailable' });
    } finally {
      await offline.app.stop();
    }
  });

  it('sent nothing to the connector for any of these requests', () => {
    expect(stub.received).toHaveLength(0);
    expect(entries.some((e) => /TEAMS_AUTH_REJECTED/.test(e))).toBe(true);
  });
});
