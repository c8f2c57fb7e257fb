import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/knowledge/markdown.js';

const doc = (front: string, body: string): string => `---\n${front}\n---\n${body}`;
const FRONT = 'id: vwv-im\ntitle: VwV Integrationsmanagement\ncitation: VwV Integrationsmanagement\nsource: https://example.org/vwv\nstand: 2020-11-11';

describe(parseMarkdown.name, () => {
  it('makes one passage per ## section with numbered and slug ids, citations and directives', () => {
    const text = doc(
      FRONT,
      [
        'Intro is not a passage.',
        '## 5.2 Förderfähige Ausgaben',
        '<!-- fragen: Was wird gefördert? | Sind Fortbildungskosten förderfähig? -->',
        'Personalkosten.',
        '### Unterpunkt',
        'Bleibt im Abschnitt.',
        '## Antragsfrist {#antragsfrist}',
        '<!-- quelle: https://example.org/faq (FAQ) -->',
        '<!-- stand: 2017-07-24 -->',
        'Bis 31. Januar.',
      ].join('\n'),
    );
    const { passages, problems } = parseMarkdown(text, 'vwv.md');
    expect(problems).toEqual([]);
    expect(passages.map((p) => p.id)).toEqual(['vwv-im#5.2', 'vwv-im#antragsfrist']);
    expect(passages[0]).toMatchObject({
      section: '5.2',
      title: 'Förderfähige Ausgaben',
      citation: 'VwV Integrationsmanagement Nr. 5.2',
      questions: ['Was wird gefördert?', 'Sind Fortbildungskosten förderfähig?'],
      source: 'https://example.org/vwv',
      stand: '2020-11-11',
    });
    expect(passages[0]!.text).toContain('Bleibt im Abschnitt.');
    expect(passages[0]!.text).not.toContain('fragen');
    expect(passages[1]).toMatchObject({ citation: 'VwV Integrationsmanagement', source: 'https://example.org/faq', stand: '2017-07-24' });
  });

  it('joins a list of sources and reads a numeric Stand as text', () => {
    const text = doc('id: faq\ntitle: FAQ\nsource:\n  - https://a.example\n  - https://b.example\nstand: 2023', '## Frage {#f}\nAntwort.');
    expect(parseMarkdown(text, 'faq.md').passages[0]).toMatchObject({ source: 'https://a.example, https://b.example', stand: '2023', citation: 'FAQ' });
  });

  it.each([
    ['no front matter', '## A\nText', 1, /front matter/],
    ['unclosed front matter', '---\nid: x\ntitle: y\n## A\nText', 1, /not closed/],
    ['malformed YAML', '---\nid: x\ntitle: [unclosed\n---\n## A\nText', 3, /malformed/],
    ['missing id', '---\ntitle: Ohne Id\n---\n## A\nText', 2, /id/],
    ['invalid id', '---\nid: Großes Id\ntitle: T\n---\n## A\nText', 2, /id/],
  ])('reports %s with file and line and yields no passages', (_name, text, line, message) => {
    const parsed = parseMarkdown(text, 'broken.md');
    expect(parsed.passages).toEqual([]);
    expect(parsed.problems[0]).toMatchObject({ file: 'broken.md', line });
    expect(parsed.problems[0]!.message).toMatch(message);
  });

  it('reports a duplicate section id and an empty section, keeping the rest', () => {
    const text = doc('id: d\ntitle: D', '## A {#a}\nEins.\n## B {#a}\nZwei.\n## Leer {#leer}\n\n## C {#c}\nDrei.');
    const parsed = parseMarkdown(text, 'd.md');
    expect(parsed.passages.map((p) => p.id)).toEqual(['d#a', 'd#c']);
    expect(parsed.problems).toEqual([
      expect.objectContaining({ line: 7, message: expect.stringMatching(/duplicate section id "a"/) }),
      expect.objectContaining({ line: 9, message: expect.stringMatching(/no text/) }),
    ]);
  });

  it('ignores headings inside code fences', () => {
    const text = doc('id: d\ntitle: D', '## A {#a}\n```\n## not a heading\n```\nText.');
    expect(parseMarkdown(text, 'd.md').passages.map((p) => p.id)).toEqual(['d#a']);
  });
});
