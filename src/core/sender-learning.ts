/**
 * Sender learning (issue 3), once for every door: when the requester settles a ticket's municipality (a mail
 * follow-up naming it, a Teams ask-back answer), the sender's address is remembered with that municipality, so
 * nobody is asked twice. A failure costs only a later ask-back: it is logged, never thrown.
 */
import type { Logger } from './ports.js';

/** Port: the learned sender directory as the core uses it. */
export interface SenderConfirmations {
  /** Remembers the municipality a sender confirmed (throws for an unknown municipality AGS). */
  confirm(address: string, gemeindeAgs: string, provenance: string, at: Date): void;
  /**
   * The municipality (AGS) remembered for an address, or null. Lets a known colleague of the same municipality
   * continue a ticket (ticket-membership.ts); without it only the requester and the recipient of our reply can.
   */
  municipalityOf?(address: string): string | null;
}

/** What was settled: by whom, which municipality (an 8-digit Gemeinde AGS), on which ticket. */
export interface SettledMunicipality {
  address: string;
  gemeindeAgs: string | null;
  ticketNumber: string;
  at: Date;
}

/**
 * Remembers sender → municipality after the requester settled it; nothing for a Kreis-only answer (no Gemeinde),
 * an empty address or without a directory. Returns whether something was remembered.
 *
 * @example
 * learnSender(senders, { address: 'a@gemeinde.de', gemeindeAgs: '08115045', ticketNumber, at: now }, log);
 */
export function learnSender(senders: SenderConfirmations | undefined, settled: SettledMunicipality, log: Logger): boolean {
  const { address, gemeindeAgs, ticketNumber, at } = settled;
  if (senders === undefined || gemeindeAgs === null || !/^\d{8}$/.test(gemeindeAgs) || address.trim() === '') return false;
  try {
    senders.confirm(address, gemeindeAgs, `Bestätigt in Vorgang ${ticketNumber}`, at);
    return true;
  } catch (error) {
    log.warn({ component: 'sender-learning', ticketNumber, err: (error as Error).message }, 'could not remember sender');
    return false;
  }
}
