/**
 * What every bench shares: options (`--rounds N`, `--quick`), interleaved rounds (ours, floor, ours, floor, …),
 * medians, and the rows of the final table ("what | ours | floor | ratio | target | met"). A bench run alone
 * prints its own table; under `npm run bench` (bench/run-all.ts) it also appends its rows as JSON lines to the
 * file named by BENCH_ROWS_FILE, and run-all prints one table for all of them.
 */
import { appendFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

/** One line of the table: a figure of ours beside the same figure of its floor, measured in the same run. */
export interface BenchRow {
  /** Which bench measured it (teams, mail, start, tickets, knowledge). */
  bench: string;
  what: string;
  ours: string;
  floor: string;
  /** ours ÷ floor for the figure the target speaks of (NaN when there is none). */
  ratio: number;
  /** The target for the ratio, e.g. "≥ 0.5" or "≤ 3×"; "—" when the issue sets none. */
  target: string;
  /** Whether the ratio meets the target; null without a target. */
  met: boolean | null;
}

/** A target for a ratio: its text and the check. */
export interface Target {
  text: string;
  check(ratio: number): boolean | null;
}

/** ratio ≥ min (throughputs: ours ÷ floor). */
export const atLeast = (min: number): Target => ({ text: `≥ ${min}`, check: (r) => r >= min });
/** ratio ≤ max (times, memory: ours ÷ floor). */
export const atMost = (max: number): Target => ({ text: `≤ ${max}×`, check: (r) => r <= max });
/** No target in the issue: the ratio is shown for information. */
export const noTarget: Target = { text: '—', check: () => null };

/** Builds a row: `ratio` is ours ÷ floor of the figure the target speaks of. */
export function row(bench: string, what: string, ours: string, floor: string, ratio: number, target: Target): BenchRow {
  return { bench, what, ours, floor, ratio, target: target.text, met: Number.isFinite(ratio) ? target.check(ratio) : null };
}

/** Command-line options every bench understands. */
export interface BenchOptions {
  /** Interleaved rounds (default 3; `--rounds 1` for one). */
  rounds: number;
  /** Smaller workloads and one round. */
  quick: boolean;
}

/** A numeric `--name value` option. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

/** `--quick` and `--rounds N` (also from BENCH_QUICK / BENCH_ROUNDS, which run-all sets). */
export function benchOptions(): BenchOptions {
  const quick = process.argv.includes('--quick') || process.env['BENCH_QUICK'] === '1';
  const envRounds = process.env['BENCH_ROUNDS'] === undefined ? undefined : Number(process.env['BENCH_ROUNDS']);
  const rounds = numberArg('rounds', envRounds ?? (quick ? 1 : 3));
  return { rounds: Math.max(1, Math.round(rounds)), quick };
}

/** Median (upper median for even counts). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** The q-quantile of sorted samples. */
export const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/**
 * Runs the variants interleaved (round 1: a, b; round 2: a, b; …) so both see the same machine, and returns
 * every variant's results in round order.
 */
export async function interleaved<K extends string, T>(rounds: number, variants: Record<K, (round: number) => Promise<T>>, log = true): Promise<Record<K, T[]>> {
  const out = Object.fromEntries(Object.keys(variants).map((k) => [k, [] as T[]])) as unknown as Record<K, T[]>;
  for (let r = 0; r < rounds; r += 1) {
    for (const key of Object.keys(variants) as K[]) {
      if (log) process.stderr.write(`  round ${r + 1}/${rounds}: ${key} …\n`);
      out[key].push(await variants[key](r));
    }
  }
  return out;
}

/** The median of one figure over rounds. */
export const medianOf = <T>(results: T[], figure: (t: T) => number): number => median(results.map(figure));

/** A number for the table: 3 significant digits, thousands with a thin separator. */
export function num(x: number, unit = ''): string {
  if (!Number.isFinite(x)) return 'n/a';
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : Math.abs(x) >= 1 ? 2 : 3;
  const text = x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return unit === '' ? text : `${text} ${unit}`;
}

/** The header line: date and machine. */
export function machineLine(): string {
  const cpu = cpus();
  const model = (cpu[0]?.model ?? 'unknown cpu').replace(/\s+/g, ' ').trim();
  const load = loadavg().map((l) => l.toFixed(2)).join(' / ');
  return (
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${type()} ${release()} · ${cpu.length} × ${model} · ` +
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB · node ${process.version} · load average ${load} at the start`
  );
}

/** Date and machine when this process started (so the load average is the one at the start). */
const AT_START = machineLine();

/** The markdown table of the rows. */
export function markdownTable(rows: BenchRow[], rounds: number): string {
  const ratio = (r: BenchRow): string => (Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}` : '—');
  const met = (r: BenchRow): string => (r.met === null ? '—' : r.met ? 'yes' : '**no**');
  const lines = [
    `Measured ${AT_START}; medians of ${rounds} interleaved round${rounds === 1 ? '' : 's'} (ours, floor, ours, floor, …).`,
    '',
    '| what | ours | floor | ratio (ours ÷ floor) | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.what} | ${r.ours} | ${r.floor} | ${ratio(r)} | ${r.target} | ${met(r)} |`),
  ];
  return lines.join('\n');
}

/**
 * Ends a bench: prints its table and, under run-all, hands the rows over (BENCH_ROWS_FILE, one JSON row a line).
 */
export function finish(rows: BenchRow[], options: BenchOptions): void {
  const file = process.env['BENCH_ROWS_FILE'];
  if (file !== undefined && file !== '') {
    appendFileSync(file, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
  process.stdout.write(`\n${markdownTable(rows, options.rounds)}\n`);
}
