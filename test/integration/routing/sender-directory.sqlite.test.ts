/** SqliteSenderDirectory on a real temporary SQLite file, with the module's own migration applied. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/core/errors.js';
import { routingMigrations } from '../../../src/routing/migrations.js';
import { SqliteSenderDirectory } from '../../../src/routing/sender-directory.sqlite.js';

describe(SqliteSenderDirectory.name, () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'routing-sqlite-'));
    file = path.join(dir, 'pakt.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function open(): Database.Database {
    const db = new Database(file);
    for (const m of routingMigrations) db.exec(m.sql);
    return db;
  }

  it('has numbered routing migrations', () => {
    expect(routingMigrations.map((m) => m.id)).toEqual(['routing-001']);
  });

  it('stores, updates and survives reopening the file', () => {
    const db = open();
    const store = new SqliteSenderDirectory(db);
    expect(store.lookup('a@b.de')).toBeNull();
    store.remember('Anna <A@B.de>', '08115001', 'teams:rueckfrage', new Date('2026-03-02T09:00:00Z'));
    store.remember('a@b.de', '08116005', 'mail:antwort', new Date('2026-03-03T09:00:00Z'));
    db.close();
    const again = new SqliteSenderDirectory(open());
    expect(again.lookup('A@b.de')).toEqual({ gemeindeAgs: '08116005', provenance: 'mail:antwort', confirmedAt: '2026-03-03T09:00:00.000Z' });
  });

  it('refuses a database without the migration', () => {
    const db = new Database(file);
    let caught: unknown;
    try {
      new SqliteSenderDirectory(db);
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught, 'DB_ERROR')).toBe(true);
    db.close();
  });

  it('maps a read-only database to DB_READONLY', () => {
    open().close();
    const db = new Database(file, { readonly: true });
    const store = new SqliteSenderDirectory(db);
    let caught: unknown;
    try {
      store.remember('a@b.de', '08115001', 'x', new Date());
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught, 'DB_READONLY')).toBe(true);
    db.close();
  });
});
