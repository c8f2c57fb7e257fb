/**
 * Threading rules (pure): ticket numbers in subjects, reply subjects with a single "AW: ", References chains,
 * and our own Message-IDs derived from outbox keys (so a resend after a crash carries the same id).
 */
import { createHash } from 'node:crypto';
import { TICKET_NUMBER_SOURCE } from '../../core/ticket-number.js';

const TICKET = new RegExp(String.raw`\[?\b(${TICKET_NUMBER_SOURCE})\b\]?`, 'i');
/** Reply and forward prefixes of German, English and other common clients, possibly repeated or numbered. */
const PREFIX = /^\s*((AW|RE|Re|Aw|WG|FW|Fwd|WTR|SV|VS|Antw|Antwort|R|RIF|TR)(\[\d+\]|\(\d+\))?\s*:\s*)+/i;
/** References kept on a reply: the first (thread root) and the most recent ones. */
const MAX_REFERENCES = 20;

/**
 * Finds a ticket number ("IM-2026-000123", usually in brackets) in a subject.
 *
 * @example
 * ticketNumberInSubject('AW: [IM-2026-000123] Frage zur Förderung'); // → 'IM-2026-000123'
 */
export function ticketNumberInSubject(subject: string): string | null {
  const match = TICKET.exec(subject);
  return match?.[1] ? match[1].toUpperCase() : null;
}

/** Removes every leading reply/forward prefix ("AW: Re: WG: …"). */
export function stripReplyPrefixes(subject: string): string {
  let result = subject.trim();
  for (;;) {
    const next = result.replace(PREFIX, '').trim();
    if (next === result) return result;
    result = next;
  }
}

/**
 * The subject of our reply: one "AW: ", the ticket number in brackets when there is a ticket, never twice.
 *
 * @example
 * replySubject('AW: AW: [IM-2026-000123] Frist', 'IM-2026-000123'); // → 'AW: [IM-2026-000123] Frist'
 * replySubject('Frage zur Frist', 'IM-2026-000124');               // → 'AW: [IM-2026-000124] Frage zur Frist'
 */
export function replySubject(subject: string, ticketNumber: string | null): string {
  let base = stripReplyPrefixes(subject);
  if (ticketNumber !== null) {
    base = base.replace(new RegExp(`\\[?${ticketNumber}\\]?\\s*`, 'i'), '').trim();
    base = `[${ticketNumber}] ${base}`.trim();
  }
  return `AW: ${base === '' ? '(ohne Betreff)' : base}`;
}

/** Splits a References / In-Reply-To header value into Message-IDs with angle brackets. */
export function parseMessageIds(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return [...text.matchAll(/<[^<>\s]+>/g)].map((m) => m[0]);
}

/** The References header of a reply: the enquiry's chain plus its own Message-ID, root kept when trimmed. */
export function replyReferences(references: readonly string[], messageId: string | null): string[] {
  const chain = [...references];
  if (messageId !== null && !chain.includes(messageId)) chain.push(messageId);
  if (chain.length <= MAX_REFERENCES) return chain;
  return [chain[0] as string, ...chain.slice(chain.length - (MAX_REFERENCES - 1))];
}

/**
 * Our Message-ID for an outbox message: a hash of its idempotency key, so a resend after a crash repeats it
 * and the recipient's client shows the mail once.
 *
 * @example
 * outboundMessageId('ticket:IM-2026-000123:confirmation', 'integrationsmanagement@rps.bwl.de');
 * // → '<pakt.3f2a…@rps.bwl.de>'
 */
export function outboundMessageId(key: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] ?? 'localhost';
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return `<pakt.${hash}@${domain.toLowerCase()}>`;
}

/** True when a Message-ID has the shape of {@link outboundMessageId}. */
export function isOurMessageId(messageId: string): boolean {
  return /^<pakt\.[0-9a-f]{32}@/.test(messageId);
}
