/**
 * Triage benchmark (issue 4): `npx tsx bench/triage.bench.ts` prints the time of one `triage()` call for
 * texts of 1 kB, 10 kB, 100 kB and 1 MB (target: 1 MB well under 100 ms):
 * - the core alone (constant knowledge base and router), i.e. folding, quote/sign-off cutting, rules;
 * - end to end as `pakt triage` runs it, with the real knowledge base and router;
 * - the core on 1 MB of degenerate text (one endless token, blank lines, a number table), the shapes that
 *   used to make single rules quadratic.
 * Each figure is the median of several runs after a warm-up (best and worst in brackets), with the median
 * CPU time beside it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AskResult, KnowledgeAnswerer } from '../src/core/knowledge.js';
import { silentLogger } from '../src/core/ports.js';
import type { RouteResult, Router } from '../src/core/routing.js';
import { triage, type TriageDeps } from '../src/core/triage/index.js';
import { openKnowledgeBase } from '../src/knowledge/knowledge-base.fs.js';
import { loadRouting } from '../src/routing/router.loader.js';

/** Realistic prose: rule questions, an own case, umlauts, dates, line breaks; no sign-off (all of it is read). */
const PARAGRAPHS = [
  'Sehr geehrte Damen und Herren,\n\nwir haben eine Frage zur Förderung der Integrationsmanagerinnen in unserer Gemeinde.',
  'Die Stelle ist seit dem 1. März 2026 mit 75 Prozent besetzt; die Kollegin arbeitet außerdem in der Flüchtlingssozialarbeit.',
  'Können Sie uns bitte sagen, ob der Verwendungsnachweis für beide Stellenanteile getrennt vorzulegen ist?',
  'Im Übrigen ist die zweite Rate laut unserer Kämmerei noch nicht eingegangen, obwohl der Bescheid vom 12.02.2026 sie für Mai vorsieht.',
  'Dürfen wir Fahrtkosten zu Fortbildungen über die Sachkostenpauschale abrechnen, oder gilt dafür eine gesonderte Regelung?',
  'Zur Einordnung: Wir betreuen derzeit rund 140 Geflüchtete in drei Unterkünften, die Beratungen finden wöchentlich statt.',
];
const PROSE = `${PARAGRAPHS.join('\n\n')}\n\n`;

function sized(unit: string, chars: number): string {
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

const SIZES: [string, number][] = [
  ['1 kB', 1_000],
  ['10 kB', 10_000],
  ['100 kB', 100_000],
  ['1 MB', 1_000_000],
];

const DEGENERATE: [string, string][] = [
  ['one 1 MB token (base64-like)', 'QWxsZXMgZ3V0ZWJlcndpZXNlbjEyMw'],
  ['1 MB of blank lines', '\n'],
  ['1 MB number table', '12.03.2026;  4.711,00 EUR;\tRate 2\n'],
];

const stubAnswer = (question: string): AskResult => ({
  question,
  answered: false,
  confidence: 0.2,
  answer: null,
  hits: [],
  outcome: 'handover',
  suggestions: [],
});
const stubRoute: RouteResult = { status: 'unknown', gemeinde: null, kreis: null, candidates: [], evidence: [], contact: null };
const stubs: TriageDeps = {
  answerer: { ask: stubAnswer } satisfies KnowledgeAnswerer,
  router: { route: () => stubRoute } satisfies Router,
};

const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

/**
 * Median wall-clock time of `runs` calls, best–worst in brackets, and the median CPU time (user+sys) of the
 * process: on a shared machine wall-clock figures include waiting for a core, CPU time does not.
 */
function measure(text: string, deps: TriageDeps, runs: number): string {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const usage = process.cpuUsage();
    const started = performance.now();
    triage({ channel: 'email', subject: 'Frage zum Verwendungsnachweis', text, from: 'info@gemeinde.example' }, deps);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  return `${ms(median(wall)).padStart(9)} (${ms(Math.min(...wall))} – ${ms(Math.max(...wall))}), CPU ${ms(median(cpu))}`;
}

async function main(): Promise<void> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'pakt-triage-bench-'));
  const kb = await openKnowledgeBase({ dir: 'knowledge', cacheDir, logger: silentLogger });
  try {
    const { router } = await loadRouting({ logger: silentLogger });
    const real: TriageDeps = { answerer: kb, router };
    for (let i = 0; i < 20; i += 1) measure(sized(PROSE, 10_000), real, 1); // warm-up (JIT)

    console.log('triage of realistic prose, one call (median of runs, best – worst):');
    console.log(`  ${'size'.padEnd(8)} ${'core (stub KB/router)'.padEnd(46)} end to end (real KB and router)`);
    for (const [label, chars] of SIZES) {
      const text = sized(PROSE, chars);
      const runs = chars >= 1_000_000 ? 7 : 15;
      console.log(`  ${label.padEnd(8)} ${measure(text, stubs, runs).padEnd(46)} ${measure(text, real, runs)}`);
    }
    console.log('core on degenerate 1 MB texts:');
    for (const [label, unit] of DEGENERATE) console.log(`  ${label.padEnd(30)} ${measure(sized(unit, 1_000_000), stubs, 5)}`);
    console.log(`(load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores)`);
  } finally {
    await kb.close();
    await rm(cacheDir, { recursive: true, force: true });
  }
}

await main();
