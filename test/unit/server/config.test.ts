import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ConfigSchema, parseConfig, sqlitePath } from '../../../src/server/config.js';
import { isAppError } from '../../../src/core/errors.js';

/** The problem lines of a rejected environment ([] when it parses). */
function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
    return (error as Error).message.split('\n').slice(1);
  }
}

describe(parseConfig.name, () => {
  it('applies embedded defaults to an empty environment', () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.HOST).toBe('127.0.0.1');
    expect(sqlitePath(config)).toBe('./data/pakt.db');
    expect(config.KNOWLEDGE_DIR).toBe('./knowledge');
    expect(config.IMAP_HOST).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports one line per problem, each naming the variable', () => {
    try {
      parseConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', IMAP_HOST: 'mail.example' });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
      const lines = (error as Error).message.split('\n').slice(1);
      expect(lines.some((l) => l.startsWith('PORT:'))).toBe(true);
      expect(lines.some((l) => l.startsWith('DATABASE_URL:'))).toBe(true);
      expect(lines.some((l) => l.startsWith('IMAP_USER:'))).toBe(true);
      expect(lines.some((l) => l.startsWith('SMTP_HOST:'))).toBe(true);
    }
  });

  it('treats empty strings as unset and parses booleans and lists', () => {
    const config = parseConfig({ MicrosoftAppId: '', IMAP_SECURE: 'false', TEAMS_STAFF_IDS: 'a, b,,c' });
    expect(config.MicrosoftAppId).toBeUndefined();
    expect(config.IMAP_SECURE).toBe(false);
    expect(config.TEAMS_STAFF_IDS).toEqual(['a', 'b', 'c']);
  });

  it('reads per-category deadlines and names a malformed entry', () => {
    expect(parseConfig({ TICKET_DEADLINES: 'antrag=3/15, frist=1/3' }).TICKET_DEADLINES).toEqual({
      antrag: { firstResponseDays: 3, resolutionDays: 15 },
      frist: { firstResponseDays: 1, resolutionDays: 3 },
    });
    expect(parseConfig({}).TICKET_DEADLINES).toEqual({});
    expect(() => parseConfig({ TICKET_DEADLINES: 'kita=1/2' })).toThrow(/^TICKET_DEADLINES: "kita=1\/2"/m);
  });

  it('reports every malformed deadline entry, not only the first', () => {
    const lines = problems({ TICKET_DEADLINES: 'kita=1/2, antrag=3/15, frist=9/1, x' });
    expect(lines.filter((l) => l.startsWith('TICKET_DEADLINES:'))).toHaveLength(3);
    expect(lines.join('\n')).toMatch(/"kita=1\/2"[\s\S]*"frist=9\/1"[\s\S]*"x"/);
  });

  it('refuses a DATABASE_URL without a file path (a temporary database would lose everything on restart)', () => {
    expect(problems({ DATABASE_URL: 'sqlite:' })).toEqual([expect.stringMatching(/^DATABASE_URL: needs a file path/)]);
    expect(problems({ DATABASE_URL: 'sqlite::memory:' })).toEqual([expect.stringMatching(/^DATABASE_URL: needs a file path/)]);
    expect(sqlitePath(parseConfig({ DATABASE_URL: 'sqlite:/var/lib/pakt/pakt.db' }))).toBe('/var/lib/pakt/pakt.db');
  });

  it('refuses an empty PORT instead of listening on a random port', () => {
    expect(problems({ PORT: '' })).toEqual([expect.stringMatching(/^PORT: is empty/)]);
    expect(problems({ MAIL_AUTO_REPLIES_PER_DAY: ' ', RETENTION_DAYS: '' })).toEqual([
      expect.stringMatching(/^MAIL_AUTO_REPLIES_PER_DAY: is empty/),
      expect.stringMatching(/^RETENTION_DAYS: is empty/),
    ]);
    expect(problems({ IMAP_POLL_SECONDS: '2' })).toEqual([expect.stringMatching(/^IMAP_POLL_SECONDS: must be a whole number from 5/)]);
    expect(problems({ PORT: '70000' })).toEqual([expect.stringMatching(/^PORT: /)]);
    expect(parseConfig({ PORT: '0' }).PORT).toBe(0);
    expect(parseConfig({ PORT: ' 8080 ' }).PORT).toBe(8080);
  });

  it('accepts only a real IMAP_START_DATE', () => {
    for (const bad of ['2026-02-30', 'gestern', '01.03.2026', '2026-13-01T00:00:00Z']) {
      expect(problems({ IMAP_START_DATE: bad }), bad).toEqual([expect.stringMatching(/^IMAP_START_DATE: /)]);
    }
    expect(parseConfig({ IMAP_START_DATE: '2026-03-01' }).IMAP_START_DATE).toBe('2026-03-01');
    expect(parseConfig({ IMAP_START_DATE: '2026-03-01T08:00:00+01:00' }).IMAP_START_DATE).toBe('2026-03-01T08:00:00+01:00');
    expect(parseConfig({ IMAP_START_DATE: '' }).IMAP_START_DATE).toBeUndefined();
  });

  it('refuses a HOST that is neither an IP address nor a host name', () => {
    expect(problems({ HOST: 'bad host!' })).toEqual([expect.stringMatching(/^HOST: /)]);
    expect(parseConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(parseConfig({ HOST: 'localhost' }).HOST).toBe('localhost');
    expect(parseConfig({ HOST: '::1' }).HOST).toBe('::1');
  });

  it('requires a tenant for SingleTenant bots', () => {
    expect(() => parseConfig({ MicrosoftAppId: 'id', MicrosoftAppType: 'SingleTenant' })).toThrow(/MicrosoftAppTenantId/);
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Za-z_]+)=/gm)].map((m) => m[1]));
    const keys = Object.keys(ConfigSchema.shape);
    expect(keys.filter((k) => !documented.has(k))).toEqual([]);
  });
});
