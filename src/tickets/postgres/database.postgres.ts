/**
 * PostgreSQL connection and migrations (issue 15, preparation). A pooled connection (`pg.Pool`) and the SAME
 * numbered migrations the SQLite store applies, translated by {@link toPostgres}. Each pending migration runs in
 * a transaction of its own and is recorded in `schema_migrations` in that transaction; a failing one rolls back
 * and the error stops whoever opened the database. Concurrent starters (replicas) queue on an advisory lock.
 *
 * The ticket ports over such a pool: ticket-store.postgres.ts (`createPostgresTicketStores`). Not yet wired into
 * the service (src/server/services.ts opens SQLite); see README "PostgreSQL (Vorbereitung)".
 */
import pg from 'pg';
import { AppError, isAppError } from '../../core/errors.js';
import type { Logger, Migration } from '../../core/ports.js';
import { toPostgres } from './dialect.js';

// BIGINT (int8) and COUNT(*) as JS numbers: every integer the store keeps (ids, UIDs, counts) is far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Advisory lock key held while migrating (any constant; "pakt" + 1). */
const MIGRATION_LOCK = 0x70616b74_01;

/** Driver error codes meaning "no database to talk to" (network, DNS, refused login, missing database). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', '28P01', '28000', '3D000', '57P03']);

/** True for an error of {@link openPostgres} that means the database cannot be reached (CLI: exit 2). */
export function isUnreachable(error: unknown): boolean {
  return isAppError(error) && (error.details as { unreachable?: boolean } | undefined)?.unreachable === true;
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db` (for messages and logs). */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

/** Maps a driver error to AppError DB_* (unreachable ones carry `details.unreachable`); AppErrors pass through. */
export function mapPgError(error: unknown, what: string): AppError {
  if (isAppError(error)) return error;
  const e = error as { code?: string; message?: string };
  const code = typeof e?.code === 'string' ? e.code : '';
  const timeout = /timeout/i.test(e?.message ?? '');
  const unreachable = UNREACHABLE.has(code) || timeout || (error instanceof AggregateError);
  const mapped = code === '53100' ? 'DB_FULL' : code === '25006' ? 'DB_READONLY' : code === '55P03' || code === '40P01' ? 'DB_LOCKED' : 'DB_ERROR';
  return new AppError(mapped, `database: ${what} failed (${code || (timeout ? 'timeout' : (error as Error)?.name ?? 'error')})`, {
    cause: error,
    details: { pgCode: code, unreachable },
  });
}

/** Options of {@link openPostgres}. */
export interface OpenPostgresOptions {
  /** Pool size (default 10). */
  max?: number;
  /** Milliseconds to wait for a connection (default 5000). */
  connectionTimeoutMs?: number;
  applicationName?: string;
}

/**
 * Opens a pool on `url` and checks that the server answers; an unreachable server, a refused login or a
 * missing database throws AppError DB_ERROR with `details.unreachable` (see {@link isUnreachable}).
 *
 * @example
 * const pool = await openPostgres('postgres://pakt@db.example/pakt');
 */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    application_name: options.applicationName ?? 'pakt',
    keepAlive: true,
  });
  // A client losing its connection (server restart, pg_terminate_backend) must not crash the process: idle ones
  // are reported on the pool, checked-out ones (inside a transaction) on the client; the next query reports it.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await pool.query('SELECT 1');
    return pool;
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw mapPgError(error, `connect to ${redactUrl(url)}`);
  }
}

/** Namespace of a migration id: "tickets-001" → "tickets". */
function namespaceOf(id: string): string {
  const dash = id.lastIndexOf('-');
  return dash < 0 ? id : id.slice(0, dash);
}

/** What {@link migratePostgres} did. */
export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

/**
 * Applies the pending `migrations` in order, each in its own transaction together with its row in
 * `schema_migrations`. Refuses (DB_ERROR, nothing applied) a database that recorded a migration of one of
 * the given namespaces this code does not know (written by a newer version). A failing migration is rolled
 * back and thrown as DB_ERROR naming it; the ones before it stay applied.
 *
 * @example
 * await migratePostgres(pool, [...ticketMigrations, ...routingMigrations], logger);
 */
export async function migratePostgres(pool: pg.Pool, migrations: Migration[], logger: Logger): Promise<MigrationReport> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw mapPgError(error, 'connect');
  }
  let current = '(setup)';
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set((await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
    const known = new Set(migrations.map((m) => m.id));
    const namespaces = new Set(migrations.map((m) => namespaceOf(m.id)));
    const unknown = [...applied].filter((id) => namespaces.has(namespaceOf(id)) && !known.has(id));
    if (unknown.length > 0) {
      throw new AppError('DB_ERROR', `database: schema has migrations this version does not know (${unknown.join(', ')}); refusing to open`, { details: { unknown } });
    }
    const report: MigrationReport = { applied: [], alreadyApplied: migrations.filter((m) => applied.has(m.id)).map((m) => m.id) };
    for (const m of migrations.filter((x) => !applied.has(x.id))) {
      current = m.id;
      await client.query('BEGIN');
      try {
        await client.query(toPostgres(m.sql));
        await client.query('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [m.id, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      report.applied.push(m.id);
    }
    if (report.applied.length > 0) logger.info({ component: 'database', migrations: report.applied }, 'migrations applied');
    return report;
  } catch (error) {
    if (isAppError(error)) throw error;
    const mapped = mapPgError(error, `migration ${current}`);
    logger.error({ component: 'database', code: mapped.code, migration: current }, 'migration failed');
    throw new AppError(mapped.code, `${mapped.message}: ${(error as Error).message}`, { cause: error, details: { ...mapped.details, migration: current } });
  } finally {
    await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    client.release();
  }
}
