import { describe, expect, it } from 'vitest';
import { OPEN_END } from '../../../src/knowledge/consistency.js';
import { currentFlags, historyFlags, speaksOfBeginning, speaksOfPast } from '../../../src/knowledge/history.js';

describe(speaksOfPast.name, () => {
  it.each([
    'Wann ist das Integrationsmanagement gestartet?',
    'Wurde anfangs nur ein Teil der Mittel ausgezahlt?',
    'Wie viel Geld gab es insgesamt?',
    'Wann fand die erste Online-Konferenz statt, und wer nahm daran teil?',
    'Hat das Land in der Vergangenheit Regionalkonferenzen angeboten?',
    'Seit wann dürfen Integrationsmanager Geflüchtete aus der Ukraine beraten?',
    'wie wars damals mit dem geld',
  ])('hears the past in %j', (question) => {
    expect(speaksOfPast(question)).toBe(true);
  });

  it.each([
    'Zu welchen Terminen im Jahr können wir die bewilligten Mittel abrufen?',
    'Müssen wir Fördergeld zurückzahlen, wenn eine Stelle ein paar Monate unbesetzt bleibt?',
    // Preterite forms that serve as polite present are no past.
    'Was sollte in den Sachbericht, und könnte man ihn auch digital abgeben?',
    // "Stand" is the noun, "vorher" orders steps, "beschlossen sein" is a present passive.
    'Wie ist der Stand unseres Antrags, und muss der Stellenplan vorher beschlossen sein?',
    'Können wir den Sachbericht früher abgeben, wenn alle Angaben gegeben sind?',
  ])('hears no past in %j', (question) => {
    expect(speaksOfPast(question)).toBe(false);
  });
});

describe(historyFlags.name, () => {
  it('marks headings whose years all end before the newest period any heading names', () => {
    const flags = historyFlags([[[2017, 2017], [2018, 2018]], [[2023, 2024]], [[2025, OPEN_END]], [], [[2020, OPEN_END]]]);
    expect(flags).toEqual([true, true, false, false, false]);
  });

  it('marks nothing when no heading names a year', () => {
    expect(historyFlags([[], []])).toEqual([false, false]);
  });
});

describe(speaksOfBeginning.name, () => {
  it.each([
    ['wie viel geld gabs am anfang pro vollzeitstelle?', true],
    ['Wie viel Geld vom Land gab es anfangs für eine volle Stelle?', true],
    ['Wie hoch war der Fördersatz ursprünglich?', true],
    ['Wie viel Geld gab es 2024 für eine volle Stelle?', false],
    ['Wie hoch ist der Fördersatz?', false],
  ])('%j asks about the beginning: %s', (question, early) => {
    expect(speaksOfBeginning(question)).toBe(early);
  });
});

describe(currentFlags.name, () => {
  it('marks the passages whose heading names the newest period, open or closed', () => {
    expect(currentFlags([[[2017, 2018]], [[2025, OPEN_END]], [], [[2023, 2024]]])).toEqual([false, true, false, false]);
    expect(currentFlags([[], []])).toEqual([false, false]);
  });
});
