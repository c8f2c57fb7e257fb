/**
 * Numbered schema migrations of the tickets module (STYLE G15). Applied once each, in order, by
 * `openDatabase`. Portable SQL: TEXT/INTEGER only, ISO-8601 UTC timestamps in TEXT, JSON in TEXT.
 * Never edit a released migration; add a new one.
 */
import type { Migration } from '../core/ports.js';

/** The tickets module's migrations, ids `tickets-NNN`. */
export const ticketMigrations: Migration[] = [];
