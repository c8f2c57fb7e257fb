/**
 * Wiring of the tickets module over its three ports (SQLite: wiring.sqlite.ts, PostgreSQL:
 * postgres/wiring.postgres.ts): the deadline policy, the ticket service and the periodic jobs (escalation,
 * retention). With several replicas the jobs run once per period: each run is first claimed in the database
 * (`jobClaims`, job-claims.ts); a replica that loses the claim skips that period.
 */
import { errorCode } from '../core/error-code.js';
import type { EnquiryLedger } from '../core/enquiry-ledger-ports.js';
import type { Clock, Logger } from '../core/ports.js';
import type { StaffDirectory } from '../core/routing.js';
import type { DeadlinePolicy, OutboxStore, TicketStore } from '../core/ticket-model.js';
import type { TicketCategory } from '../core/triage/index.js';
import { createDeadlinePolicy, type DeadlineRule } from './deadlines.js';
import { runEscalations } from './escalation.js';
import { DEFAULT_RETENTION_DAYS, runRetention } from './retention.js';
import type { JobClaims } from './job-claims.js';
import { createTicketService, type TicketService } from './ticket-service.js';

/** The three ports of one store. */
export interface TicketStores {
  tickets: TicketStore;
  ledger: EnquiryLedger;
  outbox: OutboxStore;
}

/** Options of {@link createTickets}. */
export interface TicketsOptions {
  staff: StaffDirectory;
  clock: Clock;
  logger: Logger;
  /** Per-category overrides of the working-day targets. */
  deadlineRules?: Partial<Record<TicketCategory, DeadlineRule>>;
  /** Lead mailbox for escalations (config LEAD_MAILBOX). */
  leadMailbox?: string;
  /** Retention in days (config RETENTION_DAYS); default 365. */
  retentionDays?: number;
  /** The channels' own retention (Teams), run with the daily retention job. */
  retainChannels?: (now: Date, cutoff: Date) => void | Promise<void>;
  /** Called with the sha256 of attachments of anonymised tickets (delete the files). */
  onAttachmentsExpired?: (sha256: string[]) => void;
  /** Several replicas: each job run is claimed first, so it runs once per period. Absent: every tick runs. */
  jobClaims?: JobClaims;
}

/** The wired module. */
export interface Tickets extends TicketStores {
  deadlines: DeadlinePolicy;
  service: TicketService;
  /**
   * Starts the escalation (every `escalationEveryMs`, default 60 s) and retention (daily) jobs; returns stop,
   * which clears the timers and resolves once a run still going has finished.
   */
  startJobs(options?: { escalationEveryMs?: number; retentionEveryMs?: number }): () => Promise<void>;
}

/**
 * Wires the tickets module over its ports.
 *
 * @example
 * const tickets = wireTickets(createSqliteTicketStores(db), { staff, clock: systemClock, logger });
 * const stopJobs = tickets.startJobs();
 */
export function wireTickets(stores: TicketStores, options: TicketsOptions): Tickets {
  const { staff, clock, logger } = options;
  const log = logger.child({ component: 'ticket-jobs' });
  const service = createTicketService({ store: stores.tickets, staff, clock, logger });
  const escalate = async (): Promise<void> => {
    await runEscalations(clock.now(), { store: stores.tickets, staff, logger, ...(options.leadMailbox === undefined ? {} : { leadMailbox: options.leadMailbox }) });
  };
  const retain = async (): Promise<void> => {
    const r = await runRetention(clock.now(), { store: stores.tickets, logger, retentionDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS, ...(options.retainChannels === undefined ? {} : { retainChannels: options.retainChannels }) });
    if (r.attachmentHashes.length > 0) options.onAttachmentsExpired?.(r.attachmentHashes);
  };
  // One run of a job at a time: a tick while a run is going asks for ONE more run after it (a slow database
  // must not pile up runs, and no tick is lost).
  const running = new Set<Promise<void>>();
  const guarded = (name: string, everyMs: number, work: () => Promise<void>) => {
    const claims = options.jobClaims;
    // Periods are counted from the epoch, so every replica names the same period the same way.
    const job =
      claims === undefined
        ? work
        : async (): Promise<void> => {
            const now = clock.now();
            if (await claims.claim(name, Math.floor(now.getTime() / everyMs), now)) await work();
            else log.debug({ job: name }, 'job run of this period claimed by another replica');
          };
    let current: Promise<void> | null = null;
    let again = false;
    const start = (): void => {
      if (current !== null) {
        again = true;
        return;
      }
      const run: Promise<void> = job()
        .catch((error: unknown) => log.error({ job: name, code: errorCode(error) ?? 'INTERNAL' }, 'ticket job failed'))
        .finally(() => {
          current = null;
          running.delete(run);
          if (again) {
            again = false;
            start();
          }
        });
      current = run;
      running.add(run);
    };
    return start;
  };
  return {
    ...stores,
    deadlines: createDeadlinePolicy(options.deadlineRules),
    service,
    startJobs({ escalationEveryMs = 60_000, retentionEveryMs = 86_400_000 } = {}) {
      const escalation = guarded('escalation', escalationEveryMs, escalate);
      const timers = [setInterval(escalation, escalationEveryMs), setInterval(guarded('retention', retentionEveryMs, retain), retentionEveryMs)];
      for (const t of timers) t.unref();
      escalation();
      return async () => {
        timers.forEach((t) => clearInterval(t));
        while (running.size > 0) await Promise.all([...running]);
      };
    },
  };
}
