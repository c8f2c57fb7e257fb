import { describe, expect, it } from 'vitest';
import { mapConnectorError, retryAfterMs } from '../../../src/channels/teams/bot-framework/connector-errors.js';

/** The connector client's error shape: RestError with statusCode and response headers. */
function restError(statusCode: number, retryAfter?: string): unknown {
  const headers = new Map(retryAfter === undefined ? [] : [['retry-after', retryAfter]]);
  return Object.assign(new Error(`status ${statusCode}`), { name: 'RestError', statusCode, response: { headers: { get: (n: string) => headers.get(n) } } });
}

const NOW = new Date('2026-06-03T08:00:00.000Z');

describe(mapConnectorError.name, () => {
  it.each([
    ['429 with Retry-After seconds', restError(429, '7'), { kind: 'retry', afterMs: 7000, reason: 'teams connector 429' }],
    ['429 with an HTTP date', restError(429, 'Wed, 03 Jun 2026 08:00:30 GMT'), { kind: 'retry', afterMs: 30_000, reason: 'teams connector 429' }],
    ['429 without Retry-After', restError(429), { kind: 'retry', reason: 'teams connector 429' }],
    ['503', restError(503), { kind: 'retry', reason: 'teams connector 503' }],
    ['500 with Retry-After', restError(500, '2'), { kind: 'retry', afterMs: 2000, reason: 'teams connector 500' }],
    ['403 (bot removed)', restError(403), { kind: 'dead', reason: 'teams_conversation_gone: 403' }],
    ['404 (conversation gone)', restError(404), { kind: 'dead', reason: 'teams_conversation_gone: 404' }],
    ['400 (message refused)', restError(400), { kind: 'dead', reason: 'teams_rejected: 400' }],
    ['network error', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), { kind: 'retry', reason: 'teams connector unreachable (ECONNREFUSED)' }],
  ])('%s', (_name, error, expected) => {
    expect(mapConnectorError(error, NOW)).toEqual(expected);
  });

  it('ignores an unreadable Retry-After', () => {
    expect(retryAfterMs(restError(429, 'soon'), NOW)).toBeUndefined();
  });
});
