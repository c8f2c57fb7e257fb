/**
 * One-call wiring of the tickets module on PostgreSQL (issue 15): the pooled ports under wiring.ts, with job
 * claims so that escalation and retention run once per period across replicas.
 */
import { hostname } from 'node:os';
import type pg from 'pg';
import { createJobClaims } from '../job-claims.js';
import { wireTickets, type Tickets, type TicketsOptions } from '../wiring.js';
import { postgresSqlDb } from './sql-db.postgres.js';
import { createPostgresTicketStores } from './ticket-store.postgres.js';

/**
 * Wires the tickets module over a pool whose database has `ticketMigrations` applied.
 *
 * @example
 * const pool = await openPostgres(url);
 * await migratePostgres(pool, SERVICE_MIGRATIONS, logger);
 * const tickets = createPostgresTickets(pool, { staff, clock: systemClock, logger });
 */
export function createPostgresTickets(pool: pg.Pool, options: TicketsOptions & { replicaId?: string }): Tickets {
  const { replicaId, ...rest } = options;
  const owner = replicaId ?? `${hostname()}:${process.pid}`;
  return wireTickets(createPostgresTicketStores(pool), { ...rest, jobClaims: rest.jobClaims ?? createJobClaims(postgresSqlDb(pool), owner) });
}
