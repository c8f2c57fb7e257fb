/**
 * The Sent folder never stalls its callers (the outbox worker): an operation that gets no answer (a session
 * cut in the middle of a command) fails after the bound with IMAP_CONNECTION, the session is dropped, and the
 * next operation opens a new one.
 */
import { EventEmitter } from 'node:events';
import type { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import { createSentFolder } from '../../../src/channels/email/sent-folder.imap.js';
import type { EmailConfig } from '../../../src/channels/email/config.js';

class FakeClient extends EventEmitter {
  usable = true;
  closed = false;
  appended = 0;
  constructor(private readonly hang: boolean) {
    super();
  }
  async connect(): Promise<void> {}
  async list(): Promise<{ path: string; specialUse?: string }[]> {
    return [{ path: 'Sent', specialUse: '\\Sent' }];
  }
  async mailboxCreate(): Promise<void> {}
  append(): Promise<void> {
    if (this.hang) return new Promise(() => undefined);
    this.appended += 1;
    return Promise.resolve();
  }
  close(): void {
    this.closed = true;
    this.usable = false;
  }
  async logout(): Promise<void> {
    this.close();
  }
}

const config = { IMAP_HOST: '127.0.0.1', IMAP_PORT: 1, IMAP_SECURE: false, IMAP_USER: 'u', IMAP_PASSWORD: 'p' } as unknown as EmailConfig;

describe('Sent folder operations are bounded', () => {
  it('fails a hung append after the bound, drops that session and uses a new one next', async () => {
    const clients: FakeClient[] = [];
    const sent = createSentFolder({
      config,
      logger: silentLogger,
      operationTimeoutMs: 50,
      createClient: () => {
        const c = new FakeClient(clients.length === 0);
        clients.push(c);
        return c as unknown as ImapFlow;
      },
    });
    await expect(sent.save(Buffer.from('x'))).rejects.toMatchObject({ code: 'IMAP_CONNECTION' });
    expect(clients[0]!.closed).toBe(true);
    await sent.save(Buffer.from('y'));
    expect(clients).toHaveLength(2);
    expect(clients[1]!.appended).toBe(1);
    await sent.close();
  });
});
