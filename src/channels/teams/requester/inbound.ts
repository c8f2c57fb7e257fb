/**
 * Inbound activity → the core's Enquiry (STYLE G1: the door converts, the core decides). Pure apart from
 * `TurnContext.removeRecipientMention`, which only edits the activity's text.
 */
import { createHash, randomUUID } from 'node:crypto';
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Enquiry } from '../../../core/enquiry.js';
import { TICKET_NUMBER_IN_TEXT } from '../../../core/ticket-number.js';
import { MAX_QUESTION_CHARS } from '../context.js';

/** Where an activity came from. */
export type ConversationType = 'personal' | 'groupChat' | 'channel';

/** The conversation type; Teams sets it, other clients (Emulator) may not: then "personal". */
export function conversationType(activity: Partial<Activity>): ConversationType {
  const type = activity.conversation?.conversationType;
  return type === 'groupChat' || type === 'channel' ? type : 'personal';
}

/** The sender's stable id: the Entra object id in Teams, else the channel user id. */
export function senderId(activity: Partial<Activity>): string {
  return activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown';
}

/**
 * The message text without the bot mention (group chats and channels) and without markup Teams adds.
 *
 * @example
 * messageText({ text: '<at>Pakt</at> Wie lang ist die Frist?', entities: [...] }) // 'Wie lang ist die Frist?'
 */
export function messageText(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  if (activity.recipient && Array.isArray(activity.entities) && activity.entities.length > 0) {
    text = TurnContext.removeRecipientMention(activity) ?? text;
  }
  // A leading <at>…</at> addresses the bot (when Teams sent no mention entity); other mentions keep the name.
  return text
    .replace(/^\s*<at>[^<]*<\/at>/i, ' ')
    .replace(/<at>([^<]*)<\/at>/gi, '$1')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(?:p|div|span|strong|em|b|i)\b[^>]*>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/**
 * Idempotency key of an inbound activity. Teams activity ids are unique within a conversation only, so
 * the key adds a short hash of the conversation id: `teams:<activity id>:<12 hex>`.
 */
export function activityKey(activity: Partial<Activity>): string {
  const id = activity.id ?? randomUUID();
  return `teams:${id}:${conversationHash(activity.conversation?.id ?? '')}`;
}

/** Conversation id → its short hash (a turn asks for the key several times; conversations recur). */
const conversationHashes = new Map<string, string>();
const MAX_CONVERSATION_HASHES = 10_000;

function conversationHash(conversation: string): string {
  let hash = conversationHashes.get(conversation);
  if (hash === undefined) {
    hash = createHash('sha256').update(conversation).digest('hex').slice(0, 12);
    if (conversationHashes.size >= MAX_CONVERSATION_HASHES) conversationHashes.clear();
    conversationHashes.set(conversation, hash);
  }
  return hash;
}

/** Result of converting a message: the enquiry and how much of the text was kept. */
export interface InboundEnquiry {
  enquiry: Enquiry;
  /** Characters kept when the message was truncated; null when complete. */
  truncatedTo: number | null;
}

/** Builds the core Enquiry for a text message. */
export function toEnquiry(
  activity: Partial<Activity>,
  text: string,
  now: Date,
  key = activityKey(activity),
  fallbackEmail: string | null = null,
): InboundEnquiry {
  const isLong = text.length > MAX_QUESTION_CHARS;
  const kept = isLong ? text.slice(0, MAX_QUESTION_CHARS) : text;
  const reference = TurnContext.getConversationReference(activity) as Partial<ConversationReference>;
  const enquiry: Enquiry = {
    key,
    channel: 'teams',
    from: senderId(activity),
    // Teams messages have no subject; the core's triage is specified (and evaluated) with an empty one.
    subject: '',
    text: kept,
    receivedAt: now,
    replyHandle: {
      channel: 'teams',
      conversationReference: reference as Record<string, unknown>,
      ...(fallbackEmail === null ? {} : { fallbackEmail }),
    },
    attachments: [],
  };
  const name = activity.from?.name;
  if (name) enquiry.fromName = name;
  const ticketNumber = TICKET_NUMBER_IN_TEXT.exec(kept)?.[0];
  if (ticketNumber) enquiry.ticketNumber = ticketNumber;
  return { enquiry, truncatedTo: isLong ? MAX_QUESTION_CHARS : null };
}
