/**
 * The Teams channel's own state (tables from migrations.ts): conversation references (typed, persisted, so a
 * case worker's answer reaches the requester after a restart and on any replica), processed keys for
 * idempotency, feedback, staff channels and the staff card per ticket and channel. Asynchronous over the SqlDb
 * port (core/sql.ts): the same statements on SQLite and PostgreSQL (issue 15). Claims are conditional inserts,
 * so two replicas claiming one key get one success. Rows are validated with zod on the way out (STYLE G9).
 */
import type { ConversationReference } from 'botbuilder';
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { Clock } from '../../core/ports.js';
import type { SqlDb } from '../../core/sql.js';

/** Minimal shape a stored ConversationReference must have to be usable for proactive messages. */
export const ConversationReferenceSchema = z.looseObject({
  serviceUrl: z.string().min(1),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

const ReferenceRow = z.object({ reference: z.string(), dead_at: z.string().nullable() });
const CardRow = z.object({ conversation_id: z.string(), activity_id: z.string() });
const FeedbackRow = z.object({ passage_id: z.string().nullable(), helpful: z.coerce.number().int(), comment: z.string().nullable() });
const VoterRow = z.object({ enquiry_key: z.string(), voter: z.string() });
const ChannelRow = z.object({ conversation_id: z.string() });
const PendingRow = z.object({ ticket_number: z.string() });

/** A person's id as stored in the channel's own tables (feedback voters, ask-backs): never in clear. */
function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 32);
}

/** A stored reference and whether it proved dead (bot removed, conversation gone). */
export interface StoredReference {
  reference: Partial<ConversationReference>;
  isDead: boolean;
}

/** Where a staff card of a ticket was posted. */
export interface TicketCardRef {
  conversationId: string;
  activityId: string;
}

const SAVED_MEMO_SIZE = 10_000;

/** Scope of a staff channel registered for every team. */
export const ALL_TEAMS = '*';

/** Typed access to the Teams tables. */
export class TeamsStore {
  /** Last reference JSON written per conversation (skips identical writes). */
  private readonly saved = new Map<string, string>();

  constructor(private readonly db: SqlDb, private readonly clock: Clock) {}

