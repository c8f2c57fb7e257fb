/**
 * German text rendering of `eval`: one table per development set (ours beside MiniSearch defaults), the ids
 * behind the figures, and an overview when several sets were scored.
 */
import { basename } from 'node:path';
import type { EvalReport, EvalScores } from '../../knowledge/evaluate.js';
import type { EvalSetKind } from './eval-sets.js';

/** One scored set as `eval` reports it. */
export interface SetReport extends EvalReport {
  kind: EvalSetKind;
  file: string;
  /** Cases read (malformed lines not counted). */
  questions: number;
}

const LABEL = 26;
const COLUMN = 20;
const num = (x: number): string => x.toFixed(3).replace('.', ',');
const ms = (x: number): string => x.toFixed(2).replace('.', ',');
const pct = (x: number): string => `${(x * 100).toFixed(1).replace('.', ',')} %`;
const wrong = (s: EvalScores): string => `${s.confidentlyWrong.length} (${pct(s.confidentlyWrongShare)})`;

const CASE_NOUN: Record<EvalSetKind, string> = { questions: 'Fragen', enquiries: 'Anfragen (über den Triage-Weg)' };

function table(report: SetReport): string[] {
  const e = report.engine;
  const b = report.baseline;
  const row = (label: string, ours: string, base: string): string => `${label.padEnd(LABEL)}${ours.padEnd(COLUMN)}${base}`;
  // Without a case that expects a passage, hit@k, MRR and the share answered have no denominator.
  const cell = (s: EvalScores, x: number): string => (s.questions === 0 ? '–' : num(x));
  const scoreRow = (label: string, f: (s: EvalScores) => number): string => row(label, cell(e, f(e)), cell(b, f(b)));
  const l = report.latency;
  return [
    row('', 'Pakt-Assistent', 'MiniSearch (Standard)'),
    scoreRow('hit@1', (s) => s.hit1),
    scoreRow('hit@3', (s) => s.hit3),
    scoreRow('hit@5', (s) => s.hit5),
    scoreRow('MRR', (s) => s.mrr),
    scoreRow('beantwortet (Anteil)', (s) => s.answered),
    row('Präzision der Antworten', num(e.precision), num(b.precision)),
    row('sicher falsch', wrong(e), wrong(b)),
    row('Latenz p50 / p99 (ms)', `${ms(l.ours.p50)} / ${ms(l.ours.p99)}`, `${ms(l.baseline.p50)} / ${ms(l.baseline.p99)}`),
    row('außerhalb abgelehnt', `${report.outOfScope.declined}/${report.outOfScope.questions}`, '–'),
  ];
}

function details(report: SetReport): string[] {
  const lines: string[] = [];
  const u = report.unanswerable;
  if (u.questions > 0) {
    lines.push(`${'Programm, ohne Passage'.padEnd(LABEL)}${u.handedOver} übergeben, ${u.suggested} Vorschläge, ${u.answered.length} beantwortet von ${u.questions}`);
  }
  const list = (label: string, ids: string[]): void => {
    if (ids.length > 0) lines.push(`${label}: ${ids.join(', ')}`);
  };
  list('Sicher falsch beantwortet (Pakt-Assistent)', report.engine.confidentlyWrong);
  list('Sicher falsch beantwortet (MiniSearch)', report.baseline.confidentlyWrong);
  const unanswered = report.results.filter((r) => r.expected.length > 0 && r.ours.outcome !== 'answer');
  list('Nicht beantwortet, obwohl eine Passage erwartet wird', unanswered.map((r) => `${r.id} (${r.ours.outcome})`));
  list('Nicht abgelehnt', report.outOfScope.notDeclined);
  list('Ohne passende Passage beantwortet', u.answered);
  list('Fälschlich abgelehnt', report.wronglyDeclined);
  const misses = report.engine.misses;
  lines.push('', misses.length === 0 ? 'Keine Fehltreffer (Platz 1).' : 'Fehltreffer (nicht auf Platz 1):');
  for (const m of misses) lines.push(`  ${m.id}: ${flat(m.question)}`, `      erwartet: ${m.expected.join(', ')}`, `      gefunden: ${m.got.join(', ') || '–'}`);
  return lines;
}

const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The table and details of one set. */
export function renderSet(report: SetReport): string {
  const e = report.engine;
  const head =
    `${report.file}: ${report.questions} ${CASE_NOUN[report.kind]} ` +
    `(${e.questions} mit erwarteter Passage, ${report.outOfScope.questions} außerhalb des Programms)`;
  return `${[head, '', ...table(report), ...details(report)].join('\n')}\n`;
}

/** One line per set: the figures the targets are stated in. */
export function renderOverview(reports: SetReport[]): string {
  const cols = ['hit@1 (MiniSearch)', 'beantwortet', 'Präzision', 'sicher falsch'];
  const width = Math.max(12, ...reports.map((r) => basename(r.file).length + 2));
  const lines = [`${'Übersicht'.padEnd(width)}${cols.map((c) => c.padEnd(COLUMN)).join('')}`.trimEnd()];
  for (const r of reports) {
    const scored = r.engine.questions > 0;
    const cells = [scored ? `${num(r.engine.hit1)} (${num(r.baseline.hit1)})` : '–', scored ? num(r.engine.answered) : '–', num(r.engine.precision), wrong(r.engine)];
    lines.push(`${basename(r.file).padEnd(width)}${cells.map((c) => c.padEnd(COLUMN)).join('')}`.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}
