/** Verb forms that meet the synonyms of their infinitive (german.ts `verbVariants`), and stems kept apart. */
import { describe, expect, it } from 'vitest';
import { stem, verbVariants } from '../../../src/knowledge/german.js';

describe(verbVariants.name, () => {
  it('takes a separable verb in the infinitive with "zu" to its infinitive (abzugeben → abgeben)', () => {
    expect(verbVariants('abzugeben')).toContain(stem('abgeben'));
    expect(verbVariants('einzureichen')).toContain(stem('einreichen'));
    expect(verbVariants('weiterzugeben')).toContain(stem('weitergeben'));
  });

  it('keeps the participle of a separable verb (eingereicht → einreichen) and leaves words without "zu" after a particle alone', () => {
    expect(verbVariants('eingereicht')).toContain(stem('einreichen'));
    expect(verbVariants('zuzahlen')).not.toContain(stem('zahlen'));
  });
});

describe(stem.name, () => {
  it('keeps "Träger" (a provider) apart from "tragen" (to bear costs), in every spelling', () => {
    for (const w of ['träger', 'trägern', 'traeger', 'trager']) expect(stem(w)).not.toBe(stem('tragen'));
    expect(stem('trägern')).toBe(stem('träger'));
  });
});
