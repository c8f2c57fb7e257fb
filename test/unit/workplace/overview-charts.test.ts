import { describe, expect, it } from 'vitest';
import { CHART_HEIGHT, sqliteWeek, weekKeys, weeklyChart, type WeekRow } from '../../../src/channels/workplace/overview-charts.js';

const ROWS: WeekRow[] = [
  { week: '2026-W47', channel: 'email', outcome: 'answered', count: 3 },
  { week: '2026-W47', channel: 'teams', outcome: 'ticket_created', count: 1 },
  { week: '2026-W48', channel: 'email', outcome: 'ticket_created', count: 2 },
];

describe(sqliteWeek.name, () => {
  it.each([
    ['2026-01-01T12:00:00Z', '2026-W00'], // Thursday before the first Monday
    ['2026-01-05T00:00:00Z', '2026-W01'], // first Monday
    ['2026-12-05T03:00:00Z', '2026-W48'],
    ['2026-12-07T03:00:00Z', '2026-W49'],
  ])('%s is %s as SQLite counts it', (iso, week) => expect(sqliteWeek(new Date(iso))).toBe(week));
});

describe(weeklyChart.name, () => {
  const weeks = weekKeys(new Date('2026-12-05T03:00:00Z'), 3, ROWS);
  const chart = weeklyChart('kanal', 'Anfragen', ROWS, weeks, 'channel', [
    { label: 'E-Mail', keys: ['email'] },
    { label: 'Teams', keys: ['teams'] },
  ]);

  it('counts every week of the period, empty ones too, in its table', () => {
    expect(weeks).toEqual(['2026-W46', '2026-W47', '2026-W48']);
    expect(chart.table.rows).toEqual([
      { week: '2026-W46', counts: [0, 0], total: 0 },
      { week: '2026-W47', counts: [3, 1], total: 4 },
      { week: '2026-W48', counts: [2, 0], total: 2 },
    ]);
  });

  it('stacks one segment per non-zero count, heights proportional, each named by week, series and count', () => {
    expect(chart.bars.map((b) => b.label)).toEqual(['W47, E-Mail: 3', 'W48, E-Mail: 2', 'W47, Teams: 1']);
    const [email47, email48, teams47] = chart.bars;
    expect(email47!.height / email48!.height).toBeCloseTo(1.5, 1);
    expect(teams47!.y + teams47!.height).toBeCloseTo(email47!.y, 1); // Teams sits on top of e-mail
    expect(email47!.y + email47!.height).toBeCloseTo(chart.plot.bottom, 1);
    expect(chart.plot.bottom).toBeLessThan(CHART_HEIGHT);
    expect(new Set(chart.series.map((s) => s.hatch)).size).toBe(2);
  });

  it('sums several outcomes into one series', () => {
    const outcome = weeklyChart('ergebnis', 'x', ROWS, weeks, 'outcome', [{ label: 'Vorgang', keys: ['ticket_created', 'follow_up'] }]);
    expect(outcome.table.rows.map((r) => r.total)).toEqual([0, 1, 2]);
  });
});
