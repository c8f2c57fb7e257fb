import { describe, expect, it } from 'vitest';
import { SEARCH_SETTINGS } from '../../../src/knowledge/index.minisearch.js';
import type { QueryGroup, QueryPlan } from '../../../src/knowledge/query.js';
import { ASKED_WEIGHT, GENERIC_WEIGHT, weighTerms, YEAR_WEIGHT } from '../../../src/knowledge/weights.js';

const group = (word: string, extra: Partial<QueryGroup> = {}): QueryGroup => ({
  word,
  own: [word],
  related: [],
  offTopic: false,
  core: false,
  noun: true,
  parts: [],
  generic: false,
  ...extra,
});

const plan = (groups: QueryGroup[]): QueryPlan => ({ groups, answerTypes: [] }) as unknown as QueryPlan;

describe('weighTerms', () => {
  // Every term occurs in 3 of 20 passages: the same idf, so only the kind of word sets the weight.
  const df = new Map([['regionalkonferenz', 3], ['2019', 3], ['juli', 3]]);
  const w = weighTerms(df, 20, plan([group('regionalkonferenz'), group('2019', { noun: false }), group('juli', { generic: true })]), SEARCH_SETTINGS).weight;

  it('weighs a year below a topic word of the same rarity (the year is checked by consistency, not matched as a topic)', () => {
    expect(w.get('2019')).toBeCloseTo(w.get('regionalkonferenz')! * YEAR_WEIGHT);
    expect(YEAR_WEIGHT).toBeLessThan(1);
  });

  it('weighs a generic word (a month) below a topic word of the same rarity', () => {
    expect(w.get('juli')).toBeCloseTo(w.get('regionalkonferenz')! * GENERIC_WEIGHT);
    expect(GENERIC_WEIGHT).toBeLessThan(1);
  });

  it('weighs the noun the question asks for above another topic word of the same rarity', () => {
    const a = weighTerms(new Map([['schlussel', 3], ['mittel', 3]]), 20, plan([group('schlussel', { asked: true }), group('mittel')]), SEARCH_SETTINGS).weight;
    expect(a.get('schlussel')).toBeCloseTo(a.get('mittel')! * ASKED_WEIGHT);
    expect(ASKED_WEIGHT).toBeGreaterThan(1);
  });

  it('keeps a number that is no year at full weight', () => {
    const n = weighTerms(new Map([['1200', 3], ['stelle', 3]]), 20, plan([group('1200', { noun: false }), group('stelle')]), SEARCH_SETTINGS).weight;
    expect(n.get('1200')).toBeCloseTo(n.get('stelle')!);
  });

  it('lets the synonyms of a word the knowledge base never uses stand in for it at a higher weight', () => {
    const df2 = new Map([['zwischennachweis', 3], ['nachweis', 3]]);
    const stand = weighTerms(df2, 20, plan([group('zwischenabrechn', { related: ['zwischennachweis'] })]), SEARCH_SETTINGS).weight;
    const usual = weighTerms(new Map([...df2, ['abrechn', 3]]), 20, plan([group('abrechn', { related: ['nachweis'] })]), SEARCH_SETTINGS).weight;
    expect(stand.get('zwischennachweis')).toBeGreaterThan(usual.get('nachweis')!);
    expect(usual.get('nachweis')).toBeLessThan(usual.get('abrechn')!);
  });

  it('matches a misspelt word fuzzily by the length of the written word, not of its stem (zusamen → zusam)', () => {
    const fuzzy = weighTerms(new Map([['stelle', 3]]), 20, plan([group('zusamen', { own: ['zusam'], noun: false }), group('kan', { own: ['kan'], noun: false })]), SEARCH_SETTINGS).fuzzy;
    expect(fuzzy.get('zusam')).toBe(1);
    expect(fuzzy.has('kan')).toBe(false);
  });
});
