/**
 * The learned sender directory on every store (issue 15): SQLite's synchronous adapter is exact; the shared
 * directory (PostgreSQL replicas) reads its own confirmations at once and another replica's after a reload.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src/core/ports.js';
import { routingMigrations } from '../../../../src/routing/migrations.js';
import { openSharedSenderDirectory } from '../../../../src/routing/sender-directory.shared.js';
import { SqliteSenderDirectory } from '../../../../src/routing/sender-directory.sqlite.js';
import { openDatabase } from '../../../../src/tickets/database.sqlite.js';
import { postgresAvailability, startPostgres, type PostgresServer } from '../../../helpers/postgres.js';
import { postgresSql, sqliteSql, type SqlImplementation } from './sql-implementations.js';

const availability = postgresAvailability();
let dir = '';
let server: PostgresServer | undefined;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pakt-senders-contract-'));
  if (availability.available) server = await startPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const AT = new Date('2026-06-03T08:00:00.000Z');

describe(SqliteSenderDirectory.name, () => {
  it('is exact across two connections to one file', () => {
    const path = join(dir, 'senders.db');
    const [first, second] = [openDatabase(path, routingMigrations, silentLogger), new Database(path)];
    try {
      new SqliteSenderDirectory(first).remember('Anna <Anna@Altdorf.example>', '08115001', 'test', AT);
      expect(new SqliteSenderDirectory(second).lookup('anna@altdorf.example')).toEqual({ gemeindeAgs: '08115001', provenance: 'test', confirmedAt: AT.toISOString() });
    } finally {
      first.close();
      second.close();
    }
  });
});

const IMPLEMENTATIONS: SqlImplementation[] = [
  sqliteSql(() => dir, routingMigrations, 'senders'),
  ...(availability.available ? [postgresSql(() => server!, routingMigrations, 'senders')] : []),
];
if (!availability.available) it.skip(`PostgreSQL: ${availability.reason}`, () => undefined);

describe.each(IMPLEMENTATIONS)('shared sender directory on $name', (impl) => {
  it('answers its own confirmation at once and another replica\'s after a reload; the last confirmation wins', async () => {
    const { a, b, close } = await impl.open();
    const one = await openSharedSenderDirectory(a, { logger: silentLogger, refreshMs: 60_000 });
    const two = await openSharedSenderDirectory(b, { logger: silentLogger, refreshMs: 60_000 });
    try {
      one.directory.remember('Anna <Anna@Altdorf.example>', '08115001', 'teams:rueckfrage', AT);
      expect(one.directory.lookup('anna@altdorf.example')?.gemeindeAgs).toBe('08115001');
      expect(two.directory.lookup('anna@altdorf.example')).toBeNull();
      await one.close();
      await two.refresh();
      expect(two.directory.lookup('ANNA@altdorf.example')).toEqual({ gemeindeAgs: '08115001', provenance: 'teams:rueckfrage', confirmedAt: AT.toISOString() });
      two.directory.remember('anna@altdorf.example', '08115002', 'mail:antwort', new Date(AT.getTime() + 1000));
      await two.close();
      await one.refresh();
      expect(one.directory.lookup('anna@altdorf.example')?.gemeindeAgs).toBe('08115002');
    } finally {
      await one.close();
      await two.close();
      await close();
    }
  });
});
