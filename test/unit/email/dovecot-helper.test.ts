import { afterEach, describe, expect, it } from 'vitest';
import { startDovecot } from '../../helpers/dovecot.js';

describe(startDovecot.name, () => {
  const saved = process.env['DOVECOT_BIN'];
  afterEach(() => {
    if (saved === undefined) delete process.env['DOVECOT_BIN'];
    else process.env['DOVECOT_BIN'] = saved;
  });

  it('fails with a clear message (never skips) when Dovecot is not installed', async () => {
    process.env['DOVECOT_BIN'] = '/nonexistent/dovecot';
    await expect(startDovecot()).rejects.toThrow(/dovecot-imapd/);
  });
});
