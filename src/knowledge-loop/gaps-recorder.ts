/**
 * The hook the composition root calls after every handled enquiry: keeps the anonymised question and its
 * nearest passage (gaps-record.ts) for the gap report and the feedback page. Never throws: the report is
 * worth less than the answer, so a storage failure is logged (without the question) and the enquiry goes on.
 */
import type { EnquiryRequest } from '../core/enquiry-request.js';
import { errorCode } from '../core/error-code.js';
import type { Outcome } from '../core/outcome.js';
import type { Clock, Logger } from '../core/ports.js';
import type { SqlDb } from '../core/sql.js';
import { questionRecord } from './gaps-record.js';
import { createGapsStore } from './gaps-store.js';

export type GapsRecorder = (request: EnquiryRequest, outcome: Outcome) => Promise<void>;

/**
 * @example const recordGap = createGapsRecorder(sql, clock, logger); await recordGap(request, await handleEnquiry(request, deps));
 */
export function createGapsRecorder(db: SqlDb, clock: Clock, logger: Logger): GapsRecorder {
  const store = createGapsStore(db);
  return async (request, outcome) => {
    try {
      const record = questionRecord(request, outcome, clock.now());
      if (record !== null) await store.recordQuestion(record);
    } catch (error) {
      logger.warn({ component: 'knowledge-loop', code: errorCode(error), outcome: outcome.kind }, 'question not kept for the gap report');
    }
  };
}
