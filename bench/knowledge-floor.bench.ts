/**
 * The knowledge rows of the floor table: `ask` at the shipped size, ~1,000 and ~10,000 passages beside
 * MiniSearch defaults over the same passages and fields (measured interleaved by knowledgeRows in
 * bench/knowledge.bench.ts, which also prints build times and start-up). Target (issue 12): ≤ 3× the floor at
 * p50 and p99, and p99 under the size's bound (5 ms up to 1,000 passages, 50 ms at 10,000).
 * Usage: npx tsx bench/knowledge-floor.bench.ts
 */
import { knowledgeRows } from './knowledge.bench.js';
import { benchOptions, finish, num, row } from './lib/report.js';

const options = benchOptions();
const rows = await knowledgeRows((line) => process.stderr.write(`${line}\n`));
finish(
  rows.map((r) => {
    const bound = Number(/p99 < (\d+(?:\.\d+)?)/.exec(r.target)?.[1] ?? Infinity);
    const base = row('knowledge', `${r.what} (floor: MiniSearch defaults, same fields)`, `p50 ${num(r.ours.p50)} / p99 ${num(r.ours.p99)} ms`, `p50 ${num(r.floor.p50)} / p99 ${num(r.floor.p99)} ms`, r.ratio, {
      text: r.target,
      check: (ratio) => ratio <= 3 && r.ours.p99 < bound,
    });
    return base;
  }),
  options,
);
