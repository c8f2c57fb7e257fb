/**
 * Triage policy: how knowledge-base outcomes, channels and signal families decide intent, ticket and
 * category, and what triage passes to its collaborators. Fakes are plain objects.
 */
import { describe, expect, it } from 'vitest';
import type { AskOutcome, AskResult, KnowledgeAnswerer } from '../../../src/core/knowledge.js';
import type { RouteInput, RouteResult, Router } from '../../../src/core/routing.js';
import { triage, type TriageInput } from '../../../src/core/triage/index.js';

function askResult(question: string, outcome: AskOutcome): AskResult {
  const answered = outcome === 'answer';
  return { question, answered, confidence: answered ? 0.8 : 0.2, answer: null, hits: [], outcome, suggestions: [] };
}

/** A fake knowledge base that records questions and answers with a fixed outcome. */
function fakeAnswerer(outcome: AskOutcome): KnowledgeAnswerer & { questions: string[] } {
  const questions: string[] = [];
  return {
    questions,
    ask(question) {
      questions.push(question);
      return askResult(question, outcome);
    },
  };
}

const resolved: RouteResult = {
  status: 'resolved',
  gemeinde: { ags: '08115002', name: 'Aidlingen' },
  kreis: { ags: '08115', name: 'Böblingen', typ: 'Landkreis' },
  candidates: [],
  evidence: ['Ortsname'],
  contact: { team: 'Team Nord', email: 'nord@rp.example', phone: '0711 1' },
};

function fakeRouter(): Router & { calls: { input: RouteInput; at: Date | undefined }[] } {
  const calls: { input: RouteInput; at: Date | undefined }[] = [];
  return {
    calls,
    route(input, at) {
      calls.push({ input, at });
      return resolved;
    },
  };
}

const GENERAL: TriageInput = { channel: 'email', subject: 'Frage', text: 'Wie hoch ist der Fördersatz für eine Fachkraft?' };
const CASE: TriageInput = { channel: 'email', subject: 'Auszahlung', text: 'Die Rate ist bei uns noch nicht eingegangen.' };

describe(`${triage.name}: knowledge-base outcome policy for general questions`, () => {
  it.each([
    { outcome: 'answer', channel: 'email', intent: 'general_question', ticket: false },
    { outcome: 'answer', channel: 'teams', intent: 'general_question', ticket: false },
    { outcome: 'suggest', channel: 'email', intent: 'general_question', ticket: true },
    { outcome: 'suggest', channel: 'teams', intent: 'general_question', ticket: true },
    { outcome: 'handover', channel: 'email', intent: 'general_question', ticket: true },
    { outcome: 'handover', channel: 'teams', intent: 'general_question', ticket: true },
    { outcome: 'out_of_scope', channel: 'email', intent: 'other', ticket: false, text: 'Wo beantrage ich einen Reisepass?' },
    { outcome: 'out_of_scope', channel: 'teams', intent: 'other', ticket: false, text: 'Gibt es noch Kita-Plätze?' },
    { outcome: 'out_of_scope', channel: 'email', intent: 'other', ticket: false, text: 'Wie beantragen Geflüchtete Bürgergeld? Gibt es ein Förderprogramm?' },
    { outcome: 'invalid', channel: 'teams', intent: 'other', ticket: false, text: '???' },
  ] as const)('$outcome on $channel → $intent, ticket $ticket', ({ outcome, channel, intent, ticket, ...rest }) => {
    const text = ('text' in rest ? rest.text : undefined) ?? GENERAL.text;
    const result = triage({ ...GENERAL, channel, text }, { answerer: fakeAnswerer(outcome), router: fakeRouter() });
    expect(result.intent).toBe(intent);
    expect(result.ticket).toBe(ticket);
    expect(result.ticketCategory === null).toBe(!ticket);
  });

  it('does not drop a programme question the knowledge base calls out of scope: a person takes it', () => {
    const result = triage({ channel: 'teams', text: 'Wie funktioniert der Mittelabruf?' }, { answerer: fakeAnswerer('out_of_scope'), router: fakeRouter() });
    expect(result).toMatchObject({ intent: 'general_question', ticket: true, ticketCategory: 'auszahlung' });
    expect(result.reasons).toContain('Begriff des Förderprogramms: „Mittelabruf“');
  });

  it('gives a handed-over general question a category from its words', () => {
    const result = triage(
      { channel: 'email', text: 'Wie ausführlich muss der Sachbericht sein?' },
      { answerer: fakeAnswerer('handover'), router: fakeRouter() },
    );
    expect(result.ticketCategory).toBe('verwendungsnachweis');
  });
});

