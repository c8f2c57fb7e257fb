/**
 * No confident answer from the wrong passage (issue 2): trap questions whose words all occur somewhere in the
 * knowledge base, but no passage speaks of their central nouns (Wer prüft unseren Verwendungsnachweis?, Was ist
 * im März zu beachten?). None may be answered from a passage outside its acceptable list; with no acceptable
 * passage they get suggestions or a hand-over, and are never declined as out of scope.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import { matchesReference, type EvalQuestion, type KnowledgeBase } from '../../../src/knowledge/index.js';
import { openKnowledgeBase } from '../../../src/knowledge/knowledge-base.fs.js';

const root = new URL('../../../', import.meta.url).pathname;
const traps = readFileSync(`${root}test/fixtures/knowledge/no-confident-wrong.jsonl`, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as EvalQuestion);

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await openKnowledgeBase({ dir: `${root}knowledge`, logger: silentLogger });
});

describe('trap questions on the shipped knowledge (no-confident-wrong.jsonl)', () => {
  it('holds at least twelve programme questions', () => {
    expect(traps.length).toBeGreaterThanOrEqual(12);
    expect(traps.every((q) => q.expected.length > 0 || q.scope === 'in')).toBe(true);
  });

  it.each(traps.map((q) => [q.question, q] as const))('does not answer %j from a passage outside its acceptable list', (_question, q) => {
    const r = kb.ask(q.question);
    expect(r.outcome).not.toBe('out_of_scope');
    if (r.outcome === 'answer') {
      expect(q.expected.some((x) => matchesReference(r.answer!.passageId, x)), `answered from ${r.answer!.passageId}`).toBe(true);
    } else {
      expect(['suggest', 'handover']).toContain(r.outcome);
    }
  });

  it('still offers the nearest passages for the examples of the report', () => {
    for (const q of ['Wer prüft unseren Verwendungsnachweis?', 'Muss der Sachbericht unterschrieben sein?', 'Wann kommt der Bescheid?']) {
      const r = kb.ask(q);
      expect(r.outcome).toBe('suggest');
      expect(r.suggestions.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['Ist eine Stellenteilung zulässig?', 'faq#stellenteilung'],
    ['Bis wann ist der Verwendungsnachweis einzureichen?', 'verwendungsnachweis#frist'],
  ])('still answers the real question %j', (question, passage) => {
    const r = kb.ask(question);
    expect(r.outcome).toBe('answer');
    expect(r.answer?.passageId).toBe(passage);
  });
});

describe('everyday questions naming a place the knowledge base mentions only in passing', () => {
  it('are not answered from the passage with the address, and declined when the enquiry names the place', () => {
    const question = 'Wo kann ich in Wertheim parken?';
    expect(kb.ask(question).outcome).not.toBe('answer');
    expect(kb.ask(question, { places: ['Wertheim'] }).outcome).toBe('out_of_scope');
  });

  it('still answers a programme question naming the same place', () => {
    expect(kb.ask('Wo sitzt das Referat in Wertheim?', { places: ['Wertheim'] })).toMatchObject({ outcome: 'answer', answer: { passageId: 'kontakt#bewilligungsstelle' } });
  });
});

describe('an off-topic word in a hearsay opening', () => {
  it('does not decline the programme question it reports, while the same word asked about is declined', () => {
    const r = kb.ask('unser Gemeinderat in Tannwiesen hat gehört, dass sich ab 2025 die Budgets zwischen den Kreisen verschieben. Nach welchem Grundsatz werden die Mittel seitdem auf die Kreise verteilt?');
    expect(r).toMatchObject({ outcome: 'answer', answer: { passageId: 'vwv-2023#verteilung' } });
    expect(kb.ask('Wann tagt unser Gemeinderat?').outcome).toBe('out_of_scope');
  });
});

describe('a "Wie viele …?" question', () => {
  it('is not answered from a passage whose typical questions count another thing (years for refugees)', () => {
    const r = kb.ask('Wie viele Geflüchtete darf eine Integrationsmanagerin mit voller Stelle höchstens betreuen?');
    expect(r.outcome === 'answer' ? r.answer?.passageId : null).not.toBe('faq#beratungsdauer');
  });
});

describe('everyday questions naming the Regierungspräsidium', () => {
  // The RP does much besides this programme: naming it does not make a passport question a programme question.
  it('are declined, while a programme question naming it is still answered', () => {
    expect(kb.ask('Stellt das Bürgerbüro im Regierungspräsidium auch Reisepässe aus, und wie lange dauert das?').outcome).toBe('out_of_scope');
    expect(kb.ask('Wo sitzt das Referat des Regierungspräsidiums für das Integrationsmanagement?').outcome).toBe('answer');
  });
});

describe('a rule in force since a dated change', () => {
  it('answers a question about a later year', () => {
    const r = kb.ask('Bis wann müssen die Kennzahlen für 2025 gemeldet werden?');
    expect(r.outcome).toBe('answer');
    expect(r.answer?.passageId).toMatch(/#kennzahlen$/);
  });
});

describe('a question set under a condition ("Wenn …, …?")', () => {
  it('is not answered from a passage that covers the condition and nothing the main clause adds', () => {
    // The Land's money and the year are the condition; carrying money over is asked, and no passage speaks of it.
    const r = kb.ask('Wenn am Jahresende vom Geld des Landes noch etwas übrig ist, dürfen wir das ins nächste Jahr mitnehmen?');
    expect(r.outcome).not.toBe('answer');
  });

  it('is answered from the condition\'s passage when the main clause adds nothing specific', () => {
    const r = kb.ask('Wenn der Planungsrahmen einer Gemeinde unter 51.000 Euro liegt, was ist dann zu tun?');
    expect(r).toMatchObject({ outcome: 'answer', answer: { passageId: 'faq#unter-51000' } });
  });
});

describe('a question about the beginning', () => {
  it('is answered from the first phase, not from the newest period', () => {
    const r = kb.ask('Wie viel Geld vom Land gab es anfangs für eine volle Stelle, wenn die Person eine Ausbildung, aber kein Studium hat?');
    expect(r).toMatchObject({ outcome: 'answer', answer: { passageId: 'im#foerdersaetze' } });
  });
});

describe('a question about what a numbered rule says', () => {
  it('is answered from the passage citing that number, not from the overview sharing its other words', () => {
    const r = kb.ask('Was regelt Nr. 7.4.2 der VwV Integrationsmanagement?');
    expect(r.outcome === 'answer' ? r.answer?.passageId : r.hits[0]?.id).toBe('verwendungsnachweis#frist');
  });
});
