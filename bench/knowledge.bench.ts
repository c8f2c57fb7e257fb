/**
 * Knowledge benchmark (issues 2 and 12): `npx tsx bench/knowledge.bench.ts` prints
 * - start-up to ready for the shipped knowledge/ (no cache, cache written, cache reused),
 * - `ask` latency p50/p99 beside its floor, MiniSearch defaults over the same fields, measured interleaved in one
 *   run, at the shipped size and at ~1,000 and ~10,000 passages synthesised from the shipped ones
 *   (targets: p99 < 5 ms at 71 and 1,000 passages, < 50 ms at 10,000; at most 3× the floor at every size),
 * - index build time for the shipped knowledge and the 10,000-passage corpus (target < 3 s),
 * - resident memory after start.
 * {@link knowledgeRows} returns the growth rows for `bench/run-all.ts`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { silentLogger } from '../src/core/ports.js';
import { answerQuestion } from '../src/knowledge/answer.js';
import { buildState } from '../src/knowledge/build.js';
import { buildDefaultIndex } from '../src/knowledge/index.minisearch.js';
import { openKnowledgeBase } from '../src/knowledge/knowledge-base.fs.js';
import { readSources } from '../src/knowledge/sources.fs.js';
import type { ParsedDocument } from '../src/knowledge/types.js';

const root = new URL('../', import.meta.url).pathname;
const ms = (x: number): string => `${x.toFixed(x < 10 ? 3 : 0)} ms`;
const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Latency quantiles in milliseconds. */
export interface Quantiles {
  p50: number;
  p99: number;
}

/** One figure beside its floor, measured in the same run. */
export interface BenchRow {
  what: string;
  ours: Quantiles;
  floor: Quantiles;
  /** The larger of ours/floor at p50 and at p99. */
  ratio: number;
  target: string;
}

/** Sizes of the growth table: the shipped knowledge (0 = as shipped), then synthesised corpora. */
const SIZES = [
  { passages: 0, rounds: 60, p99: 5 },
  { passages: 1_000, rounds: 10, p99: 5 },
  { passages: 10_000, rounds: 2, p99: 50 },
];
/** Largest ratio to MiniSearch defaults at every size (issue 12). */
const MAX_RATIO = 3;

async function timed<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const t = performance.now();
  const value = await f();
  return [value, performance.now() - t];
}

/** Wall time and CPU time (user + system) of a synchronous step: CPU time shows the cost on a busy machine. */
function timedCpu<T>(f: () => T): [T, number, number] {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = f();
  const used = process.cpuUsage(cpu);
  return [value, performance.now() - t, (used.user + used.system) / 1000];
}

/**
 * A deterministic larger knowledge base made from the shipped one: the shipped documents, then variants of them
 * until `count` passages. A variant keeps the German structure of its original but replaces about a third of its
 * words with new words spliced from two corpus words (Förder|stelle, Integrations|bericht), so the vocabulary
 * grows with the corpus as in a real one, and takes some sentences from other passages.
 */
export function synthesiseCorpus(seed: ParsedDocument[], count: number): ParsedDocument[] {
  let state = 42;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const passages = seed.flatMap((d) => d.passages);
  const sentences = passages.flatMap((p) => p.text.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 20);
  const words = passages.flatMap((p) => p.text.split(/\s+/)).filter((w) => /^\p{L}{4,}$/u.test(w));
  const splice = (): string => {
    const a = pick(words);
    const b = pick(words);
    return `${a.slice(0, Math.ceil(a.length / 2))}${b.slice(Math.floor(b.length / 2)).toLowerCase()}`;
  };
  const vary = (text: string, share: number): string =>
    text
      .split(/\s+/)
      .map((w) => (w.length >= 4 && next() < share ? splice() : w))
      .join(' ');
  const originals = seed.filter((d) => d.documentId !== null && d.passages.length > 0);
  const out: ParsedDocument[] = [...originals];
  let total = out.reduce((a, d) => a + d.passages.length, 0);
  for (let copy = 1; total < count; copy++) {
    for (const d of originals) {
      if (total >= count) break;
      const documentId = `${d.documentId!}-v${copy}`;
      const variants = d.passages.slice(0, count - total).map((p) => ({
        ...p,
        id: `${documentId}#${p.section}`,
        documentId,
        title: vary(p.title, 0.3),
        text: vary(
          p.text
            .split(/(?<=[.!?])\s+/)
            .map((s) => (next() < 0.3 ? pick(sentences) : s))
            .join(' '),
          0.3,
        ),
        questions: (p.questions ?? []).map((q) => vary(q, 0.3)),
      }));
      out.push({ ...d, documentId, file: `${documentId}.md`, title: vary(d.title ?? '', 0.3), passages: variants, problems: [] });
      total += variants.length;
    }
  }
  return out;
}

/** Loads the development questions (both dev sets). */
async function devQuestions(): Promise<string[]> {
  const files = ['test/eval/questions.jsonl', 'test/eval/questions-2.jsonl'];
  const texts = await Promise.all(files.map((f) => readFile(join(root, f), 'utf8')));
  return texts
    .flatMap((t) => t.split('\n'))
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { question: string }).question);
}

