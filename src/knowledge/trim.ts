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

/** Abbreviations after which a period does not end a sentence. */
const ABBREVIATIONS = new Set(['mio', 'mrd', 'nr', 'abs', 'ca', 'bzw', 'vgl', 'ref', 'tel', 'str', 'dr', 'prof', 'gem', 'ggf', 'inkl', 'zzgl', 'evtl', 'ff', 'usw', 'etc', 'bzgl', 'max', 'min', 'rd', 'sog', 'u', 'z', 'b', 'd', 'h', 'a', 's', 'o', 'v', 'e']);

/** Splits one paragraph into sentences without breaking at "Mio.", "Nr.", "z. B." or "24. Juli". */
function sentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of paragraph.matchAll(/[.!?]\s+(?=[A-ZÄÖÜ„"(])/g)) {
    const before = paragraph.slice(start, m.index).match(/(\S+)$/)?.[1] ?? '';
    if (m[0].startsWith('.') && (/^\d+$/.test(before) || ABBREVIATIONS.has(before.toLowerCase()))) continue;
    out.push(paragraph.slice(start, m.index + 1).trim());
    start = m.index + m[0].length;
  }
  out.push(paragraph.slice(start).trim());
  return out.filter((x) => x !== '');
}

/** Sentences and list items of a passage; hard-wrapped lines are joined first. */
function units(text: string): string[] {
  const out: string[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    let paragraph = '';
    const flush = (): void => {
      if (paragraph !== '') out.push(...sentences(paragraph));
      paragraph = '';
    };
    for (const line of block.split('\n').map((l) => l.trim())) {
      if (/^([-*]|\d+\.)\s/.test(line)) {
        flush();
        paragraph = line;
      } else if (!/^#+\s/.test(line) && line !== '') {
        paragraph = paragraph === '' ? line : `${paragraph} ${line}`;
      }
    }
    flush();
  }
  return out;
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
  return scored
    .filter((s) => chosen.has(s.i))
    .map((s) => s.u)
    .join(' ')
    .replace(/\s+([-*]\s)/g, '\n$1');
}
