import { describe, expect, it } from 'vitest';
import { answerTypes } from '../../../src/knowledge/answer-type.js';

describe(answerTypes.name, () => {
  it.each([
    ['Wie viel Geld gibt es?', ['typ_menge']],
    ['Wieviele Stellen gibt es?', ['typ_menge']],
    ['Nach wie vielen Jahren endet die Beratung?', ['typ_menge']],
    ['Bis wann muss der Sachbericht vorliegen?', ['typ_zeitpunkt']],
    ['Bis zu welchem Datum sind die Kennzahlen zu melden?', ['typ_zeitpunkt']],
    ['An welchem Tag war die Regionalkonferenz?', ['typ_zeitpunkt']],
    ['Welcher Stichtag galt?', ['typ_zeitpunkt']],
    ['Welche Unterlagen brauchen Sie?', []],
    ['Wie lange darf beraten werden?', ['typ_dauer']],
    ['Wer ist zuständig?', ['typ_wer']],
    ['Wo finde ich die VwV?', ['typ_ort']],
    ['Wie beantrage ich die Förderung?', ['typ_verfahren']],
    ['Sind Fortbildungskosten förderfähig?', []],
    // The basis of an amount or a distribution; an amount it is the basis for is not asked.
    ['Nach welchem Schlüssel bekam unser Kreis Mittel?', ['typ_grundlage']],
    ['Wonach richtet sich, wie viel Geld ein Kreis bekommt?', ['typ_grundlage']],
    ['Auf welcher Grundlage wurde berechnet, wie viel ein Kreis bekommt?', ['typ_grundlage']],
    ['Anhand welcher Zahlen wurde die Höhe festgelegt?', ['typ_grundlage']],
    ['Hing die Höhe von der Zahl der Aufgenommenen ab?', ['typ_grundlage']],
    ['Wie wurden die Mittel auf die Kreise verteilt?', ['typ_verfahren', 'typ_grundlage']],
    ['Wie wurde 2022 ausgerechnet, wie viel jeder Kreis bekommt?', ['typ_verfahren', 'typ_grundlage']],
  ])('%s → %j', (question, expected) => {
    expect(answerTypes(question)).toEqual(expected);
  });
});
