/**
 * The reconnect delay of the IMAP watcher grows while sessions fail right after login (a sync pass that
 * always fails) and starts over only once a pass succeeded: a login alone is no proof the session works.
 */
import { EventEmitter } from 'node:events';
import type { ImapFlow } from 'imapflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmailConfig } from '../../../src/channels/email/config.js';
import { createImapWatcher } from '../../../src/channels/email/watcher.imap.js';
import { silentLogger } from '../../../src/core/ports.js';

class FakeClient extends EventEmitter {
  usable = false;
  async connect(): Promise<void> {
    this.usable = true;
  }
  async list(): Promise<{ path: string }[]> {
    return [{ path: 'INBOX' }, { path: 'Bearbeitet' }, { path: 'Quarantaene' }];
  }
  async mailboxOpen(): Promise<void> {}
  idle(): Promise<boolean> {
    return new Promise(() => undefined);
  }
  async logout(): Promise<void> {
    this.close();
  }
  close(): void {
    if (!this.usable) return;
    this.usable = false;
    this.emit('close');
  }
}

const CONFIG = {
  IMAP_HOST: 'imap.test',
  IMAP_PORT: 993,
  IMAP_SECURE: true,
  IMAP_STARTTLS: false,
  IMAP_USER: 'postfach',
  IMAP_PASSWORD: 'pw',
  IMAP_MAILBOX: 'INBOX',
  IMAP_PROCESSED_FOLDER: 'Bearbeitet',
  IMAP_QUARANTINE_FOLDER: 'Quarantaene',
  IMAP_POLL_SECONDS: 3600,
} as EmailConfig;

describe('IMAP reconnect backoff', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0); // no jitter
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('keeps doubling while every session fails its first pass, and starts over after a pass succeeded', async () => {
    const connects: number[] = [];
    let failPasses = true;
    const watcher = createImapWatcher({
      config: CONFIG,
      tuning: { maxIdleMs: 300_000, reconnectMinMs: 1_000, reconnectMaxMs: 60_000, batchSize: 25, maxAttempts: 3 },
      logger: silentLogger,
      createClient: () => {
        connects.push(Date.now());
        return new FakeClient() as unknown as ImapFlow;
      },
      sync: async () => {
        if (failPasses) throw Object.assign(new Error('bad search'), { code: 'IMAP_SEARCH_FAILED' });
      },
    });
    await watcher.start();
    await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000 + 8_000);
    const gaps = connects.slice(1).map((t, i) => t - connects[i]!);
    expect(gaps).toEqual([1_000, 2_000, 4_000, 8_000]);

    failPasses = false;
    await vi.advanceTimersByTimeAsync(16_000); // the 6th session's pass succeeds
    expect(connects).toHaveLength(6);
    expect(watcher.status()).toEqual({ connected: true });

    failPasses = true;
    watcher.poke(); // the next pass fails: the session closes, and the delay has started over
    await vi.advanceTimersByTimeAsync(1_000);
    expect(connects).toHaveLength(7);
    await watcher.stop();
  });
});
