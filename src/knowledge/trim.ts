/**
 * Trims a passage to the sentences that matter for a question: short passages stay whole, long ones keep
 * their best-matching sentences (and list items) in their original order.
 */
import type { GermanAnalyzer } from './analyzer.js';
import type { QueryPlan } from './query.js';

/** Passages up to this length are answered whole. */
const WHOLE = 700;
/** Upper bound of a trimmed answer. */
const LIMIT = 700;

function units(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => (/^\s*([-*]|\d+\.)\s/.test(line) ? [line.trim()] : line.split(/(?<=[.!?])\s+(?=[A-ZÄÖÜ„"(])/)))
    .map((u) => u.trim())
    .filter((u) => u !== '' && !/^#+\s*$/.test(u));
}

/** Returns the answer text for a passage. */
export function trimAnswer(text: string, plan: QueryPlan, analyzer: GermanAnalyzer): string {
  if (text.length <= WHOLE) return text;
  const wanted = new Set(plan.groups.flatMap((g) => [...g.own, ...g.related]));
  const parts = units(text);
  const scored = parts.map((u, i) => ({ i, u, score: new Set(analyzer.analyze(u).filter((t) => wanted.has(t))).size }));
  const chosen = new Set<number>();
  let size = 0;
  for (const s of [...scored].sort((a, b) => b.score - a.score || a.i - b.i)) {
    if (s.score === 0 && chosen.size > 0) break;
    if (size + s.u.length > LIMIT && chosen.size > 0) continue;
    chosen.add(s.i);
    size += s.u.length;
  }
  const kept = scored.filter((s) => chosen.has(s.i)).map((s) => s.u);
  return kept.join(' ').replace(/\s+([-*]\s)/g, '\n$1');
}
