/**
 * The implementations the port contract suite runs against. Each opens ONE store and two "processes" on it
 * (`a`, `b`): the in-memory fake shares its state, SQLite opens two connections to one temp file, PostgreSQL
 * two pools on one database of a throwaway cluster, so races between them are races in the database.
 */
import { join } from 'node:path';
import type { OutboxStore, TicketStore } from '../../../../src/core/ticket-model.js';
import type { EnquiryLedger } from '../../../../src/core/enquiry-ledger-ports.js';
import { silentLogger } from '../../../../src/core/ports.js';
import { openDatabase } from '../../../../src/tickets/database.sqlite.js';
import { ticketMigrations } from '../../../../src/tickets/migrations.js';
import { createSqliteTicketStores } from '../../../../src/tickets/ticket-store.sqlite.js';
import { migratePostgres, openPostgres } from '../../../../src/tickets/postgres/database.postgres.js';
import { createPostgresTicketStores } from '../../../../src/tickets/postgres/ticket-store.postgres.js';
import type { PostgresServer } from '../../../helpers/postgres.js';
import { createInMemoryTicketStores } from '../../../fakes/ticket-stores.js';

/** The three ports of one process. */
export interface Ports {
  ledger: EnquiryLedger;
  tickets: TicketStore;
  outbox: OutboxStore;
}

/** Two processes on one fresh, empty store. */
export interface OpenStore {
  a: Ports;
  b: Ports;
  close(): Promise<void>;
}

/** One implementation under test. */
export interface Implementation {
  name: string;
  open(): Promise<OpenStore>;
}

export const fakeImplementation: Implementation = {
  name: 'in-memory fake',
  open: async () => {
    const stores = createInMemoryTicketStores();
    return { a: stores, b: stores, close: async () => undefined };
  },
};

/** SQLite: a new file under `dir` per store, two connections. */
export function sqliteImplementation(dir: () => string): Implementation {
  let n = 0;
  return {
    name: 'SQLite',
    open: async () => {
      n += 1;
      const path = join(dir(), `contract-${n}.db`);
      const first = openDatabase(path, ticketMigrations, silentLogger);
      const second = openDatabase(path, ticketMigrations, silentLogger);
      return {
        a: createSqliteTicketStores(first),
        b: createSqliteTicketStores(second),
        close: async () => {
          first.close();
          second.close();
        },
      };
    },
  };
}

/**
 * PostgreSQL: a new database of the throwaway cluster per store (migrated with `ticketMigrations`), two pools.
 * `server()` is the cluster started in beforeAll.
 */
export function postgresImplementation(server: () => PostgresServer): Implementation {
  let n = 0;
  return {
    name: 'PostgreSQL',
    open: async () => {
      n += 1;
      const url = await server().createDatabase(`contract_${n}`);
      const first = await openPostgres(url, { max: 4 });
      await migratePostgres(first, ticketMigrations, silentLogger);
      const second = await openPostgres(url, { max: 4 });
      return {
        a: createPostgresTicketStores(first),
        b: createPostgresTicketStores(second),
        close: async () => {
          await Promise.all([first.end(), second.end()]);
        },
      };
    },
  };
}
