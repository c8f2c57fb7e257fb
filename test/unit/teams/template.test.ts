import { describe, expect, it } from 'vitest';
import { DEFAULT_CARD_TEMPLATES_DIR } from '../../../src/channels/teams/index.js';
import { expandTemplate, loadCardTemplates, type Json } from '../../../src/channels/teams/cards/template.js';

describe(expandTemplate.name, () => {
  it.each([
    ['interpolates inside strings', { text: 'Ticket ${n}' }, { n: 'IM-2026-000001' }, { text: 'Ticket IM-2026-000001' }],
    ['keeps the type of a whole-string value', { data: { helpful: '${h}' } }, { h: true }, { data: { helpful: true } }],
    ['renders missing values as empty text', { text: 'a${missing}b' }, {}, { text: 'ab' }],
    ['negates with !', { isClosed: '${!open}' }, { open: false }, { isClosed: true }],
    ['reads dotted paths', { text: '${t.team.team}' }, { t: { team: { team: 'Team Nord' } } }, { text: 'Team Nord' }],
  ])('%s', (_name, template, data, expected) => {
    expect(expandTemplate(template, data)).toEqual(expected);
  });

  it('drops elements whose $when is falsy (empty arrays count as falsy) and keeps the others', () => {
    const template = { body: [{ text: 'a', $when: '${yes}' }, { text: 'b', $when: '${no}' }, { text: 'c', $when: '${!no}' }, { text: 'd', $when: '${list}' }] };
    expect(expandTemplate(template, { yes: 'x', no: '', list: [] })).toEqual({ body: [{ text: 'a' }, { text: 'c' }] });
  });

  it('repeats $data elements per item, with $root for the outer data', () => {
    const template: Json = { actions: [{ $data: '${items}', title: '${title}', data: { id: '${id}', key: '${$root.key}' } }, { title: 'Ende' }] };
    expect(expandTemplate(template, { key: 'k1', items: [{ title: 'A', id: 1 }, { title: 'B', id: 2 }] })).toEqual({
      actions: [{ title: 'A', data: { id: 1, key: 'k1' } }, { title: 'B', data: { id: 2, key: 'k1' } }, { title: 'Ende' }],
    });
  });

  it('does not evaluate expressions', () => {
    expect(expandTemplate({ text: '${constructor.constructor}' }, {})).toEqual({ text: '' });
    expect(expandTemplate({ text: '${1+1}' }, {})).toEqual({ text: '${1+1}' });
  });
});

describe(loadCardTemplates.name, () => {
  it('loads every shipped card template as an Adaptive Card 1.5', () => {
    const templates = loadCardTemplates(DEFAULT_CARD_TEMPLATES_DIR);
    expect([...templates.keys()].sort()).toEqual(['answer', 'ask-municipality', 'feedback-comment', 'staff-answer', 'staff-ticket', 'suggestions', 'suggestions-while-waiting', 'ticket-confirmation', 'welcome']);
    for (const template of templates.values()) expect(template).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });
});
