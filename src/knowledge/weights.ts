/**
 * Query-term weights and the score factor of a passage's fit: the numeric policy of ranking, apart from the
 * MiniSearch adapter that applies it. Pure.
 */
import type { Fit } from './consistency.js';
import type { SearchSettings } from './index.minisearch.js';
import type { QueryPlan } from './query.js';

/** Term weights of a planned query, the terms matched fuzzily, and the groups each term belongs to. */
export interface Weighted {
  weight: Map<string, number>;
  /** Edit distance allowed per term (typos only). */
  fuzzy: Map<string, number>;
  groupOf: Map<string, number[]>;
}

/** A year as a query term ("2019"; also the parts of "2017/18"). */
const YEAR_TERM = /^(?:19|20)\d\d$/;
/**
 * Weight factor of a year among the query's words. The year is a fact the question's topic is checked against
 * (consistency.ts: other years sink, the passage about that year rises); as a word it would also match every
 * chronicle passage titled with the year, whatever its topic ("Regionalkonferenz im Juli 2019" is not about the
 * year 2019).
 */
export const YEAR_WEIGHT = 0.3;
/** Weight factor of the noun a question asks for (query.ts `askedNouns`). */
export const ASKED_WEIGHT = 1.8;
/** Weight factor of a generic word (Frage, Jahr, Juli, beachten): it carries no topic of its own. */
export const GENERIC_WEIGHT = 0.2;
/**
 * A small number (1 to 99: "20 Prozent", "30 Leute", "3 Monate") matches days of dates and counts in any passage;
 * it weighs like a year. Larger numbers (51.000, 3.000) stay distinctive.
 */
const SMALL_NUMBER = /^\d{1,2}$/;

/**
 * Weighs a plan's terms: each own term by its idf over whole passages (an abbreviation like its long form),
 * synonyms lower, answer types fixed; typos (terms the index does not know) get a fuzzy distance.
 *
 * @example weighTerms(index.df, index.passages.length, plan, SEARCH_SETTINGS).weight.get('sachbericht')
 */
export function weighTerms(df: Map<string, number>, passageCount: number, plan: QueryPlan, settings: SearchSettings): Weighted {
  const weight = new Map<string, number>();
  const fuzzy = new Map<string, number>();
  const groupOf = new Map<string, number[]>();
  // MiniSearch computes idf per field, so a word in nearly every passage (Integrationsmanager) still looks rare
  // among titles. Scaling each term by its idf over whole passages corrects that.
  const n = passageCount + 1;
  const global = (t: string): number => {
    const d = df.get(t) ?? 0;
    return d === 0 ? 1 : Math.min(1, Math.max(settings.minTermWeight, Math.log(n / (d + 0.5)) / Math.log(n / 1.5)));
  };
  plan.groups.forEach((g, gi) => {
    // An abbreviation weighs like its long form: the rare literal "VN" of one passage must not outweigh the
    // Verwendungsnachweis every other passage writes out.
    const floor = g.abbreviation === true ? Math.min(...g.own.map(global)) : Infinity;
    g.own.forEach((t, i) => {
      weight.set(t, Math.min(floor, global(t)) * (YEAR_TERM.test(t) || SMALL_NUMBER.test(t) ? YEAR_WEIGHT : g.generic ? GENERIC_WEIGHT : g.asked === true ? ASKED_WEIGHT : 1));
      // Typos only: a term the index knows is matched exactly (cheaper, and no drift to look-alike words). The
      // word's own stem gets the distance of the written word (Vertertung → vertert, two edits for a swap).
      const length = i === 0 ? Math.max(t.length, g.word.length) : t.length;
      const distance = Math.min(settings.maxFuzzy, Math.round(length * settings.fuzzy));
      if (length >= settings.fuzzyMinLength && distance >= 1 && !df.has(t) && !/\d/.test(t)) fuzzy.set(t, distance);
    });
    // Several synonyms of one word should not outweigh the word itself: their weight shrinks with their number.
    // A word the knowledge base never uses (Zwischenabrechnung) is found only by its synonyms (Zwischennachweis):
    // they stand in for it at its own weight instead of the lower weight that keeps them below the word itself.
    const unknown = g.own.every((t) => !df.has(t));
    const related = (unknown ? settings.standInWeight : settings.relatedWeight) / Math.sqrt(Math.max(1, g.related.length));
    for (const t of g.related) if (!weight.has(t)) weight.set(t, related * global(t));
    for (const t of [...g.own, ...g.related]) groupOf.set(t, [...(groupOf.get(t) ?? []), gi]);
  });
  for (const t of plan.answerTypes) if (!weight.has(t)) weight.set(t, settings.answerTypeWeight);
  return { weight, fuzzy, groupOf };
}

/**
 * Score factor of a passage that states the amount asked for only in passing (consistency.ts `amountIncidental`):
 * a little below one, so that of two passages the question's words fit alike, the one about amounts leads.
 */
export const AMOUNT_INCIDENTAL = 0.9;

/** Score factor of a passage's fit: a passage about other years, another programme or without the asked amount sinks. */
export function fitFactor(f: Fit, settings: SearchSettings): number {
  const c = settings.consistency;
  const amount = f.amountMissing ? c.amount : f.amountIncidental ? AMOUNT_INCIDENTAL : 1;
  return (f.yearMismatch ? c.year : f.yearOwn ? c.ownYear : f.yearOther ? c.otherYear : 1) * (f.programmeMismatch ? c.programme : 1) * amount * (f.narrower ? c.narrower : 1) * (f.otherType ? c.otherType : 1);
}
