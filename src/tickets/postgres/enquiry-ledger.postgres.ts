/**
 * PostgreSQL {@link EnquiryLedger}: records each enquiry key once (`ON CONFLICT DO NOTHING` on the key: of two
 * replicas committing the same enquiry, the second waits for the first and gets `duplicate`) and applies its
 * plan in ONE transaction. A follow-up locks its ticket row, so concurrent follow-ups apply one after the other.
 */
import type pg from 'pg';
import { AppError } from '../../core/errors.js';
import { STAFF_KINDS, type OutboundKind, type Outcome } from '../../core/outcome.js';
import type { TicketRecord } from '../../core/ticket-model.js';
import type { EnquiryLedger, EnquiryPlan, FollowUpTarget, LedgerCommitResult, ReferencedReply } from '../../core/enquiry-ledger-ports.js';
import { followUpChange } from '../follow-up-change.js';
import { toView } from '../ticket-rows.js';
import { createTicket, enqueueDrafts, findTicket, insertAttachment, insertEvent, insertMessage, insertRef, updateTicket } from './ticket-writes.postgres.js';
import { inPgTransaction, pgRead, rows, type Queryable } from './transaction.postgres.js';

/** At most this many References are looked up (the newest ones matter); as the SQLite ledger. */
const MAX_REFERENCES = 30;

const wantedRefs = (refs: string[]): string[] => [...new Set(refs.filter((r) => r !== ''))].slice(-MAX_REFERENCES);

async function findEnquiry(db: Queryable, key: string): Promise<{ outcome: Outcome['kind']; ticketNumber: string | null } | null> {
  const [row] = await rows<{ outcome: Outcome['kind']; ticket_number: string | null }>(db, 'SELECT outcome, ticket_number FROM enquiries WHERE key = $1', [key]);
  return row === undefined ? null : { outcome: row.outcome, ticketNumber: row.ticket_number };
}

/** The ticket of the reference recorded last among `refs`. */
async function findByRefs(db: Queryable, refs: string[]): Promise<TicketRecord | null> {
  const wanted = wantedRefs(refs);
  if (wanted.length === 0) return null;
  const [row] = await rows<{ ticket_number: string }>(db, 'SELECT ticket_number FROM ticket_refs WHERE ref = ANY($1) ORDER BY id DESC LIMIT 1', [wanted]);
  return row === undefined ? null : findTicket(db, row.ticket_number);
}

/** Our sent mail messages to the requester side of a ticket whose Message-ID (`provider_id`) is among `refs`. */
async function ourReplies(db: Queryable, number: string, refs: string[]): Promise<ReferencedReply[]> {
  const wanted = wantedRefs(refs);
  if (wanted.length === 0) return [];
  const found = await rows<{ kind: OutboundKind; reply_handle: string }>(
    db,
    `SELECT kind, reply_handle FROM outbox WHERE ticket_number = $1 AND channel = 'email' AND status = 'sent'
     AND NOT (kind = ANY($2)) AND provider_id = ANY($3) ORDER BY id`,
    [number, [...STAFF_KINDS], wanted],
  );
  return found.flatMap((r) => {
    const handle = JSON.parse(r.reply_handle) as { channel?: string; to?: unknown };
    return handle.channel === 'email' && typeof handle.to === 'string' && handle.to !== '' ? [{ kind: r.kind, to: handle.to }] : [];
  });
}

