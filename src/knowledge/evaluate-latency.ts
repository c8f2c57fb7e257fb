/**
 * Latency summary of an evaluation run (issue 12 item 6): median and 99th percentile per engine. Pure.
 */

/** Median and 99th percentile of per-question times, in milliseconds (0 for an empty run). */
export interface LatencySummary {
  p50: number;
  p99: number;
}

/**
 * Nearest-rank percentile (the smallest value with at least `p` % of the values at or below it); on 32
 * questions p99 is the slowest one, which is what a small development set can honestly say.
 *
 * @example percentile([3, 1, 2], 50) // 2
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/**
 * p50 and p99 of per-question times.
 *
 * @example latencySummary([0.4, 0.5, 2.1]) // { p50: 0.5, p99: 2.1 }
 */
export function latencySummary(ms: readonly number[]): LatencySummary {
  return { p50: percentile(ms, 50), p99: percentile(ms, 99) };
}
