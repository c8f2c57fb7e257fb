import { describe, expect, it } from 'vitest';
import { resolvePointer } from '../../../src/core/triage/question-pointer.js';

describe(resolvePointer.name, () => {
  it.each([
    [
      'Ab wann gilt diese Änderung?',
      'bei der Durchsicht unserer Unterlagen zum Integrationsmanagement sind wir auf die Änderung der VwV vom 11. November 2020 gestoßen.',
      'Ab wann gilt die Änderung der VwV vom 11. November 2020?',
    ],
    ['Was regelt dieser Erlass genau?', 'Ich habe vom Erlass des Sozialministeriums vom 11. März 2022 gehört.', 'Was regelt der Erlass des Sozialministeriums vom 11. März 2022 genau?'],
    ['Diese Frist gilt auch für Kreise?', 'Uns wurde die Frist zum 31. Januar genannt.', 'Die Frist zum 31. Januar gilt auch für Kreise?'],
  ])('puts the noun phrase of the context in place of the pointer: %j', (question, context, resolved) => {
    expect(resolvePointer(question, context)).toBe(resolved);
  });

  it.each([
    // Nothing after the noun in the context, or a verb right after it: nothing to resolve with.
    ['Gilt diese Frist auch für uns?', 'Die Frist endet bald.'],
    ['Wie hoch ist dieser Betrag?', 'Wir haben den Betrag gesehen.'],
    // The context does not name the noun.
    ['Ab wann gilt diese Regel?', 'Wir haben die VwV vom 11. November 2020 gelesen.'],
    // No demonstrative with a noun.
    ['Ab wann gilt das?', 'Wir haben die Änderung der VwV vom 11. November 2020 gelesen.'],
  ])('leaves %j as it is', (question, context) => {
    expect(resolvePointer(question, context)).toBeNull();
  });
});
