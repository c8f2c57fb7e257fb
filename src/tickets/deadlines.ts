/**
 * Deadlines in working days (Mon–Fri without Baden-Württemberg public holidays, package feiertagejs).
 * A target of N working days for an enquiry received on day T (Berlin local date) ends at the end of the
 * N-th working day after T (24:00 Europe/Berlin). Defaults per category in {@link DEFAULT_DEADLINE_RULES}.
 */
import type { DeadlinePolicy } from '../core/ticket-ports.js';
import type { TicketCategory } from '../core/triage-types.js';

/** Targets in working days. */
export interface DeadlineRule {
  firstResponseDays: number;
  resolutionDays: number;
}

/** Defaults: 2 / 10 working days; Frist and Widerspruch 1 / 5 (legal deadlines run). */
export const DEFAULT_DEADLINE_RULES: Record<TicketCategory, DeadlineRule> = {
  antrag: { firstResponseDays: 2, resolutionDays: 10 },
  aenderung: { firstResponseDays: 2, resolutionDays: 10 },
  auszahlung: { firstResponseDays: 2, resolutionDays: 10 },
  verwendungsnachweis: { firstResponseDays: 2, resolutionDays: 10 },
  frist: { firstResponseDays: 1, resolutionDays: 5 },
  personal: { firstResponseDays: 2, resolutionDays: 10 },
  widerspruch: { firstResponseDays: 1, resolutionDays: 5 },
  sonstiges: { firstResponseDays: 2, resolutionDays: 10 },
};

/**
 * Creates the deadline policy; `overrides` replace the defaults of single categories.
 *
 * @example
 * const deadlines = createDeadlinePolicy({ frist: { firstResponseDays: 1, resolutionDays: 3 } });
 * deadlines.due('antrag', new Date('2026-06-03T10:00:00Z'));
 */
export function createDeadlinePolicy(overrides: Partial<Record<TicketCategory, DeadlineRule>> = {}): DeadlinePolicy {
  void overrides;
  throw new Error('createDeadlinePolicy: not implemented yet');
}
