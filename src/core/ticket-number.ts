/**
 * The ticket number, `IM-<year>-<sequence>`: the sequence is padded to six digits and may grow past them
 * (a year with a millionth ticket still gets numbers every door recognises). The one definition every door
 * (Teams commands and cards, mail subjects, the ticket service) reads and writes it with.
 */
import { z } from 'zod';

/** Regex source of a ticket number without anchors, for embedding in larger patterns. */
export const TICKET_NUMBER_SOURCE = String.raw`IM-\d{4}-\d{6,}`;

/** A whole string that is a ticket number. */
export const TICKET_NUMBER = new RegExp(`^${TICKET_NUMBER_SOURCE}$`);

/** A ticket number at word boundaries inside a longer text (first match only). */
export const TICKET_NUMBER_IN_TEXT = new RegExp(String.raw`\b${TICKET_NUMBER_SOURCE}\b`);

/** Boundary schema for a ticket number (card data, command arguments). */
export const TicketNumberSchema = z.string().regex(TICKET_NUMBER);

/**
 * True when `value` is a ticket number.
 *
 * @example isTicketNumber('IM-2026-000123'); // → true
 */
export function isTicketNumber(value: string): boolean {
  return TICKET_NUMBER.test(value);
}

/**
 * The ticket number for a year and a per-year sequence value.
 *
 * @example formatTicketNumber(2026, 17); // → 'IM-2026-000017'
 */
export function formatTicketNumber(year: number, seq: number): string {
  return `IM-${year}-${String(seq).padStart(6, '0')}`;
}
