import { describe, expect, it } from 'vitest';
import { clauses } from '../../../src/knowledge/assess-parts.js';

describe('clauses', () => {
  it('splits at ", und", a dash, a semicolon and a second question', () => {
    expect(clauses('Ab wann fließt der Zuschuss, und sind Büromöbel auch mit drin?')).toEqual(['Ab wann fließt der Zuschuss', 'sind Büromöbel auch mit drin?']);
    expect(clauses('Die Stelle ist seit Mai unbesetzt – müssen wir Geld zurückzahlen?')).toEqual(['Die Stelle ist seit Mai unbesetzt', 'müssen wir Geld zurückzahlen?']);
    expect(clauses('Wie lang darf der Sachbericht sein? Und bis wann muss er vorliegen?')).toEqual(['Wie lang darf der Sachbericht sein', 'Und bis wann muss er vorliegen?']);
  });

  it('keeps a question of one clause whole (an "und" between two words is no clause boundary)', () => {
    expect(clauses('Sind Laptop und Diensthandy förderfähig?')).toEqual([]);
    expect(clauses('Frist für den Verwendungsnachweis und für die Kennzahlen?')).toEqual([]);
  });

  it('drops a clause too short to be asked on its own', () => {
    expect(clauses('Wie hoch ist der Fördersatz je Vollzeitstelle? Danke!')).toEqual([]);
  });
});
