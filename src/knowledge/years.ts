/**
 * Years named in a text, as ranges (consistency.ts reads them from questions and passages): "2017/18", "ab 2025",
 * "nach 2022", "VwV 2023", "11.11.2020". Pure.
 */

/** A closed range of years; `to` is {@link OPEN_END} for "ab 2025". */
export type YearRange = readonly [from: number, to: number];

/** Upper bound of an open range ("ab 2025", "seit 2020"). */
export const OPEN_END = 9999;

const FIRST_YEAR = 2000;
const LAST_YEAR = 2039;
/** A year of this or the last century, as a pattern. */
export const YEAR = String.raw`(?:19|20)\d\d`;
/** "2017/18", "2017/2018", "2017-2018", "2017 – 2018", "2017 bis 2023" */
const RANGE = new RegExp(String.raw`(?<![\d.,])(${YEAR})\s*(?:/|-|–|bis(?:\s+(?:einschließlich|Ende))?)\s*(\d{2}|${YEAR})(?!\d|[.,]\d)`, 'giu');
/** "ab 2025", "seit 2020", "ab-2025" (section slugs), "nach 2024" (after it: from 2025) */
const OPEN = new RegExp(String.raw`\b(ab|seit|nach)[\s-]+(?:dem\s+(?:Jahr|Förderjahr)\s+)?(${YEAR})(?!\d|[.,]\d)`, 'giu');
/** A regulation named by its year ("nach der VwV 2023") holds from that year on: an open range, not that year alone. */
const VERSION = new RegExp(String.raw`\b(?:VwV|Verwaltungsvorschrift)[\s-]+(${YEAR})(?!\d|[.,]\d)`, 'giu');
/**
 * A rule in force since a dated change: "seit der Änderung der VwV 2020", "seit der Änderung vom 11.11.2020". Read in a
 * passage's text only; a typical question ("Was ist neu seit der Änderung vom 11.11.2020?") asks about the change.
 */
const SINCE_CHANGE = new RegExp(String.raw`\bseit\s+(?:der|dem|den)\s+(?:[\p{L}.]+\s+){1,4}?(?:\d{1,2}\.\s?\d{1,2}\.\s?)?(${YEAR})(?!\d|[.,]\d)`, 'giu');
/** A year on its own or the year of a date (11.11.2020); not part of a larger number (51.000, 3.000). */
const SINGLE = new RegExp(String.raw`(?<![\d,])(${YEAR})(?!\d|[.,]\d)`, 'gu');

/**
 * Years named in a text, as ranges: "2017/18" → [2017, 2018], "ab 2025" → [2025, open], "nach 2022" → [2023, open],
 * "11.11.2020" → [2020, 2020];
 * with `sinceChanges` (a passage's text) also "seit der Änderung vom 11.11.2020" → [2020, open].
 *
 * @example yearsOf('Förderjahre 2017 und 2018') // [[2017, 2017], [2018, 2018]]
 */
export function yearsOf(text: string, sinceChanges = false): YearRange[] {
  if (!/(?:19|20)\d\d/.test(text)) return [];
  const out: YearRange[] = [];
  const open = (_: string, y: string): string => {
    out.push([Number(y), OPEN_END]);
    return ' ';
  };
  let rest = (sinceChanges ? text.replace(SINCE_CHANGE, open) : text).replace(OPEN, (_: string, word: string, y: string) => open(_, String(Number(y) + (word.toLowerCase() === 'nach' ? 1 : 0))));
  rest = rest.replace(VERSION, open);
  rest = rest.replace(RANGE, (_, a: string, b: string) => {
    const from = Number(a);
    const to = b.length === 2 ? Math.floor(from / 100) * 100 + Number(b) : Number(b);
    if (to >= from && to - from <= 30) out.push([from, to]);
    return ' ';
  });
  for (const m of rest.matchAll(SINGLE)) out.push([Number(m[1]), Number(m[1])]);
  return out.filter(([from]) => from >= FIRST_YEAR && from <= LAST_YEAR);
}

/** True when two sets of year ranges share a year. */
export function overlaps(a: readonly YearRange[], b: readonly YearRange[]): boolean {
  return a.some(([f1, t1]) => b.some(([f2, t2]) => f1 <= t2 && f2 <= t1));
}
