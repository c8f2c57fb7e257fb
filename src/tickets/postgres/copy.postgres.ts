/**
 * `pakt db copy`: every table of an SQLite store into an empty PostgreSQL store of the same migrations, in one
 * PostgreSQL transaction, then verified table by table (row count and {@link TableChecksum}, the source's
 * computed while copying from its snapshot, the target's read back after the commit).
 */
import type pg from 'pg';
import { AppError } from '../../core/errors.js';
import type { Logger, Migration } from '../../core/ports.js';
import { TableChecksum } from './checksum.js';
import { mapPgError, migratePostgres } from './database.postgres.js';
import { quoteIdent, type RowSource, type SourceTable } from './source.sqlite.js';

/** The verification of one table. */
export interface TableCopy {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  match: boolean;
}

/** What {@link copyToPostgres} did. */
export interface CopyReport {
  ok: boolean;
  tables: TableCopy[];
}

/** PostgreSQL's limit is 65535 parameters per statement. */
const MAX_PARAMETERS = 30_000;
const FETCH = 2000;

interface TargetColumn {
  table: string;
  column: string;
  dataType: string;
  identity: boolean;
}

async function targetColumns(client: pg.PoolClient): Promise<TargetColumn[]> {
  const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; is_identity: string }>(
    `SELECT table_name, column_name, data_type, is_identity FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  return rows.map((r) => ({ table: r.table_name, column: r.column_name, dataType: r.data_type, identity: r.is_identity === 'YES' }));
}

/** Refuses a target whose tables differ from the source's or that holds any row. */
async function checkTarget(client: pg.PoolClient, tables: SourceTable[], columns: TargetColumn[]): Promise<void> {
  for (const t of tables) {
    const have = columns.filter((c) => c.table === t.name).map((c) => c.column);
    if (have.length === 0) throw new AppError('INPUT_INVALID', `Tabelle ${t.name} fehlt im Ziel (andere Programmversion?).`, { details: { table: t.name } });
    const missing = t.columns.filter((c) => !have.includes(c));
    if (missing.length > 0) throw new AppError('INPUT_INVALID', `Tabelle ${t.name}: Spalten fehlen im Ziel (${missing.join(', ')}).`, { details: { table: t.name } });
  }
  const filled: string[] = [];
  for (const table of new Set(columns.map((c) => c.table))) {
    if (table === 'schema_migrations') continue;
    const { rows } = await client.query(`SELECT 1 FROM ${quoteIdent(table)} LIMIT 1`);
    if (rows.length > 0) filled.push(table);
  }
  if (filled.length > 0) {
    throw new AppError('INPUT_INVALID', `Die Zieldatenbank ist nicht leer (Zeilen in: ${filled.join(', ')}); kopiert wird nur in eine leere Datenbank.`, { details: { tables: filled } });
  }
}

/** ORDER BY for the target: the source's key order, text in byte order. */
function targetOrder(table: SourceTable, columns: TargetColumn[]): string {
  return table.primaryKey
    .map((k) => {
      const type = columns.find((c) => c.table === table.name && c.column === k)?.dataType ?? '';
      return /char|text/i.test(type) ? `${quoteIdent(k)} COLLATE "C"` : quoteIdent(k);
    })
    .join(', ');
}

async function insertBatch(client: pg.PoolClient, table: SourceTable, batch: unknown[][]): Promise<void> {
  if (batch.length === 0) return;
  const width = table.columns.length;
  const values = batch.map((_, r) => `(${table.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
  await client.query(`INSERT INTO ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(', ')}) VALUES ${values}`, batch.flat());
}

/** Copies one table and returns the source's count and checksum. */
async function copyTable(client: pg.PoolClient, source: RowSource, table: SourceTable): Promise<TableChecksum> {
  const sum = new TableChecksum();
  const perBatch = Math.max(1, Math.floor(MAX_PARAMETERS / table.columns.length));
  let batch: unknown[][] = [];
  for (const row of source.rows(table)) {
    sum.add(row);
    batch.push(row);
    if (batch.length >= perBatch) {
      const full = batch;
      batch = [];
      await insertBatch(client, table, full);
    }
  }
  await insertBatch(client, table, batch);
  return sum;
}

/** Count and checksum of one target table, read through a cursor in key order. */
export async function targetChecksum(client: pg.PoolClient, table: SourceTable, columns: TargetColumn[]): Promise<TableChecksum> {
  const sum = new TableChecksum();
  await client.query('BEGIN READ ONLY');
  try {
    await client.query(`DECLARE pakt_rows NO SCROLL CURSOR FOR SELECT ${table.columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(table.name)} ORDER BY ${targetOrder(table, columns)}`);
    for (;;) {
      const { rows } = await client.query<unknown[]>({ text: `FETCH ${FETCH} FROM pakt_rows`, rowMode: 'array' });
      for (const row of rows) sum.add(row);
      if (rows.length < FETCH) break;
    }
  } finally {
    await client.query('COMMIT').catch(() => undefined);
  }
  return sum;
}

/** Moves every identity sequence past the highest copied id. */
async function resetSequences(client: pg.PoolClient, columns: TargetColumn[]): Promise<void> {
  for (const c of columns.filter((x) => x.identity)) {
    const t = quoteIdent(c.table);
    const col = quoteIdent(c.column);
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${col}) FROM ${t}), 1), (SELECT max(${col}) FROM ${t}) IS NOT NULL)`,
      [c.table, c.column],
    );
  }
}

/**
 * Copies `source` into the PostgreSQL database behind `pool`: applies `migrations` there first, refuses a
 * target that is not empty (INPUT_INVALID) or whose tables differ, copies everything in one transaction
 * (nothing stays behind on failure) and verifies every table.
 *
 * @example
 * const report = await copyToPostgres(sqliteRowSource(db), pool, migrations, logger);
 */
export async function copyToPostgres(source: RowSource, pool: pg.Pool, migrations: Migration[], logger: Logger): Promise<CopyReport> {
  const missing = migrations.map((m) => m.id).filter((id) => !source.migrations().includes(id));
  if (missing.length > 0) throw new AppError('INPUT_INVALID', `Die Quelle hat nicht alle Migrationen (${missing.join(', ')}); zuerst „pakt db migrate“ auf der Quelle ausführen.`);
  await migratePostgres(pool, migrations, logger);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw mapPgError(error, 'connect');
  }
  source.begin();
  try {
    const tables = source.tables();
    const sums = new Map<string, TableChecksum>();
    await client.query('BEGIN');
    try {
      // Inside the transaction, with the tables locked, so no one writes between the check and the copy.
      const columns = await targetColumns(client);
      for (const t of tables) await client.query(`LOCK TABLE ${quoteIdent(t.name)} IN EXCLUSIVE MODE`);
      await checkTarget(client, tables, columns);
      for (const t of tables) sums.set(t.name, await copyTable(client, source, t));
      await resetSequences(client, columns);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    const columns = await targetColumns(client);
    const result: TableCopy[] = [];
    for (const t of tables) {
      const s = sums.get(t.name) ?? new TableChecksum();
      const target = await targetChecksum(client, t, columns);
      const [sourceChecksum, targetSum] = [s.digest(), target.digest()];
      result.push({ table: t.name, sourceRows: s.rows, targetRows: target.rows, sourceChecksum, targetChecksum: targetSum, match: s.rows === target.rows && sourceChecksum === targetSum });
    }
    logger.info({ component: 'database', tables: result.length, rows: result.reduce((n, t) => n + t.targetRows, 0) }, 'copy finished');
    return { ok: result.every((t) => t.match), tables: result };
  } catch (error) {
    throw error instanceof AppError ? error : mapPgError(error, 'copy');
  } finally {
    source.end();
    client.release();
  }
}
