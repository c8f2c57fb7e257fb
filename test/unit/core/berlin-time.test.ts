import { describe, expect, it } from 'vitest';
import { berlinDate, berlinDay, berlinMidnight } from '../../../src/core/berlin-time.js';

/** The Berlin day straight from Intl, with nothing remembered between calls. */
function reference(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Instants every 7 minutes and 13 seconds from `from` for `hours` hours (odd steps hit minutes and seconds). */
function instants(from: string, hours: number): Date[] {
  const start = Date.parse(from);
  return Array.from({ length: Math.floor((hours * 3600) / 433) }, (_, i) => new Date(start + i * 433_000));
}

describe(berlinDay.name, () => {
  it.each([
    ['the spring switch (2026-03-29, 02:00 → 03:00)', '2026-03-28T20:00:00Z'],
    ['the autumn switch (2026-10-25, 03:00 → 02:00)', '2026-10-24T20:00:00Z'],
    ['a winter midnight', '2026-01-14T21:00:00Z'],
    ['a summer midnight', '2026-07-14T20:00:00Z'],
    ['New Year', '2026-12-31T20:00:00Z'],
  ])('gives the Berlin day Intl gives around %s', (_, from) => {
    for (const instant of instants(from, 10)) expect(berlinDay(instant), instant.toISOString()).toBe(reference(instant));
  });

  it('turns the day on the last second before Berlin midnight, in winter and in summer', () => {
    expect(berlinDay(new Date('2026-03-03T22:59:59.999Z'))).toBe('2026-03-03');
    expect(berlinDay(new Date('2026-03-03T23:00:00.000Z'))).toBe('2026-03-04');
    expect(berlinDay(new Date('2026-07-03T21:59:59.999Z'))).toBe('2026-07-03');
    expect(berlinDay(new Date('2026-07-03T22:00:00.000Z'))).toBe('2026-07-04');
  });

  it('gives the same answer for an hour asked again later (a remembered offset is the right one)', () => {
    const a = new Date('2026-10-25T00:30:00Z');
    const b = new Date('2026-10-25T01:30:00Z');
    expect([berlinDate(a), berlinDate(b), berlinDate(a)]).toEqual([
      { year: 2026, month: 10, day: 25 },
      { year: 2026, month: 10, day: 25 },
      { year: 2026, month: 10, day: 25 },
    ]);
  });

  it('still refuses an invalid date', () => {
    expect(() => berlinDay(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe(berlinMidnight.name, () => {
  it.each([
    [{ year: 2026, month: 3, day: 29 }, '2026-03-28T23:00:00.000Z'],
    [{ year: 2026, month: 3, day: 30 }, '2026-03-29T22:00:00.000Z'],
    [{ year: 2026, month: 10, day: 25 }, '2026-10-24T22:00:00.000Z'],
    [{ year: 2026, month: 10, day: 26 }, '2026-10-25T23:00:00.000Z'],
  ])('finds 00:00 Berlin time of %o', (date, expected) => {
    expect(berlinMidnight(date).toISOString()).toBe(expected);
  });
});
