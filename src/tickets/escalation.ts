/**
 * Escalation job: marks overdue tickets and enqueues a notice to the team and the lead, exactly
 * once per level (level 1: first response overdue; level 2: resolution overdue). The level is stored on the
 * ticket and the outbox keys are unique, so running the job again (or after a restart) sends nothing twice.
 */
import type { Logger } from '../core/ports.js';
import type { StaffDirectory } from '../core/routing.js';
import type { StaffAddress } from '../core/outcome.js';
import { leadMailbox, staffDraft } from '../core/staff-messages.js';
import type { OutboxDraft, TicketRecord, TicketStore } from '../core/ticket-model.js';
import { transition } from './ticket.js';

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

/** Levels due for a ticket at `now`, lowest first (both when a restart slept through the first). */
export function dueLevels(ticket: TicketRecord, now: string): (1 | 2)[] {
  const levels: (1 | 2)[] = [];
  if (ticket.status === 'erledigt') return levels;
  if (ticket.escalationLevel < 1 && ticket.firstRespondedAt === null && ticket.firstResponseDue <= now) levels.push(1);
  if (ticket.escalationLevel < 2 && ticket.status !== 'wartet' && ticket.resolutionDue <= now) levels.push(2);
  return levels;
}

/** The notices of one level: to the team (mailbox and Teams channel) and, when it has another mailbox, the lead. */
function notices(ticket: TicketRecord, level: 1 | 2, lead: string | null): OutboxDraft[] {
  const targets: [string, StaffAddress][] = [['team', { team: ticket.team.teamId }]];
  if (lead !== null && lead !== ticket.team.email) targets.push(['lead', { lead: true }]);
  return targets.map(([who, to]) =>
    staffDraft(`${ticket.number}:escalation:${level}:${who}`, 'escalation', to, ticket.subject, { level, recipient: who, teamId: ticket.team.teamId }),
  );
}

/**
 * Escalates every ticket whose next level is due at `now`: one transition per level (stored on the ticket)
 * and one notice per level to the team and to the lead mailbox, with unique outbox keys.
 *
 * @example
 * const report = await runEscalations(clock.now(), deps);
 */
export async function runEscalations(now: Date, deps: EscalationDeps): Promise<EscalationReport> {
  const log = deps.logger.child({ component: 'escalation' });
  const iso = now.toISOString();
  const lead = leadMailbox(deps.staff, deps.leadMailbox);
  const report: EscalationReport = { escalated: [] };
  for (const candidate of await deps.store.listEscalationDue(iso)) {
    for (const level of dueLevels(candidate, iso)) {
      // Re-read: another job instance or a staff action may have changed the ticket meanwhile.
      const ticket = await deps.store.find(candidate.number);
      if (ticket === null) break;
      const result = transition(ticket, { type: 'escalate', level }, now);
      if (!result.ok) continue;
      const saved = await deps.store.save({ expectedVersion: ticket.version, ticket: result.ticket, event: result.event, outbox: notices(result.ticket, level, lead) });
      if (saved === 'saved') {
        report.escalated.push({ number: ticket.number, level });
        log.info({ ticketNumber: ticket.number, level }, 'ticket escalated');
      }
    }
  }
  return report;
}
