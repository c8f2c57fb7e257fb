/**
 * The hook the composition root calls after every handled enquiry: keeps the anonymised question and its
 * nearest passage (gaps-record.ts) for the gap report and the feedback page. Never throws: the report is
 * worth less than the answer, so a storage failure is logged (without the question) and the enquiry goes on.
 */
import type Database from 'better-sqlite3';
import type { EnquiryRequest } from '../core/enquiry-request.js';
import { errorCode } from '../core/error-code.js';
import type { Outcome } from '../core/outcome.js';
import type { Clock, Logger } from '../core/ports.js';
import { questionRecord } from './gaps-record.js';
import { createGapsStore } from './gaps-store.sqlite.js';

export type GapsRecorder = (request: EnquiryRequest, outcome: Outcome) => void;

/**
 * @example const recordGap = createGapsRecorder(db, clock, logger); recordGap(request, handleEnquiry(request, deps));
 */
export function createGapsRecorder(db: Database.Database, clock: Clock, logger: Logger): GapsRecorder {
  const store = createGapsStore(db);
  return (request, outcome) => {
    try {
      const record = questionRecord(request, outcome, clock.now());
      if (record !== null) store.recordQuestion(record);
    } catch (error) {
      logger.warn({ component: 'knowledge-loop', code: errorCode(error), outcome: outcome.kind }, 'question not kept for the gap report');
    }
  };
}
