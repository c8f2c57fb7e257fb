/**
 * SQLite {@link OutboxStore}. A claim leases messages in one UPDATE … RETURNING statement; marking sent,
 * retry or dead is conditional on still holding the lease, so two workers never both complete a message.
 * A staff message is fanned out by marking it sent and inserting one row per leg in the same transaction.
 */
import type Database from 'better-sqlite3';
import type { OutboundMessage } from '../core/outcome.js';
import type { OutboxStore } from '../core/ticket-model.js';
import { inTransaction } from './database.sqlite.js';
import { outboundFromRow, ticketFromRow, toView } from './ticket-rows.js';

/** Creates the outbox store over a connection. */
export function createSqliteOutboxStore(db: Database.Database): OutboxStore {
  const sent = db.prepare(
    `UPDATE outbox SET status = 'sent', sent_at = @now, provider_id = @providerId, lease_owner = NULL, lease_until = NULL, last_error = NULL
     WHERE id = @id AND lease_owner = @owner AND status = 'pending' RETURNING ticket_number`,
  );
  const retry = db.prepare(
    `UPDATE outbox SET lease_owner = NULL, lease_until = NULL, next_attempt_at = @next, last_error = @reason
     WHERE id = @id AND lease_owner = @owner AND status = 'pending'`,
  );
  const dead = db.prepare(
    `UPDATE outbox SET status = 'dead', lease_owner = NULL, lease_until = NULL, last_error = @reason, sent_at = NULL, next_attempt_at = @now
     WHERE id = @id AND lease_owner = @owner AND status = 'pending'`,
  );
  const selectTicket = db.prepare('SELECT * FROM tickets WHERE number = ?');
  /** Linked messages carry the ticket's current view as `payload.ticket` (what the channels render). */
  const withTicketView = (message: OutboundMessage): OutboundMessage => {
    if (message.ticketNumber === null || message.payload.ticket !== undefined) return message;
    const row = selectTicket.get(message.ticketNumber);
    return row === undefined ? message : { ...message, payload: { ...message.payload, ticket: toView(ticketFromRow(row)) } };
  };
  const ref = db.prepare('INSERT INTO ticket_refs (ref, ticket_number) VALUES (?, ?) ON CONFLICT (ref) DO NOTHING');
  const insert = db.prepare(
    `INSERT INTO outbox (key, channel, kind, ticket_number, enquiry_key, reply_handle, payload, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
  );
  const selectRow = db.prepare('SELECT key, kind, ticket_number, enquiry_key, payload FROM outbox WHERE id = ?');
  type StoredRow = { key: string; kind: string; ticket_number: string | null; enquiry_key: string | null; payload: string };
  // One prepared claim per number of channels (the worker polls often; preparing each time showed in profiles).
  const claims = new Map<number, Database.Statement<unknown[]>>();
  const claimFor = (count: number) => {
    let statement = claims.get(count);
    if (statement === undefined) {
      const marks = Array.from({ length: count }, () => '?').join(', ');
      statement = db.prepare(
        `UPDATE outbox SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
         WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND channel IN (${marks})
                      AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY id LIMIT ?)
         RETURNING *`,
      );
      claims.set(count, statement);
    }
    return statement;
  };

  return {
    async claimDue({ now, channels, limit, leaseMs, owner }): Promise<OutboundMessage[]> {
      if (channels.length === 0) return [];
      const iso = now.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      return inTransaction(db, 'claim outbox', () => {
        const rows = claimFor(channels.length).all(owner, until, ...channels, iso, iso, limit);
        return rows.map(outboundFromRow).sort((a, b) => a.id - b.id).map(withTicketView);
      });
    },

    async markSent(id, owner, now, providerId) {
      return inTransaction(db, 'mark outbox sent', () => {
        const row = sent.get({ id, owner, now: now.toISOString(), providerId: providerId ?? null }) as { ticket_number: string | null } | undefined;
        // A sent mail's Message-ID threads the requester's reply back to the ticket.
        if (row !== undefined && row.ticket_number !== null && providerId !== undefined) ref.run(providerId, row.ticket_number);
        return row !== undefined;
      });
    },

    async markRetry(id, owner, nextAttemptAt, reason) {
      return inTransaction(db, 'mark outbox retry', () => retry.run({ id, owner, next: nextAttemptAt.toISOString(), reason }).changes === 1);
    },

    async reroute(id, owner, now, reason, target) {
      return inTransaction(db, 'reroute outbox message', () => {
        const iso = now.toISOString();
        const row = selectRow.get(id) as StoredRow | undefined;
        if (row === undefined || dead.run({ id, owner, now: iso, reason }).changes !== 1) return false;
        insert.run(`${row.key}:fallback:${target.channel}`, target.channel, row.kind, row.ticket_number, row.enquiry_key, JSON.stringify(target.replyHandle), row.payload, iso, iso);
        return true;
      });
    },

    async markDead(id, owner, now, reason) {
      return inTransaction(db, 'mark outbox dead', () => dead.run({ id, owner, now: now.toISOString(), reason }).changes === 1);
    },

    async fanOut(id, owner, now, legs) {
      return inTransaction(db, 'fan out staff message', () => {
        const iso = now.toISOString();
        const row = selectRow.get(id) as StoredRow | undefined;
        if (row === undefined || sent.get({ id, owner, now: iso, providerId: null }) === undefined) return false;
        for (const leg of legs) {
          insert.run(`${row.key}:${leg.suffix}`, leg.channel, row.kind, row.ticket_number, row.enquiry_key, JSON.stringify(leg.replyHandle), row.payload, iso, iso);
        }
        return true;
      });
    },

    async enqueue(drafts, ticket, now) {
      const iso = now.toISOString();
      inTransaction(db, 'enqueue outbox', () => {
        for (const d of drafts) {
          const number = d.withTicket && ticket !== null ? ticket.number : null;
          insert.run(d.key, d.channel, d.kind, number, null, JSON.stringify(d.replyHandle), JSON.stringify(d.payload), iso, iso);
        }
      });
    },
  };
}
