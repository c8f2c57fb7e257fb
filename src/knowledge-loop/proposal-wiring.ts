/**
 * Wires the FAQ proposals over the service's database and knowledge directory (called by the composition root).
 * Approved entries go to the document `faq` (knowledge/faq.md); the development sets are the question sets
 * shipped under test/ (those that exist where the service runs).
 */
import type { Clock, Logger } from '../core/ports.js';
import type { SqlDb } from '../core/sql.js';
import type { StaffDirectory } from '../core/routing.js';
import { createChangeEvaluator, defaultDevSetFiles } from './proposal-eval.fs.js';
import type { NewDocument } from './proposal-markdown.js';
import { createProposalService, type ProposalService } from './proposal-service.js';
import { createProposalStore } from './proposal-store.js';
import { createKnowledgeWriter } from './proposal-write.fs.js';

export { proposalMigrations } from './proposal-migrations.js';

/** The document approved entries join (created with this front matter when the directory has none). */
export const FAQ_DOCUMENT: NewDocument = {
  id: 'faq',
  title: 'Häufige Fragen',
  citation: 'Häufige Fragen zum Integrationsmanagement',
  source: 'Beantwortete Vorgänge, im Vier-Augen-Prinzip geprüft',
  stand: 'undatiert',
};

/**
 * @example const proposals = createFaqProposals({ sql, knowledgeDir: './knowledge', staff, noteOnTicket, clock, logger });
 */
export function createFaqProposals(deps: {
  /** The service's database (SQLite or PostgreSQL) with `proposalMigrations` applied. */
  sql: SqlDb;
  knowledgeDir: string;
  maxFileBytes?: number;
  devSetFiles?: string[];
  staff: StaffDirectory;
  noteOnTicket: ((number: string, text: string, by: string) => Promise<unknown> | void) | null;
  clock: Clock;
  logger: Logger;
}): ProposalService {
  return createProposalService({
    store: createProposalStore(deps.sql),
    writer: createKnowledgeWriter({ dir: deps.knowledgeDir }),
    evaluator: createChangeEvaluator({ dir: deps.knowledgeDir, setFiles: deps.devSetFiles ?? defaultDevSetFiles(), now: () => deps.clock.now(), ...(deps.maxFileBytes === undefined ? {} : { maxFileBytes: deps.maxFileBytes }) }),
    staff: deps.staff,
    noteOnTicket: deps.noteOnTicket,
    document: FAQ_DOCUMENT,
    clock: deps.clock,
    logger: deps.logger,
  });
}
