/**
 * Questions in several parts ("Frist für den Verwendungsnachweis und für die Kennzahlen?"): the parts, each
 * with the topic words that only it names, so that an answer can be checked part by part.
 */
import type { GermanAnalyzer } from './analyzer.js';
import type { QueryPlan } from './query.js';
import { foldWord, stripGender } from './german.js';
import { rawWords, tokenize } from './tokenize.js';

/** One part of a question and the terms by which an answer covers it. */
export interface QuestionPart {
  /** The part's topic words as the user wrote them ("Kennzahlen"). */
  label: string;
  /** Term sets, one per topic word: the part is covered when every set has a term in the answer. */
  terms: string[][];
}

/** Where a question splits into parts: "und", "sowie", "außerdem", a semicolon or a second question. */
const PART_BOUNDARY = /\s+(?:und|sowie|außerdem|zudem|ausserdem)\s+|;\s*|\?\s+/i;

/**
 * The parts of a question that name topics of their own: a part counts only when it has a noun of the
 * question (a topic word that is not generic) that no other part has. A question with one part yields [].
 *
 * @example questionParts(plan) // for "Frist für den Verwendungsnachweis und für die Kennzahlen?": two parts
 */
export function questionParts(question: string, plan: QueryPlan, analyzer: GermanAnalyzer): QuestionPart[] {
  // Only what is asked: a line of context before the question ("Unser IMler fällt aus und …") has no parts.
  const asked = question.split(/(?<=[.!?])\s+/).filter((s) => s.trim().endsWith('?'));
  const segments = (asked.length > 0 ? asked.join(' ') : question).split(PART_BOUNDARY).filter((s) => s.trim() !== '');
  if (segments.length < 2) return [];
  // Topic words the knowledge base knows: a word it never uses is the ranking's concern, not a part to answer.
  const topical = plan.groups.filter((g) => g.noun && !g.generic && (analyzer.knows(g.own[0]!) || g.related.length > 0));
  const byWord = new Map(topical.map((g) => [g.word, g]));
  const perSegment = segments.map((s) => {
    const found = tokenize(s).filter((w) => byWord.has(w));
    return [...new Set(found)];
  });
  const counts = new Map<string, number>();
  for (const ws of perSegment) for (const w of ws) counts.set(w, (counts.get(w) ?? 0) + 1);
  const parts: QuestionPart[] = [];
  for (const [i, ws] of perSegment.entries()) {
    const own = ws.filter((w) => counts.get(w) === 1);
    if (own.length === 0) continue;
    const surface = rawWords(segments[i]!).filter((w) => own.includes(stripGender(foldWord(w))));
    parts.push({
      label: surface.length > 0 ? [...new Set(surface)].join(' ') : own.join(' '),
      terms: own.map((w) => {
        const g = byWord.get(w)!;
        return [...new Set([...g.own, ...g.related, ...analyzer.analyze(w)])];
      }),
    });
  }
  return parts.length >= 2 ? parts : [];
}

/** True when the analysed text covers every topic word of the part. */
export function covers(terms: ReadonlySet<string>, part: QuestionPart): boolean {
  return part.terms.every((set) => set.some((t) => terms.has(t)));
}
