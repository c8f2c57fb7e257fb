/**
 * Connection lifecycle of the watcher with a scripted fake client and fake timers: backoff between failed
 * connects, a NEW client after every close, the poll fallback, passes triggered by EXISTS, stop().
 */
import { EventEmitter } from 'node:events';
import type { ImapFlow, ImapFlowOptions } from 'imapflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmailConfig } from '../../../src/channels/email/config.js';
import { createImapWatcher } from '../../../src/channels/email/watcher.imap.js';
import { silentLogger } from '../../../src/core/ports.js';

class FakeClient extends EventEmitter {
  usable = false;
  loggedOut = false;
  constructor(
    readonly options: ImapFlowOptions,
    private readonly fail: boolean,
  ) {
    super();
  }
  async connect(): Promise<void> {
    if (this.fail) throw Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    this.usable = true;
  }
  async list(): Promise<{ path: string }[]> {
    return [{ path: 'INBOX' }];
  }
  async mailboxCreate(): Promise<void> {}
  async mailboxOpen(): Promise<void> {}
  idle(): Promise<boolean> {
    return new Promise(() => undefined);
  }
  async logout(): Promise<void> {
    this.loggedOut = true;
    this.close();
  }
  close(): void {
    if (!this.usable && this.listenerCount('close') === 0) return;
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
  IMAP_POLL_SECONDS: 60,
} as EmailConfig;

function setup(failures: number, config: Partial<EmailConfig> = {}) {
  const clients: FakeClient[] = [];
  const passes: FakeClient[] = [];
  let release: (() => void) | null = null;
  let blockNext = false;
  const watcher = createImapWatcher({
    config: { ...CONFIG, ...config },
    tuning: { maxIdleMs: 300_000, reconnectMinMs: 1_000, reconnectMaxMs: 8_000, batchSize: 25, maxAttempts: 3, sentFolderOperationMs: 60_000 },
    logger: silentLogger,
    createClient: (options) => {
      const client = new FakeClient(options, clients.length < failures);
      clients.push(client);
      return client as unknown as ImapFlow;
    },
    sync: async (client) => {
      passes.push(client as unknown as FakeClient);
      if (blockNext) {
        blockNext = false;
        await new Promise<void>((resolve) => (release = resolve));
      }
    },
  });
  return { watcher, clients, passes, block: () => (blockNext = true), release: () => release?.() };
}

describe(createImapWatcher.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('retries a failed connect with doubling delays (1 s, 2 s, 4 s), each time with a new client', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0); // no jitter
    const { watcher, clients } = setup(3);
    await watcher.start();
    expect(clients).toHaveLength(1);
    expect(watcher.status()).toMatchObject({ connected: false, detail: expect.stringContaining('ECONNREFUSED') });
    const steps: [number, number][] = [
      [999, 1],
      [1, 2],
      [1_999, 2],
      [1, 3],
      [3_999, 3],
      [1, 4],
    ];
    for (const [ms, count] of steps) {
      await vi.advanceTimersByTimeAsync(ms);
      expect(clients).toHaveLength(count);
    }
    expect(watcher.status()).toEqual({ connected: true });
    expect(new Set(clients).size).toBe(4);
    await watcher.stop();
  });

  it('passes TLS, STARTTLS and IDLE options to the client', async () => {
    const { watcher, clients } = setup(0);
    await watcher.start();
    expect(clients[0]!.options).toMatchObject({ host: 'imap.test', port: 993, secure: true, disableAutoIdle: true, maxIdleTime: 300_000, auth: { user: 'postfach', pass: 'pw' } });
    expect(clients[0]!.options.doSTARTTLS).toBeUndefined();
    await watcher.stop();
  });

  it('reports a failing token command and keeps retrying', async () => {
    const { watcher, clients } = setup(0, { IMAP_PASSWORD: undefined, IMAP_TOKEN_COMMAND: 'exit 1' });
    await watcher.start();
    expect(clients).toHaveLength(0);
    expect(watcher.status()).toEqual({ connected: false, detail: 'token command failed' });
    await watcher.stop();
  });

  it('requires STARTTLS on a plain connection when IMAP_STARTTLS is set', async () => {
    const { watcher, clients } = setup(0, { IMAP_SECURE: false, IMAP_PORT: 143, IMAP_STARTTLS: true });
    await watcher.start();
    expect(clients[0]!.options).toMatchObject({ secure: false, port: 143, doSTARTTLS: true });
    await watcher.stop();
  });

  it('reconnects with a NEW client after the session closes', async () => {
    const { watcher, clients, passes } = setup(0);
    await watcher.start();
    expect(passes).toHaveLength(1);
    clients[0]!.close();
    expect(watcher.status().connected).toBe(false);
    await vi.advanceTimersByTimeAsync(1_201);
    expect(clients).toHaveLength(2);
    expect(watcher.status().connected).toBe(true);
    expect(passes.at(-1)).toBe(clients[1]);
    await watcher.stop();
  });

  it('polls every IMAP_POLL_SECONDS as a fallback to IDLE', async () => {
    const { watcher, passes } = setup(0);
    await watcher.start();
    expect(passes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(passes).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(passes).toHaveLength(3);
    await watcher.stop();
  });

  it('runs one more pass when new mail is announced during a pass, never two at once', async () => {
    const { watcher, clients, passes, block, release } = setup(0);
    block();
    await watcher.start();
    expect(passes).toHaveLength(1);
    clients[0]!.emit('exists');
    clients[0]!.emit('exists');
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toHaveLength(2);
    await watcher.stop();
  });

  it('stop() waits for the pass in hand, then logs out and stays down', async () => {
    const { watcher, clients, block, release } = setup(0);
    block();
    await watcher.start();
    let stopped = false;
    const stopping = watcher.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(clients[0]!.loggedOut).toBe(true);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(clients).toHaveLength(1);
    expect(watcher.status()).toEqual({ connected: false, detail: 'stopped' });
  });
});

/**
 * The reconnect delay grows while sessions fail right after login (a sync pass that always fails) and starts
 * over only once a pass succeeded: a login alone is no proof the session works.
 */
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
      config: { ...CONFIG, IMAP_POLL_SECONDS: 3600 } as EmailConfig,
      tuning: { maxIdleMs: 300_000, reconnectMinMs: 1_000, reconnectMaxMs: 60_000, batchSize: 25, maxAttempts: 3, sentFolderOperationMs: 60_000 },
      logger: silentLogger,
      createClient: (options) => {
        connects.push(Date.now());
        return new FakeClient(options, false) as unknown as ImapFlow;
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
