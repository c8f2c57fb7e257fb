import { describe, expect, it } from 'vitest';
import { dueText, workingDaysLeft } from '../../../src/channels/workplace/labels.js';
import { filterQuery, parseQueueFilter } from '../../../src/channels/workplace/queue-filter.js';

describe(workingDaysLeft.name, () => {
  // Wed 3 June 2026; Thu 4 June is Fronleichnam (a holiday in Baden-Württemberg).
  const wednesday = new Date('2026-06-03T08:00:00Z');

  it.each([
    ['2026-06-03T21:59:00Z', 0],
    ['2026-06-05T21:59:00Z', 1],
    ['2026-06-08T21:59:00Z', 2],
    ['2026-06-01T21:59:00Z', -2],
  ])('counts working days to %s as %i, skipping the weekend and Fronleichnam', (due, expected) => {
    expect(workingDaysLeft(wednesday, due)).toBe(expected);
  });

  it('says in words how much time is left or how long it is overdue', () => {
    expect(dueText(wednesday, '2026-06-08T21:59:00Z', null)).toMatch(/noch 2 Arbeitstage$/);
    expect(dueText(wednesday, '2026-06-01T21:59:00Z', null)).toMatch(/überfällig seit 2 Arbeitstagen$/);
    expect(dueText(wednesday, '2026-06-01T21:59:00Z', '2026-05-29T10:00:00Z')).toContain('erledigt am');
  });
});

describe(parseQueueFilter.name, () => {
  it('applies defaults and ignores malformed values instead of failing the page', () => {
    const filter = parseQueueFilter({ status: 'kaputt', kreis: '99999', seite: '-3', kategorie: 'antrag', q: '  HN-4711 ' }, 'team');
    expect(filter).toEqual({ view: 'team', status: 'offen', kreisAgs: null, category: 'antrag', channel: null, overdueOnly: false, search: 'HN-4711', page: 1 });
  });

  it('round-trips through the query string used by the page links', () => {
    const filter = parseQueueFilter({ ansicht: 'meine', status: 'neu', kreis: '08121', kanal: 'email', ueberfaellig: '1', seite: '2' }, 'team');
    expect(parseQueueFilter(Object.fromEntries(new URLSearchParams(filterQuery(filter))), 'alle')).toEqual(filter);
  });
});
