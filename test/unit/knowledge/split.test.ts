import { describe, expect, it } from 'vitest';
import { splitBlocks, type Block } from '../../../src/knowledge/split.js';

const meta = { id: 'vwv-im', title: 'VwV Integrationsmanagement', citation: 'VwV Integrationsmanagement', source: 'https://example.org', stand: '2017' };
const lines = (...texts: string[]): Block[] => texts.map((text) => ({ text, heading: false }));

describe(splitBlocks.name, () => {
  it('splits by VwV numbering, also "Nr. 5.2", ignoring years and out-of-order numbers', () => {
    const passages = splitBlocks(
      lines('Verwaltungsvorschrift', '1 Zuwendungszweck', 'Das Land fördert.', 'Im Jahr', '2017 wurden Mittel bereitgestellt.', 'Nr. 1.1 Ziel', 'Integration.', '2 Gegenstand', 'Beratung.', '1 kein neuer Abschnitt'),
      meta,
    );
    expect(passages.map((p) => p.id)).toEqual(['vwv-im#1', 'vwv-im#1.1', 'vwv-im#2']);
    expect(passages[0]).toMatchObject({ title: 'Zuwendungszweck', citation: 'VwV Integrationsmanagement Nr. 1' });
    expect(passages[0]!.text).toContain('2017 wurden Mittel bereitgestellt.');
    expect(passages[2]!.text).toContain('1 kein neuer Abschnitt');
  });

  it('falls back to headings', () => {
    const blocks: Block[] = [
      { text: 'Antragsverfahren', heading: true },
      { text: 'Anträge stellen die Kreise.', heading: false },
      { text: 'Fristen', heading: true },
      { text: 'Bis 31. Januar.', heading: false },
    ];
    expect(splitBlocks(blocks, meta).map((p) => [p.id, p.title, p.citation])).toEqual([
      ['vwv-im#antragsverfahren', 'Antragsverfahren', 'VwV Integrationsmanagement'],
      ['vwv-im#fristen', 'Fristen', 'VwV Integrationsmanagement'],
    ]);
  });

  it('falls back to paragraph windows', () => {
    const para = 'Ein Absatz über die Förderung. '.repeat(20);
    const passages = splitBlocks(lines(para, para, para), meta);
    expect(passages.length).toBeGreaterThanOrEqual(2);
    expect(passages[0]).toMatchObject({ id: 'vwv-im#teil-1', title: 'VwV Integrationsmanagement (Teil 1)' });
  });

  it('yields nothing for empty text', () => {
    expect(splitBlocks(lines('', '  '), meta)).toEqual([]);
  });
});
