/**
 * Requests for a decision on the writer's own case and status questions about one concrete notice, payment
 * or submission (triage-case-rules.ts), against the rule questions they resemble. Written after a review
 * found "Können wir die Frist für den Verwendungsnachweis verlängern?" and "Wann kommt der Bescheid?"
 * triaged as general questions. The knowledge base is a fake that answers everything, so a general question
 * stays general and these cases test the rule tables alone.
 */
import { describe, expect, it } from 'vitest';
import type { AskOutcome, AskResult, KnowledgeAnswerer } from '../../../src/core/knowledge.js';
import type { RouteResult, Router } from '../../../src/core/routing.js';
import { triage, type TicketCategory, type TriageResult } from '../../../src/core/triage/index.js';

const answering = (outcome: AskOutcome): KnowledgeAnswerer => ({
  ask: (question): AskResult => ({ question, answered: outcome === 'answer', confidence: 0.9, answer: null, hits: [], outcome, suggestions: [] }),
});
const unknownRoute: RouteResult = { status: 'unknown', gemeinde: null, kreis: null, candidates: [], evidence: [], contact: null };
const router: Router = { route: () => unknownRoute };

const run = (text: string, outcome: AskOutcome = 'answer'): TriageResult =>
  triage({ channel: 'teams', from: 'im@gemeinde.example', text }, { answerer: answering(outcome), router });

const DECISION = 'Bitte um eine Entscheidung oder Handlung im eigenen Fall';
const STATUS = 'Frage nach dem Stand eines bestimmten Bescheids, einer Zahlung oder eines Antrags';

interface MatterCase {
  text: string;
  signal: typeof DECISION | typeof STATUS | null;
  category?: TicketCategory;
}

/** Application matters: the writer asks the RP to decide or act on their own case, or for its status. */
const MATTERS: MatterCase[] = [
  { text: 'Wurden unsere Mittel für 2026 schon ausgezahlt?', signal: STATUS },
  // Extend or defer the own deadline (issue 4: "Frist verlängern").
  { text: 'Können wir die Frist für den Verwendungsnachweis verlängern?', signal: DECISION, category: 'frist' },
  { text: 'Könnten wir die Frist um einen Monat verlängern?', signal: DECISION, category: 'frist' },
  { text: 'Dürfen wir den Sachbericht später einreichen?', signal: DECISION, category: 'frist' },
  { text: 'Können wir die Abgabe des Sachberichts um zwei Wochen verschieben?', signal: DECISION, category: 'frist' },
  { text: 'Können wir mehr Zeit für den Sachbericht bekommen?', signal: DECISION, category: 'frist' },
  { text: 'Bis wann können wir den VN nachreichen, wir schaffen es nicht?', signal: DECISION, category: 'verwendungsnachweis' },
  { text: 'Dürfen wir die Kennzahlen nachreichen?', signal: DECISION, category: 'verwendungsnachweis' },
  { text: 'Können Sie uns eine Fristverlängerung gewähren?', signal: DECISION, category: 'frist' },
  { text: 'Kann die Frist für uns verlängert werden?', signal: null, category: 'frist' },
  // Grant an exception.
  { text: 'Können wir eine Ausnahme bekommen?', signal: DECISION },
  { text: 'Können Sie für uns eine Ausnahme machen?', signal: DECISION },
  { text: 'Ist für uns eine Ausnahme möglich?', signal: DECISION },
  { text: 'Wir bitten um eine Ausnahme von der Qualifikationsanforderung.', signal: DECISION },
  // Check a payment, send, confirm or explain a notice.
  { text: 'Können Sie die Zahlung prüfen?', signal: DECISION, category: 'auszahlung' },
  { text: 'Bitte prüfen Sie die Zahlung für das zweite Halbjahr.', signal: DECISION, category: 'auszahlung' },
  { text: 'Können Sie prüfen, ob die Rate angewiesen wurde?', signal: DECISION, category: 'auszahlung' },
  // Colleagues in Teams write "ihr" and "du".
  { text: 'könnt ihr prüfen, ob die Rate angewiesen wurde?', signal: DECISION, category: 'auszahlung' },
  { text: 'Kannst du die Zahlung prüfen?', signal: DECISION, category: 'auszahlung' },
  { text: 'könnt ihr bestätigen, dass unser Sachbericht angekommen ist? haben ihn am 12.3. per Post geschickt.', signal: DECISION },
  { text: 'Wir bitten um Prüfung der Zahlung vom März.', signal: DECISION, category: 'auszahlung' },
  { text: 'Können Sie den Mittelabruf freigeben?', signal: DECISION, category: 'auszahlung' },
  // Take something into an item of the own case.
  { text: 'Könnten Sie die Fahrtkosten bitte noch in unseren Mittelabruf für das zweite Halbjahr aufnehmen?', signal: DECISION, category: 'auszahlung' },
  { text: 'Bitte nehmen Sie die zweite Teilzeitkraft noch in den Bescheid auf.', signal: DECISION },
  { text: 'Könnten Sie uns den Bescheid bitte noch einmal zuschicken?', signal: DECISION },
  { text: 'Bitte senden Sie uns den Bescheid erneut zu.', signal: DECISION },
  { text: 'Bitte bestätigen Sie den Eingang des Verwendungsnachweises.', signal: DECISION, category: 'verwendungsnachweis' },
  { text: 'Können Sie uns den Bescheid erläutern?', signal: DECISION },
  // Ask for a decision, a correction or a copy (issue 9: "Bitte um Entscheidung", "Zweitschrift").
  { text: 'Wir leiten Ihnen die Anfrage unseres Personalamts weiter und bitten um Ihre Entscheidung.', signal: DECISION },
  { text: 'Bitte um Zustimmung zur Umbesetzung der Stelle.', signal: DECISION },
  { text: 'Wir bitten um Korrektur des Zuwendungsbescheids.', signal: DECISION },
  { text: 'Könnten Sie uns eine Kopie des Bescheids für 2024 zusenden?', signal: DECISION },
  { text: 'Können Sie mir bitte eine Zweitschrift des Zuwendungsbescheids schicken?', signal: DECISION },
  // A payment that has not arrived, either word order; colloquial own staff ("unsre IM", "bei euch").
  { text: 'Unser Bescheid datiert vom 12.11., eingegangen ist bislang nichts.', signal: null, category: 'auszahlung' },
  { text: 'unsre IM hat gekündigt, muss ich da was bei euch einreichen?', signal: null, category: 'personal' },
  // Status of one notice, payment or submission (definite article or possessive).
  { text: 'Wann kommt der Bescheid?', signal: STATUS },
  { text: 'Wann kommt die Zahlung?', signal: STATUS, category: 'auszahlung' },
  { text: 'Wann kommt die Auszahlung?', signal: STATUS, category: 'auszahlung' },
  { text: 'Wann kommt das Geld?', signal: STATUS, category: 'auszahlung' },
  { text: 'Bis wann kommt der Bescheid?', signal: STATUS },
  { text: 'Wann erhalten wir den Bescheid?', signal: STATUS },
  { text: 'Wann bekommen wir die zweite Rate?', signal: STATUS, category: 'auszahlung' },
  { text: 'Wann ist mit der Auszahlung zu rechnen?', signal: STATUS, category: 'auszahlung' },
  { text: 'Wann wird die zweite Rate überwiesen?', signal: STATUS, category: 'auszahlung' },
  { text: 'Wann wird der Antrag bearbeitet?', signal: STATUS, category: 'antrag' },
  { text: 'Wir möchten wissen, wann der Bescheid kommt.', signal: STATUS },
  { text: 'Gibt es schon einen Termin, wann der Bescheid kommt?', signal: STATUS },
  { text: 'Ist unser Antrag schon bearbeitet?', signal: STATUS, category: 'antrag' },
  { text: 'Ist der Bescheid schon raus?', signal: STATUS },
  { text: 'Ist die Zahlung schon angewiesen?', signal: STATUS, category: 'auszahlung' },
  { text: 'Wurde die Rate schon überwiesen?', signal: STATUS, category: 'auszahlung' },
  { text: 'Haben Sie den Sachbericht schon erhalten?', signal: STATUS, category: 'verwendungsnachweis' },
];