  /** Records `key` as processed; false when it was already recorded (a retry, a double click, another replica). */
  async claimKey(key: string): Promise<boolean> {
    return (await this.db.run('INSERT INTO teams_processed (key, created_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, this.now()])) === 1;
  }

  /** True when `key` was recorded as processed. */
  async hasKey(key: string): Promise<boolean> {
    return (await this.db.get('SELECT 1 AS found FROM teams_processed WHERE key = ?', [key])) !== undefined;
  }

  /** Forgets `key` again (the turn failed before anything was sent, so a retry may try once more). */
  async releaseKey(key: string): Promise<void> {
    await this.db.run('DELETE FROM teams_processed WHERE key = ?', [key]);
  }

  /**
   * Retention of the channel's own personal data: feedback older than `before` keeps its vote but loses the
   * voter and the comment; conversation references idle since `before` are deleted (registered staff channels
   * stay), and so are ask-backs left unanswered since then.
   */
  async retainPersonalData(before: Date): Promise<{ voters: number; comments: number; references: number; askBacks: number }> {
    const iso = before.toISOString();
    // Each anonymised voter gets a random id of its own (the key is enquiry and voter): nothing links two votes.
    const voters = (await this.db.all("SELECT enquiry_key, voter FROM teams_feedback WHERE created_at < ? AND voter NOT LIKE 'anonymisiert:%'", [iso])).map((r) => VoterRow.parse(r));
    for (const v of voters) {
      await this.db.run('UPDATE teams_feedback SET voter = ? WHERE enquiry_key = ? AND voter = ?', [`anonymisiert:${randomUUID()}`, v.enquiry_key, v.voter]);
    }
    return {
      voters: voters.length,
      comments: await this.db.run('UPDATE teams_feedback SET comment = NULL WHERE created_at < ? AND comment IS NOT NULL', [iso]),
      references: await this.db.run(
        'DELETE FROM teams_conversations WHERE updated_at < ? AND conversation_id NOT IN (SELECT conversation_id FROM teams_staff_channels)',
        [iso],
      ),
      askBacks: await this.db.run('DELETE FROM teams_pending_municipality WHERE created_at < ?', [iso]),
    };
  }

  /** Deletes activity and card-action keys older than `before` (Teams retries within minutes; keep days). */
  async pruneKeys(before: Date): Promise<number> {
    // Only turn-level keys expire; outbox and staff-card keys guard against re-sending for good.
    return this.db.run("DELETE FROM teams_processed WHERE created_at < ? AND (key LIKE 'activity:%' OR key LIKE 'action:%')", [before.toISOString()]);
  }

  /**
   * Saves the reference of a conversation (and revives it if it was marked dead). The activity id is not
   * kept (proactive messages are new messages, not replies), so the reference of a conversation rarely
   * changes; unchanged references are not written again (in-memory memo, bounded).
   */
  async saveReference(reference: Partial<ConversationReference>, conversationType: string): Promise<void> {
    const id = reference.conversation?.id;
    if (!id) return;
    const { activityId: _activityId, ...rest } = reference;
    const json = JSON.stringify(rest);
    if (this.saved.get(id) === json) return;
    await this.db.run(
      `INSERT INTO teams_conversations (conversation_id, reference, conversation_type, dead_at, dead_reason, updated_at)
       VALUES (?, ?, ?, NULL, NULL, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET reference = excluded.reference,
         conversation_type = excluded.conversation_type, dead_at = NULL, dead_reason = NULL, updated_at = excluded.updated_at`,
      [id, json, conversationType, this.now()],
    );
    if (this.saved.size >= SAVED_MEMO_SIZE) this.saved.delete(this.saved.keys().next().value as string);
    this.saved.set(id, json);
  }

  /** The stored reference of a conversation, or null. */
  async reference(conversationId: string): Promise<StoredReference | null> {
    const row = await this.db.get('SELECT reference, dead_at FROM teams_conversations WHERE conversation_id = ?', [conversationId]);
    if (row === undefined) return null;
    const parsed = ReferenceRow.parse(row);
    return { reference: parseReference(parsed.reference), isDead: parsed.dead_at !== null };
  }

  /** Marks a conversation dead (403/404 from the connector): no further proactive attempts. */
  async markDead(conversationId: string, reason: string): Promise<void> {
    this.saved.delete(conversationId);
    const now = this.now();
    await this.db.run('UPDATE teams_conversations SET dead_at = ?, dead_reason = ?, updated_at = ? WHERE conversation_id = ?', [now, reason, now, conversationId]);
  }

  /** Stores one vote on an answer; the same voter voting again replaces the vote. */
  async recordFeedback(input: { enquiryKey: string; voterId: string; passageId: string | null; helpful: boolean }): Promise<void> {
    await this.db.run(
      `INSERT INTO teams_feedback (enquiry_key, voter, passage_id, helpful, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (enquiry_key, voter) DO UPDATE SET helpful = excluded.helpful, created_at = excluded.created_at`,
      [input.enquiryKey, hashId(input.voterId), input.passageId, input.helpful ? 1 : 0, this.now()],
    );
  }

  /**
   * Stores the comment a voter adds after "Hat nicht geholfen" (already anonymised by the caller); the vote
   * stays or becomes negative.
   */
  async commentFeedback(input: { enquiryKey: string; voterId: string; passageId: string | null; comment: string }): Promise<void> {
    await this.db.run(
      `INSERT INTO teams_feedback (enquiry_key, voter, passage_id, helpful, comment, created_at) VALUES (?, ?, ?, 0, ?, ?)
       ON CONFLICT (enquiry_key, voter) DO UPDATE SET helpful = 0, comment = excluded.comment, created_at = excluded.created_at`,
      [input.enquiryKey, hashId(input.voterId), input.passageId, input.comment, this.now()],
    );
  }

  /** Votes on one answer (for tests and reports); `comment` only where one was given. */
  async feedbackFor(enquiryKey: string): Promise<{ passageId: string | null; helpful: boolean; comment?: string }[]> {
    const rows = await this.db.all('SELECT passage_id, helpful, comment FROM teams_feedback WHERE enquiry_key = ? ORDER BY created_at', [enquiryKey]);
    return rows
      .map((r) => FeedbackRow.parse(r))
      .map((r) => ({ passageId: r.passage_id, helpful: r.helpful === 1, ...(r.comment === null ? {} : { comment: r.comment }) }));
  }

  /** Registers a staff channel for a team id (or {@link ALL_TEAMS}). */
  async registerStaffChannel(scope: string, conversationId: string, registeredBy: string): Promise<void> {
    await this.db.run(
      `INSERT INTO teams_staff_channels (scope, conversation_id, registered_by, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (scope) DO UPDATE SET conversation_id = excluded.conversation_id,
         registered_by = excluded.registered_by, created_at = excluded.created_at`,
      [scope, conversationId, registeredBy, this.now()],
    );
  }

  /** The staff channel for a team: its own registration, else (unless `exact`) the one for all teams, else null. */
  async staffChannelFor(teamId: string | null | undefined, options: { exact?: boolean } = {}): Promise<string | null> {
    const scopes = options.exact ? [teamId] : [teamId, ALL_TEAMS];
    for (const scope of scopes) {
      if (!scope) continue;
      const row = await this.db.get('SELECT conversation_id FROM teams_staff_channels WHERE scope = ?', [scope]);
      if (row !== undefined) return ChannelRow.parse(row).conversation_id;
    }
    return null;
  }

  /** True when at least one staff channel is registered. */
  async hasStaffChannels(): Promise<boolean> {
    return (await this.db.get('SELECT 1 AS found FROM teams_staff_channels LIMIT 1')) !== undefined;
  }

  /** Remembers the staff card of a ticket in a channel (for in-place updates). */
  async saveTicketCard(ticketNumber: string, conversationId: string, activityId: string): Promise<void> {
    await this.db.run(
      `INSERT INTO teams_ticket_cards (ticket_number, conversation_id, activity_id, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (ticket_number, conversation_id) DO UPDATE SET activity_id = excluded.activity_id, updated_at = excluded.updated_at`,
      [ticketNumber, conversationId, activityId, this.now()],
    );
  }

  /** Every staff card posted for a ticket. */
  async ticketCards(ticketNumber: string): Promise<TicketCardRef[]> {
    const rows = await this.db.all('SELECT conversation_id, activity_id FROM teams_ticket_cards WHERE ticket_number = ?', [ticketNumber]);
    return rows.map((r) => CardRow.parse(r)).map((r) => ({ conversationId: r.conversation_id, activityId: r.activity_id }));
  }

  /** Remembers that `requesterId` in this conversation was asked for the municipality of a ticket (the latest wins). */
  async awaitMunicipality(conversationId: string, requesterId: string, ticketNumber: string): Promise<void> {
    await this.db.run(
      `INSERT INTO teams_pending_municipality (conversation_id, requester_hash, ticket_number, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (conversation_id, requester_hash) DO UPDATE SET ticket_number = excluded.ticket_number, created_at = excluded.created_at`,
      [conversationId, hashId(requesterId), ticketNumber, this.now()],
    );
  }

  /** The ticket whose municipality `requesterId` was asked for in this conversation, or null. */
  async pendingMunicipality(conversationId: string, requesterId: string): Promise<string | null> {
    const row = await this.db.get('SELECT ticket_number FROM teams_pending_municipality WHERE conversation_id = ? AND requester_hash = ?', [conversationId, hashId(requesterId)]);
    return row === undefined ? null : PendingRow.parse(row).ticket_number;
  }

  /** Forgets every ask-back of a ticket (answered, closed or routed elsewhere). */
  async clearMunicipality(ticketNumber: string): Promise<void> {
    await this.db.run('DELETE FROM teams_pending_municipality WHERE ticket_number = ?', [ticketNumber]);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

/** Parses a stored reference; throws TEAMS_ACTIVITY_INVALID when it lacks what proactive messages need. */
export function parseReference(json: string | Record<string, unknown>): Partial<ConversationReference> {
  const value = typeof json === 'string' ? (JSON.parse(json) as unknown) : json;
  const result = ConversationReferenceSchema.safeParse(value);
  if (!result.success) {
    const path = result.error.issues[0]?.path.join('.') ?? '';
    throw new AppError('TEAMS_ACTIVITY_INVALID', `teams store: conversation reference invalid at ${path}`);
  }
  return result.data as unknown as Partial<ConversationReference>;
}
