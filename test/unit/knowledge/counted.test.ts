import { describe, expect, it } from 'vitest';
import { countedNouns, countsOther } from '../../../src/knowledge/counted.js';

describe('countedNouns', () => {
  it('gives the noun a "Wie viele …?" question counts, after an adjective too, and in lower case', () => {
    expect(countedNouns('Wie viele Geflüchtete darf eine Vollzeitkraft höchstens betreuen?')).toEqual(['gefluchtet']);
    expect(countedNouns('Wie viele Jahre darf ein Geflüchteter betreut werden?')).toEqual(['jahr']);
    expect(countedNouns('Wie viele zusätzliche Stellen gibt es?')).toEqual(['stelle']);
    expect(countedNouns('wie viele stellen gibt es')).toEqual(['stelle']);
  });

  it('counts nothing in "wie viel Geld" (a sum) or without "wie viele"', () => {
    expect(countedNouns('Wie viel Geld gibt es für eine Stelle?')).toEqual([]);
    expect(countedNouns('Wie lange darf eine Person beraten werden?')).toEqual([]);
  });
});

describe('countsOther', () => {
  it('tells a passage counting other things from one counting the same, a compound with the same head included', () => {
    expect(countsOther(['gefluchtet'], ['jahr'])).toBe(true);
    expect(countsOther(['stelle'], ['vollzeitstell', 'integrationsmanag'])).toBe(false);
    expect(countsOther(['integrationsmanag'], ['integrationsmanag'])).toBe(false);
  });

  it('says nothing when either counts nothing', () => {
    expect(countsOther([], ['jahr'])).toBe(false);
    expect(countsOther(['stelle'], [])).toBe(false);
  });
});
