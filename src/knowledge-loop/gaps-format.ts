/**
 * The gap report as German text (terminal) and as CSV (one row per topic, a column per ISO week; RFC 4180
 * quoting, `;`-free so spreadsheet programmes in German locales read it with the comma as set).
 */
import type { GapReport, GapTopic, Trend } from './gaps-report.js';

export const TREND_LABELS: Record<Trend, string> = { neu: 'neu', steigend: 'steigend', gleich: 'gleichbleibend', fallend: 'fallend' };

/** A topic's heading: the nearest passage's title, else its shared terms. */
export function topicLabel(topic: GapTopic): string {
  if (topic.passageTitle !== null) return topic.passageTitle;
  if (topic.passageId !== null) return topic.passageId;
  return topic.terms.length > 0 ? `Begriffe: ${topic.terms.join(', ')}` : 'ohne erkennbares Thema';
}

const day = (iso: string): string => new Date(iso).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' });

export function gapReportText(report: GapReport): string {
  const t = report.totals;
  const lines = [
    `Wissenslücken seit ${day(report.since)} (Stand ${day(report.generatedAt)})`,
    `${t.gaps} Fragen ohne sichere Antwort: ${t.suggested} mit Vorschlägen, ${t.handover} übergeben, ${t.notHelpful} „Hat nicht geholfen“.`,
    '',
    'Je Woche (Vorschläge / Übergabe / nicht geholfen):',
    ...report.weeks.map((w) => `  ${w.week}  ${w.suggested} / ${w.handover} / ${w.notHelpful}`),
    '',
  ];
  if (report.topics.length === 0) lines.push('Keine Wissenslücken in diesem Zeitraum.');
  report.topics.forEach((topic, n) => {
    lines.push(`${n + 1}. ${topicLabel(topic)} – ${topic.count}× (Trend: ${TREND_LABELS[topic.trend]})`);
    if (topic.passageId !== null) lines.push(`   nächste Passage: ${topic.passageId}`);
    if (topic.terms.length > 0) lines.push(`   gemeinsame Begriffe: ${topic.terms.join(', ')}`);
    for (const q of topic.examples) lines.push(`   – „${q.replace(/\s+/g, ' ')}“`);
    for (const c of topic.comments) lines.push(`   Kommentar: „${c.replace(/\s+/g, ' ')}“`);
  });
  if (report.review.length > 0) {
    lines.push('', 'Zur Prüfung (wiederholt „Hat nicht geholfen“):');
    for (const r of report.review) {
      lines.push(`  ${r.passageId}${r.passageTitle === null ? '' : ` – ${r.passageTitle}`}: ${r.negative}× nicht geholfen, ${r.positive}× geholfen`);
      for (const c of r.comments) lines.push(`     Kommentar: „${c.replace(/\s+/g, ' ')}“`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function gapReportCsv(report: GapReport): string {
  const weeks = report.weeks.map((w) => w.week);
  const head = ['thema', 'passage_id', 'passage_titel', 'begriffe', 'anzahl', 'vorschlaege', 'uebergabe', 'nicht_geholfen', 'trend', ...weeks, 'beispiele', 'kommentare'];
  const rows = report.topics.map((t) => [
    topicLabel(t),
    t.passageId,
    t.passageTitle,
    t.terms.join(' '),
    t.count,
    t.suggested,
    t.handover,
    t.notHelpful,
    t.trend,
    ...t.weeks.map((w) => w.count),
    t.examples.join(' | '),
    t.comments.join(' | '),
  ]);
  return [head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
