/**
 * The Übersicht's charts (issue 13): enquiries per week by channel and by outcome as stacked bars, laid out
 * with d3-scale and d3-shape on the server (no script in the browser) and drawn by uebersicht.hbs as SVG.
 * Each chart carries its numbers as a table; series differ by fill pattern as well as colour (nothing by colour
 * alone), and every bar segment names its series, week and count.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';

/** One enquiry count as the overview query returns it. */
export interface WeekRow {
  week: string;
  channel: string;
  outcome: string;
  count: number;
}

/** A series: its label and the raw values (channel or outcome ids) it sums. */
export interface Series {
  label: string;
  keys: string[];
}

/** What uebersicht.hbs draws for one chart. */
export interface ChartModel {
  id: string;
  title: string;
  width: number;
  height: number;
  plot: { left: number; top: number; bottom: number; right: number };
  /** Each series' hatching (an SVG path in an 8×8 tile; empty for plain fill). */
  series: { index: number; label: string; hatch: string }[];
  bars: { x: number; y: number; width: number; height: number; series: number; label: string }[];
  ticks: { x: number; y: number; label: string }[];
  weekLabels: { x: number; label: string }[];
  table: { heads: string[]; rows: { week: string; counts: number[]; total: number }[] };
}

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 260;
const MARGIN = { top: 12, right: 12, bottom: 40, left: 44 };
/** Plain, diagonal, horizontal, vertical, crossed diagonal, dotted: told apart without colour. */
const HATCHES = ['', 'M0 8L8 0M-2 2L2 -2M6 10L10 6', 'M0 4H8', 'M4 0V8', 'M0 0L8 8M0 8L8 0', 'M1 1h2v2h-2zM5 5h2v2h-2z'];

/** SQLite's `strftime('%Y-W%W')` of a UTC instant (weeks start on Monday; days before the first Monday are week 00). */
export function sqliteWeek(at: Date): string {
  const start = Date.UTC(at.getUTCFullYear(), 0, 1);
  const yday = Math.floor((at.getTime() - start) / 86_400_000);
  const mondayBased = (at.getUTCDay() + 6) % 7;
  const week = Math.floor((yday + 7 - mondayBased) / 7);
  return `${at.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The `weeks` week keys up to the one of `now`, oldest first, plus any other week present in the rows. */
export function weekKeys(now: Date, weeks: number, rows: WeekRow[]): string[] {
  const keys = new Set<string>();
  for (let i = weeks - 1; i >= 0; i -= 1) keys.add(sqliteWeek(new Date(now.getTime() - i * 7 * 86_400_000)));
  for (const r of rows) keys.add(r.week);
  return [...keys].sort();
}

/**
 * "2026-W49" → "W49" (the axis label; the table keeps the year). Not "KW": SQLite's %W counts from the first
 * Monday, not ISO calendar weeks.
 */
const shortWeek = (week: string): string => week.slice(week.indexOf('W'));

/**
 * Lays out one stacked bar chart of `rows` per week, one stack layer per series (`by` picks the field).
 *
 * @example weeklyChart('kanal', 'Anfragen je Woche nach Kanal', rows, weeks, 'channel', [{ label: 'E-Mail', keys: ['email'] }])
 */
export function weeklyChart(id: string, title: string, rows: WeekRow[], weeks: string[], by: 'channel' | 'outcome', series: Series[]): ChartModel {
  const counts = weeks.map((week) => {
    const values = series.map((s) => rows.filter((r) => r.week === week && s.keys.includes(r[by])).reduce((sum, r) => sum + r.count, 0));
    return { week, values };
  });
  const layers = stack<{ week: string; values: number[] }, number>()
    .keys(series.map((_s, i) => i))
    .value((d, key) => d.values[key] ?? 0)(counts);
  const max = Math.max(1, ...counts.map((c) => c.values.reduce((a, b) => a + b, 0)));
  const x = scaleBand<string>().domain(weeks).range([MARGIN.left, CHART_WIDTH - MARGIN.right]).padding(0.2);
  const y = scaleLinear().domain([0, max]).nice().range([CHART_HEIGHT - MARGIN.bottom, MARGIN.top]);
  const bars = layers.flatMap((layer, s) =>
    layer
      .map((point) => ({ point, week: point.data.week, value: point.data.values[s] ?? 0 }))
      .filter(({ value }) => value > 0)
      .map(({ point, week, value }) => ({
        x: round(x(week) ?? 0),
        y: round(y(point[1])),
        width: round(x.bandwidth()),
        height: round(y(point[0]) - y(point[1])),
        series: s,
        label: `${shortWeek(week)}, ${series[s]?.label ?? ''}: ${value}`,
      })),
  );
  return {
    id,
    title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    plot: { left: MARGIN.left, top: MARGIN.top, bottom: CHART_HEIGHT - MARGIN.bottom, right: CHART_WIDTH - MARGIN.right },
    series: series.map((s, index) => ({ index, label: s.label, hatch: HATCHES[index % HATCHES.length] ?? '' })),
    bars,
    ticks: y.ticks(5).filter(Number.isInteger).map((t) => ({ x: MARGIN.left - 6, y: round(y(t)), label: t.toLocaleString('de-DE') })),
    weekLabels: weeks.map((week) => ({ x: round((x(week) ?? 0) + x.bandwidth() / 2), label: shortWeek(week) })),
    table: {
      heads: series.map((s) => s.label),
      rows: counts.map((c) => ({ week: c.week, counts: c.values, total: c.values.reduce((a, b) => a + b, 0) })),
    },
  };
}

const round = (v: number): number => Math.round(v * 10) / 10;
