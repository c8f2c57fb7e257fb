/**
 * What the core decides for one enquiry (STYLE G7): a kind-tagged union that each channel renders in its
 * own medium with an exhaustive switch. Produced by `handleEnquiry` (src/core/handle-enquiry.ts).
 */
import type { OutboxChannel } from './channel.js';
import type { Channel, ReplyHandle } from './enquiry.js';
import type { Contact, GemeindeRef, KreisRef, RouteCandidate } from './routing.js';
import type { TicketCategory, TriageResult } from './triage/index.js';

export const TICKET_STATUSES = ['neu', 'zugewiesen', 'in_bearbeitung', 'wartet', 'erledigt'] as const;
/** neu → zugewiesen → in_bearbeitung → wartet (auf Rückmeldung) → erledigt; a reply reopens. */
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** A read-only summary of a ticket, enough for channels to render confirmations and cards. */
export interface TicketView {
  /** `IM-<year>-<6 digits>` */
  number: string;
  status: TicketStatus;
  category: TicketCategory;
  channel: Channel;
  subject: string;
  gemeinde: GemeindeRef | null;
  kreis: KreisRef | null;
  /** Responsible team (or the central queue). */
  team: Contact;
  /** Staff member id when a person has taken it over. */
  assignee: string | null;
  /** ISO-8601 UTC. */
  firstResponseDue: string;
  resolutionDue: string;
  createdAt: string;
}

/** Outcome of handling one enquiry. Replies it implies are already in the outbox (or sent inline by Teams). */
export type Outcome =
  | { kind: 'answered'; enquiryKey: string; triage: TriageResult }
  | { kind: 'suggested'; enquiryKey: string; triage: TriageResult }
  | {
      kind: 'ticket_created';
      enquiryKey: string;
      triage: TriageResult;
      ticket: TicketView;
      /** Kreis unknown or ambiguous: ask the requester for the municipality (choices in `candidates`). */
      needsMunicipality: boolean;
      candidates: RouteCandidate[];
    }
  | { kind: 'follow_up'; enquiryKey: string; ticket: TicketView; reopened: boolean }
  | { kind: 'declined'; enquiryKey: string; triage: TriageResult }
  | { kind: 'acknowledged'; enquiryKey: string; triage: TriageResult }
  | { kind: 'suppressed'; enquiryKey: string; reason: string; ticket: TicketView | null }
  | { kind: 'duplicate'; enquiryKey: string; previous: Outcome['kind'] }
  | { kind: 'invalid'; enquiryKey: string; message: string }
  /**
   * An answer to the municipality ask-back that settled nothing (nothing recorded): it named several places
   * (`ambiguous`, choices in `candidates`), none (`unclear`), or nothing at all (`missing`); or the ticket is
   * closed, settled before, or not the sender's (`not_found`). A settling answer is a `follow_up`.
   */
  | {
      kind: 'ask_back_open';
      enquiryKey: string;
      ticketNumber: string;
      reason: 'ambiguous' | 'unclear' | 'missing' | 'closed' | 'settled' | 'not_found';
      candidates: RouteCandidate[];
      ticket: TicketView | null;
    };

/** Kinds of outgoing messages; each channel renders them from templates/cards. */
export const OUTBOUND_KINDS = [
  'auto_answer',
  'suggestions',
  'declined',
  'ticket_confirmation',
  'ask_municipality',
  'staff_answer',
  'staff_notification',
  'escalation',
  'staff_card',
] as const;
export type OutboundKind = (typeof OUTBOUND_KINDS)[number];

/**
 * Kinds addressed to staff (a team, a person or the lead), never to a channel: the outbox worker fans each
 * out to the channels of its addressee (staff-messages.ts). `staff_card` keeps the ticket's Teams card current
 * and goes to Teams only.
 */
export const STAFF_KINDS: readonly OutboundKind[] = ['staff_notification', 'escalation', 'staff_card'];

/** Kinds that can go by mail (each has a mail template); `staff_card` exists only in Teams. */
export type MailKind = Exclude<OutboundKind, 'staff_card'>;
export const MAIL_KINDS: readonly MailKind[] = OUTBOUND_KINDS.filter((k): k is MailKind => k !== 'staff_card');

/** Whom a staff message is for: a team, a staff member (by role id) or the lead. */
export type StaffAddress = { team: string } | { person: string } | { lead: true };

/** The outbox address of a staff message (channel 'staff'): fanned out to channels by the worker. */
export interface StaffHandle {
  channel: 'staff';
  to: StaffAddress;
  /** Subject of the ticket (mail subjects of staff messages build on it). */
  subject: string;
}

/** Where an outbox row goes: a channel, or 'staff' (an addressee the worker fans out); see core/channel.ts. */
export type { OutboxChannel };

/** An outbox entry: written in the same transaction as the state change that causes it. */
export interface OutboundMessage {
  id: number;
  /** Idempotency key: delivering the same key twice never sends twice. */
  key: string;
  channel: OutboxChannel;
  kind: OutboundKind;
  ticketNumber: string | null;
  replyHandle: ReplyHandle | StaffHandle;
  /** Data the channel renders (answer, ticket view, staff text, candidates …). */
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: string;
}

/** Result of one delivery attempt by a channel's deliverer. */
export type DeliveryResult =
  | { kind: 'sent'; providerId?: string }
  | { kind: 'retry'; afterMs?: number; reason: string }
  | {
      kind: 'dead';
      reason: string;
      /**
       * Another way to reach the recipient (a Teams conversation is gone but the requester's mail address is
       * known): the outbox gives up on this message and queues the same message for the fallback.
       */
      fallback?: { channel: Channel; replyHandle: ReplyHandle };
    };

/** A channel's deliverer for outbox messages. */
export type Deliverer = (message: OutboundMessage) => Promise<DeliveryResult>;
