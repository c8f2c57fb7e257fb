/**
 * Knowledge benchmark (issue 2): `npx tsx bench/knowledge.bench.ts` prints
 * - start-up to ready for the shipped knowledge/ (no cache, cache written, cache reused),
 * - `ask` latency p50/p99 over the development set × 100 (target p99 < 5 ms),
 * - index build time for the shipped knowledge and a generated 10,000-passage corpus (target < 3 s),
 * - resident memory after start.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/core/ports.js';
import { answerQuestion } from '../src/knowledge/answer.js';
import { buildState } from '../src/knowledge/build.js';
import { openKnowledgeBase } from '../src/knowledge/knowledge-base.fs.js';
import { readSources } from '../src/knowledge/sources.fs.js';
import type { ParsedDocument, Passage } from '../src/knowledge/types.js';

const root = new URL('../', import.meta.url).pathname;
const ms = (x: number): string => `${x.toFixed(x < 10 ? 3 : 0)} ms`;
const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

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

/** A deterministic pseudo-random corpus built from the shipped vocabulary. */
function generateCorpus(seed: Passage[], count: number): ParsedDocument[] {
  const words = seed.flatMap((p) => p.text.split(/\s+/)).filter((w) => w.length > 2);
  let state = 42;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const sentence = (n: number): string => Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join(' ');
  const documents: ParsedDocument[] = [];
  for (let d = 0; d < count / 20; d++) {
    const passages: Passage[] = Array.from({ length: 20 }, (_, s) => ({
      id: `gen-${d}#${s + 1}`,
      documentId: `gen-${d}`,
      section: String(s + 1),
      title: sentence(4),
      text: `${sentence(60)}. ${sentence(60)}.`,
      source: 'https://example.org',
      citation: `Generiert ${d} Nr. ${s + 1}`,
      questions: [sentence(8)],
    }));
    documents.push({ documentId: `gen-${d}`, title: sentence(3), file: `gen-${d}.md`, passages, problems: [] });
  }
  return documents;
}

async function main(): Promise<void> {
  const dir = join(root, 'knowledge');
  const questions = (await readFile(join(root, 'test/eval/questions.jsonl'), 'utf8'))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { question: string }).question);

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

  for (const q of questions) kb.ask(q); // warm-up
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let round = 0; round < 100; round++) {
    for (const q of questions) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      kb.ask(q);
      times.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  console.log(`ask latency over ${times.length} questions (dev set × 100): p50 ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))}, max ${ms(times.at(-1)!)} wall  (target p99 < 5 ms)`);
  console.log(`ask CPU time per question: p50 ${ms(quantile(cpuTimes, 0.5))}, p99 ${ms(quantile(cpuTimes, 0.99))}`);

  const sources = await readSources(dir);
  const [, shippedBuild, shippedCpu] = timedCpu(() => buildState(sources.documents, sources.synonyms, [], new Date()));
  console.log(`index build, shipped knowledge (parsed sources → index): ${ms(shippedBuild)} wall, ${ms(shippedCpu)} CPU`);

  const generated = generateCorpus(kb.passages(), 10_000);
  const [big, bigBuild, bigCpu] = timedCpu(() => buildState(generated, sources.synonyms, [], new Date()));
  console.log(`index build, generated corpus of ${big.passages.length} passages: ${ms(bigBuild)} wall, ${ms(bigCpu)} CPU  (target < 3 s)`);
  console.log(`machine load average while measuring: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  const bigTimes: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    answerQuestion(big.index, q, 5);
    bigTimes.push(performance.now() - t);
  }
  bigTimes.sort((a, b) => a - b);
  console.log(`ask latency on the generated corpus: p50 ${ms(quantile(bigTimes, 0.5))}, p99 ${ms(quantile(bigTimes, 0.99))}`);
  console.log(`resident memory at the end: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(1)} MB`);
}

await main();