describe(`${triage.name}: application matters do not depend on the knowledge base`, () => {
  it.each(['answer', 'suggest', 'handover', 'out_of_scope', 'invalid'] as const)('stays a ticket when the KB says %s', (outcome) => {
    const result = triage(CASE, { answerer: fakeAnswerer(outcome), router: fakeRouter() });
    expect(result).toMatchObject({ intent: 'application_matter', ticket: true, ticketCategory: 'auszahlung' });
  });
});

describe(`${triage.name}: collaborators and result shape`, () => {
  it('always fills answer and route and passes text, subject, sender, signature and time to the router', () => {
    const answerer = fakeAnswerer('answer');
    const router = fakeRouter();
    const now = new Date('2026-03-02T10:00:00Z');
    const input: TriageInput = { ...CASE, id: 'e1', from: 'kaemmerei@aidlingen.de', signature: 'Gemeinde Aidlingen' };
    const result = triage(input, { answerer, router, now });
    expect(result.id).toBe('e1');
    expect(result.route).toEqual(resolved);
    expect(result.answer.outcome).toBe('answer');
    expect(router.calls).toEqual([
      { input: { text: CASE.text, subject: 'Auszahlung', from: 'kaemmerei@aidlingen.de', signature: 'Gemeinde Aidlingen' }, at: now },
    ]);
  });

  it('asks the knowledge base with the subject topic and the body, without salutation and sign-off', () => {
    const answerer = fakeAnswerer('answer');
    triage(
      { channel: 'email', subject: 'Re: Frage Sachbericht', text: 'Guten Tag, wie lang darf er sein?\nViele Grüße\nGemeinde X' },
      { answerer, router: fakeRouter() },
    );
    expect(answerer.questions).toEqual(['Sachbericht. wie lang darf er sein?']);
  });

  it('does not repeat a subject the body already contains', () => {
    const answerer = fakeAnswerer('answer');
    triage({ channel: 'email', subject: 'Kennzahlen', text: 'Bis wann sind die Kennzahlen zu melden?' }, { answerer, router: fakeRouter() });
    expect(answerer.questions).toEqual(['Bis wann sind die Kennzahlen zu melden?']);
  });

  it.each([
    { name: 'empty text', text: '' },
    { name: 'whitespace only', text: '  \n\t ' },
  ])('treats $name as other without asking the knowledge base', ({ text }) => {
    const answerer = fakeAnswerer('answer');
    const result = triage({ channel: 'teams', text }, { answerer, router: fakeRouter() });
    expect(result).toMatchObject({ intent: 'other', ticket: false, ticketCategory: null });
    expect(result.answer.outcome).toBe('invalid');
    expect(result.reasons[0]).toMatch(/Leere Nachricht/);
    expect(answerer.questions).toEqual([]);
  });

  it('uses the subject when the body is empty', () => {
    const result = triage({ channel: 'email', subject: 'Stand unseres Antrags?', text: '' }, { answerer: fakeAnswerer('answer'), router: fakeRouter() });
    expect(result.intent).toBe('application_matter');
  });
});

describe(`${triage.name}: reasons name the signals in German`, () => {
  it('quotes the original wording of each signal found', () => {
    const result = triage(
      { channel: 'email', subject: 'Fristverlängerung', text: 'Können Sie die Frist für unseren Verwendungsnachweis verlängern?' },
      { answerer: fakeAnswerer('answer'), router: fakeRouter() },
    );
    expect(result.reasons.join('\n')).toContain('Bitte um Fristverlängerung: „Fristverlängerung“');
    expect(result.reasons.join('\n')).toContain('Bezug auf einen eigenen Vorgang: „unseren Verwendungsnachweis“');
    expect(result.reasons.at(-1)).toMatch(/^Kategorie Frist/);
  });

  it('names a rule question as such', () => {
    const result = triage({ channel: 'teams', text: 'Dürfen wir eine Stelle teilen?' }, { answerer: fakeAnswerer('answer'), router: fakeRouter() });
    expect(result.reasons).toContain('Frage nach einer Regel: „Dürfen wir“');
  });
});

