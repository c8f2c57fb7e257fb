import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../src/knowledge/index.minisearch.js';
import { isRestatement } from '../../../src/knowledge/restatement.js';
import type { Passage } from '../../../src/knowledge/types.js';

const passage = (documentId: string, section: string, text: string): Passage => ({
  id: `${documentId}#${section}`,
  documentId,
  section,
  title: section,
  text,
  source: 'https://example.org',
  citation: documentId,
});

const kennzahlenFaq = passage('faq', 'kennzahlen', 'Die Kennzahlen sind jährlich bis 31. Januar für das Vorjahr an die Bewilligungsstelle zu melden.');
const kennzahlenChange = passage('aenderung', 'kennzahlen', 'Seit der Änderung sind die Kennzahlen jährlich bis 31. Januar für das Vorjahr an die Bewilligungsstelle zu übermitteln.');
const chronicle = passage('chronik', '2022', 'Seit einem Erlass vom 11. März 2022 können auch Geflüchtete aus der Ukraine beraten werden.');
const ukraine = passage('ukraine', '2022', 'Für 2022 stellte das Land eine Soforthilfe von 8 Mio. Euro für Vertriebene bereit.');
const other = passage('faq', 'sachbericht', 'Der Sachbericht soll möglichst nicht länger als drei Seiten sein.');
const reports = passage('verwendungsnachweis', 'sachberichte', 'Jeder Antragsteller legt einen Sachbericht vor; er soll möglichst nicht länger als drei Seiten sein.');
const index = buildIndex([kennzahlenFaq, kennzahlenChange, chronicle, ukraine, other, reports], { abkuerzungen: {}, gruppen: [], themenfremd: [], kernbegriffe: [] }, new Map());

describe(isRestatement.name, () => {
  it('takes two passages of different documents with the same section name and largely the same words as one rule', () => {
    expect(isRestatement(kennzahlenFaq, kennzahlenChange, index)).toBe(true);
  });

  it('takes a section name that starts another one (sachbericht, sachberichte) as the same name', () => {
    expect(isRestatement(other, reports, index)).toBe(true);
    expect(isRestatement(reports, other, index)).toBe(true);
  });

  it('does not take sections that share only their name (a year) as one rule', () => {
    expect(isRestatement(chronicle, ukraine, index)).toBe(false);
  });

  it('does not take passages under different section names, or of one document, as restatements', () => {
    expect(isRestatement(kennzahlenFaq, other, index)).toBe(false);
    expect(isRestatement(kennzahlenFaq, kennzahlenFaq, index)).toBe(false);
  });
});
