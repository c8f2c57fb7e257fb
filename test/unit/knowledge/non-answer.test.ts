/**
 * A sentence by which the sources say that the asked detail is open answers nothing (non-answer.ts): such a
 * question is handed over with the passage offered, while a fact with a caveat, or a "not confirmed" met only
 * through a synonym, still answers. Pure patterns, then the shipped knowledge.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import type { KnowledgeBase } from '../../../src/knowledge/index.js';
import { openKnowledgeBase } from '../../../src/knowledge/knowledge-base.fs.js';
import { statesNothing } from '../../../src/knowledge/non-answer.js';

describe('statesNothing', () => {
  it.each([
    'Ob es daneben eine Sachkostenpauschale gibt, ist nicht bestätigt.',
    'Ein landesweit verbindlicher Betreuungsschlüssel (Fälle je Vollzeitstelle) ist nicht bekannt.',
    'Förderzeitraum, Antragsfristen und Förderhöhe je Kreis regelt die VwV Digitales Integrationsmanagement; Auskunft gibt das RP Stuttgart.',
    'Ab welchem Förderjahr das gilt, nennt der Bericht nicht eindeutig (wohl ab 2025); vom Land ist die Angabe nicht bestätigt.',
  ])('a sentence that leaves the detail open: %s', (sentence) => {
    expect(statesNothing(sentence)).toBe(true);
  });

  it.each([
    'Insgesamt veranstalteten Ministerium und FamilienForschung vier Regionalkonferenzen; ob die Netzwerkveranstaltung in Waiblingen dazu zählt, ist nicht bestätigt.',
    'Seit der VwV 2023 nennen Kommunen Sätze zwischen 47.000 und 68.000 Euro je Vollzeitstelle und Jahr; vom Land sind diese Sätze nicht bestätigt.',
    'Der Sachbericht soll möglichst nicht länger als drei Seiten sein.',
    'Wie bisher ist der Verwendungsnachweis beim RP einzureichen.',
  ])('a fact, with or without a caveat: %s', (sentence) => {
    expect(statesNothing(sentence)).toBe(false);
  });
});

describe('questions the sources leave open, on the shipped knowledge', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await openKnowledgeBase({ dir: new URL('../../../knowledge', import.meta.url).pathname, logger: silentLogger });
  });

  it.each([
    ['Gibt es einen landesweit verbindlichen Betreuungsschlüssel für Integrationsmanager?', 'im#betreuungsschluessel'],
    ['Für wie viele Klienten ist eine Vollzeitkraft im Integrationsmanagement zuständig?', 'im#betreuungsschluessel'],
    ['Gibt es zusätzlich zum Festbetrag eine Pauschale für Sachkosten wie Büro oder Diensthandy?', 'im#festbetrag'],
    ['Bis wann konnte man beim DIM einen Antrag stellen, und wie viel Geld gab es dort höchstens pro Landkreis?', 'dim#programm'],
    ['Gibt es beim Integrationsmanagement neben den Personalkosten auch eine Pauschale für Sachkosten, etwa für Büroausstattung oder Dolmetscher?', 'im#festbetrag'],
  ])('hands over "%s", offering %s', (question, offered) => {
    const result = kb.ask(question);
    expect(result.outcome).toBe('handover');
    expect(result.answer).toBeNull();
    expect(result.suggestions.map((s) => s.passageId)).toEqual([offered]);
  });

  it('hands over when the noun asked for is what the passage says is not known', () => {
    // "Welche … weitere Voraussetzung …, ist nicht bekannt": the source text breaks off there.
    const result = kb.ask('Welche weitere Voraussetzung muss bei der Variante ohne Studium noch erfüllt sein?');
    expect(result.outcome).toBe('handover');
    expect(result.suggestions.map((s) => s.passageId)).toContain('im#qualifikation');
    // The qualification itself is stated: that question is answered from the same passage.
    expect(kb.ask('Welche Qualifikation braucht eine Integrationsmanagerin?').answer?.passageId).toBe('im#qualifikation');
  });

  it('hands over a rate asked for the years whose figures the passage calls unconfirmed, answers one for the first years', () => {
    // "Seit der VwV 2023 … nennen Kommunen Sätze …; vom Land sind diese Sätze nicht bestätigt." is all it says for 2023 on.
    for (const question of [
      'Welcher Fördersatz je VZÄ gilt nach der VwV 2023 für eine Integrationsmanagerin mit mittlerem Bildungsabschluss?',
      'Wie hoch ist ab 2025 der Fördersatz je Vollzeitstelle für eine Integrationsmanagerin mit Hochschulabschluss?',
    ]) {
      const result = kb.ask(question);
      expect(result.outcome).toBe('handover');
      expect(result.suggestions.map((s) => s.passageId)).toEqual(['im#foerdersaetze']);
    }
    // "Nach der aktuellen VwV" asks for the latest years the passage names; with the first phase asked beside it, the
    // published rates of that phase answer.
    expect(kb.ask('Wie hoch ist der Fördersatz je Vollzeitstelle nach der aktuellen VwV?').outcome).toBe('handover');
    const both = kb.ask('Wie hoch waren die Fördersätze je Vollzeitstelle in der ersten Förderphase, und sind die aktuell geltenden Sätze verbindlich veröffentlicht?');
    expect(both.answer?.passageId).toBe('im#foerdersaetze');
    // 51.000 Euro for 2017/2018 is published: that sentence answers, its caveat on the higher rate qualifies it.
    const first = kb.ask('Wie hoch war 2017 der Festbetrag je Vollzeitstelle für eine Person mit mittlerem Bildungsabschluss?');
    expect(first.outcome).toBe('answer');
    expect(first.answer?.passageId).toBe('im#foerdersaetze');
  });

  it('answers from the same passage where the open detail is not what was asked', () => {
    const result = kb.ask('Welche Kosten sind beim Festbetrag abgedeckt?');
    expect(result.outcome).toBe('answer');
    expect(result.answer?.passageId).toBe('im#festbetrag');
  });
});