/** Rule questions: no actor asking for the own case, or a kind of item instead of one item. */
const RULE_QUESTIONS: string[] = [
  'Bis wann muss der Verwendungsnachweis eingereicht werden?',
  'Wie lang darf der Sachbericht sein?',
  'Dürfen wir eine Stelle auf zwei Personen aufteilen?',
  // Decided borderline: impersonal, passive and "grundsätzlich" ask whether the rules allow an extension.
  'Kann die Frist für den Verwendungsnachweis grundsätzlich verlängert werden?',
  'Kann die Frist verlängert werden?',
  'Können wir die Frist grundsätzlich verlängern?',
  'Kann man eine Ausnahme beantragen?',
  'Wie können wir eine Fristverlängerung beantragen?',
  'Unter welchen Voraussetzungen wird eine Fristverlängerung gewährt?',
  'Gibt es Ausnahmen von der Qualifikationsanforderung?',
  'Ist eine Ausnahme möglich?',
  'Wann ist mit einem Bescheid zu rechnen?',
  'Wann erfolgt die Auszahlung in der Regel?',
  'Wann wird der Bescheid in der Regel verschickt?',
  'Wann werden die Raten ausgezahlt?',
  // The programme's funds in a past year, not the writer's (a possessive makes them theirs, see MATTERS).
  'Ab wann konnten Kommunen 2017 Anträge stellen, und wurden die Mittel 2017 gleich vollständig ausgezahlt?',
  'Wann ist der Verwendungsnachweis fällig?',
  'Wann müssen wir den Verwendungsnachweis einreichen?',
  'Wie lange dauert die Bearbeitung eines Antrags?',
  'Können Sie mir die Frist für den Verwendungsnachweis nennen?',
  // "beraten" and "befristen" are verbs, not the Raten or Fristen of the own case (patterns.ts CASE_NOUN).
  'Gehören Menschen aus der Ukraine zur Zielgruppe, die unsere Integrationsmanager beraten dürfen?',
  'Dürfen wir unsere Stelle befristen?',
  // The writer's staff ask a rule question; the request after it only asks for its answer (rules.ts answer-request).
  'Unsere Integrationsmanager fragen, bis wann sie die Jahreskennzahlen abgeben müssen. Können Sie uns den Termin nennen?',
  'Können Sie mir erklären, wie der Mittelabruf funktioniert?',
  'Können Sie mir sagen, wo ich das Formular für den Mittelabruf finde?',
  'Können Sie bestätigen, dass Sachkosten grundsätzlich förderfähig sind?',
  'Können wir Unterlagen nachreichen?',
  'Können wir den Sachbericht formlos einreichen?',
  'Dürfen wir die Förderung mit anderen Mitteln kombinieren?',
  'Kann der Verwendungsnachweis auch später eingereicht werden?',
  'Ich bitte um Bestätigung, dass Fortbildungskosten grundsätzlich förderfähig sind.',
  'Können Sie mir eine Kopie der Verwaltungsvorschrift schicken?',
];

