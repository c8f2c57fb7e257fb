/**
 * Schema of the routing module (STYLE G15): numbered migrations, applied once each by the storage adapter.
 */
import type { Migration } from '../core/ports.js';

/** Routing migrations, in order. */
export const routingMigrations: Migration[] = [
  {
    id: 'routing-001',
    sql: `CREATE TABLE IF NOT EXISTS routing_sender_directory (
  sender TEXT PRIMARY KEY,
  gemeinde_ags TEXT NOT NULL,
  provenance TEXT NOT NULL,
  confirmed_at TEXT NOT NULL
);`,
  },
];
