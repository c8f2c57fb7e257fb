/**
 * Migration tickets-006 (issue 15): thread references get a portable ordering column; existing references keep
 * the order in which they were recorded (what the ledger reads as "the newest one").
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import { ticketMigrations } from '../../../src/tickets/migrations.js';
import { createSqliteTicketStores } from '../../../src/tickets/ticket-store.sqlite.js';
import { makeEnquiry } from '../../fakes/factories.js';
import { FAKE_TEAMS } from '../../fakes/staff-directory.js';
import { tempDir } from './stack.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('migration tickets-006', () => {
  it('keeps the recorded order of existing references and threads a reply to the one recorded last', async () => {
    const path = join(tmp.dir, 'pakt.db');
    const before = openDatabase(path, ticketMigrations.filter((m) => m.id < 'tickets-006'), silentLogger);
    const { ledger } = createSqliteTicketStores(before);
    // Recorded in an order that is neither alphabetical nor reversed.
    for (const id of ['<z@gemeinde.example>', '<a@gemeinde.example>', '<m@gemeinde.example>']) {
      const enquiry = makeEnquiry({ text: 'Unser Antrag', replyHandle: { channel: 'email', to: 'a@b.example', messageId: id, references: [], subject: 'Antrag' } });
      await ledger.commit({
        enquiry,
        outcome: 'ticket_created',
        at: '2026-06-03T08:00:00.000Z',
        suppressedReason: null,
        ticket: {
          kind: 'create',
          draft: {
            category: 'antrag', channel: 'email', subject: 'Antrag', replyHandle: enquiry.replyHandle, team: FAKE_TEAMS[0]!, deputyFor: null, assignmentReason: 'test', text: 'Unser Antrag',
            requester: { name: null, address: 'a@b.example', gemeinde: null, kreis: null, routeStatus: 'unknown', evidence: [], candidates: [] },
            due: { firstResponseDue: '2026-06-08T21:59:59.999Z', resolutionDue: '2026-06-18T21:59:59.999Z' },
          },
        },
        outbox: [],
      });
    }
    before.close();

    const after = openDatabase(path, ticketMigrations, silentLogger);
    try {
      expect(after.prepare('SELECT ref, ticket_number AS t FROM ticket_refs ORDER BY id').all()).toEqual([
        { ref: '<z@gemeinde.example>', t: 'IM-2026-000001' },
        { ref: '<a@gemeinde.example>', t: 'IM-2026-000002' },
        { ref: '<m@gemeinde.example>', t: 'IM-2026-000003' },
      ]);
      const found = await createSqliteTicketStores(after).ledger.findTicket({ references: ['<m@gemeinde.example>', '<z@gemeinde.example>', '<a@gemeinde.example>'] });
      expect(found?.number).toBe('IM-2026-000003');
    } finally {
      after.close();
    }
  });
});
