import { describe, expect, it } from 'vitest';
import { mainClauseWords } from '../../../src/knowledge/assess-condition.js';

describe('mainClauseWords', () => {
  it('gives the words the main clause of "Wenn …, …?" adds to its condition', () => {
    expect(mainClauseWords('Wenn Geld übrig ist, dürfen wir das Geld mitnehmen?')).toEqual(new Set(['durfen', 'wir', 'das', 'mitnehmen']));
    expect(mainClauseWords('Wir haben eine Frage. Falls die Stelle frei wird, was gilt dann?')).toEqual(new Set(['was', 'gilt', 'dann']));
  });

  it('is null for a question without a leading condition', () => {
    expect(mainClauseWords('Dürfen wir Geld ins nächste Jahr mitnehmen, wenn es übrig ist?')).toBeNull();
    expect(mainClauseWords('Wenn möglich bitte kurz antworten.')).toBeNull();
  });
});
