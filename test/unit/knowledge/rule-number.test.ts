import { describe, expect, it } from 'vitest';
import { askedRule, citedRules } from '../../../src/knowledge/rule-number.js';

describe('askedRule', () => {
  it('gives the rule number a question asks about', () => {
    expect(askedRule('Was regelt Nr. 7.4.2 der VwV Integrationsmanagement?')).toBe('7.4.2');
    expect(askedRule('Was steht in Ziffer 6.2?')).toBe('6.2');
  });

  it('is null for a number named in passing', () => {
    expect(askedRule('Wenn das Integrationsmanagement nach Nr. 3.2 der VwV übertragen ist, wer reicht den Sachbericht ein?')).toBeNull();
    expect(askedRule('Was regelt die VwV zur Frist?')).toBeNull();
  });
});

describe('citedRules', () => {
  it('gives the rule numbers a text cites, without a full stop after them', () => {
    expect(citedRules('Dafür gilt die Frist nach Nr. 7.4.2 der VwV entsprechend. Siehe auch Nummer 6.2.')).toEqual(['7.4.2', '6.2']);
    expect(citedRules('Ohne Nummern.')).toEqual([]);
  });
});
