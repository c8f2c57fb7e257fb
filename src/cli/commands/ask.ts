/**
 * `ask "<question>" [--json] [--top N]` · `ask --batch FILE [--json]` (CONTRACTS §3): answers from the
 * knowledge base. Also exports the knowledge opener shared by `passages` and `eval`.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import { askQuestion } from '../../core/ask-question.js';
import type { AskResult } from '../../core/knowledge.js';
import { openKnowledgeBase } from '../../knowledge/knowledge-base.fs.js';
import type { KnowledgeBase } from '../../knowledge/index.js';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliContext } from '../context.js';
import { jsonLine, runJsonLinesBatch } from '../io.js';

/** Files from which on a progress bar is shown while indexing. */
const PROGRESS_FROM_FILES = 20;

/**
 * Opens the knowledge base from KNOWLEDGE_DIR (cache in INDEX_CACHE_DIR), with a progress bar on stderr when
 * many files are indexed, and reports load problems on stderr.
 */
export async function openKnowledgeForCli(ctx: CliContext): Promise<KnowledgeBase> {
  let bar: cliProgress.SingleBar | null = null;
  const kb = await openKnowledgeBase({
    dir: ctx.config.KNOWLEDGE_DIR,
    cacheDir: ctx.config.INDEX_CACHE_DIR,
    logger: ctx.logger,
    onProgress: (done, total) => {
      if (bar === null && total >= PROGRESS_FROM_FILES) {
        bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'Wissensbasis indizieren [{bar}] {value}/{total} Dateien' }, cliProgress.Presets.shades_classic);
        bar.start(total, 0);
      }
      bar?.update(done);
      if (done === total) bar?.stop();
    },
  });
  for (const p of kb.status().problems) {
    ctx.err(`Warnung: ${p.file}${p.line === undefined ? '' : ` Zeile ${p.line}`}: ${p.message}`);
  }
  return kb;
}

const percent = (x: number): string => `${Math.round(x * 100)} %`;

/** Renders an ask result as readable German text. */
export function renderAsk(r: AskResult): string {
  const lines = [`Frage: ${r.question}`, ''];
  switch (r.outcome) {
    case 'answer': {
      const a = r.answer!;
      lines.push(`Antwort (Sicherheit ${percent(r.confidence)}):`, a.text, '', `Quelle: ${a.citation}${a.title ? ` – ${a.title}` : ''}`);
      if (a.source) lines.push(`Fundstelle: ${a.source}`);
      if (a.stand) lines.push(`Stand: ${a.stand}`);
      if (a.reminder) lines.push('', `Hinweis: ${a.reminder}`);
      break;
    }
    case 'suggest':
      lines.push(r.message ?? 'Meinten Sie …', ...r.suggestions.map((s, i) => `  ${i + 1}. ${s.title} (${s.citation})`));
      break;
    case 'handover':
    case 'out_of_scope':
    case 'invalid':
      lines.push(r.message ?? '');
      break;
  }
  if (r.hits.length > 0 && r.outcome !== 'suggest') {
    lines.push('', 'Treffer:', ...r.hits.map((h, i) => `  ${i + 1}. ${h.id.padEnd(36)} ${h.title} (${h.score.toFixed(1)})`));
  }
  return `${lines.join('\n')}\n`;
}

const BatchLineSchema = z.object({ question: z.string() });

async function runBatch(kb: KnowledgeBase, file: string, top: number, json: boolean, ctx: CliContext): Promise<number> {
  const { total, failed } = await runJsonLinesBatch(
    file,
    BatchLineSchema,
    ({ question }, id) => ({ id, ...askQuestion(kb, question, { top }) }),
    (result) => {
      if (json) ctx.out(jsonLine(result));
      else if ('error' in result) ctx.out(`[${String(result.id)}] Fehler: ${String(result.error)}\n`);
      else ctx.out(`[${String(result.id)}] ${renderAsk(result as unknown as AskResult)}\n`);
    },
  );
  if (failed > 0) ctx.err(`ask: ${failed} von ${total} Zeilen fehlerhaft (als Fehlerergebnis ausgegeben)`);
  return EXIT_OK;
}

export const askCommand: CliCommand = async (args, ctx) => {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, top: { type: 'string' }, batch: { type: 'string' } } });
  } catch (error) {
    ctx.err(`ask: ${(error as Error).message}\nAufruf: ask "<Frage>" [--json] [--top N] | ask --batch DATEI [--json]`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  const top = values.top === undefined ? 5 : Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 50) {
    ctx.err('ask: --top erwartet eine ganze Zahl zwischen 1 und 50.');
    return EXIT_USAGE;
  }
  if ((values.batch === undefined) === (positionals.length === 0)) {
    ctx.err('ask: Bitte genau eine Frage in Anführungszeichen oder --batch DATEI angeben.');
    return EXIT_USAGE;
  }
  const kb = await openKnowledgeForCli(ctx);
  try {
    if (values.batch !== undefined) return await runBatch(kb, values.batch, top, values.json === true, ctx);
    const result = askQuestion(kb, positionals.join(' '), { top });
    ctx.out(values.json === true ? jsonLine(result) : renderAsk(result));
    if (result.outcome === 'invalid') {
      ctx.err(`ask: ${result.message ?? 'ungültige Frage'}`);
      return EXIT_USAGE;
    }
    return EXIT_OK;
  } finally {
    await kb.close();
  }
};
