import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ConfigSchema, parseConfig, sqlitePath } from '../../../src/server/config.js';
import { isAppError } from '../../../src/core/errors.js';

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
