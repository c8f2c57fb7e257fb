/**
 * `pakt db migrate` and `pakt db copy` against a throwaway PostgreSQL: a populated SQLite store is copied
 * table by table and verified (counts and checksums, read back from the target; the target database uses a
 * German ICU collation so text keys must be compared in byte order), a second copy into the now non-empty
 * target is refused (exit 2), an unreachable target exits 2, a changed row is caught by the checksum, and a
 * `pg_dump`/`pg_restore` round trip of the copied store gives the same checksums.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbCommand, SERVICE_MIGRATIONS } from '../../../src/cli/commands/db.js';
import type { CliContext } from '../../../src/cli/context.js';
import { silentLogger } from '../../../src/core/ports.js';
import { parseConfig } from '../../../src/server/config.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import { targetChecksum, type TableCopy } from '../../../src/tickets/postgres/copy.postgres.js';
import { openPostgres } from '../../../src/tickets/postgres/database.postgres.js';
import { sqliteRowSource } from '../../../src/tickets/postgres/source.sqlite.js';
import { postgresAvailability, startPostgres, type PostgresServer } from '../../helpers/postgres.js';
import { populatedSqlite } from './populate.js';

const availability = postgresAvailability();
let server: PostgresServer;
let dir: string;
let source: string;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const ctx: CliContext = { config: parseConfig({ DATABASE_URL: `sqlite:${source}` }), logger: silentLogger, out: (t) => (out += t), err: (t) => (err += `${t}\n`) };
  const code = await dbCommand(args, ctx);
  return { code, out, err };
}

/** Count and checksum of every table of a PostgreSQL database, as `db copy` verifies them. */
async function checksums(url: string): Promise<Record<string, string>> {
  const db = openDatabase(source, SERVICE_MIGRATIONS, silentLogger, { readonly: true });
  const pool = await openPostgres(url);
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; is_identity: string }>(
      "SELECT table_name, column_name, data_type, is_identity FROM information_schema.columns WHERE table_schema = 'public'",
    );
    const columns = rows.map((r) => ({ table: r.table_name, column: r.column_name, dataType: r.data_type, identity: r.is_identity === 'YES' }));
    const result: Record<string, string> = {};
    for (const t of sqliteRowSource(db).tables()) {
      const sum = await targetChecksum(client, t, columns);
      result[t.name] = `${sum.rows}:${sum.digest()}`;
    }
    return result;
  } finally {
    client.release();
    await pool.end();
    db.close();
  }
}

async function createGermanDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' LOCALE_PROVIDER icu ICU_LOCALE 'de-DE'`);
  } finally {
    await client.end();
  }
  return server.url(name);
}

