/**
 * Migration email-004 keeps the recorded order of existing inbound records: "oldest first" was SQLite's rowid
 * order and is now the `id` column. Rows inserted in an order their keys do not sort in must come back in it.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createEmailState, emailMigrations } from '../../../src/channels/email/state.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';

describe('migration email-004', () => {
  it('numbers existing inbound records in the order they were recorded', async () => {
    const db = new Database(':memory:');
    for (const m of emailMigrations.filter((x) => x.id < 'email-004')) db.exec(m.sql);
    const insert = db.prepare(`INSERT INTO email_inbound (enquiry_key, message_id, mailbox, uid_validity, uid, sender_hash, day, outcome,
      disposition, recorded_at, rate_limited, ticket_number) VALUES (?, '<m@x>', 'INBOX', '7', 1, 'h', '2026-06-03', 'answered', 'processed', '', 1, ?)`);
    for (const [key, ticket] of [['zz', 'IM-2026-000003'], ['aa', 'IM-2026-000001'], ['mm', 'IM-2026-000002']]) insert.run(key, ticket);
    db.exec(emailMigrations.find((m) => m.id === 'email-004')!.sql);
    const state = createEmailState(sqliteSqlDb(db));
    expect((await state.inboundByMessageId('<m@x>')).map((r) => r.enquiryKey)).toEqual(['zz', 'aa', 'mm']);
    expect(await state.rateLimitedTicket('h', '2026-06-03')).toBe('IM-2026-000003');
    db.close();
  });
});
