import { describe, expect, it } from 'vitest';
import { addWorkingDays, createDeadlinePolicy, isWorkingDay } from '../../../src/tickets/deadlines.js';

/** ISO instant of 23:59:59.999 Berlin on a date (CEST in summer: 21:59:59.999Z, CET in winter: 22:59:59.999Z). */
const endOf = (date: string, summer: boolean): string => {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(summer ? -2 : -1);
  return new Date(d.getTime() - 1).toISOString();
};

describe(addWorkingDays.name, () => {
  it.each([
    // Fronleichnam Thu 4 June 2026 is a holiday in Baden-Württemberg.
    { case: 'over Fronleichnam and a weekend', received: '2026-06-03T08:00:00Z', days: 2, due: endOf('2026-06-08', true) },
    { case: 'received on Fronleichnam', received: '2026-06-04T10:00:00Z', days: 1, due: endOf('2026-06-05', true) },
    { case: 'received on Saturday', received: '2026-06-06T10:00:00Z', days: 1, due: endOf('2026-06-08', true) },
    { case: 'received Friday evening', received: '2026-06-05T16:30:00Z', days: 2, due: endOf('2026-06-09', true) },
    // 25 and 26 December 2025 (Thu, Fri) are holidays; 24 December is a working day.
    { case: 'over Christmas and 26.12.', received: '2025-12-24T09:00:00Z', days: 2, due: endOf('2025-12-30', false) },
    { case: 'ten days across Christmas and New Year (1.1., 6.1.)', received: '2025-12-22T09:00:00Z', days: 10, due: endOf('2026-01-09', false) },
    // 23:30 UTC on 2 June is already 3 June in Berlin: counting starts from the Berlin date.
    { case: 'late evening counts by Berlin date', received: '2026-06-02T23:30:00Z', days: 1, due: endOf('2026-06-05', true) },
  ])('$case', ({ received, days, due }) => {
    expect(addWorkingDays(new Date(received), days).toISOString()).toBe(due);
  });
});

describe(isWorkingDay.name, () => {
  it.each([
    ['2026-06-04', false],
    ['2026-06-05', true],
    ['2026-06-06', false],
    ['2025-12-26', false],
    ['2025-12-24', true],
    ['2026-01-06', false],
  ] as const)('%s → %s', (date, expected) => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    expect(isWorkingDay({ year, month, day })).toBe(expected);
  });
});

describe(createDeadlinePolicy.name, () => {
  it('uses 2/10 working days by default and 1/5 for Frist', () => {
    const policy = createDeadlinePolicy();
    const at = new Date('2026-06-03T08:00:00Z');
    expect(policy.due('antrag', at)).toEqual({ firstResponseDue: endOf('2026-06-08', true), resolutionDue: endOf('2026-06-18', true) });
    expect(policy.due('frist', at)).toEqual({ firstResponseDue: endOf('2026-06-05', true), resolutionDue: endOf('2026-06-11', true) });
  });

  it('lets a category be configured', () => {
    const policy = createDeadlinePolicy({ antrag: { firstResponseDays: 1, resolutionDays: 1 } });
    expect(policy.due('antrag', new Date('2026-06-03T08:00:00Z')).resolutionDue).toBe(endOf('2026-06-05', true));
  });
});