describe.skipIf(!availability.available)('pakt db migrate / db copy', () => {
  beforeAll(async () => {
    server = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'pakt-pgcopy-'));
    source = await populatedSqlite(dir);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrate applies the migrations to a PostgreSQL URL, then has nothing left to do', async () => {
    const url = await server.createDatabase('migrate_only');
    const first = await run('migrate', '--url', url, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ ok: true, applied: SERVICE_MIGRATIONS.map((m) => m.id), alreadyApplied: [] });
    const second = await run('migrate', '--url', url);
    expect(second.code).toBe(0);
    expect(second.out).toContain(`0 Migration(en) angewendet, ${SERVICE_MIGRATIONS.length} bereits vorhanden`);
    const sqlite = await run('migrate', '--json'); // DATABASE_URL: the populated SQLite file
    expect(JSON.parse(sqlite.out)).toMatchObject({ ok: true, applied: [], alreadyApplied: SERVICE_MIGRATIONS.map((m) => m.id) });
  });

  it('copies every table, verified by counts and checksums; a second copy into the filled target is refused', async () => {
    const url = await createGermanDatabase('copy_target');
    const copied = await run('copy', '--from', `sqlite:${source}`, '--to', url, '--json');
    expect(copied.err).toBe('');
    expect(copied.code).toBe(0);
    const report = JSON.parse(copied.out) as { ok: boolean; tables: TableCopy[] };
    expect(report.ok).toBe(true);
    const byName = Object.fromEntries(report.tables.map((t) => [t.table, t]));
    const db = openDatabase(source, SERVICE_MIGRATIONS, silentLogger, { readonly: true });
    const tables = sqliteRowSource(db).tables();
    for (const t of tables) {
      const n = (db.prepare(`SELECT COUNT(*) AS n FROM "${t.name}"`).get() as { n: number }).n;
      expect(byName[t.name]).toMatchObject({ sourceRows: n, targetRows: n, match: true });
    }
    db.close();
    expect(report.tables.map((t) => t.table).sort()).toEqual(tables.map((t) => t.name).sort());
    expect(byName.tickets?.targetRows).toBe(12);
    expect(byName.routing_sender_directory?.targetRows).toBe(5);
    expect(byName.ticket_events?.targetRows).toBeGreaterThan(12);

    // Identity sequences continue after the copied ids.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ id: number; max: number }>(
      `INSERT INTO ticket_events (ticket_number, type, actor, at, to_status, data_json)
       SELECT number, 'note', 'test', '2026-06-04T00:00:00.000Z', status, '{}' FROM tickets LIMIT 1
       RETURNING id, (SELECT max(id) FROM ticket_events) AS max`,
    );
    expect(rows[0]!.id).toBeGreaterThan(rows[0]!.max);
    await client.query('DELETE FROM ticket_events WHERE id = $1', [rows[0]!.id]);
    await client.end();

    const again = await run('copy', '--from', `sqlite:${source}`, '--to', url);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/nicht leer/);

    const text = await run('copy', '--from', `sqlite:${source}`, '--to', await server.createDatabase('copy_text'));
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^tickets\s+12\s+12\s+gleich/m);
    expect(text.out).toContain('Kopie vollständig');
  });

  it('a changed row in the target changes its checksum', async () => {
    const url = await server.createDatabase('tampered');
    expect((await run('copy', '--from', `sqlite:${source}`, '--to', url)).code).toBe(0);
    const before = await checksums(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("UPDATE routing_sender_directory SET provenance = 'learned' WHERE sender = 'alpha@x.example'");
    await client.end();
    const after = await checksums(url);
    expect(after.routing_sender_directory).not.toBe(before.routing_sender_directory);
    expect(after.routing_sender_directory?.split(':')[0]).toBe('5');
    expect(after.tickets).toBe(before.tickets);
  });

  it('refuses bad arguments, a missing source and an unreachable target (exit 2)', async () => {
    expect((await run('copy', '--from', 'x.db', '--to', server.url())).code).toBe(2);
    expect((await run('copy', '--from', `sqlite:${join(dir, 'none.db')}`, '--to', server.url())).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    const gone = await run('migrate', '--url', 'postgres://pakt@127.0.0.1:1/pakt', '--json');
    expect(gone.code).toBe(2);
    expect(gone.err).toMatch(/^Datenbank nicht erreichbar/);
    expect(JSON.parse(gone.out)).toMatchObject({ ok: false, error: { unreachable: true } });
  });

  it('pg_dump and pg_restore of the copied store give the same checksums', async () => {
    const url = await server.createDatabase('dumped');
    expect((await run('copy', '--from', `sqlite:${source}`, '--to', url)).code).toBe(0);
    const dump = join(dir, 'pakt.dump');
    const connection = ['-h', server.host, '-p', String(server.port), '-U', server.user];
    const dumped = spawnSync(join(server.binDir, 'pg_dump'), [...connection, '-Fc', '-f', dump, 'dumped'], { encoding: 'utf8' });
    expect(dumped.error).toBeUndefined();
    expect(dumped.stderr).toBe('');
    expect(dumped.status).toBe(0);
    const restoredUrl = await server.createDatabase('restored');
    const restored = spawnSync(join(server.binDir, 'pg_restore'), [...connection, '--exit-on-error', '-d', 'restored', dump], { encoding: 'utf8' });
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    const [a, b] = [await checksums(url), await checksums(restoredUrl)];
    expect(Object.keys(a).length).toBeGreaterThan(10);
    expect(b).toEqual(a);
    // The restored store is a working one: migrations recorded, nothing to apply.
    const migrate = await run('migrate', '--url', restoredUrl, '--json');
    expect(JSON.parse(migrate.out)).toMatchObject({ applied: [], alreadyApplied: SERVICE_MIGRATIONS.map((m) => m.id) });
  });
});

if (!availability.available) it.skip(`PostgreSQL: ${availability.reason}`, () => undefined);
