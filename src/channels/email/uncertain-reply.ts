/**
 * A reply whose delivery cannot be known (send-once.ts): an earlier attempt handed the whole message to SMTP
 * and ended without the server's answer, either after the server stored it or before its end reached the
 * server. Sending it again could double it, not sending it could lose it, and no protocol step tells the two
 * apart. The channel does neither silently: the reply is not sent again and becomes a ticket for staff, routed
 * like the requester's own enquiries. The ticket holds the reply's text and its Message-ID (which the mail
 * server's message trace finds); answering the ticket reaches the requester in the original thread.
 */
import type { Enquiry } from '../../core/enquiry.js';
import type { EnquiryRequest } from '../../core/enquiry-request.js';
import type { OutboundMessage } from '../../core/outcome.js';
import { stripReplyPrefixes } from './threading.js';

/** What the sender knows of the reply it did not send again. */
export interface UncertainReply {
  message: OutboundMessage;
  /** The Message-ID the earlier attempt used (derived from the outbox key, so the same on every attempt). */
  messageId: string;
  /** The reply's plain-text body as rendered for the earlier attempt. */
  text: string;
}

/** Hands an uncertain reply to staff; throws when it could not (the outbox tries again). */
export type HandOver = (reply: UncertainReply) => Promise<void>;

/**
 * The forced ticket for an uncertain reply: from the requester (so it is routed to their case worker), without
 * the thread's References (it must not read as the requester's follow-up on a ticket), keyed by the outbox key
 * (a repeated hand-over is recorded once), and without any message to the requester.
 *
 * @example
 * const request = uncertainReplyRequest({ message, messageId, text }, clock.now());
 * if (request !== null) await handle(request);
 */
export function uncertainReplyRequest(reply: UncertainReply, receivedAt: Date): EnquiryRequest | null {
  const { message, messageId, text } = reply;
  const handle = message.replyHandle;
  if (handle.channel !== 'email') return null;
  const ticket = message.ticketNumber === null ? '' : ` zu Vorgang ${message.ticketNumber}`;
  const enquiry: Enquiry = {
    key: `email:uncertain:${message.key}`,
    channel: 'email',
    from: handle.to,
    subject: `Zustellung unklar: ${stripReplyPrefixes(handle.subject) || 'Ihre Nachricht'}`,
    text:
      `Bitte prüfen Sie, ob diese Antwort${ticket} angekommen ist. Der Versand wurde unterbrochen, nachdem die Nachricht ` +
      `vollständig an den Mailserver übergeben war und bevor seine Bestätigung eintraf; ob er sie angenommen hat, ist ` +
      `unbekannt (Postausgang Nr. ${message.id}, Message-ID ${messageId}). Sie wird nicht automatisch erneut gesendet, ` +
      `damit keine doppelte Antwort entsteht. ` +
      `Die Nachrichtenverfolgung des Mailservers findet sie unter der Message-ID; ist sie nicht zugestellt, ` +
      `beantworten Sie diesen Vorgang mit dem Text unten.\n\n--- Text der Antwort ---\n${text.trim()}`,
    receivedAt,
    replyHandle: { channel: 'email', to: handle.to, messageId: handle.messageId, references: [], subject: handle.subject },
    attachments: [],
  };
  return {
    kind: 'question',
    enquiry,
    reply: 'outbox',
    forceTicket: { reason: 'Zustellung einer Antwort unklar (Versand unterbrochen)', notifyRequester: false },
  };
}
