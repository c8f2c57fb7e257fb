import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/knowledge/markdown.js';
import { appendSection, contentProblems, renderSection, type ProposalContent } from '../../../src/knowledge-loop/proposal-markdown.js';

const DOC = { id: 'faq', title: 'Häufige Fragen', citation: 'Häufige Fragen', source: 'Beantwortete Vorgänge', stand: '2026' };
const WHO = { ticket: 'IM-2026-000042', author: 'sb-nord-1', approver: 'sb-nord-2', date: '2026-12-05' };
const GOOD: ProposalContent = {
  question: 'Dürfen Dolmetscherkosten aus der Förderung bezahlt werden?',
  answer: 'Nein. Dolmetscherkosten sind keine förderfähigen Ausgaben des Integrationsmanagements.\n\nSie können aber über andere Programme gefördert werden.',
  alternatives: ['Sind Übersetzungskosten förderfähig?', 'Zahlt das Land Dolmetscher?'],
  source: 'VwV Integrationsmanagement Nr. 5.2',
  stand: '2026-12-05',
  sectionId: '',
};
const FAQ = readFileSync('knowledge/faq.md', 'utf8');

describe('FAQ section writer', () => {
  it('appends a section the knowledge parser reads back as exactly one new passage with its questions, source, Stand and provenance', () => {
    const r = appendSection(FAQ, 'faq.md', GOOD, WHO, DOC);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.passageId).toBe('faq#duerfen-dolmetscherkosten-aus-der-foerderung-bezahlt-werden');
    const before = parseMarkdown(FAQ, 'faq.md');
    const after = parseMarkdown(r.text, 'faq.md');
    expect(after.problems).toEqual(before.problems);
    expect(after.passages.slice(0, -1)).toEqual(before.passages);
    const added = after.passages.at(-1)!;
    expect(added).toMatchObject({ id: r.passageId, title: GOOD.question, text: GOOD.answer, source: GOOD.source, stand: '2026-12-05', questions: GOOD.alternatives });
    expect(r.text).toContain('<!-- herkunft: Vorgang IM-2026-000042, vorgeschlagen von sb-nord-1, freigegeben von sb-nord-2, am 2026-12-05 -->');
    expect(r.text.startsWith(FAQ.replace(/\s*$/, ''))).toBe(true);
  });

  it('creates the document with front matter when it does not exist yet', () => {
    const r = appendSection(null, 'faq.md', { ...GOOD, sectionId: 'dolmetscher' }, WHO, DOC);
    expect(r.ok && r.passageId).toBe('faq#dolmetscher');
    if (r.ok) expect(parseMarkdown(r.text, 'faq.md')).toMatchObject({ documentId: 'faq', problems: [], passages: [{ id: 'faq#dolmetscher' }] });
  });

  it('refuses a duplicate section id, naming it', () => {
    const r = appendSection(FAQ, 'faq.md', { ...GOOD, sectionId: 'stellenteilung' }, WHO, DOC);
    expect(r).toEqual({ ok: false, problems: ['Die Kennung „stellenteilung“ gibt es in faq.md schon (faq#stellenteilung). Bitte wählen Sie eine andere Kennung.'] });
  });

  it('writes no herkunft ticket part for a proposal without ticket', () => {
    expect(renderSection(GOOD, { ...WHO, ticket: null })).toContain('<!-- herkunft: vorgeschlagen von sb-nord-1, freigegeben von sb-nord-2, am 2026-12-05 -->');
  });
});

describe('refusal rules', () => {
  const problems = (patch: Partial<ProposalContent>): string[] => contentProblems({ ...GOOD, ...patch });

  it('accepts a good proposal', () => expect(problems({})).toEqual([]));
  it('refuses an empty question or answer', () => {
    expect(problems({ question: '  ' })).toContain('Bitte geben Sie die Frage an.');
    expect(problems({ answer: '\n \n' })).toContain('Bitte geben Sie die Antwort an.');
  });
  it('refuses headings inside the answer (they would start a new section)', () => {
    expect(problems({ answer: 'Ja.\n## Neuer Abschnitt\nText' }).join(' ')).toContain('keine Überschriften');
    expect(problems({ answer: 'Ja.\n# Titel' }).join(' ')).toContain('keine Überschriften');
  });
  it('refuses front-matter fences, rules and code fences', () => {
    expect(problems({ answer: 'Ja.\n---\nid: x\n---' }).join(' ')).toContain('Trennlinien');
    expect(problems({ answer: 'Ja.\n```\ncode' }).join(' ')).toContain('Codeblöcke');
  });
  it('refuses comment markers anywhere (they would swallow the directives)', () => {
    expect(problems({ answer: 'Ja. <!-- fragen: x -->' }).join(' ')).toContain('„<!--“');
    expect(problems({ source: 'VwV -->' }).join(' ')).toContain('Quelle');
    expect(problems({ alternatives: ['a --> b'] }).join(' ')).toContain('alternative Frage');
  });
  it('refuses a question that would carry its own section id, a bad Stand, a missing source and a | in alternatives', () => {
    expect(problems({ question: 'Frage {#x}' }).join(' ')).toContain('„{#“');
    expect(problems({ stand: '5.12.2026' })).toContain('Der Stand ist ein Datum (JJJJ-MM-TT), ein Jahr oder „undatiert“.');
    expect(problems({ source: '' }).join(' ')).toContain('Bitte geben Sie die Quelle an');
    expect(problems({ alternatives: ['a | b'] }).join(' ')).toContain('„|“');
    expect(problems({ sectionId: 'Große Kennung' }).join(' ')).toContain('Kennung');
  });
  it('refuses when the whole-file parse does not show exactly one new passage', () => {
    // A target that is already broken is reported, not made worse.
    const r = appendSection('kein front matter\n', 'faq.md', GOOD, WHO, DOC);
    expect(r.ok).toBe(false);
  });
});