describe(`${triage.name}: requests for a decision and status questions on the own case`, () => {
  it.each(MATTERS)('$text → application_matter', ({ text, signal, category }) => {
    const result = run(text);
    expect({ intent: result.intent, ticket: result.ticket }).toEqual({ intent: 'application_matter', ticket: true });
    if (signal !== null) expect(result.reasons.some((reason) => reason.startsWith(`${signal}: „`))).toBe(true);
    if (category !== undefined) expect(result.ticketCategory).toBe(category);
  });

  it.each(RULE_QUESTIONS)('%s → general_question', (text) => {
    const result = run(text);
    expect({ intent: result.intent, ticket: result.ticket }).toEqual({ intent: 'general_question', ticket: false });
    expect(result.reasons.some((reason) => reason.startsWith(DECISION) || reason.startsWith(STATUS))).toBe(false);
  });

  it('keeps a status question a ticket when the knowledge base calls it out of scope', () => {
    expect(run('Wann kommt die Auszahlung?', 'out_of_scope')).toMatchObject({ intent: 'application_matter', ticket: true, ticketCategory: 'auszahlung' });
  });

  it('quotes the request and outweighs the "Können wir" rule form in the reasons', () => {
    const result = run('Können wir die Frist für den Verwendungsnachweis verlängern?');
    expect(result.reasons).toContain(`${DECISION}: „Können wir die Frist für den Verwendungsnachweis verlängern“`);
    expect(result.reasons).toContain('Frage nach einer Regel: „Können wir“');
    expect(result.reasons[0]).toBe('Anliegen zu einem eigenen Antrag oder Vorgang (Punkte 6, ab 3)');
  });

  it('switches the request off by a rule word in the same sentence only', () => {
    expect(run('Können wir die Frist grundsätzlich verlängern?').intent).toBe('general_question');
    expect(run('Grundsätzlich ist uns das klar. Können wir die Frist für den Sachbericht verlängern?').intent).toBe('application_matter');
  });
});

describe(`${triage.name}: rule-question markers count in asking sentences only`, () => {
  it('does not let a relative "welche" in a statement cancel documents sent in', () => {
    const text =
      'Beigefügt übersenden wir den Verwendungsnachweis, einschließlich einer Übersicht, welche Integrationsmanagerinnen Zugang zur Software haben.';
    expect(run(text)).toMatchObject({ intent: 'application_matter', ticket: true, ticketCategory: 'verwendungsnachweis' });
  });

  it('still counts a rule word in a question typed without question mark', () => {
    const text = 'Wir möchten ab März für unsere Integrationsmanagerin eine Fortbildung finanzieren, ist das förderfähig';
    expect(run(text)).toMatchObject({ intent: 'general_question', ticket: false });
  });

  it('does not read an own case into a lead-in that only announces the question', () => {
    const text = 'wir bereiten gerade unseren Antrag vor und fragen uns Folgendes:\nSind Fortbildungskosten förderfähig?';
    expect(run(text)).toMatchObject({ intent: 'general_question', ticket: false });
  });

  it('reads what a lead-in names ("Frage zu unserem Antrag vom …")', () => {
    expect(run('Ich habe eine Frage zu unserem Antrag vom 3. März: Wann kommt der Bescheid?').intent).toBe('application_matter');
  });

  it('reads an own event told without its subject, as in a quick Teams line ("haben ihn … geschickt")', () => {
    const told = run('haben den Sachbericht am 12.3. per Post nach Wertheim geschickt.');
    expect(told).toMatchObject({ intent: 'application_matter', ticket: true });
    expect(told.reasons.some((r) => r.startsWith('Schilderung eines eigenen Vorgangs: „haben den Sachbericht'))).toBe(true);
    expect(run('Haben Sie den Sachbericht geschickt bekommen?').reasons.join(' ')).not.toContain('Schilderung eines eigenen Vorgangs');
  });
});