describe(`${triage.name}: robustness of the text rules`, () => {
  const run = (input: TriageInput) => triage(input, { answerer: fakeAnswerer('answer'), router: fakeRouter() });

  it('folds umlauts written as ae/oe/ue and ss', () => {
    expect(run({ channel: 'email', text: 'Koennen Sie die Frist fuer unseren Sachbericht verlaengern?' }).intent).toBe('application_matter');
  });

  it('ignores case', () => {
    expect(run({ channel: 'email', text: 'UNSER ANTRAG VOM 12.03. IST NOCH NICHT BESCHIEDEN. BITTE PRÜFEN SIE DAS.' }).intent).toBe('application_matter');
  });

  it('ignores the quoted history of a reply', () => {
    const text = 'Vielen Dank!\n\n-----Ursprüngliche Nachricht-----\nVon: Stadt X\nUnser Antrag vom 01.02. ist noch offen.';
    expect(run({ channel: 'email', subject: 'AW: Antrag', text }).intent).toBe('other');
  });

  it('keeps a real enquiry that mentions an absence', () => {
    const result = run({ channel: 'email', text: 'Ich bin ab morgen nicht im Büro. Bitte prüfen Sie vorher noch unseren Mittelabruf.' });
    expect(result.intent).toBe('application_matter');
  });

  it('keeps thanks followed by a new question', () => {
    const result = run({ channel: 'email', subject: 'Re: Frage', text: 'Vielen Dank! Noch eine Frage: Sind Supervisionskosten förderfähig?' });
    expect(result.intent).toBe('general_question');
  });
});

describe(`${triage.name}: long texts`, () => {
  const run = (input: TriageInput) => triage(input, { answerer: fakeAnswerer('answer'), router: fakeRouter() });
  // Speed is measured in bench/triage.bench.ts; these tests pin what triage finds in long and odd texts.
  const PROSE =
    'Zur Einordnung: Wir betreuen derzeit rund 140 Geflüchtete in drei Unterkünften, die Beratungen finden wöchentlich statt.\n' +
    'Die Zusammenarbeit mit den Ehrenamtlichen läuft gut; viele Familien nutzen das Angebot regelmäßig.\n\n';

  it('triages 1 MB of repeated prose to the case stated at its very end, quoting the original wording', () => {
    const text = `${PROSE.repeat(Math.ceil(1_000_000 / PROSE.length))}Die zweite Rate für unsere Förderung ist bei uns noch nicht eingegangen.`;
    expect(text.length).toBeGreaterThan(1_000_000);
    const result = run({ channel: 'email', subject: 'Auszahlung', text });
    expect(result).toMatchObject({ intent: 'application_matter', ticket: true, ticketCategory: 'auszahlung' });
    expect(result.reasons).toContain('Bezug auf einen eigenen Vorgang: „unsere Förderung“');
    expect(result.reasons).toContain('Zahlung fehlt oder stimmt nicht: „noch nicht eingegangen“');
  });

  it('finds a rule question after a long run of blank lines', () => {
    const result = run({ channel: 'teams', text: `Kurze Frage.${'\n'.repeat(50_000)}   Dürfen wir eine Stelle teilen?` });
    expect(result.reasons).toContain('Frage nach einer Regel: „Dürfen wir“');
  });

  it('reads a body that is one endless token (pasted base64) as no case', () => {
    const result = run({ channel: 'email', subject: 'Frage', text: `Wie hoch ist der Fördersatz? ${'QWxsZXMgZ3V0ZXZlcndpZXNlbjEy'.repeat(20_000)}` });
    expect(result).toMatchObject({ intent: 'general_question', ticket: false });
  });
});
