/**
 * Why an enquiry became a ticket (issue 13, migration tickets-005): triage's reasons are stored with the new
 * ticket, read back with its details, kept by every later change, and removed by anonymisation. Real SQLite file.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import { ticketMigrations } from '../../../src/tickets/migrations.js';
import { runRetention } from '../../../src/tickets/retention.js';
import { FakeClock } from '../../fakes/clock.js';
import { makeEnquiry } from '../../fakes/factories.js';
import { APPLICATION_TEXT, openStack, tempDir } from './stack.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('triage reasons on the ticket', () => {
  it('stores the reasons triage gave and keeps them through later changes', async () => {
    const s = openStack(join(tmp.dir, 'pakt.db'));
    const created = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const reasons = (await s.service.show(created.ticket.number)).triageReasons;
    expect(reasons).toEqual(created.triage.reasons);
    expect(reasons?.length).toBeGreaterThan(0);
    expect((await s.service.claim(created.ticket.number, 'sb-nord-1')).ok).toBe(true);
    expect((await s.service.note(created.ticket.number, { text: 'Rückruf', by: 'sb-nord-1' })).ok).toBe(true);
    expect((await s.service.show(created.ticket.number)).triageReasons).toEqual(reasons);
    s.close();
  });

  it('puts a forced reason first (a quarantined mail is a ticket whatever triage says)', async () => {
    const s = openStack(join(tmp.dir, 'pakt.db'));
    const created = await s.enquire(makeEnquiry({ text: 'Wie hoch ist die Förderung?' }), { forceTicket: { reason: 'Anhang in Quarantäne', notifyRequester: false } });
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    expect((await s.service.show(created.ticket.number)).triageReasons?.[0]).toBe('Anhang in Quarantäne');
    s.close();
  });

  it('leaves tickets created before the column without reasons (migration on an older file)', async () => {
    const path = join(tmp.dir, 'old.db');
    const old = openDatabase(path, ticketMigrations.slice(0, 4), silentLogger);
    old.close();
    const s = openStack(path);
    const columns = (s.db.prepare('PRAGMA table_info(tickets)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('triage_reasons');
    s.db.prepare("UPDATE tickets SET triage_reasons = NULL").run();
    const created = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    s.db.prepare('UPDATE tickets SET triage_reasons = NULL WHERE number = ?').run(created.ticket.number);
    expect((await s.service.show(created.ticket.number)).triageReasons).toBeUndefined();
    s.close();
  });

  it('removes the reasons when the ticket is anonymised (they quote the enquiry)', async () => {
    const clock = new FakeClock('2025-03-03T08:00:00.000Z');
    const s = openStack(join(tmp.dir, 'pakt.db'), { clock });
    const created = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT, receivedAt: clock.now() }));
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    await s.service.close(created.ticket.number, { by: 'sb-nord-1' });
    expect((await runRetention(new Date('2026-06-10T08:00:00.000Z'), { store: s.stores.tickets, logger: silentLogger, retentionDays: 365 })).anonymised).toEqual([created.ticket.number]);
    expect((await s.service.show(created.ticket.number)).triageReasons).toBeUndefined();
    s.close();
  });
});