async function applyTicket(db: pg.PoolClient, plan: EnquiryPlan, at: Date): Promise<{ ticket: TicketRecord | null; reopened: boolean; rerouted: boolean }> {
  const { enquiry } = plan;
  const spec = plan.ticket;
  if (spec.kind === 'none') return { ticket: null, reopened: false, rerouted: false };
  let ticket: TicketRecord;
  let reopened = false;
  let rerouted = false;
  if (spec.kind === 'create') {
    ticket = await createTicket(db, spec.draft, at);
    await insertEvent(db, ticket.number, { type: 'created', actor: 'system', at: plan.at, fromStatus: null, toStatus: 'neu', note: null, data: { category: ticket.category, channel: ticket.channel, enquiryKey: enquiry.key } });
    await insertEvent(db, ticket.number, { type: 'assigned', actor: 'system', at: plan.at, fromStatus: 'neu', toStatus: 'neu', note: spec.draft.assignmentReason, data: { teamId: spec.draft.team.id, deputyFor: spec.draft.deputyFor } });
  } else {
    const found = await findTicket(db, spec.number, true);
    if (found === null) throw new AppError('TICKET_NOT_FOUND', `tickets ledger: no ticket ${spec.number}`);
    const change = followUpChange(found, spec, at);
    if (change.events.length > 0) {
      if (!(await updateTicket(db, change.ticket, found.version))) throw new AppError('DB_ERROR', `tickets ledger: concurrent change on ${found.number}`);
      for (const event of change.events) await insertEvent(db, found.number, event);
    }
    ticket = change.ticket;
    reopened = change.reopened;
    rerouted = change.rerouted;
  }
  await insertMessage(db, ticket.number, { direction: 'in', author: 'requester', text: enquiry.text, at: plan.at, enquiryKey: enquiry.key, suppressed: !(spec.kind === 'create' || spec.react) });
  if (spec.kind === 'create') for (const note of spec.draft.notes ?? []) await insertMessage(db, ticket.number, { direction: 'note', author: 'system', text: note, at: plan.at, enquiryKey: enquiry.key });
  for (const a of enquiry.attachments) await insertAttachment(db, ticket.number, { ...a, enquiryKey: enquiry.key });
  if (enquiry.replyHandle.channel === 'email' && enquiry.replyHandle.messageId !== null) await insertRef(db, enquiry.replyHandle.messageId, ticket.number);
  return { ticket, reopened, rerouted };
}

/**
 * Creates the ledger over a pool.
 *
 * @example
 * const ledger = createPostgresEnquiryLedger(await openPostgres(url));
 */
export function createPostgresEnquiryLedger(pool: pg.Pool): EnquiryLedger {
  return {
    findEnquiry: (key) => pgRead(pool, 'find enquiry', (db) => findEnquiry(db, key)),

    findTicket(ref): Promise<FollowUpTarget | null> {
      return pgRead(pool, 'find ticket', async (db) => {
        const byNumber = ref.number === undefined ? null : await findTicket(db, ref.number);
        const ticket = byNumber ?? (await findByRefs(db, ref.references ?? []));
        // An anonymised ticket keeps no conversation: a late reply starts a new one.
        if (ticket === null || ticket.anonymisedAt !== null) return null;
        const replies = await ourReplies(db, ticket.number, ref.references ?? []);
        return { ...toView(ticket), routeStatus: ticket.requester.routeStatus, requesterAddress: ticket.requester.address, ourReplies: replies, candidates: ticket.requester.candidates };
      });
    },

    commit(plan: EnquiryPlan): Promise<LedgerCommitResult> {
      const at = new Date(plan.at);
      return inPgTransaction(pool, 'record enquiry', async (client): Promise<LedgerCommitResult> => {
        const { enquiry } = plan;
        const inserted = await rows(
          client,
          `INSERT INTO enquiries (key, channel, from_address, received_at, recorded_at, outcome, suppressed_reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key) DO NOTHING RETURNING key`,
          [enquiry.key, enquiry.channel, enquiry.from, enquiry.receivedAt.toISOString(), plan.at, plan.outcome, plan.suppressedReason],
        );
        if (inserted.length === 0) return { kind: 'duplicate', previous: (await findEnquiry(client, enquiry.key))?.outcome ?? plan.outcome };
        const { ticket, reopened, rerouted } = await applyTicket(client, plan, at);
        if (ticket !== null) await rows(client, 'UPDATE enquiries SET ticket_number = $1 WHERE key = $2', [ticket.number, enquiry.key]);
        const view = ticket === null ? null : toView(ticket);
        await enqueueDrafts(client, plan.outbox, view, plan.at, enquiry.key);
        return { kind: 'committed', ticket: view, reopened, rerouted };
      });
    },
  };
}
