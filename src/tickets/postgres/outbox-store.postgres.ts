/**
 * PostgreSQL {@link OutboxStore}. A claim leases due rows picked with `FOR UPDATE SKIP LOCKED`, so workers on
 * any number of replicas claiming at once each get different messages; marking sent, retry or dead is
 * conditional on still holding the lease. A fan-out or reroute marks the message and queues its rows in one
 * transaction.
 */
import type pg from 'pg';
import type { OutboundMessage } from '../../core/outcome.js';
import type { OutboxStore } from '../../core/ticket-model.js';
import { outboundFromRow, ticketFromRow, toView } from '../ticket-rows.js';
import { enqueueDrafts, insertOutbox, insertRef } from './ticket-writes.postgres.js';
import { changes, inPgTransaction, rows, type Queryable } from './transaction.postgres.js';

const SENT = `UPDATE outbox SET status = 'sent', sent_at = $3, provider_id = $4, lease_owner = NULL, lease_until = NULL, last_error = NULL
  WHERE id = $1 AND lease_owner = $2 AND status = 'pending' RETURNING ticket_number`;
const DEAD = `UPDATE outbox SET status = 'dead', lease_owner = NULL, lease_until = NULL, last_error = $4, sent_at = NULL, next_attempt_at = $3
  WHERE id = $1 AND lease_owner = $2 AND status = 'pending'`;

type StoredRow = { key: string; kind: string; ticket_number: string | null; enquiry_key: string | null; payload: string };

/** The row a fan-out or reroute copies, locked for the transaction. */
async function storedRow(db: Queryable, id: number): Promise<StoredRow | undefined> {
  const [row] = await rows<StoredRow>(db, 'SELECT key, kind, ticket_number, enquiry_key, payload FROM outbox WHERE id = $1 FOR UPDATE', [id]);
  return row;
}

/** Linked messages carry the ticket's current view as `payload.ticket` (what the channels render). */
async function withTicketViews(db: Queryable, messages: OutboundMessage[]): Promise<OutboundMessage[]> {
  const numbers = [...new Set(messages.filter((m) => m.ticketNumber !== null && m.payload.ticket === undefined).map((m) => m.ticketNumber!))];
  if (numbers.length === 0) return messages;
  const views = new Map((await rows(db, 'SELECT * FROM tickets WHERE number = ANY($1)', [numbers])).map((r) => {
    const view = toView(ticketFromRow(r));
    return [view.number, view] as const;
  }));
  return messages.map((m) => {
    const view = m.ticketNumber === null || m.payload.ticket !== undefined ? undefined : views.get(m.ticketNumber);
    return view === undefined ? m : { ...m, payload: { ...m.payload, ticket: view } };
  });
}

/**
 * Creates the outbox store over a pool.
 *
 * @example
 * const outbox = createPostgresOutboxStore(await openPostgres(url));
 */
export function createPostgresOutboxStore(pool: pg.Pool): OutboxStore {
  return {
    async claimDue({ now, channels, limit, leaseMs, owner }) {
      if (channels.length === 0) return [];
      const iso = now.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      return inPgTransaction(pool, 'claim outbox', async (client) => {
        const claimed = await rows(
          client,
          `UPDATE outbox SET lease_owner = $1, lease_until = $2, attempts = attempts + 1
           WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND channel = ANY($3) AND next_attempt_at <= $4
                        AND (lease_until IS NULL OR lease_until <= $4) ORDER BY id LIMIT $5 FOR UPDATE SKIP LOCKED)
           RETURNING *`,
          [owner, until, channels, iso, limit],
        );
        return withTicketViews(client, claimed.map(outboundFromRow).sort((a, b) => a.id - b.id));
      });
    },

    markSent(id, owner, now, providerId) {
      return inPgTransaction(pool, 'mark outbox sent', async (client) => {
        const [row] = await rows<{ ticket_number: string | null }>(client, SENT, [id, owner, now.toISOString(), providerId ?? null]);
        // A sent mail's Message-ID threads the requester's reply back to the ticket.
        if (row !== undefined && row.ticket_number !== null && providerId !== undefined) await insertRef(client, providerId, row.ticket_number);
        return row !== undefined;
      });
    },

    markRetry(id, owner, nextAttemptAt, reason) {
      return inPgTransaction(pool, 'mark outbox retry', async (client) =>
        (await changes(
          client,
          `UPDATE outbox SET lease_owner = NULL, lease_until = NULL, next_attempt_at = $3, last_error = $4
           WHERE id = $1 AND lease_owner = $2 AND status = 'pending'`,
          [id, owner, nextAttemptAt.toISOString(), reason],
        )) === 1,
      );
    },

    markDead(id, owner, now, reason) {
      return inPgTransaction(pool, 'mark outbox dead', async (client) => (await changes(client, DEAD, [id, owner, now.toISOString(), reason])) === 1);
    },

    reroute(id, owner, now, reason, target) {
      return inPgTransaction(pool, 'reroute outbox message', async (client) => {
        const iso = now.toISOString();
        const row = await storedRow(client, id);
        if (row === undefined || (await changes(client, DEAD, [id, owner, iso, reason])) !== 1) return false;
        await insertOutbox(client, {
          key: `${row.key}:fallback:${target.channel}`, channel: target.channel, kind: row.kind, ticketNumber: row.ticket_number,
          enquiryKey: row.enquiry_key, replyHandle: JSON.stringify(target.replyHandle), payload: row.payload, at: iso,
        });
        return true;
      });
    },

    fanOut(id, owner, now, legs) {
      return inPgTransaction(pool, 'fan out staff message', async (client) => {
        const iso = now.toISOString();
        const row = await storedRow(client, id);
        if (row === undefined || (await rows(client, SENT, [id, owner, iso, null])).length === 0) return false;
        for (const leg of legs) {
          await insertOutbox(client, {
            key: `${row.key}:${leg.suffix}`, channel: leg.channel, kind: row.kind, ticketNumber: row.ticket_number,
            enquiryKey: row.enquiry_key, replyHandle: JSON.stringify(leg.replyHandle), payload: row.payload, at: iso,
          });
        }
        return true;
      });
    },

    async enqueue(drafts, ticket, now) {
      await inPgTransaction(pool, 'enqueue outbox', (client) => enqueueDrafts(client, drafts, ticket, now.toISOString()));
    },
  };
}
