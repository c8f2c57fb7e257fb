/**
 * Calibration of questions in several clauses ("Ab wann fließt der Zuschuss, und sind Laptop und Diensthandy
 * auch mit drin?"): a clause about things the knowledge base never mentions makes the whole question look
 * uncertain, although the passage that ranks first answers the other clause with confidence. Each clause is
 * assessed as a question of its own; the answer then says which part it does not cover (compose-parts.ts).
 * Pure.
 */
import type { RankedHit, SearchIndex } from './index.minisearch.js';
import { cachedPlan } from './query.js';
import { assess, THRESHOLDS } from './assess.js';

/** Where a question splits into clauses that ask separately: ", und", ", oder", a dash, a semicolon, a second question. */
const CLAUSE_BOUNDARY = /,\s*(?:und|oder|sowie)\s+|\s+[–—-]\s+(?:und\s+|oder\s+)?|;\s*|\?\s+/giu;

/** Most clauses asked on their own (each costs one more search; a longer question is rarely one clause plus noise). */
const MAX_CLAUSES = 3;

/**
 * A clause that leans on the one before it ("wenn ja, in welcher Höhe?", "gibt es dafür eine Pauschale") asks
 * about that clause's topic: on its own its few words meet other passages ("höheren" for "Höhe"). So does a clause
 * with a pronoun for what the clause before it names (PRONOUN_BACK).
 */
const DEPENDENT = /^(?:und\s+|oder\s+)?(?:wenn|falls|sofern)\s+(?:ja|nein|nicht|doch|so)\b|\b(?:dafür|dafuer|dazu|davon|damit|dabei|darauf|darüber|hierfür|hierzu|hiervon|dies\w*|solche\w*)\b/iu;

/**
 * A pronoun in lower case for a thing or person named before ("für welchen Zeitraum gelten sie?", "muss er …");
 * the reader's "Sie", "Ihre" are written with a capital.
 */
const PRONOUN_BACK = /\b(?:sie|er|ihn|ihm|ihnen|ihre[mnrs]?|seine[mnrs]?)\b/u;

/**
 * A clause stating a condition ("Wenn wir die Beratung an drei Verbände vergeben haben – schreibt dann …?") asks
 * nothing: the clause after it asks under that condition, and a passage answering the condition alone answers
 * another question.
 */
const CONDITION = /^(?:und\s+|oder\s+)?(?:wenn|falls|sofern|soweit)\s/iu;

/** Fewest letters of a clause worth asking on its own. */
const MIN_CLAUSE = 12;

/**
 * The clauses of a question, each asked on its own; fewer than two when the question has one clause.
 *
 * @example clauses('Ab wann fließt der Zuschuss, und sind Laptops mit drin?') // ['Ab wann fließt der Zuschuss', 'sind Laptops mit drin?']
 */
export function clauses(question: string): string[] {
  const out = question
    .split(CLAUSE_BOUNDARY)
    .map((c) => c.trim())
    .filter((c) => c.replace(/[^\p{L}]/gu, '').length >= MIN_CLAUSE);
  return out.length >= 2 ? out : [];
}

/** A clause that answers the question alone, and the other clauses, which its passage does not answer. */
export interface ClauseAnswer {
  confidence: number;
  /** The other clauses as written ("sind Laptop und Diensthandy auch mit drin?"). */
  rest: string[];
}

/**
 * The clause of the question answered with the highest confidence by the same passage that ranks first for the
 * whole question (null when none is, or the question has one clause). A clause answered by another passage does
 * not count: the question as a whole points elsewhere. The clause's passage must cover at least `clauseCoverage`
 * of it and lead the next by `clauseMargin`.
 */
export function clauseAnswer(index: SearchIndex, question: string, best: RankedHit, depth: number, places: readonly string[] = []): ClauseAnswer | null {
  const all = clauses(question);
  let found: { confidence: number; clause: string } | null = null;
  for (const clause of all.slice(0, MAX_CLAUSES)) {
    if (DEPENDENT.test(clause) || PRONOUN_BACK.test(clause) || CONDITION.test(clause)) continue;
    const plan = cachedPlan(clause, index.analyzer, index.synonyms);
    if (plan.groups.length === 0) continue;
    const ranked = index.search(plan, depth);
    if (ranked[0]?.passage.id !== best.passage.id) continue;
    const a = assess(plan, ranked, index, places);
    // Few words say little: a clause speaks for the question only when its passage covers most of it and leads clearly.
    const clear = a.coverage >= THRESHOLDS.clauseCoverage && a.margin >= THRESHOLDS.clauseMargin;
    if (clear && a.confidence >= THRESHOLDS.answer && a.confidence > (found?.confidence ?? 0)) found = { confidence: a.confidence, clause };
  }
  return found === null ? null : { confidence: found.confidence, rest: all.filter((c) => c !== found.clause) };
}
