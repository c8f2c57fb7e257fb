import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../../src/core/ports.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import { ticketMigrations } from '../../../src/tickets/migrations.js';
import { ACTORS, makeEnquiry } from '../../fakes/factories.js';
import { APPLICATION_TEXT, openStack, tempDir } from './stack.js';

let tmp: ReturnType<typeof tempDir>;
let path: string;

beforeEach(() => {
  tmp = tempDir();
  path = join(tmp.dir, 'nested', 'pakt.db');
});
afterEach(() => tmp.remove());

const count = (s: ReturnType<typeof openStack>, table: string): number => (s.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe(openDatabase.name, () => {
  it('creates the folder, enables WAL and foreign keys, and applies each migration exactly once', () => {
    const first = openDatabase(path, ticketMigrations, silentLogger);
    expect(existsSync(path)).toBe(true);
    expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.pragma('foreign_keys', { simple: true })).toBe(1);
    first.close();
    const again = openDatabase(path, ticketMigrations, silentLogger);
    expect(again.prepare('SELECT id FROM schema_migrations').all()).toEqual(ticketMigrations.map((m) => ({ id: m.id })));
    again.close();
  });

  it('refuses a database written by a newer version of the same module, ignores other modules', () => {
    const db = openDatabase(path, ticketMigrations, silentLogger);
    db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES ('teams-001', 'x')").run();
    db.close();
    expect(() => openDatabase(path, ticketMigrations, silentLogger).close()).not.toThrow();
    const newer = openDatabase(path, ticketMigrations, silentLogger);
    newer.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES ('tickets-099', 'x')").run();
    newer.close();
    expect(() => openDatabase(path, ticketMigrations, silentLogger)).toThrow(expect.objectContaining({ code: 'DB_ERROR' }));
  });

  it('rolls a failing migration back completely', () => {
    const broken = [...ticketMigrations, { id: 'tickets-002', sql: 'CREATE TABLE extra (id INTEGER); THIS IS NOT SQL' }];
    expect(() => openDatabase(path, broken, silentLogger)).toThrow(expect.objectContaining({ code: 'DB_ERROR' }));
    const db = openDatabase(path, [], silentLogger);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('tickets', 'extra')").all()).toEqual([]);
    db.close();
  });
});

describe('storage faults', () => {
  it('reports DB_LOCKED when another connection holds the write lock, leaving nothing behind', async () => {
    const a = openStack(path);
    const created = await a.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const b = openStack(path, { db: { busyTimeoutMs: 20 } });
    a.db.prepare('BEGIN IMMEDIATE').run();
    try {
      await expect(b.service.claim(created.ticket.number, ACTORS.nord1.id)).rejects.toThrow(expect.objectContaining({ code: 'DB_LOCKED' }));
      await expect(b.enquire(makeEnquiry({ text: APPLICATION_TEXT }))).rejects.toThrow(expect.objectContaining({ code: 'DB_LOCKED' }));
    } finally {
      a.db.prepare('ROLLBACK').run();
    }
    expect((await b.stores.tickets.find(created.ticket.number))?.assignee).toBeNull();
    expect(count(b, 'tickets')).toBe(1);
    a.close();
    b.close();
  });

  it('reports DB_READONLY for writes on a read-only database', async () => {
    openStack(path).close();
    const ro = openStack(path, { db: { readonly: true } });
    await expect(ro.enquire(makeEnquiry({ text: APPLICATION_TEXT }))).rejects.toThrow(expect.objectContaining({ code: 'DB_READONLY' }));
    ro.close();
  });

  it('reports DB_FULL when the disk (page limit) is full, with no partial state', async () => {
    const s = openStack(path);
    const created = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
    if (created.kind !== 'ticket_created') throw new Error(created.kind);
    const pages = s.db.pragma('page_count', { simple: true }) as number;
    s.db.pragma(`max_page_count = ${pages}`);
    const before = { tickets: count(s, 'tickets'), events: count(s, 'ticket_events'), outbox: count(s, 'outbox'), enquiries: count(s, 'enquiries') };
    // A follow-up (no triage) whose message needs new pages.
    const huge = 'x'.repeat(50_000);
    await expect(s.enquire(makeEnquiry({ text: huge, ticketNumber: created.ticket.number }))).rejects.toThrow(expect.objectContaining({ code: 'DB_FULL' }));
    expect({ tickets: count(s, 'tickets'), events: count(s, 'ticket_events'), outbox: count(s, 'outbox'), enquiries: count(s, 'enquiries') }).toEqual(before);
    s.close();
  });
});
