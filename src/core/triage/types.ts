/**
 * Types of the triage decision (../shared/CONTRACTS.md §3 `triage`).
 */
import type { Channel } from '../enquiry.js';
import type { AskResult } from '../knowledge.js';
import type { RouteResult } from '../routing.js';

/**
 * - `general_question`: the knowledge base can answer (what are the rules?);
 * - `application_matter`: about the requester's own application, notice, payment, report, deadline or
 *   file number: a case worker must act;
 * - `other`: greeting, thanks, out of scope, auto-reply, bounce, newsletter.
 */
export type Intent = 'general_question' | 'application_matter' | 'other';

/** Ticket categories (ids; German labels in {@link TICKET_CATEGORY_LABELS}). */
export const TICKET_CATEGORIES = [
  'antrag',
  'aenderung',
  'auszahlung',
  'verwendungsnachweis',
  'frist',
  'personal',
  'widerspruch',
  'sonstiges',
] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export const TICKET_CATEGORY_LABELS: Record<TicketCategory, string> = {
  antrag: 'Antrag',
  aenderung: 'Änderung',
  auszahlung: 'Auszahlung/Mittelabruf',
  verwendungsnachweis: 'Verwendungsnachweis/Sachbericht',
  frist: 'Frist',
  personal: 'Personal/Stellenbesetzung',
  widerspruch: 'Widerspruch',
  sonstiges: 'Sonstiges',
};

export interface TriageInput {
  id?: string;
  channel: Channel;
  from?: string;
  subject?: string;
  text: string;
  signature?: string;
}

export interface TriageResult {
  id?: string;
  intent: Intent;
  /** True for every application matter and for questions the knowledge base cannot answer confidently. */
  ticket: boolean;
  ticketCategory: TicketCategory | null;
  /** Reasons in German words. */
  reasons: string[];
  answer: AskResult;
  route: RouteResult;
}
