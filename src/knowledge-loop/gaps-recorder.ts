/**
 * The hook the composition root calls after every handled enquiry: keeps the anonymised question and its
 * nearest passage (gaps-record.ts) for the gap report and the feedback page. Never throws: the report is
 * worth less than the answer, so a storage failure is logged (without the question) and the enquiry goes on.
 * The questions of enquiries handled in the same turn of the event loop are written in one transaction (under
 * load a commit of its own per question cost as much as the enquiry's commit); each call resolves once its
 * question is written.
 */
import type { EnquiryRequest } from '../core/enquiry-request.js';
import { errorCode } from '../core/error-code.js';
import type { Outcome } from '../core/outcome.js';
import type { Clock, Logger } from '../core/ports.js';
import type { SqlDb } from '../core/sql.js';
import { questionRecord, type QuestionRecord } from './gaps-record.js';
import { createGapsStore } from './gaps-store.js';

export type GapsRecorder = (request: EnquiryRequest, outcome: Outcome) => Promise<void>;

/**
 * @example const recordGap = createGapsRecorder(sql, clock, logger); await recordGap(request, await handleEnquiry(request, deps));
 */
export function createGapsRecorder(db: SqlDb, clock: Clock, logger: Logger): GapsRecorder {
  const store = createGapsStore(db);
  let batch: QuestionRecord[] = [];
  let written: Promise<void> = Promise.resolve();
  const write = async (records: QuestionRecord[]): Promise<void> => {
    try {
      await store.recordQuestions(records);
    } catch (error) {
      logger.warn({ component: 'knowledge-loop', code: errorCode(error), questions: records.length }, 'questions not kept for the gap report');
    }
  };
  return async (request, outcome) => {
    let record: QuestionRecord | null;
    try {
      record = questionRecord(request, outcome, clock.now());
    } catch (error) {
      logger.warn({ component: 'knowledge-loop', code: errorCode(error), outcome: outcome.kind }, 'question not kept for the gap report');
      return;
    }
    if (record === null) return;
    batch.push(record);
    if (batch.length === 1) {
      written = new Promise<void>((resolve) => {
        setImmediate(() => {
          const records = batch;
          batch = [];
          void write(records).then(resolve);
        });
      });
    }
    await written;
  };
}
