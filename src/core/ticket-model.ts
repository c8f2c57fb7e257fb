/**
 * Ticket model and the storage ports owned by the core (STYLE G5, G10). The SQLite adapters in
 * src/tickets and the PostgreSQL adapters in src/tickets/postgres implement them (asynchronous, so a pooled
 * network driver can); tests use the in-memory fakes in test/fakes. Status changes happen only in
 * the pure `transition()` of src/tickets/ticket.ts; these ports persist its results atomically.
 */
import type { Channel, ReplyHandle } from './enquiry.js';
import type { OutboundKind, OutboundMessage, OutboxChannel, StaffHandle, TicketStatus, TicketView } from './outcome.js';
import type { Contact, GemeindeRef, KreisRef, RouteCandidate, RouteStatus } from './routing.js';
import type { TicketCategory } from './triage/index.js';

/** Who asks. Personal data: never logged, anonymised by the retention job. */
export interface Requester {
  /** Display name, if the channel gave one. */
  name: string | null;
  /** Mail address or Teams user id (AAD object id). */
  address: string;
  gemeinde: GemeindeRef | null;
  kreis: KreisRef | null;
  routeStatus: RouteStatus;
  /** Routing evidence in German words. */
  evidence: string[];
  /** Choices offered when the municipality had to be asked back. */
  candidates: RouteCandidate[];
}

/** Escalation level: 0 none, 1 first response overdue, 2 resolution overdue. */
export type EscalationLevel = 0 | 1 | 2;

/** The full persisted ticket (a {@link TicketView} plus what staff and jobs need). */
export interface TicketRecord {
  /** `IM-<year>-<6 digits>` */
  number: string;
  status: TicketStatus;
  category: TicketCategory;
  channel: Channel;
  subject: string;
  requester: Requester;
  replyHandle: ReplyHandle;
  /** Responsible team (snapshot of the contact at assignment time). */
  team: Contact & { teamId: string };
  /** Staff member id holding the ticket, or null while it waits in the team queue. */
  assignee: string | null;
  /** ISO-8601 UTC due times; stored, so a restart loses no timer. */
  firstResponseDue: string;
  resolutionDue: string;
  firstRespondedAt: string | null;
  escalationLevel: EscalationLevel;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  anonymisedAt: string | null;
  /** Optimistic-concurrency version; every saved change increments it. */
  version: number;
}

/** Audit event types (helpdesk vocabulary). */
export type TicketEventType =
  | 'created'
  | 'assigned'
  | 'claimed'
  | 'handed_over'
  | 'answered'
  | 'noted'
  | 'requester_replied'
  | 'reopened'
  | 'closed'
  | 'rerouted'
  | 'escalated'
  | 'deadline_changed'
  | 'anonymised';

/** One audit fact: who, what, when, why. `actor` is a staff id, `system` or `requester`. */
export interface TicketEvent {
  type: TicketEventType;
  actor: string;
  /** ISO-8601 UTC. */
  at: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  /** Why: the hand-over note, the assignment reason, the escalation level … (may be personal: not logged). */
  note: string | null;
  /** Machine-readable facts (team ids, staff ids, level); never personal data. */
  data: Record<string, unknown>;
}

/** A message on the ticket: inbound from the requester, outbound to them, or an internal note. */
export interface TicketMessage {
  direction: 'in' | 'out' | 'note';
  /** Staff id, `requester` or `system`. */
  author: string;
  text: string;
  at: string;
  /** Enquiry key for inbound messages. */
  enquiryKey: string | null;
  /** True for auto-replies/bounces recorded without reaction. */
  suppressed?: boolean;
}

/** Stored attachment metadata (the file lives under the attachments directory, named by sha256). */
export interface TicketAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  enquiryKey: string | null;
}

