/**
 * Contract of the mail channel's state (src/channels/email/state.ts) on SQLite and PostgreSQL (issue 15): what
 * one replica records, the other reads; the mailbox position is shared (an exact leader hand-over); attempts
 * count across processes; "oldest first" is the order of recording.
 */
import { describe, expect, it } from 'vitest';
import { createEmailState, emailMigrations, type InboundRecord } from '../../../../src/channels/email/state.js';
import { sqlImplementations } from './sql-implementations.js';

const IMPLEMENTATIONS = sqlImplementations(emailMigrations, 'email');

const NOW = new Date('2026-06-03T08:00:00.000Z');

function inbound(key: string, extra: Partial<InboundRecord> = {}): InboundRecord {
  return { enquiryKey: key, messageId: '<m@x>', mailbox: 'INBOX', uidValidity: '7', uid: 1, senderHash: 'h1', day: '2026-06-03', outcome: 'answered', autoReplied: true, disposition: 'processed', recordedAt: NOW.toISOString(), ...extra };
}

describe.each(IMPLEMENTATIONS)('email state on $name', (impl) => {
  it('shares the mailbox position between processes, UIDs beyond 2^31 included', async () => {
    const { a, b, close } = await impl.open();
    try {
      expect(await createEmailState(a).mailbox('INBOX')).toBeNull();
      await createEmailState(a).saveMailbox('INBOX', { uidValidity: '7', lastUid: 3_000_000_000, startAt: NOW.toISOString() }, NOW);
      expect(await createEmailState(b).mailbox('INBOX')).toEqual({ uidValidity: '7', lastUid: 3_000_000_000, startAt: NOW.toISOString() });
      await createEmailState(b).saveMailbox('INBOX', { uidValidity: '8', lastUid: 0, startAt: NOW.toISOString() }, NOW);
      expect((await createEmailState(a).mailbox('INBOX'))?.uidValidity).toBe('8');
    } finally {
      await close();
    }
  });

  it('records an inbound mail once and returns the records of a Message-ID oldest first', async () => {
    const { a, b, close } = await impl.open();
    try {
      const sa = createEmailState(a);
      const sb = createEmailState(b);
      await sa.recordInbound(inbound('k2', { contentHash: 'c2' }));
      await sb.recordInbound(inbound('k1', { contentHash: 'c1' }));
      await sb.recordInbound(inbound('k2', { contentHash: 'other', outcome: 'ticket_created' }));
      expect((await sb.inboundByMessageId('<m@x>')).map((r) => [r.enquiryKey, r.contentHash, r.outcome])).toEqual([
        ['k2', 'c2', 'answered'],
        ['k1', 'c1', 'answered'],
      ]);
      expect((await sa.findInbound('unknown', '<m@x>'))?.enquiryKey).toBe('k2');
      expect(await sa.findInbound('unknown', null)).toBeNull();
      expect(await sb.repliesToday('h1', '2026-06-03')).toBe(2);
      expect(await sb.repliesToTargetToday('h1', '2026-06-03')).toBe(2);
    } finally {
      await close();
    }
  });

  it('names the first rate-limited ticket of a sender and day', async () => {
    const { a, b, close } = await impl.open();
    try {
      await createEmailState(a).recordInbound(inbound('r1', { rateLimited: true, ticketNumber: 'IM-2026-000002' }));
      await createEmailState(b).recordInbound(inbound('r2', { rateLimited: true, ticketNumber: 'IM-2026-000001' }));
      expect(await createEmailState(b).rateLimitedTicket('h1', '2026-06-03')).toBe('IM-2026-000002');
      expect(await createEmailState(b).rateLimitedTicket('h1', '2026-06-04')).toBeNull();
    } finally {
      await close();
    }
  });

  it('counts attempts on a UID across processes and forgets them', async () => {
    const { a, b, close } = await impl.open();
    try {
      expect(await createEmailState(a).bumpAttempt('INBOX', '7', 5, NOW)).toBe(1);
      expect(await createEmailState(b).bumpAttempt('INBOX', '7', 5, NOW)).toBe(2);
      await createEmailState(a).bumpAttempt('INBOX', '7', 6, NOW);
      await createEmailState(b).clearAttempts('INBOX', '7', [5, 6]);
      expect(await createEmailState(a).bumpAttempt('INBOX', '7', 5, NOW)).toBe(1);
      await createEmailState(a).clearAttempt('INBOX', '7', 5);
      expect(await createEmailState(b).bumpAttempt('INBOX', '7', 5, NOW)).toBe(1);
    } finally {
      await close();
    }
  });

  it('keeps sent Message-IDs and transmission notes for every process', async () => {
    const { a, b, close } = await impl.open();
    try {
      const sa = createEmailState(a);
      const sb = createEmailState(b);
      await sa.recordSent('out:1', '<pakt.1@x>', 'IM-2026-000001', 'auto_answer', NOW);
      await sb.recordSent('out:1', '<pakt.other@x>', null, 'auto_answer', NOW);
      expect(await sb.sentMessageId('out:1')).toBe('<pakt.1@x>');
      expect(await sb.ticketForMessageIds(['<none@x>', '<pakt.1@x>'])).toBe('IM-2026-000001');
      expect(await sa.wasTransmitted('out:2')).toBe(false);
      await sa.markTransmitted('out:2', '<pakt.2@x>', NOW);
      expect(await sb.wasTransmitted('out:2')).toBe(false);
      await sa.markComplete('out:2');
      expect(await sb.wasTransmitted('out:2')).toBe(true);
      await sb.clearTransmitted('out:2');
      expect(await sa.wasTransmitted('out:2')).toBe(false);
    } finally {
      await close();
    }
  });
});
