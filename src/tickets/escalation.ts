/**
 * Escalation job: marks overdue tickets and enqueues a notice to the team and the lead mailbox, exactly
 * once per level (level 1: first response overdue; level 2: resolution overdue). The level is stored on the
 * ticket and the outbox keys are unique, so running the job again (or after a restart) sends nothing twice.
 */
import type { Logger } from '../core/ports.js';
import type { StaffDirectory } from '../core/routing.js';
import type { TicketStore } from '../core/ticket-ports.js';

/** Collaborators of {@link runEscalations}. */
export interface EscalationDeps {
  store: TicketStore;
  staff: StaffDirectory;
  /** Lead mailbox from config (LEAD_MAILBOX); else the StaffDirectory's lead staff with a mailbox. */
  leadMailbox?: string;
  logger: Logger;
}

/** Counts of one run. */
export interface EscalationReport {
  escalated: { number: string; level: 1 | 2 }[];
}

/**
 * Escalates every ticket whose next level is due at `now`.
 *
 * @example
 * setInterval(() => runEscalations(clock.now(), deps), 60_000);
 */
export function runEscalations(now: Date, deps: EscalationDeps): EscalationReport {
  void now;
  void deps;
  throw new Error('runEscalations: not implemented yet');
}
