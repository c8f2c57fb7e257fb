/**
 * The Teams channel's own state in SQLite (tables from migrations.ts): conversation references (typed,
 * persisted, so a case worker's answer reaches the requester after a restart), processed keys for
 * idempotency, feedback, staff channels and the staff card per ticket and channel. Synchronous
 * (better-sqlite3); rows are validated with zod on the way out (STYLE G9).
 */
import { errorCode } from '../../core/error-code.js';
import type Database from 'better-sqlite3';
import type { ConversationReference } from 'botbuilder';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { Clock } from '../../core/ports.js';

/** Minimal shape a stored ConversationReference must have to be usable for proactive messages. */
export const ConversationReferenceSchema = z.looseObject({
  serviceUrl: z.string().min(1),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

const ReferenceRow = z.object({ reference: z.string(), dead_at: z.string().nullable() });
const CardRow = z.object({ conversation_id: z.string(), activity_id: z.string() });
const FeedbackRow = z.object({ passage_id: z.string().nullable(), helpful: z.number().int(), comment: z.string().nullable() });
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
  private readonly q;
  /** Last reference JSON written per conversation (skips identical writes). */
  private readonly saved = new Map<string, string>();

  constructor(private readonly db: Database.Database, private readonly clock: Clock) {
    this.q = {
      claim: db.prepare('INSERT OR IGNORE INTO teams_processed (key, created_at) VALUES (?, ?)'),
      release: db.prepare('DELETE FROM teams_processed WHERE key = ?'),
      // Only turn-level keys expire; outbox and staff-card keys guard against re-sending for good.
      anonymiseVoters: db.prepare(
        "UPDATE teams_feedback SET voter = 'anonymisiert:' || rowid WHERE created_at < ? AND voter NOT LIKE 'anonymisiert:%'",
      ),
      dropComments: db.prepare('UPDATE teams_feedback SET comment = NULL WHERE created_at < ? AND comment IS NOT NULL'),
      dropIdleRefs: db.prepare(
        'DELETE FROM teams_conversations WHERE updated_at < ? AND conversation_id NOT IN (SELECT conversation_id FROM teams_staff_channels)',
      ),
      prune: db.prepare("DELETE FROM teams_processed WHERE created_at < ? AND (key LIKE 'activity:%' OR key LIKE 'action:%')"),
      saveRef: db.prepare(
        `INSERT INTO teams_conversations (conversation_id, reference, conversation_type, dead_at, dead_reason, updated_at)
         VALUES (?, ?, ?, NULL, NULL, ?)
         ON CONFLICT (conversation_id) DO UPDATE SET reference = excluded.reference,
           conversation_type = excluded.conversation_type, dead_at = NULL, dead_reason = NULL, updated_at = excluded.updated_at`,
      ),
      ref: db.prepare('SELECT reference, dead_at FROM teams_conversations WHERE conversation_id = ?'),
      dead: db.prepare('UPDATE teams_conversations SET dead_at = ?, dead_reason = ?, updated_at = ? WHERE conversation_id = ?'),
      feedback: db.prepare(
        `INSERT INTO teams_feedback (enquiry_key, voter, passage_id, helpful, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (enquiry_key, voter) DO UPDATE SET helpful = excluded.helpful, created_at = excluded.created_at`,
      ),
      comment: db.prepare(
        `INSERT INTO teams_feedback (enquiry_key, voter, passage_id, helpful, comment, created_at) VALUES (?, ?, ?, 0, ?, ?)
         ON CONFLICT (enquiry_key, voter) DO UPDATE SET helpful = 0, comment = excluded.comment, created_at = excluded.created_at`,
      ),
      feedbackFor: db.prepare('SELECT passage_id, helpful, comment FROM teams_feedback WHERE enquiry_key = ? ORDER BY created_at'),
      register: db.prepare(
        `INSERT INTO teams_staff_channels (scope, conversation_id, registered_by, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (scope) DO UPDATE SET conversation_id = excluded.conversation_id,
           registered_by = excluded.registered_by, created_at = excluded.created_at`,
      ),
      channel: db.prepare('SELECT conversation_id FROM teams_staff_channels WHERE scope = ?'),
      anyChannel: db.prepare('SELECT 1 FROM teams_staff_channels LIMIT 1'),
      saveCard: db.prepare(
        `INSERT INTO teams_ticket_cards (ticket_number, conversation_id, activity_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (ticket_number, conversation_id) DO UPDATE SET activity_id = excluded.activity_id, updated_at = excluded.updated_at`,
      ),
      cards: db.prepare('SELECT conversation_id, activity_id FROM teams_ticket_cards WHERE ticket_number = ?'),
      awaitMunicipality: db.prepare(
        `INSERT INTO teams_pending_municipality (conversation_id, requester_hash, ticket_number, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (conversation_id, requester_hash) DO UPDATE SET ticket_number = excluded.ticket_number, created_at = excluded.created_at`,
      ),
      pendingMunicipality: db.prepare('SELECT ticket_number FROM teams_pending_municipality WHERE conversation_id = ? AND requester_hash = ?'),
      clearMunicipality: db.prepare('DELETE FROM teams_pending_municipality WHERE ticket_number = ?'),
      dropIdleAskBacks: db.prepare('DELETE FROM teams_pending_municipality WHERE created_at < ?'),
      hasKey: db.prepare('SELECT 1 FROM teams_processed WHERE key = ?'),
    };
  }

  /** Records `key` as processed; false when it was already recorded (a retry or a double click). */
  claimKey(key: string): boolean {
    return this.run(() => this.q.claim.run(key, this.now()).changes === 1);
  }

  /** True when `key` was recorded as processed. */
  hasKey(key: string): boolean {
    return this.run(() => this.q.hasKey.get(key)) !== undefined;
  }

  /** Forgets `key` again (the turn failed before anything was sent, so a retry may try once more). */
  releaseKey(key: string): void {
    this.run(() => this.q.release.run(key));
  }

  /**
   * Retention of the channel's own personal data: feedback older than `before` keeps its vote but loses the
   * voter and the comment; conversation references idle since `before` are deleted (registered staff channels
   * stay), and so are ask-backs left unanswered since then.
   */
  retainPersonalData(before: Date): { voters: number; comments: number; references: number; askBacks: number } {
    const iso = before.toISOString();
    return this.run(() => ({
      voters: this.q.anonymiseVoters.run(iso).changes,
      comments: this.q.dropComments.run(iso).changes,
      references: this.q.dropIdleRefs.run(iso).changes,
      askBacks: this.q.dropIdleAskBacks.run(iso).changes,
    }));
  }

  /** Deletes activity and card-action keys older than `before` (Teams retries within minutes; keep days). */
  pruneKeys(before: Date): number {
    return this.run(() => this.q.prune.run(before.toISOString()).changes);
  }

  /**
   * Saves the reference of a conversation (and revives it if it was marked dead). The activity id is not
   * kept (proactive messages are new messages, not replies), so the reference of a conversation rarely
   * changes; unchanged references are not written again (in-memory memo, bounded).
   */
  saveReference(reference: Partial<ConversationReference>, conversationType: string): void {
    const id = reference.conversation?.id;
    if (!id) return;
    const { activityId: _activityId, ...rest } = reference;
    const json = JSON.stringify(rest);
    if (this.saved.get(id) === json) return;
    this.run(() => this.q.saveRef.run(id, json, conversationType, this.now()));
    if (this.saved.size >= SAVED_MEMO_SIZE) this.saved.delete(this.saved.keys().next().value as string);
    this.saved.set(id, json);
  }

  /** The stored reference of a conversation, or null. */
  reference(conversationId: string): StoredReference | null {
    const row = this.run(() => this.q.ref.get(conversationId));
    if (row === undefined) return null;
    const parsed = ReferenceRow.parse(row);
    return { reference: parseReference(parsed.reference), isDead: parsed.dead_at !== null };
  }

  /** Marks a conversation dead (403/404 from the connector): no further proactive attempts. */
  markDead(conversationId: string, reason: string): void {
    this.saved.delete(conversationId);
    const now = this.now();
    this.run(() => this.q.dead.run(now, reason, now, conversationId));
  }

  /** Stores one vote on an answer; the same voter voting again replaces the vote. */
  recordFeedback(input: { enquiryKey: string; voterId: string; passageId: string | null; helpful: boolean }): void {
    const voter = hashId(input.voterId);
    this.run(() => this.q.feedback.run(input.enquiryKey, voter, input.passageId, input.helpful ? 1 : 0, this.now()));
  }

  /**
   * Stores the comment a voter adds after "Hat nicht geholfen" (already anonymised by the caller); the vote
   * stays or becomes negative.
   */
  commentFeedback(input: { enquiryKey: string; voterId: string; passageId: string | null; comment: string }): void {
    const voter = hashId(input.voterId);
    this.run(() => this.q.comment.run(input.enquiryKey, voter, input.passageId, input.comment, this.now()));
  }

  /** Votes on one answer (for tests and reports); `comment` only where one was given. */
  feedbackFor(enquiryKey: string): { passageId: string | null; helpful: boolean; comment?: string }[] {
    const rows = this.run(() => this.q.feedbackFor.all(enquiryKey));
    return rows
      .map((r) => FeedbackRow.parse(r))
      .map((r) => ({ passageId: r.passage_id, helpful: r.helpful === 1, ...(r.comment === null ? {} : { comment: r.comment }) }));
  }

  /** Registers a staff channel for a team id (or {@link ALL_TEAMS}). */
  registerStaffChannel(scope: string, conversationId: string, registeredBy: string): void {
    this.run(() => this.q.register.run(scope, conversationId, registeredBy, this.now()));
  }

  /** The staff channel for a team: its own registration, else (unless `exact`) the one for all teams, else null. */
  staffChannelFor(teamId: string | null | undefined, options: { exact?: boolean } = {}): string | null {
    const scopes = options.exact ? [teamId] : [teamId, ALL_TEAMS];
    for (const scope of scopes) {
      if (!scope) continue;
      const row = this.run(() => this.q.channel.get(scope));
      if (row !== undefined) return ChannelRow.parse(row).conversation_id;
    }
    return null;
  }

  /** True when at least one staff channel is registered. */
  hasStaffChannels(): boolean {
    return this.run(() => this.q.anyChannel.get()) !== undefined;
  }

  /** Remembers the staff card of a ticket in a channel (for in-place updates). */
  saveTicketCard(ticketNumber: string, conversationId: string, activityId: string): void {
    this.run(() => this.q.saveCard.run(ticketNumber, conversationId, activityId, this.now()));
  }

  /** Every staff card posted for a ticket. */
  ticketCards(ticketNumber: string): TicketCardRef[] {
    const rows = this.run(() => this.q.cards.all(ticketNumber));
    return rows.map((r) => CardRow.parse(r)).map((r) => ({ conversationId: r.conversation_id, activityId: r.activity_id }));
  }

  /** Remembers that `requesterId` in this conversation was asked for the municipality of a ticket (the latest wins). */
  awaitMunicipality(conversationId: string, requesterId: string, ticketNumber: string): void {
    this.run(() => this.q.awaitMunicipality.run(conversationId, hashId(requesterId), ticketNumber, this.now()));
  }

  /** The ticket whose municipality `requesterId` was asked for in this conversation, or null. */
  pendingMunicipality(conversationId: string, requesterId: string): string | null {
    const row = this.run(() => this.q.pendingMunicipality.get(conversationId, hashId(requesterId)));
    return row === undefined ? null : PendingRow.parse(row).ticket_number;
  }

  /** Forgets every ask-back of a ticket (answered, closed or routed elsewhere). */
  clearMunicipality(ticketNumber: string): void {
    this.run(() => this.q.clearMunicipality.run(ticketNumber));
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** Maps driver failures to one code (STYLE G8). */
  private run<T>(fn: () => T): T {
    try {
      return fn();
    } catch (cause) {
      const code = errorCode(cause) ?? '';
      if (code.startsWith('SQLITE_BUSY')) throw new AppError('DB_LOCKED', 'teams store: database locked', { cause });
      throw new AppError('DB_ERROR', `teams store: ${code || 'query failed'}`, { cause });
    }
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
