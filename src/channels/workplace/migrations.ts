/**
 * The workplace's own migrations (issue 13, "Measured": the first queue page under 100 ms, a ticket page under
 * 50 ms and the overview under 200 ms at 100,000 tickets): read indexes for the Eingang and its counts, the
 * Vorgang's earlier tickets and the Übersicht. Applied with the channels' migrations by the composition root
 * (and `pakt db migrate`), ids `workplace-NNN`.
 *
 * Portable SQL only (expression and partial indexes exist in PostgreSQL too): `pakt db migrate` runs the same
 * list there. The expressions must stay textually equal to the ones in the queries (queue.ts,
 * overview-query.ts), or the database cannot use them.
 */
import type { Migration } from '../../core/ports.js';

/** The next due time of a ticket; the queue orders by it (the same expression as in queue.ts). */
export const NEXT_DUE_COLUMNS = 'CASE WHEN first_responded_at IS NULL THEN first_response_due ELSE resolution_due END';
/** The open statuses, as the queue and the overview write them. */
export const OPEN_COLUMNS = "status IN ('neu', 'zugewiesen', 'in_bearbeitung', 'wartet')";

const workplace001 = `
CREATE INDEX tickets_open_due ON tickets ((${NEXT_DUE_COLUMNS}), number) WHERE ${OPEN_COLUMNS};
CREATE INDEX tickets_queue_order ON tickets ((status = 'erledigt'), (${NEXT_DUE_COLUMNS}), number);
CREATE INDEX tickets_team_status ON tickets (team_id, status);
CREATE INDEX tickets_assignee_status ON tickets (assignee, status);
CREATE INDEX tickets_requester_lower ON tickets (lower(requester_address), created_at);
CREATE INDEX tickets_gemeinde_created ON tickets (gemeinde_ags, created_at);
CREATE INDEX enquiries_received ON enquiries (received_at, channel, outcome);
`;

/** The workplace's migrations, ids `workplace-NNN`. */
export const workplaceMigrations: Migration[] = [{ id: 'workplace-001', sql: workplace001 }];
