import { describe, expect, it } from 'vitest';
import type { EmailConfig } from '../../../src/channels/email/config.js';
import { ownAddresses } from '../../../src/channels/email/config.js';
import { resolveAuth, runTokenCommand } from '../../../src/channels/email/watcher.imap.js';

const base = { IMAP_USER: 'postfach@rps.bwl.de' } as EmailConfig;

describe(resolveAuth.name, () => {
  it('logs in with the password when no token is configured', async () => {
    expect(await resolveAuth({ ...base, IMAP_PASSWORD: 'pw' })).toEqual({ user: 'postfach@rps.bwl.de', pass: 'pw' });
  });
  it('uses a configured XOAUTH2 access token instead of the password', async () => {
    expect(await resolveAuth({ ...base, IMAP_PASSWORD: 'pw', IMAP_ACCESS_TOKEN: 'tok' })).toEqual({ user: 'postfach@rps.bwl.de', accessToken: 'tok' });
  });
  it('runs the token command before each connection and uses its output', async () => {
    expect(await resolveAuth({ ...base, IMAP_ACCESS_TOKEN: 'stale', IMAP_TOKEN_COMMAND: "printf '  fresh-token\\n'" })).toEqual({
      user: 'postfach@rps.bwl.de',
      accessToken: 'fresh-token',
    });
  });
});

describe(runTokenCommand.name, () => {
  it('fails with IMAP_CONNECTION when the command fails or prints nothing', async () => {
    await expect(runTokenCommand('exit 3')).rejects.toMatchObject({ code: 'IMAP_CONNECTION' });
    await expect(runTokenCommand('true')).rejects.toMatchObject({ code: 'IMAP_CONNECTION' });
  });
});

describe(ownAddresses.name, () => {
  it('lower-cases and deduplicates MAIL_FROM, MAIL_OWN_ADDRESSES and an address-shaped IMAP_USER', () => {
    expect(ownAddresses({ MAIL_FROM: 'IM@rps.bwl.de', MAIL_OWN_ADDRESSES: ['im@rps.bwl.de', ' Postfach@rps.bwl.de '], IMAP_USER: 'svc-im' })).toEqual([
      'im@rps.bwl.de',
      'postfach@rps.bwl.de',
    ]);
  });
});
