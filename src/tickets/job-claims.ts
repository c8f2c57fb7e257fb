/**
 * Claims of periodic job runs across replicas (issue 15): before a run of `escalation` or `retention`, a replica
 * inserts the row (job, period); the insert is conditional (`ON CONFLICT DO NOTHING`), so exactly one replica
 * wins each period and runs the job. A replica that dies during its run leaves that period unrun: both jobs catch
 * up on the next period (they act on everything due, not on what changed since the last run).
 */
import type { SqlDb } from '../core/sql.js';

/** Port of {@link wireTickets}: claims one run of a job for a period. */
export interface JobClaims {
  /** True when this replica won the run of `job` in `period` (a number counted from the epoch). */
  claim(job: string, period: number, at: Date): Promise<boolean>;
}

/** Claims older than this many periods' rows are deleted with each won claim (the table stays small). */
const KEEP_PERIODS = 100;

/**
 * Job claims in `ticket_job_runs` (migration tickets-007) for the replica `owner`.
 *
 * @example
 * wireTickets(stores, { …, jobClaims: createJobClaims(postgresSqlDb(pool), `${hostname()}:${process.pid}`) });
 */
export function createJobClaims(db: SqlDb, owner: string): JobClaims {
  return {
    async claim(job, period, at) {
      const won = await db.run('INSERT INTO ticket_job_runs (job, period, claimed_by, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT (job, period) DO NOTHING', [job, period, owner, at.toISOString()]);
      if (won === 1) await db.run('DELETE FROM ticket_job_runs WHERE job = ? AND period < ?', [job, period - KEEP_PERIODS]);
      return won === 1;
    },
  };
}
