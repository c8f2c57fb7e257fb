/**
 * A deadline question answered only by a passage that states a date or a period (deadline.ts, assess.ts): "Bis wann
 * müssen die Kreise den Antrag für 2026 einreichen?" is not answered from the passage on who applies, which names
 * no deadline. Pure patterns, then the shipped knowledge.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import { asksClockTime, asksDeadline, missesAskedTimeOrPlace, statesClockTime, statesDate } from '../../../src/knowledge/deadline.js';
import type { KnowledgeBase } from '../../../src/knowledge/index.js';
import { openKnowledgeBase } from '../../../src/knowledge/knowledge-base.fs.js';

describe('deadline questions and dates', () => {
  it.each([
    ['Bis wann muss der Sachbericht vorliegen?', true],
    ['Bis zu welchem Datum sind die Kennzahlen zu melden?', true],
    ['Welche Frist gilt für den Verwendungsnachweis?', true],
    ['Wann trat die Änderung in Kraft?', false],
    ['Wie lang darf der Sachbericht sein?', false],
  ])('%s asks for a deadline: %s', (question, expected) => {
    expect(asksDeadline(question)).toBe(expected);
  });

  it.each([
    ['Die Kennzahlen sind jährlich bis zum 31. Januar zu übermitteln.', true],
    ['Einzureichen ist er spätestens drei Monate nach dem Ende des Förderzeitraums.', true],
    ['Die Frist endet am 30.6.', true],
    ['Nur noch Stadt- und Landkreise können die Förderung beantragen, wohl ab 2025.', false],
    ['Fristen und Regeln erfahren Sie bei Ihrem Kreis.', false],
  ])('%s states a date: %s', (text, expected) => {
    expect(statesDate(text)).toBe(expected);
  });

  it.each([
    ['Bis wie viel Uhr ist die Dienststelle freitags für Besucher geöffnet?', true],
    ['Wie sind die Öffnungszeiten in Wertheim?', true],
    ['Wie lange hat das Bürgerbüro am Samstag geöffnet?', true],
    ['Ab wann war die Beratung für Geflüchtete aus der Ukraine geöffnet?', false],
    ['Was gilt, wenn keine persönlichen Sprechstunden möglich sind?', false],
  ])('%s asks for a time of day: %s', (question, expected) => {
    expect(asksClockTime(question)).toBe(expected);
  });

  it('reads a clock time', () => {
    expect(statesClockTime('Geöffnet von 9 bis 15:30 Uhr.')).toBe(true);
    expect(statesClockTime('Regierungspräsidium Stuttgart, Dienststelle Wertheim, 97877 Wertheim')).toBe(false);
  });
});

describe('deadline questions on the shipped knowledge', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await openKnowledgeBase({ dir: new URL('../../../knowledge', import.meta.url).pathname, logger: silentLogger });
  });

  it('does not answer a deadline the sources do not state', () => {
    const result = kb.ask('Bis wann müssen die Landkreise ihren Antrag für das Integrationsmanagement 2027 beim RP stellen?');
    expect(result.outcome).not.toBe('answer');
  });

  it('reads a question where to send something by post as asking for a postcode and town, not "wohin" alone', () => {
    const byPost = 'Ich muss dem RP Originalunterlagen per Post schicken. Geht das an das Regierungspräsidium in Stuttgart, oder wohin genau?';
    expect(missesAskedTimeOrPlace(byPost, 'Antragsunterlagen finden Sie auf der Internetseite des RP Stuttgart.')).toBe(true);
    expect(missesAskedTimeOrPlace(byPost, 'Zuständig ist das RP Stuttgart, Referat 15.2, Am Eichamt 2, 97877 Wertheim.')).toBe(false);
    // Which authority ("wohin … Sozialministerium oder RP?") or whether to post at all asks for no address.
    expect(missesAskedTimeOrPlace('wohin schick ich die kenzahlen fürs vorjahr, sozialministerium oder rp?', 'Die Kennzahlen gehen an das RP.')).toBe(false);
    expect(missesAskedTimeOrPlace('Reicht der Antrag per Mail, oder muss das Original per Post kommen?', 'Ein Scan genügt.')).toBe(false);
    expect(kb.ask('Ich muss dem RP Originalunterlagen per Post schicken. Geht das an das Regierungspräsidium in Stuttgart, oder wohin genau?').answer?.passageId ?? null).not.toBe('unterlagen#antragsunterlagen');
  });

  it('does not answer moving money into the next year from a passage that never speaks of a following year', () => {
    const carry = 'Dürfen wir Fördergeld, das wir dieses Jahr nicht ausgeben, ins nächste Haushaltsjahr mitnehmen?';
    expect(missesAskedTimeOrPlace(carry, 'Für 2025 stehen 40 Mio. Euro bereit, verteilt nach dem Schlüssel des Vorjahres.')).toBe(true);
    expect(missesAskedTimeOrPlace(carry, 'Nicht verbrauchte Mittel dürfen in das folgende Haushaltsjahr übertragen werden.')).toBe(false);
    // "im nächsten Jahr" is a time, not a move into it.
    expect(missesAskedTimeOrPlace('Müssen wir im nächsten Jahr einen neuen Antrag stellen?', 'Der Antrag wird jährlich gestellt.')).toBe(false);
    expect(kb.ask(carry).outcome).not.toBe('answer');
    expect(kb.ask('Dürfen wir Fördermittel, die wir dieses Jahr nicht ausgeben, ins nächste Jahr mitnehmen?').outcome).not.toBe('answer');
  });

  it('does not answer opening hours from an address', () => {
    expect(kb.ask('Bis wie viel Uhr ist die Dienststelle Wertheim freitags für Besucher geöffnet?').outcome).not.toBe('answer');
  });

  it('answers a deadline the sources state', () => {
    expect(kb.ask('Bis wann muss der Sachbericht eingereicht werden?').outcome).toBe('answer');
    expect(kb.ask('Bis wann sind die Kennzahlen zu melden?').outcome).toBe('answer');
  });

  it('leads with the sentence that states the date, not with the first sentence of the passage', () => {
    const text = kb.ask('Wann ist der Sachbericht spätestens abzugeben?').answer?.text ?? '';
    expect(text).toMatch(/^Einzureichen ist er spätestens drei Monate/);
  });
});
