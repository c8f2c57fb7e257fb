import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import { openKnowledgeBase } from '../../../src/knowledge/knowledge-base.fs.js';
import { PROGRAMME_CONTACT, REMINDER, type KnowledgeBase } from '../../../src/knowledge/index.js';

const FIXTURE = new URL('../../fixtures/knowledge/basic/', import.meta.url).pathname;
let kb: KnowledgeBase;

beforeAll(async () => {
  kb = await openKnowledgeBase({ dir: FIXTURE, logger: silentLogger });
});

describe('KnowledgeBase.ask', () => {
  it('answers with the passage, citation with official numbering, source, Stand and reminder', () => {
    const r = kb.ask('Sind Fortbildungskosten förderfähig?');
    expect(r).toMatchObject({ outcome: 'answer', answered: true });
    expect(r.answer).toMatchObject({
      passageId: 'vwv-test#5.2',
      citation: 'VwV Integrationsmanagement Nr. 5.2',
      source: 'https://example.org/vwv-test',
      stand: '2020-11-11',
      reminder: REMINDER,
    });
    expect(r.answer!.text).toContain('Fortbildung');
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.hits[0]).toMatchObject({ id: 'vwv-test#5.2', title: 'Förderfähige Ausgaben' });
  });

  it.each([
    ['a paraphrase with a synonym', 'Werden Weiterbildungen bezahlt?', 'vwv-test#5.2'],
    ['a typo', 'Wie lang darf der Sachbricht sein?', 'vwv-test#7.4'],
    ['an abbreviation', 'Wie viele VZÄ braucht eine Stelle mindestens?', 'vwv-test#6.1'],
    ['a compound', 'Kann man eine Integrationsmanagerstelle aufteilen?', 'vwv-test#6.1'],
    ['a gender form', 'Integrationsmanager:innen in Elternzeit ohne Entgelt', 'faq-test#unterbrechung'],
    ['colloquial wording and AU', 'Unsere Kollegin hat AU und kriegt kein Gehalt mehr', 'faq-test#unterbrechung'],
    ['a question without umlauts', 'Welche E-Mail-Adresse hat das Regierungspraesidium?', 'faq-test#zustaendigkeit'],
  ])('finds the passage for %s', (_kind, question, id) => {
    expect(kb.ask(question).hits[0]?.id).toBe(id);
  });

  it('cites a slug section with the document citation only and its own Stand', () => {
    const r = kb.ask('An wen wende ich mich mit Fragen?');
    expect(r.answer).toMatchObject({ passageId: 'faq-test#zustaendigkeit', citation: 'FAQ des RP Stuttgart', stand: '2023' });
  });

  it('respects top', () => {
    expect(kb.ask('Integrationsmanagement', { top: 2 }).hits.length).toBeLessThanOrEqual(2);
  });

  it.each([['Wie beantrage ich einen Kita-Platz?'], ['Ich brauche einen neuen Reisepass.'], ['Wie wird das Wetter morgen?']])(
    'declines the out-of-scope question %j politely with the programme contact',
    (question) => {
      const r = kb.ask(question);
      expect(r).toMatchObject({ outcome: 'out_of_scope', answered: false, answer: null });
      expect(r.message).toContain(PROGRAMME_CONTACT);
    },
  );

  it('does not decline an off-topic word next to a core programme term', () => {
    expect(kb.ask('Darf das Integrationsmanagement bei der Suche nach einem Kita-Platz helfen?').outcome).not.toBe('out_of_scope');
  });

  it.each([
    ['empty', ''],
    ['whitespace', '   \n\t '],
    ['punctuation only', '?!?…'],
    ['stopwords only', 'Wie ist das denn?'],
    ['control characters only', '\u0000\u0007\u001b'],
  ])('treats %s input as invalid with a German message', (_kind, question) => {
    const r = kb.ask(question);
    expect(r).toMatchObject({ outcome: 'invalid', answered: false, answer: null, hits: [] });
    expect(r.message).toMatch(/Bitte/);
  });

  it('strips control characters and still answers', () => {
    const r = kb.ask('Sind\u0000 Fortbildungs\u0007kosten förderfähig?');
    expect(r.question).not.toMatch(/[\u0000-\u001f]/);
    expect(r.outcome).not.toBe('invalid');
  });

  it('truncates a 100 kB question safely', () => {
    const question = `Sind Fortbildungskosten förderfähig? ${'bla '.repeat(25_000)}`;
    const started = performance.now();
    const r = kb.ask(question);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.question.length).toBeLessThan(1100);
    expect(r.hits[0]?.id).toBe('vwv-test#5.2');
  });

  it('does not answer confidently when most of an in-scope question is unknown to the knowledge base', () => {
    const r = kb.ask('Welche Software nutzen Integrationsmanager für die Dokumentation?');
    expect(['suggest', 'handover']).toContain(r.outcome);
    expect(r.answer).toBeNull();
    if (r.outcome === 'suggest') expect(r.suggestions.length).toBeGreaterThan(0);
  });

  it.each([['Wo stelle ich einen Reisepassantrag?'], ['Rezepte für Kuchen?'], ['Ist ein Kinderreisepass nötig?'], ['Rezeptideen bitte']])(
    'declines %j: an off-topic word, its inflection or a compound built on it',
    (question) => {
      expect(kb.ask(question).outcome).toBe('out_of_scope');
    },
  );

  it('hands over a question in the programme vocabulary that no passage answers instead of declining it', () => {
    // "Stelle" belongs to the programme's vocabulary (a passage title); "Mittelabruf" is in no passage.
    const r = kb.ask('Wie funktioniert der Mittelabruf für eine Stelle?');
    expect(['handover', 'suggest']).toContain(r.outcome);
    expect(r.answer).toBeNull();
  });

  it('gives suggestions at most when the question names a thing the knowledge base never mentions', () => {
    // Fortbildungskosten are covered, Supervisionskosten are not: the passage is near, but no answer.
    const r = kb.ask('Sind Supervisionskosten förderfähig?');
    expect(['handover', 'suggest']).toContain(r.outcome);
    expect(r.hits[0]?.id).toBe('vwv-test#5.2');
  });

  it('keeps answered, answer and outcome consistent', () => {
    for (const q of ['Sachbericht', 'Kita', '', 'Ukraine Soforthilfe Antrag', 'xyzzy plugh']) {
      const r = kb.ask(q);
      expect(r.answered).toBe(r.outcome === 'answer');
      expect(r.answer === null).toBe(r.outcome !== 'answer');
    }
  });
});
