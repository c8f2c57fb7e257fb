/** With PUBLIC_FAQ_URL the Teams answer card links the cited passage on the published FAQ site (issue 14 item 4). */
import { describe, expect, it } from 'vitest';
import { CardRenderer } from '../../../src/channels/teams/cards/render.js';
import { loadCardTemplates } from '../../../src/channels/teams/cards/template.js';
import { DEFAULT_CARD_TEMPLATES_DIR } from '../../../src/channels/teams/index.js';
import type { AskResult } from '../../../src/core/knowledge.js';
import { faqLink } from '../../../src/knowledge-loop/export-links.js';

const ask: AskResult = {
  question: 'Darf eine Stelle geteilt werden?',
  answered: true,
  confidence: 0.9,
  outcome: 'answer',
  hits: [],
  suggestions: [],
  answer: { text: 'Ja.', citation: 'FAQ', passageId: 'faq#stellenteilung', title: 'Stellenteilung', source: 'https://rp.example/faq', stand: '2024-05-01' },
};
const texts = (a: { content?: unknown }): string[] => (a.content as { body: { text?: string }[] }).body.map((b) => b.text ?? '');

describe('FAQ link on the Teams answer card', () => {
  it('links the passage when a base URL is set', () => {
    const cards = new CardRenderer(loadCardTemplates(DEFAULT_CARD_TEMPLATES_DIR), (id) => faqLink('https://rp.example/faq/', id));
    expect(texts(cards.answer(ask, 'k', 'q'))).toContain('[In den häufigen Fragen nachlesen](https://rp.example/faq/faq.html#stellenteilung)');
  });

  it('shows no link without one', () => {
    const cards = new CardRenderer(loadCardTemplates(DEFAULT_CARD_TEMPLATES_DIR));
    expect(texts(cards.answer(ask, 'k', 'q')).some((t) => t.includes('häufigen Fragen'))).toBe(false);
  });
});
