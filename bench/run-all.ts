/**
 * `npm run bench`: runs the benches one after another, each in a process of its own (each also runs alone:
 * `npx tsx bench/<name>.bench.ts`), and ends with one markdown table of every figure beside its floor,
 * headed with the date and the machine, ready to paste into the README.
 *
 *   npm run bench                         every bench, 3 interleaved rounds
 *   npm run bench -- --only teams,mail    only these (names: knowledge, teams, mail, start, tickets, workplace, postgres, routing, triage)
 *   npm run bench -- --quick              smaller workloads, one round (a few minutes)
 *   npm run bench -- --rounds 1           one round, full workloads
 *
 * Benches without a floor of their own (routing, triage) run only when named in --only; their figures are
 * printed but not part of the table.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchOptions, markdownTable, type BenchRow } from './lib/report.js';
import { ensureBuilt } from './lib/process.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Name → file, in the order of the table. */
const BENCHES: Record<string, string> = {
  knowledge: 'knowledge-floor.bench.ts',
  teams: 'teams.bench.ts',
  mail: 'email.bench.ts',
  start: 'startup.bench.ts',
  tickets: 'tickets.bench.ts',
  workplace: 'workplace.bench.ts',
  postgres: 'postgres.bench.ts',
  routing: 'routing.bench.ts',
  triage: 'triage.bench.ts',
};
const DEFAULT = ['knowledge', 'teams', 'mail', 'start', 'tickets', 'workplace', 'postgres'];

const options = benchOptions();
const onlyAt = process.argv.indexOf('--only');
const wanted = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '') : DEFAULT;
const unknown = wanted.filter((w) => !(w in BENCHES));
if (unknown.length > 0) {
  process.stderr.write(`unknown bench: ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})\n`);
  process.exit(2);
}

const rowsDir = mkdtempSync(join(tmpdir(), 'pakt-bench-rows-'));
const rowsFile = join(rowsDir, 'rows.jsonl');
const started = performance.now();
let failed = 0;
try {
  ensureBuilt();
  const passOn = [...(options.quick ? ['--quick'] : []), '--rounds', String(options.rounds)];
  for (const name of wanted) {
    const file = BENCHES[name]!;
    process.stdout.write(`\n=== ${name} (${file}) ===\n`);
    const t0 = performance.now();
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), ...passOn], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_ROWS_FILE: rowsFile, BENCH_QUICK: options.quick ? '1' : '0', BENCH_ROUNDS: String(options.rounds) },
    });
    process.stdout.write(`--- ${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    if (result.status !== 0) {
      failed += 1;
      process.stdout.write(`${file} exited with ${result.status ?? result.signal}\n`);
    }
  }
  const rows = existsSync(rowsFile)
    ? readFileSync(rowsFile, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as BenchRow)
    : [];
  rows.sort((a, b) => wanted.indexOf(a.bench) - wanted.indexOf(b.bench));
  process.stdout.write(`\n=== every figure beside its floor (${((performance.now() - started) / 60_000).toFixed(1)} min${options.quick ? ', --quick' : ''}) ===\n\n`);
  process.stdout.write(`${markdownTable(rows, options.rounds)}\n`);
} finally {
  rmSync(rowsDir, { recursive: true, force: true });
}
process.exitCode = failed === 0 ? 0 : 1;
