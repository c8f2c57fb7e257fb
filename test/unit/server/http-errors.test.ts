/**
 * How start-up and the Teams endpoint name their failures: listen errors as one CONFIG_INVALID line naming
 * PORT or HOST, token errors as 401 (forged) or 503 (keys unreachable), token shapes refused before any
 * key download.
 */
import { describe, expect, it } from 'vitest';
import { classifyAuthError, tokenShapeProblem } from '../../../src/channels/teams/bot-framework/guarded-adapter.teams.js';
import { isAppError } from '../../../src/core/errors.js';
import { listenError } from '../../../src/server/app.js';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const sysError = (code: string): Error => Object.assign(new Error(`listen ${code}`), { code });

describe(listenError.name, () => {
  it('names PORT for a port in use or a privileged port, HOST for an address that is not ours', () => {
    const inUse = listenError(sysError('EADDRINUSE'), 3978, '127.0.0.1');
    expect(isAppError(inUse, 'CONFIG_INVALID')).toBe(true);
    expect(inUse.message).toBe('PORT: port 3978 on 127.0.0.1 is already in use; stop the other process or choose another PORT');
    expect(listenError(sysError('EACCES'), 80, '0.0.0.0').message).toMatch(/^PORT: no permission to listen on port 80/);
    for (const code of ['EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN']) {
      const error = listenError(sysError(code), 3978, '10.1.2.3');
      expect(error.message).toMatch(/^HOST: cannot listen on "10\.1\.2\.3"/);
      expect(error.message).not.toContain('\n');
    }
  });

  it('leaves other errors alone', () => {
    const other = sysError('EMFILE');
    expect(listenError(other, 3978, '127.0.0.1')).toBe(other);
  });
});

describe(classifyAuthError.name, () => {
  it('answers forged or invalid tokens with 401', () => {
    expect(classifyAuthError(Object.assign(new Error('Unauthorized. No valid identity.'), { statusCode: 401 })).status).toBe(401);
    expect(classifyAuthError(Object.assign(new Error('invalid algorithm'), { name: 'JsonWebTokenError' })).status).toBe(401);
    expect(classifyAuthError(new SyntaxError('Unexpected token')).status).toBe(401);
  });

  it('answers 503 when the signing keys cannot be fetched', () => {
    expect(classifyAuthError(Object.assign(new Error('request failed'), { name: 'FetchError', code: 'ECONNREFUSED', type: 'system' })).status).toBe(503);
    expect(classifyAuthError(Object.assign(new Error('getaddrinfo'), { code: 'EAI_AGAIN' })).status).toBe(503);
    expect(classifyAuthError(Object.assign(new Error('Failed to load Keys: 500'), { statusCode: 500 })).status).toBe(503);
  });
});

describe(tokenShapeProblem.name, () => {
  const jwt = (header: unknown, signature = 'c2ln'): string => `Bearer ${b64(header)}.${b64({ iss: 'x' })}.${signature}`;

  it('refuses alg none, HMAC, unsigned and malformed tokens before any key download', () => {
    expect(tokenShapeProblem(jwt({ alg: 'none' }, ''))).toMatch(/algorithm none/);
    expect(tokenShapeProblem(jwt({ alg: 'HS256' }))).toMatch(/algorithm HS256/);
    expect(tokenShapeProblem(jwt({ alg: 'RS256' }, ''))).toBe('unsigned token');
    expect(tokenShapeProblem('Bearer not-a-token')).toBe('not a Bearer JWT');
    expect(tokenShapeProblem('Basic dXNlcjpwdw==')).toBe('not a Bearer JWT');
    expect(tokenShapeProblem(`Bearer ${Buffer.from('{nope').toString('base64url')}.e30.c2ln`)).toBe('unreadable token header');
  });

  it('passes RSA-signed tokens to botbuilder, and an absent header (allowed only without MicrosoftAppId)', () => {
    expect(tokenShapeProblem(jwt({ alg: 'RS256', kid: 'k' }))).toBeNull();
    expect(tokenShapeProblem('')).toBeNull();
  });
});
