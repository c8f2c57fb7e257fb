/**
 * FAQ proposals (issue 14 item 2): a staff answer proposed as a knowledge entry, reviewed by a second person.
 * The store port proposal-store.ts implements over the SqlDb port (SQLite and PostgreSQL).
 */
import type { ProposalContent } from './proposal-markdown.js';

/** offen: waits for a reviewer; zurueckgegeben: back with the author; freigegeben: written to knowledge/. */
export type ProposalStatus = 'offen' | 'zurueckgegeben' | 'freigegeben';

export const STATUS_LABELS: Record<ProposalStatus, string> = { offen: 'zur Prüfung', zurueckgegeben: 'zurückgegeben', freigegeben: 'freigegeben' };

/** A stored proposal. Staff are role ids (never names). */
export interface Proposal extends ProposalContent {
  id: number;
  ticketNumber: string | null;
  status: ProposalStatus;
  author: string;
  /** The comment of the last return. */
  reviewComment: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  /** `<document>#<section>` once written. */
  passageId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type ProposalEventType = 'proposed' | 'returned' | 'revised' | 'edited' | 'approved';

export const EVENT_LABELS: Record<ProposalEventType, string> = {
  proposed: 'vorgeschlagen',
  returned: 'zurückgegeben',
  revised: 'überarbeitet und erneut vorgelegt',
  edited: 'bei der Prüfung bearbeitet',
  approved: 'freigegeben',
};

export interface ProposalEvent {
  type: ProposalEventType;
  actor: string;
  at: string;
  note: string | null;
}

/** What a change writes besides the event. */
export type ProposalPatch = Partial<ProposalContent & Pick<Proposal, 'status' | 'reviewComment' | 'approvedBy' | 'approvedAt' | 'passageId'>>;

/** Storage of proposals and their history. */
export interface ProposalStore {
  create(input: { ticketNumber: string | null; content: ProposalContent; author: string; at: string }): Promise<Proposal>;
  find(id: number): Promise<Proposal | null>;
  events(id: number): Promise<ProposalEvent[]>;
  /** Newest first, at most `limit`. */
  list(limit?: number): Promise<Proposal[]>;
  /** Saves when the version still matches (then +1); 'stale' when someone else changed it first. */
  update(id: number, expectedVersion: number, patch: ProposalPatch, event: ProposalEvent): Promise<'saved' | 'stale'>;
  /**
   * Claims the proposal for writing its approved entry, atomically: 'stale' when it is no longer open at
   * `expectedVersion`, 'busy' when another approval holds a claim taken at or after `staleBefore`.
   */
  claim(id: number, expectedVersion: number, by: string, at: string, staleBefore: string): Promise<'claimed' | 'busy' | 'stale'>;
  /** Drops the claim of `by` (after the approval was saved or failed). */
  release(id: number, by: string): Promise<void>;
}
