/**
 * Which handled enquiries the knowledge loop keeps (pure): every question the knowledge base was asked and
 * answered, suggested passages for, or handed over to a person, with the question anonymised. Application
 * matters (a case worker must act on a concrete application), refusals, follow-ups and suppressed mails are
 * no knowledge gaps and are not kept.
 */
import type { EnquiryRequest } from '../core/enquiry-request.js';
import type { Outcome } from '../core/outcome.js';
import type { TriageResult } from '../core/triage/index.js';
import { anonymise } from './anonymise.js';

export const QUESTION_OUTCOMES = ['answered', 'suggested', 'handover'] as const;
export type QuestionOutcome = (typeof QUESTION_OUTCOMES)[number];

/** One kept question (a row of `gaps_questions`). */
export interface QuestionRecord {
  enquiryKey: string;
  channel: string;
  /** ISO-8601 UTC. */
  askedAt: string;
  outcome: QuestionOutcome;
  /** Anonymised. */
  question: string;
  /** The nearest passage (the answer's, else the best hit), if any. */
  passageId: string | null;
  passageTitle: string | null;
  confidence: number;
}

/** Longest question kept (characters); longer ones are cut. */
export const MAX_QUESTION_CHARS = 1000;

function classify(request: Pick<EnquiryRequest, 'kind' | 'forceTicket'>, outcome: Outcome, triage: TriageResult): QuestionOutcome | null {
  if (outcome.kind === 'answered') return 'answered';
  if (outcome.kind === 'suggested') return 'suggested';
  if (outcome.kind !== 'ticket_created' || request.forceTicket !== undefined) return null;
  if (request.kind === 'escalation') return 'handover';
  if (triage.intent === 'application_matter') return null;
  if (triage.answer.outcome === 'suggest') return 'suggested';
  if (triage.answer.outcome === 'handover') return 'handover';
  return null;
}

/**
 * The record to keep for a handled enquiry, or null.
 *
 * @example questionRecord(request, outcome, clock.now()) // { outcome: 'handover', question: 'Frau [Name] fragt …', … }
 */
export function questionRecord(request: Pick<EnquiryRequest, 'kind' | 'forceTicket' | 'enquiry'>, outcome: Outcome, at: Date): QuestionRecord | null {
  if (!('triage' in outcome)) return null;
  const { triage } = outcome;
  const kind = classify(request, outcome, triage);
  if (kind === null) return null;
  const question = anonymise(triage.answer.question.trim()).slice(0, MAX_QUESTION_CHARS);
  if (question === '') return null;
  const answer = triage.answer.answer;
  const hit = triage.answer.hits[0];
  const suggestion = triage.answer.suggestions[0];
  const passageId = answer?.passageId ?? hit?.id ?? suggestion?.passageId ?? null;
  const passageTitle = answer?.title ?? (hit !== undefined && hit.id === passageId ? hit.title : null) ?? suggestion?.title ?? null;
  return {
    enquiryKey: request.enquiry.key,
    channel: request.enquiry.channel,
    askedAt: at.toISOString(),
    outcome: kind,
    question,
    passageId,
    passageTitle,
    confidence: triage.answer.confidence,
  };
}
