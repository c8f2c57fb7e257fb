/**
 * The channel-independent enquiry (STYLE G1): every door (Teams, mail, CLI) converts its input into this
 * shape and calls the same use case.
 */

import type { Channel } from './channel.js';

export type { Channel };

/** Where and how to answer. Opaque to the core; each channel reads its own variant. */
export type ReplyHandle =
  | {
      channel: 'email';
      /** Address to answer to (Reply-To or From). */
      to: string;
      /** Message-ID of the enquiry, with angle brackets, if it had one. */
      messageId: string | null;
      /** References chain of the enquiry (for threading the reply). */
      references: string[];
      subject: string;
    }
  | {
      channel: 'teams';
      /** Bot Framework ConversationReference, stored as JSON. */
      conversationReference: Record<string, unknown>;
      /** Set when the reference proved dead (bot removed): fall back to mail where known. */
      fallbackEmail?: string;
    }
  | { channel: 'cli' };

export interface AttachmentMeta {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface Enquiry {
  /**
   * Idempotency key of the enquiry: `email:<Message-ID or content hash>`, `teams:<activity id>`.
   * Recording the same key twice never creates a second ticket or answer.
   */
  key: string;
  channel: Channel;
  /** Sender address or Teams user id (AAD object id). Personal data: never logged. */
  from: string;
  fromName?: string;
  subject: string;
  /** The question without quoted history (and without the signature). */
  text: string;
  /** Signature block, kept for routing. */
  signature?: string;
  receivedAt: Date;
  replyHandle: ReplyHandle;
  attachments: AttachmentMeta[];
  /** Ticket number found in the subject or via References / In-Reply-To: makes this a follow-up. */
  ticketNumber?: string;
  /**
   * Message-IDs named inside a delivery or complaint report (the returned headers of the mail it reports on):
   * ties a bounce of our own message to its ticket (see ticket-membership.ts).
   */
  reportedIds?: string[];
}
