/**
 * The model of the Übersicht (uebersicht.hbs): tables, the weekly charts (d3-scale, d3-shape) and the Kreis map.
 * Loaded on the first visit of the page (overview-page.ts), so the chart libraries cost nothing at start-up.
 */
import { TICKET_STATUSES } from '../../core/outcome.js';
import { CHANNEL_LABELS, STATUS_LABELS, germanTime } from './labels.js';
import { weekKeys, weeklyChart } from './overview-charts.js';
import { MAP_HEIGHT, MAP_WIDTH, shadeStep, type KreisShape } from './kreis-map.fs.js';
import { OVERVIEW_WEEKS, type OverviewFigures } from './overview-query.js';

const OPEN_STATUSES = TICKET_STATUSES.filter((s) => s !== 'erledigt');
const OUTCOMES: [string, string[]][] = [
  ['Beantwortet', ['answered']],
  ['Vorschläge', ['suggested']],
  ['Vorgang', ['ticket_created', 'follow_up']],
  ['Abgelehnt', ['declined']],
  ['Sonstige', ['acknowledged', 'suppressed', 'duplicate', 'invalid']],
];

/** Builds the model of uebersicht.hbs. */
export function overviewModel(figures: OverviewFigures, now: Date, shapes: KreisShape[]): object {
  const byWeek = new Map<string, Map<string, number[]>>();
  for (const r of figures.weeks) {
    const channels = byWeek.get(r.week) ?? new Map<string, number[]>();
    const counts = channels.get(r.channel) ?? OUTCOMES.map(() => 0);
    const column = OUTCOMES.findIndex(([, kinds]) => kinds.includes(r.outcome));
    counts[column === -1 ? OUTCOMES.length - 1 : column]! += r.count;
    channels.set(r.channel, counts);
    byWeek.set(r.week, channels);
  }
  const h = figures.medianFirstResponseHours;
  return {
    title: 'Übersicht',
    navUebersicht: true,
    stand: germanTime(now.toISOString()),
    statusHeads: OPEN_STATUSES.map((s) => STATUS_LABELS[s]),
    teams: figures.teams.map((t) => ({ team: t.team, counts: OPEN_STATUSES.map((s) => t.perStatus[s] ?? 0), open: t.open, overdue: t.overdue })),
    firstResponse:
      h === null
        ? `Keine Vorgänge der letzten ${OVERVIEW_WEEKS} Wochen mit erster Antwort.`
        : `Median ${h.toLocaleString('de-DE')} Stunden vom Eingang bis zur ersten Antwort der Sachbearbeitung, Vorgänge der letzten ${OVERVIEW_WEEKS} Wochen (${figures.firstResponses}).`,
    weekCount: OVERVIEW_WEEKS,
    outcomeHeads: OUTCOMES.map(([label]) => label),
    weeks: [...byWeek.entries()].flatMap(([week, channels]) =>
      [...channels.entries()].map(([channel, counts]) => ({ week, channel: CHANNEL_LABELS[channel as keyof typeof CHANNEL_LABELS] ?? channel, counts })),
    ),
    charts: charts(figures, now),
    kreise: figures.kreise.map((k) => ({ ...k, name: k.name ?? k.ags })),
    map: shapes.length === 0 ? null : mapModel(figures, shapes),
  };
}

/** Enquiries per week by channel and by outcome, each a chart with its table. */
function charts(figures: OverviewFigures, now: Date): object[] {
  const weeks = weekKeys(now, OVERVIEW_WEEKS, figures.weeks);
  const channels = (Object.keys(CHANNEL_LABELS) as (keyof typeof CHANNEL_LABELS)[]).map((c) => ({ label: CHANNEL_LABELS[c], keys: [c as string] }));
  const outcomes = OUTCOMES.map(([label, keys]) => ({ label, keys }));
  return [
    weeklyChart('kanal', `Anfragen je Woche nach Kanal (letzte ${OVERVIEW_WEEKS} Wochen)`, figures.weeks, weeks, 'channel', channels),
    weeklyChart('ergebnis', `Anfragen je Woche nach Ergebnis (letzte ${OVERVIEW_WEEKS} Wochen)`, figures.weeks, weeks, 'outcome', outcomes),
  ];
}

const STEP_LABELS = ['keine', '1–2', '3–5', '6–10', 'mehr als 10'];

/** The choropleth: every Kreis with its shade step and its number in the tooltip. */
function mapModel(figures: OverviewFigures, shapes: KreisShape[]): object {
  const open = new Map(figures.kreise.map((k) => [k.ags, k.open]));
  return {
    width: MAP_WIDTH,
    height: MAP_HEIGHT,
    shapes: shapes.map((s) => {
      const n = open.get(s.ags) ?? 0;
      return { d: s.d, step: shadeStep(n), label: `${s.name}: ${n} offen` };
    }),
    legend: STEP_LABELS.map((label, step) => ({ step, label })),
  };
}
