/** The pure parts of the gap report: ISO weeks, trend, topic grouping, the review list and which outcomes are kept. */
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/core/outcome.js';
import type { TriageResult } from '../../../src/core/triage/index.js';
import { questionRecord } from '../../../src/knowledge-loop/gaps-record.js';
import { buildGapReport, isoWeek, passageReview, trendOf, weeksBetween } from '../../../src/knowledge-loop/gaps-report.js';
import { questionTerms, topicKeys } from '../../../src/knowledge-loop/gaps-topics.js';
import type { FeedbackVote } from '../../../src/knowledge-loop/gaps-store.js';
import { makeEnquiry, makeRequest } from '../../fakes/factories.js';

describe('weeks and trend', () => {
  it.each([
    [{ year: 2026, month: 12, day: 5 }, '2026-W49'],
    [{ year: 2027, month: 1, day: 1 }, '2026-W53'],
    [{ year: 2025, month: 12, day: 29 }, '2026-W01'],
    [{ year: 2026, month: 1, day: 4 }, '2026-W01'],
  ])('isoWeek(%j) = %s', (date, week) => expect(isoWeek(date)).toBe(week));

  it('lists every week of a period once, oldest first', () => {
    expect(weeksBetween(new Date('2026-11-20T12:00:00Z'), new Date('2026-12-05T12:00:00Z'))).toEqual(['2026-W47', '2026-W48', '2026-W49']);
  });

  it.each([
    [3, 0, 'neu'],
    [0, 0, 'gleich'],
    [5, 2, 'steigend'],
    [1, 4, 'fallend'],
    [2, 2, 'gleich'],
  ] as const)('trendOf(%i, %i) = %s', (recent, before, trend) => expect(trendOf(recent, before)).toBe(trend));
});

describe('topics', () => {
  it('groups by nearest passage, else by the analysed term shared with most other gaps', () => {
    const items = [
      { passageId: 'faq#a', terms: questionTerms('Wie lang ist die Frist?') },
      { passageId: null, terms: questionTerms('Gibt es Zuschüsse für Dolmetscher?') },
      { passageId: null, terms: questionTerms('Werden Dolmetscherkosten für Dolmetscher erstattet?') },
      { passageId: 'faq#a', terms: questionTerms('Frist verpasst') },
    ];
    const keys = topicKeys(items);
    expect(keys[0]).toBe('passage:faq#a');
    expect(keys[3]).toBe('passage:faq#a');
    expect(keys[1]).toBe(keys[2]);
    expect(keys[1]).toMatch(/^term:dolmetsch/);
  });

  it('ignores placeholders and stopwords in the terms', () => {
    const terms = questionTerms('Frau [Name] fragt, ob die Stelle geteilt werden darf');
    expect(terms.join(' ')).not.toMatch(/name|die|darf/);
    expect(terms.length).toBeGreaterThan(0);
  });
});

describe('review list', () => {
  const vote = (passageId: string, helpful: boolean, comment: string | null = null): FeedbackVote => ({ enquiryKey: `k${Math.random()}`, channel: 'teams', passageId, helpful, comment, createdAt: '2026-12-01T10:00:00Z' });
  it('lists a passage from two negative votes when they outnumber the positive ones', () => {
    const votes = [vote('faq#a', false, 'zu knapp'), vote('faq#a', false), vote('faq#b', false), vote('faq#c', false), vote('faq#c', false), vote('faq#c', true), vote('faq#c', true)];
    expect(passageReview(votes, () => null)).toEqual([{ passageId: 'faq#a', passageTitle: null, negative: 2, positive: 0, comments: ['zu knapp'] }]);
  });

  it('counts a negative vote once as a gap even without the question on record', () => {
    const report = buildGapReport({ questions: [], votes: [vote('faq#a', false)], since: new Date('2026-11-01T00:00:00Z'), now: new Date('2026-12-05T00:00:00Z') });
    expect(report.totals).toEqual({ gaps: 1, suggested: 0, handover: 0, notHelpful: 1 });
    expect(report.topics[0]).toMatchObject({ passageId: 'faq#a', examples: [] });
  });
});

describe('which handled enquiries are kept', () => {
  const triage = (over: Partial<TriageResult['answer']>, intent: TriageResult['intent'] = 'general_question'): TriageResult => ({
    intent,
    ticket: true,
    ticketCategory: null,
    reasons: [],
    answer: { question: 'Frau Meier fragt: Gibt es Zuschüsse für Dolmetscher?', answered: false, confidence: 0.2, answer: null, hits: [{ id: 'im#zweck', title: 'Zweck', score: 1 }], outcome: 'handover', suggestions: [], ...over },
    route: { status: 'unknown', gemeinde: null, kreis: null, candidates: [], evidence: [], contact: null },
  });
  const at = new Date('2026-12-01T10:00:00Z');
  const request = makeRequest(makeEnquiry());

  it('keeps a hand-over with the question anonymised and the best hit as nearest passage', () => {
    const outcome = { kind: 'ticket_created', enquiryKey: 'k', triage: triage({}), ticket: {} as never, needsMunicipality: false, candidates: [] } as Outcome;
    expect(questionRecord(request, outcome, at)).toMatchObject({ outcome: 'handover', question: 'Frau [Name] fragt: Gibt es Zuschüsse für Dolmetscher?', passageId: 'im#zweck', passageTitle: 'Zweck' });
  });

  it('keeps suggestions and answers; not application matters, forced tickets, refusals', () => {
    const ticket = (t: TriageResult): Outcome => ({ kind: 'ticket_created', enquiryKey: 'k', triage: t, ticket: {} as never, needsMunicipality: false, candidates: [] }) as Outcome;
    expect(questionRecord(request, ticket(triage({ outcome: 'suggest' })), at)?.outcome).toBe('suggested');
    expect(questionRecord(request, { kind: 'answered', enquiryKey: 'k', triage: triage({ outcome: 'answer' }) } as Outcome, at)?.outcome).toBe('answered');
    expect(questionRecord(request, ticket(triage({}, 'application_matter')), at)).toBeNull();
    expect(questionRecord({ ...request, forceTicket: { reason: 'x' } as never }, ticket(triage({})), at)).toBeNull();
    expect(questionRecord(request, { kind: 'declined', enquiryKey: 'k', triage: triage({ outcome: 'out_of_scope' }) } as Outcome, at)).toBeNull();
    expect(questionRecord({ ...request, kind: 'escalation' }, ticket(triage({ outcome: 'answer' })), at)?.outcome).toBe('handover');
  });
});
