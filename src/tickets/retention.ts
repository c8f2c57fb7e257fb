/**
 * Retention (DSGVO): anonymises personal data of tickets closed longer than N days (default 365) while
 * keeping the audit facts (event types, times, staff ids, teams, categories, Kreis).
 */
import type { Logger } from '../core/ports.js';
import type { TicketStore } from '../core/ticket-ports.js';

/** Default retention period in days. */
export const DEFAULT_RETENTION_DAYS = 365;

/** Collaborators of {@link runRetention}. */
export interface RetentionDeps {
  store: TicketStore;
  logger: Logger;
  /** Days after closing; default {@link DEFAULT_RETENTION_DAYS}. */
  retentionDays?: number;
}

/**
 * Anonymises every ticket closed before `now - retentionDays`. Returns the ticket numbers.
 *
 * @example
 * runRetention(clock.now(), { store, logger, retentionDays: config.RETENTION_DAYS });
 */
export function runRetention(now: Date, deps: RetentionDeps): { anonymised: string[] } {
  void now;
  void deps;
  throw new Error('runRetention: not implemented yet');
}
