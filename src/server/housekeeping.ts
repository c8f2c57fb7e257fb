/**
 * Background jobs of a running instance: escalation of overdue tickets (every minute) and the retention
 * job (every six hours). Both are idempotent, take time from the Clock and survive restarts because due
 * times and escalation levels live in the database.
 */
import type { Clock, Logger } from '../core/ports.js';
import type { StaffDirectory } from '../core/routing.js';
import { createAttachmentFiles } from '../tickets/attachments.fs.js';
import { runEscalations } from '../tickets/escalation.js';
import { runRetention } from '../tickets/retention.js';
import type { SqliteTicketStores } from '../tickets/ticket-store.sqlite.js';
import type { Config } from './config.js';
import type { Metrics } from './metrics.js';

export interface HousekeepingDeps {
  stores: SqliteTicketStores;
  staff: StaffDirectory;
  config: Pick<Config, 'LEAD_MAILBOX' | 'RETENTION_DAYS' | 'ATTACHMENTS_DIR'>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

const ESCALATION_EVERY_MS = 60_000;
const RETENTION_EVERY_MS = 6 * 3_600_000;

/** Starts the jobs (each runs once at start); `stop()` clears the timers and waits for a running job. */
export function startHousekeeping(deps: HousekeepingDeps): { stop(): Promise<void> } {
  const logger = deps.logger.child({ component: 'housekeeping' });
  const files = createAttachmentFiles({ dir: deps.config.ATTACHMENTS_DIR });
  const escalate = (): void => {
    guarded(logger, 'escalation', () => {
      const report = runEscalations(deps.clock.now(), {
        store: deps.stores.tickets,
        staff: deps.staff,
        leadMailbox: deps.config.LEAD_MAILBOX,
        logger,
      });
      if (report.escalated.length > 0) logger.info({ escalated: report.escalated }, 'tickets escalated');
    });
  };
  const retain = (): void => {
    guarded(logger, 'retention', () => {
      const report = runRetention(deps.clock.now(), { store: deps.stores.tickets, logger, retentionDays: deps.config.RETENTION_DAYS });
      for (const hash of report.attachmentHashes) files.remove(hash);
      if (report.anonymised.length > 0) logger.info({ anonymised: report.anonymised.length }, 'retention: tickets anonymised');
    });
  };
  escalate();
  retain();
  const timers = [setInterval(escalate, ESCALATION_EVERY_MS), setInterval(retain, RETENTION_EVERY_MS)];
  for (const t of timers) t.unref();
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
    },
  };
}

/** A failing job is logged and tried again at its next tick; it never takes the process down. */
function guarded(logger: Logger, job: string, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    logger.error({ job, code: (error as { code?: string }).code, err: (error as Error).message }, 'housekeeping job failed');
  }
}
