/**
 * Bot Framework tokens made with node:crypto for the auth tests, and a local stand-in for
 * login.botframework.com's OpenID metadata (one known RSA key), so no test needs the internet.
 */
import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Issuer of channel tokens (botframework-connector's ToBotFromChannelTokenIssuer). */
export const ISSUER = 'https://api.botframework.com';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT with the given header and claims; `signer` signs `header.payload` (alg none: returns ''). */
export function makeToken(appId: string, header: Record<string, unknown>, signer: (data: string) => string, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: ISSUER, aud: appId, serviceurl: 'http://127.0.0.1:1/', nbf: now - 60, exp: now + 3600, ...claims };
  const data = `${b64(header)}.${b64(payload)}`;
  return `${data}.${signer(data)}`;
}

/** RS256 signer. */
export const rs256 = (key: KeyObject) => (data: string) => sign('sha256', Buffer.from(data), key).toString('base64url');

/** HS256 signer with `secret` (the classic forgery: the public key as HMAC secret). */
export const hs256 = (secret: string) => (data: string) => createHmac('sha256', secret).update(data).digest('base64url');

/** Two fresh RSA key pairs: the one the key server publishes and a forger's. */
export function keyPairs(): { known: { publicKey: KeyObject; privateKey: KeyObject }; foreign: { publicKey: KeyObject; privateKey: KeyObject } } {
  return { known: generateKeyPairSync('rsa', { modulusLength: 2048 }), foreign: generateKeyPairSync('rsa', { modulusLength: 2048 }) };
}

/** The published key's id. */
export const KNOWN_KID = 'known-key';

/** Serves the OpenID configuration and a key set with one known key, like login.botframework.com. */
export async function startKeyServer(known: KeyObject): Promise<{ metadataUrl: string; close(): Promise<void> }> {
  const jwk = { ...known.export({ format: 'jwk' }), kid: KNOWN_KID, use: 'sig', endorsements: ['msteams'] };
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/v1/.well-known/keys` }));
    else if (req.url === '/v1/.well-known/keys') res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { metadataUrl: `${base}/v1/.well-known/openidconfiguration`, close: () => new Promise((r) => server.close(() => r())) };
}
