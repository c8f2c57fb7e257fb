/**
 * Enquiries not written in German (TRIAGE.md; issue 9 item 6): a rule question gets the language note and
 * no ticket; a matter of the writer's own grant becomes a ticket like its German twin, by the English
 * own-case signals (core/triage/foreign-case.ts), which count only when the knowledge base found the
 * question not German.
 */
import { describe, expect, it } from 'vitest';
import type { AskResult, KnowledgeAnswerer } from '../../../src/core/knowledge.js';
import type { RouteResult, Router } from '../../../src/core/routing.js';
import { triage, type Intent } from '../../../src/core/triage/index.js';

const NOTE = 'Dieser Dienst beantwortet Fragen nur auf Deutsch. This service answers questions in German only.';
/** Judges like the knowledge base: "English" when the text has English function words, else answered. */
const answerer: KnowledgeAnswerer = {
  ask: (question): AskResult =>
    /\b(?:the|our|we|you|is|are|of)\b/i.test(question) && !/\b(?:der|die|das|wir|unser)\b/i.test(question)
      ? { question, answered: false, confidence: 0, answer: null, hits: [], outcome: 'out_of_scope', suggestions: [], message: NOTE, language: 'en' }
      : { question, answered: true, confidence: 0.9, answer: null, hits: [], outcome: 'answer', suggestions: [] },
};
const unknownRoute: RouteResult = { status: 'unknown', gemeinde: null, kreis: null, candidates: [], evidence: [], contact: null };
const router: Router = { route: () => unknownRoute };

const CASES: { name: string; subject?: string; text: string; intent: Intent; ticket: boolean }[] = [
  {
    name: 'missing instalment of our grant',
    subject: 'Second instalment',
    text: 'Dear Sir or Madam, according to our funding notice the second instalment should have been paid in October, but we have not received it yet. Kind regards',
    intent: 'application_matter',
    ticket: true,
  },
  { name: 'status of our application', text: 'Could you tell us the status of our application from March? Best regards', intent: 'application_matter', ticket: true },
  { name: 'deadline extension for our report', text: 'Could you please extend the deadline for our final report by two weeks? Our colleague is ill.', intent: 'application_matter', ticket: true },
  { name: 'file number cited', subject: 'Question', text: 'Regarding file number RPS15-2026-118, are any documents still missing?', intent: 'application_matter', ticket: true },
  {
    // Sent "the" document (not "our"): sending it is the second own-case signal beside the receipt question.
    name: 'receipt of the Verwendungsnachweis we sent by post',
    subject: 'Verwendungsnachweis received?',
    text: 'Dear Sir or Madam, last week we sent the Verwendungsnachweis for our two integration managers by post. Could you please confirm that you have received it? Kind regards',
    intent: 'application_matter',
    ticket: true,
  },
  {
    name: 'receipt of our Sachbericht',
    subject: 'Sachbericht submitted',
    text: 'Dear Sir or Madam, last week we sent you our Sachbericht by e-mail. Could you please confirm that you have received it? Best regards',
    intent: 'application_matter',
    ticket: true,
  },
  {
    name: 'documents sent by post: have they arrived',
    subject: 'Confirmation of receipt',
    text: 'Hello, we sent our report and the proof of use on 28 March by post. Could you please confirm that the documents have arrived and are complete? Best regards',
    intent: 'application_matter',
    ticket: true,
  },
  {
    name: 'funded manager starting maternity leave, with her share of a post',
    subject: 'Maternity leave',
    text: 'Dear colleagues, our integration manager (0.75 FTE) will start maternity leave on 1 June. Please let us know which documents you need. Best regards',
    intent: 'application_matter',
    ticket: true,
  },
  {
    name: 'no news of our application, with a status request',
    subject: 'Application status',
    text: 'Hello, we submitted our application for one integration manager post in April and have not heard back. Could you let us know the current status? Best regards',
    intent: 'application_matter',
    ticket: true,
  },
  { name: 'funded manager on parental leave', text: 'Our integration manager will be on parental leave from October. What do we have to do?', intent: 'application_matter', ticket: true },
  { name: 'rule question: eligibility', text: 'Are the costs of interpreters eligible for funding in the programme?', intent: 'other', ticket: false },
  // Naming the programme where it asks, a rule question is one about the programme: the note is its answer, no ticket.
  { name: 'rule question naming the programme: how to apply', text: 'How can we apply for funding for an integration manager?', intent: 'general_question', ticket: false },
  {
    name: 'rule question naming the programme in the subject',
    subject: 'Question about the integration management programme',
    text: 'Hello, which office is responsible and which address should we write to? Kind regards',
    intent: 'general_question',
    ticket: false,
  },
  // An offer that names integration managers as its customers asks nothing about the programme.
  {
    name: 'sales offer naming integration managers',
    subject: 'Demo request',
    text: 'Hello, we sell a case app for social workers and integration managers. Would your team like a short demo next week? Best regards',
    intent: 'other',
    ticket: false,
  },
  { name: 'spam: a payment not received, nothing of a grant', subject: 'Invoice overdue', text: 'We have not received your payment for invoice 4471. Please pay the amount today.', intent: 'other', ticket: false },
  { name: 'rule question with our project only', text: 'Is our project the kind of thing the programme supports?', intent: 'other', ticket: false },
];

describe('triage of enquiries not in German', () => {
  it.each(CASES)('$name → $intent', ({ subject, text, intent, ticket }) => {
    const result = triage({ channel: 'email', from: 'office@verein.example', ...(subject === undefined ? {} : { subject }), text }, { answerer, router });
    expect([result.intent, result.ticket]).toEqual([intent, ticket]);
    if (!ticket) expect(result.answer.message).toBe(NOTE);
  });

  it('takes a rule question naming the programme in Ukrainian or French for one about the programme (the language note, no ticket)', () => {
    const foreign: KnowledgeAnswerer = {
      ask: (question): AskResult => ({ question, answered: false, confidence: 0, answer: null, hits: [], outcome: 'out_of_scope', suggestions: [], message: NOTE, language: 'other' }),
    };
    for (const [subject, text] of [
      ['Питання щодо інтеграційного менеджменту', 'Добрий день! Чи можуть біженці з України отримувати консультації?'],
      ['Question', "Bonjour, qui peut bénéficier de la gestion de l'intégration dans notre commune ?"],
    ] as const) {
      const result = triage({ channel: 'email', subject, text }, { answerer: foreign, router });
      expect([result.intent, result.ticket]).toEqual(['general_question', false]);
    }
    // Without the programme's name it is no question about the programme.
    expect(triage({ channel: 'email', subject: 'Питання', text: 'Добрий день! Де купити квиток на автобус?' }, { answerer: foreign, router }).intent).toBe('other');
  });

  it('counts the English signals only for a question found not German', () => {
    // German with an English aside: scored by the German table alone (the aside is no own-case signal).
    const text = 'Sind Dolmetscherkosten förderfähig? Wir haben das Merkblatt "we have not received any guidance" gelesen.';
    const result = triage({ channel: 'email', text }, { answerer, router });
    expect(result.intent).toBe('general_question');
    expect(result.reasons.join(' ')).not.toContain('englisch');
  });
});
