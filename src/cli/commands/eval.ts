/**
 * `eval --questions FILE [--json]` (CONTRACTS §3): hit@1, hit@3, hit@5, MRR and misses of our engine, side by
 * side with MiniSearch's default options on the same passages, plus the out-of-scope check.
 */
import { parseArgs } from 'node:util';
import { evaluate, type EvalQuestion, type EvalReport, type EvalScores } from '../../knowledge/evaluate.js';
import { buildDefaultIndex } from '../../knowledge/index.js';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliContext } from '../context.js';
import { jsonLine, readJsonLines, type BatchError } from '../io.js';
import { openKnowledgeForCli } from './ask.js';

/** Malformed lines are reported (stderr, and as `errors` in the JSON report) and not scored. */
async function readQuestions(file: string, ctx: CliContext): Promise<{ questions: EvalQuestion[]; errors: BatchError[] }> {
  const questions: EvalQuestion[] = [];
  const errors: BatchError[] = [];
  for (const line of await readJsonLines(file)) {
    if (!line.ok) {
      errors.push({ id: line.id, error: line.error, code: 'INPUT_INVALID' });
      continue;
    }
    const { id, question, expected, scope } = line.value;
    const lineId = typeof id === 'string' || typeof id === 'number' ? String(id) : String(line.line);
    if (typeof question !== 'string' || !Array.isArray(expected) || !expected.every((x) => typeof x === 'string')) {
      errors.push({ id: lineId, error: `line ${line.line}: "question" (string) and "expected" (list of ids) are required`, code: 'INPUT_INVALID' });
      continue;
    }
    const q: EvalQuestion = { id: lineId, question, expected: expected as string[] };
    questions.push(scope === 'in' || scope === 'out' ? { ...q, scope } : q);
  }
  for (const e of errors) ctx.err(`eval: ${e.id}: ${e.error} (nicht gewertet)`);
  return { questions, errors };
}

const num = (x: number): string => x.toFixed(3).replace('.', ',');

function render(report: EvalReport, total: number): string {
  const e = report.engine;
  const b = report.baseline;
  const row = (label: string, f: (s: EvalScores) => number): string => `${label.padEnd(24)}${num(f(e)).padEnd(18)}${num(f(b))}`;
  const lines = [
    `Auswertung von ${total} Fragen (${e.questions} mit erwarteter Passage, ${report.outOfScope.questions} außerhalb des Programms)`,
    '',
    `${''.padEnd(24)}${'Pakt-Assistent'.padEnd(18)}MiniSearch (Standard)`,
    row('hit@1', (s) => s.hit1),
    row('hit@3', (s) => s.hit3),
    row('hit@5', (s) => s.hit5),
    row('MRR', (s) => s.mrr),
    `${'außerhalb abgelehnt'.padEnd(24)}${`${report.outOfScope.declined}/${report.outOfScope.questions}`.padEnd(18)}–`,
  ];
  const u = report.unanswerable;
  if (u.questions > 0) {
    lines.push(`${'Programm, ohne Passage'.padEnd(24)}${`${u.handedOver} übergeben, ${u.suggested} Vorschläge, ${u.answered.length} beantwortet von ${u.questions}`}`);
  }
  if (report.outOfScope.notDeclined.length > 0) lines.push(`Nicht abgelehnt: ${report.outOfScope.notDeclined.join(', ')}`);
  if (u.answered.length > 0) lines.push(`Ohne passende Passage beantwortet: ${u.answered.join(', ')}`);
  if (report.wronglyDeclined.length > 0) lines.push(`Fälschlich abgelehnt: ${report.wronglyDeclined.join(', ')}`);
  lines.push('', e.misses.length === 0 ? 'Keine Fehltreffer (Platz 1).' : 'Fehltreffer (nicht auf Platz 1):');
  for (const m of e.misses) lines.push(`  ${m.id}: ${m.question}`, `      erwartet: ${m.expected.join(', ')}`, `      gefunden: ${m.got.join(', ') || '–'}`);
  return `${lines.join('\n')}\n`;
}

export const evalCommand: CliCommand = async (args, ctx) => {
  let values;
  try {
    values = parseArgs({ args, options: { questions: { type: 'string' }, json: { type: 'boolean' } } }).values;
  } catch (error) {
    ctx.err(`eval: ${(error as Error).message}\nAufruf: eval --questions DATEI [--json]`);
    return EXIT_USAGE;
  }
  if (values.questions === undefined) {
    ctx.err('eval: --questions DATEI fehlt. Aufruf: eval --questions DATEI [--json]');
    return EXIT_USAGE;
  }
  const { questions, errors } = await readQuestions(values.questions, ctx);
  const kb = await openKnowledgeForCli(ctx);
  try {
    const baseline = buildDefaultIndex(kb.passages());
    const report = evaluate(questions, (q) => kb.ask(q, { top: 5 }), (q) => baseline(q, 5));
    ctx.out(values.json === true ? jsonLine({ questions: questions.length, ...report, errors }) : render(report, questions.length));
    return EXIT_OK;
  } finally {
    await kb.close();
  }
};