/** Ours and the floor on the same questions, interleaved (alternating which goes first), in milliseconds. */
function measure(ours: (q: string) => unknown, floor: (q: string) => unknown, questions: string[], rounds: number): { ours: Quantiles; floor: Quantiles } {
  for (const q of questions) {
    ours(q);
    floor(q);
  }
  const a: number[] = [];
  const b: number[] = [];
  const time = (f: (q: string) => unknown, q: string, into: number[]): void => {
    const t = performance.now();
    f(q);
    into.push(performance.now() - t);
  };
  for (let round = 0; round < rounds; round++) {
    for (const q of questions) {
      if (round % 2 === 0) {
        time(ours, q, a);
        time(floor, q, b);
      } else {
        time(floor, q, b);
        time(ours, q, a);
      }
    }
  }
  const summary = (xs: number[]): Quantiles => {
    xs.sort((x, y) => x - y);
    return { p50: quantile(xs, 0.5), p99: quantile(xs, 0.99) };
  };
  return { ours: summary(a), floor: summary(b) };
}

/**
 * The growth rows: `ask` at the shipped size, ~1,000 and ~10,000 passages beside MiniSearch defaults over the same
 * passages and fields, measured interleaved in this process.
 */
export async function knowledgeRows(log: (line: string) => void = () => {}): Promise<BenchRow[]> {
  const sources = await readSources(join(root, 'knowledge'));
  const questions = await devQuestions();
  const rows: BenchRow[] = [];
  for (const size of SIZES) {
    const documents = size.passages === 0 ? sources.documents : synthesiseCorpus(sources.documents, size.passages);
    const [state, buildMs] = timedCpu(() => buildState(documents, sources.synonyms, [], new Date()));
    const floorIndex = buildDefaultIndex(state.passages);
    const m = measure(
      (q) => answerQuestion(state.index, q, 5),
      (q) => floorIndex(q, 5),
      questions,
      size.rounds,
    );
    const ratio = Math.max(m.ours.p50 / m.floor.p50, m.ours.p99 / m.floor.p99);
    const what = `ask, ${state.passages.length} passages${size.passages === 0 ? ' (shipped)' : ''}`;
    rows.push({ what, ...m, ratio, target: `p99 < ${size.p99} ms, ≤ ${MAX_RATIO}× floor` });
    log(`${what}: index built in ${ms(buildMs)}; ${questions.length} questions × ${size.rounds}`);
  }
  return rows;
}

/** Prints the rows as a table. */
export function printRows(rows: BenchRow[], out: (line: string) => void = console.log): void {
  out('| what | ours p50 | ours p99 | MiniSearch defaults p50 | p99 | ratio | target |');
  out('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) out(`| ${r.what} | ${ms(r.ours.p50)} | ${ms(r.ours.p99)} | ${ms(r.floor.p50)} | ${ms(r.floor.p99)} | ${r.ratio.toFixed(1)}× | ${r.target} |`);
}

async function main(): Promise<void> {
  const dir = join(root, 'knowledge');
  const cacheDir = await mkdtemp(join(tmpdir(), 'pakt-bench-'));
  const [kb, coldMs] = await timed(() => openKnowledgeBase({ dir, logger: silentLogger }));
  const rss = process.memoryUsage().rss;
  const [, writeMs] = await timed(() => openKnowledgeBase({ dir, cacheDir, logger: silentLogger }));
  const [, cachedMs] = await timed(() => openKnowledgeBase({ dir, cacheDir, logger: silentLogger }));
  await rm(cacheDir, { recursive: true, force: true });
  const status = kb.status();
  console.log(`shipped knowledge: ${status.documentCount} documents, ${status.passageCount} passages`);
  console.log(`start-up to ready: ${ms(coldMs)} (no cache), ${ms(writeMs)} (building and writing the cache), ${ms(cachedMs)} (from cache)`);
  console.log(`resident memory after start: ${(rss / 1024 / 1024).toFixed(1)} MB`);

  const sources = await readSources(dir);
  const [, shippedBuild, shippedCpu] = timedCpu(() => buildState(sources.documents, sources.synonyms, [], new Date()));
  console.log(`index build, shipped knowledge (parsed sources → index): ${ms(shippedBuild)} wall, ${ms(shippedCpu)} CPU`);
  {
    const generated = synthesiseCorpus(sources.documents, 10_000);
    const [big, bigBuild, bigCpu] = timedCpu(() => buildState(generated, sources.synonyms, [], new Date()));
    console.log(`index build, synthesised corpus of ${big.passages.length} passages: ${ms(bigBuild)} wall, ${ms(bigCpu)} CPU  (target < 3 s)`);
  }

  const rows = await knowledgeRows(console.log);
  printRows(rows);
  console.log(`machine load average while measuring: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  console.log(`resident memory at the end: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(1)} MB`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