/** Delivery state of an outbox entry, as shown by `tickets show`. */
export interface OutboxEntryView {
  key: string;
  channel: OutboxChannel;
  kind: OutboundKind;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** Everything held on one ticket (for `tickets show` and cards). */
export interface TicketDetails {
  ticket: TicketRecord;
  events: TicketEvent[];
  messages: TicketMessage[];
  attachments: TicketAttachment[];
  outbox: OutboxEntryView[];
  /** Why the enquiry became a ticket (German, from triage); absent for tickets created before they were kept. */
  triageReasons?: string[];
}

/** An outgoing message to enqueue in the same transaction. */
export interface OutboxDraft {
  /** Idempotency key, unique across the outbox (enqueuing an existing key is a no-op). */
  key: string;
  channel: OutboxChannel;
  kind: OutboundKind;
  replyHandle: ReplyHandle | StaffHandle;
  payload: Record<string, unknown>;
  /**
   * True when the message belongs to the ticket the plan creates or changes: the store sets
   * `ticketNumber` and adds `payload.ticket` (a {@link TicketView}) inside the transaction.
   */
  withTicket: boolean;
}

/** A refusal of a transition or staff operation: an expected outcome, not an error (STYLE G7). */
export interface Refusal {
  code:
    | 'TICKET_CLOSED'
    | 'NOT_CLOSED'
    | 'NOTE_REQUIRED'
    | 'TEXT_REQUIRED'
    | 'ALREADY_CLAIMED'
    | 'HELD_BY_OTHER'
    | 'SAME_ASSIGNEE'
    | 'ALREADY_ESCALATED'
    | 'ANONYMISED'
    | 'REASON_REQUIRED'
    | 'DEADLINE_INVALID'
    | 'READ_ONLY';
  /** German, for staff. */
  message: string;
  /** Staff id holding the ticket, for ALREADY_CLAIMED / HELD_BY_OTHER. */
  holder?: string;
}

/** Due times for a new ticket (ISO-8601 UTC). */
export interface DueTimes {
  firstResponseDue: string;
  resolutionDue: string;
}

/** Port: first-response and resolution targets (working days, Baden-Württemberg holidays). */
export interface DeadlinePolicy {
  due(category: TicketCategory, receivedAt: Date): DueTimes;
}


/** Filter for listing tickets. */
export interface TicketFilter {
  status?: TicketStatus;
  kreisAgs?: string;
  teamId?: string;
  assignee?: string;
  /** Default 50. */
  limit?: number;
}

/** A saved change: the transition result plus what it causes, persisted atomically. */
export interface TicketChange {
  /** Version the change was computed from; the save is refused (`conflict`) if the row moved on. */
  expectedVersion: number;
  ticket: TicketRecord;
  event: TicketEvent;
  message?: TicketMessage;
  outbox: OutboxDraft[];
}

/** Port: ticket persistence for staff operations and jobs. */
export interface TicketStore {
  find(number: string): Promise<TicketRecord | null>;
  details(number: string): Promise<TicketDetails | null>;
  /** Newest first. */
  list(filter: TicketFilter): Promise<TicketRecord[]>;
  /** Conditional update (`WHERE version = expectedVersion`) plus event, message and outbox, in one transaction. */
  save(change: TicketChange): Promise<'saved' | 'conflict'>;
  /** Open tickets whose next escalation level is due at `now` (ISO). */
  listEscalationDue(now: string): Promise<TicketRecord[]>;
  /** Closed, not yet anonymised tickets closed before `cutoff` (ISO). */
  listClosedBefore(cutoff: string): Promise<TicketRecord[]>;
  /** Replaces personal data of a ticket (requester, messages, attachments names, outbox payloads) atomically. */
  anonymise(change: TicketChange): Promise<'saved' | 'conflict'>;
  /** True when a ticket not yet anonymised still lists an attachment with this sha256 (its file must stay). */
  attachmentInUse(sha256: string): Promise<boolean>;
  /**
   * Removes personal data of enquiries without a ticket (answered, declined, …) received before `cutoff`:
   * sender address and the reply handle and payload of their outgoing messages. Returns how many.
   */
  anonymiseEnquiriesBefore(cutoff: string): Promise<number>;
  /**
   * Every ticket, enquiry and message held on one requester address (DSGVO Art. 15): a mail address whatever
   * its case, a Teams id exactly; replies are matched by their exact enquiry, never by a key prefix.
   */
  exportRequester(address: string): Promise<RequesterExport>;
}

/** Data export for one person. */
export interface RequesterExport {
  address: string;
  tickets: TicketDetails[];
  enquiries: { key: string; channel: Channel; receivedAt: string; outcome: string; ticketNumber: string | null }[];
  /** Outgoing messages to the person that belong to no ticket (automatic answers, suggestions, declines). */
  replies?: (OutboxEntryView & { payload: Record<string, unknown> })[];
}

/** Port: the outbox as the delivery worker sees it. Leases make two workers or a crash never send twice. */
export interface OutboxStore {
  /** Leases up to `limit` due messages of the given channels (attempts counted at claim). */
  claimDue(options: { now: Date; channels: OutboxChannel[]; limit: number; leaseMs: number; owner: string }): Promise<OutboundMessage[]>;
  /** Marks a leased message sent; false if the lease was lost (another worker took over). */
  markSent(id: number, owner: string, now: Date, providerId?: string): Promise<boolean>;
  /** Releases the lease and schedules the next attempt. */
  markRetry(id: number, owner: string, nextAttemptAt: Date, reason: string): Promise<boolean>;
  /**
   * Gives up on a leased message and, in the same transaction, queues a copy for another channel
   * (key `<key>:fallback:<channel>`, idempotent). False if the lease was lost.
   */
  reroute(id: number, owner: string, now: Date, reason: string, target: { channel: Channel; replyHandle: ReplyHandle }): Promise<boolean>;
  /** Gives up on a message (recorded, visible in `tickets show`). */
  markDead(id: number, owner: string, now: Date, reason: string): Promise<boolean>;
  /**
   * Fans a leased staff message out (core/staff-messages.ts): in ONE transaction the message is marked sent and each
   * leg is queued as its own row (key `<key>:<leg>`, idempotent), so a crash neither doubles nor loses a leg.
   * False if the lease was lost.
   */
  fanOut(id: number, owner: string, now: Date, legs: FanOutLeg[]): Promise<boolean>;
  /** Queues drafts outside a ticket change (cards for a newly registered staff channel); existing keys stay. */
  enqueue(drafts: OutboxDraft[], ticket: TicketView | null, now: Date): Promise<void>;
}

/** One channel a staff message goes out on: its own outbox row, delivered by that channel's deliverer. */
export interface FanOutLeg {
  /** Appended to the staff message's key (`<key>:<suffix>`). */
  suffix: string;
  channel: Channel;
  replyHandle: ReplyHandle;
}
