/**
 * Retention (DSGVO): anonymises personal data of tickets closed longer than N days (default 365) while
 * keeping the audit facts (event types, times, staff ids, teams, categories, Kreis).
 */
import type { Logger } from '../core/ports.js';
import type { ReplyHandle } from '../core/enquiry.js';
import type { TicketRecord, TicketStore } from '../core/ticket-model.js';
import { transition } from './ticket.js';

/** Default retention period in days. */
export const DEFAULT_RETENTION_DAYS = 365;

/** Collaborators of {@link runRetention}. */
export interface RetentionDeps {
  store: TicketStore;
  logger: Logger;
  /** Days after closing; default {@link DEFAULT_RETENTION_DAYS}. */
  retentionDays?: number;
  /**
   * The channels' own personal data (Teams: feedback voters, idle conversation references, ask-backs),
   * removed in the same daily run with the same cutoff.
   */
  retainChannels?: (now: Date, cutoff: Date) => void | Promise<void>;
}

const ANONYMISED = '[anonymisiert]';

/** The ticket with personal data replaced; Gemeinde, Kreis, team, category and times stay (audit facts). */
export function anonymised(ticket: TicketRecord): TicketRecord {
  const replyHandle: ReplyHandle =
    ticket.replyHandle.channel === 'email'
      ? { channel: 'email', to: '', messageId: null, references: [], subject: '' }
      : ticket.replyHandle.channel === 'teams'
        ? { channel: 'teams', conversationReference: {} }
        : { channel: 'cli' };
  return {
    ...ticket,
    subject: ANONYMISED,
    requester: { ...ticket.requester, name: null, address: ANONYMISED, evidence: [], candidates: [] },
    replyHandle,
  };
}

/**
 * Anonymises every ticket closed before `now - retentionDays` (messages, notes, attachment names, outbox
 * payloads, enquiry sender; audit events keep type, actor, time and status), and enquiries without a ticket
 * received before the cutoff (sender, outgoing answers), and the channels' own data (`retainChannels`). Returns the ticket numbers, the sha256 of the files
 * no ticket needs any more (files are stored once by content, so one another ticket still lists stays) and the
 * number of enquiries.
 *
 * @example
 * await runRetention(clock.now(), { store, logger, retentionDays: config.RETENTION_DAYS });
 */
export async function runRetention(now: Date, deps: RetentionDeps): Promise<{ anonymised: string[]; attachmentHashes: string[]; enquiries: number }> {
  const log = deps.logger.child({ component: 'retention' });
  const days = deps.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const done: string[] = [];
  const hashes: string[] = [];
  for (const ticket of await deps.store.listClosedBefore(cutoff)) {
    const result = transition(ticket, { type: 'anonymise' }, now);
    if (!result.ok) continue;
    const files = (await deps.store.details(ticket.number))?.attachments.map((a) => a.sha256) ?? [];
    if ((await deps.store.anonymise({ expectedVersion: ticket.version, ticket: anonymised(result.ticket), event: result.event, outbox: [] })) === 'saved') {
      done.push(ticket.number);
      hashes.push(...files);
    }
  }
  const enquiries = await deps.store.anonymiseEnquiriesBefore(cutoff);
  await deps.retainChannels?.(now, new Date(cutoff));
  log.info({ count: done.length, enquiries, retentionDays: days }, 'retention run finished');
  const unused: string[] = [];
  for (const hash of new Set(hashes)) if (!(await deps.store.attachmentInUse(hash))) unused.push(hash);
  return { anonymised: done, attachmentHashes: unused, enquiries };
}
