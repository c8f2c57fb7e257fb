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
  /** Term sets, one per topic word: the part is covered when a set has a term in the answer. */
  terms: string[][];
}

/** Where a question splits into parts: "und", "sowie", "außerdem", a semicolon or a second question. */
const PART_BOUNDARY = /\s+(?:und|sowie|außerdem|zudem|ausserdem)\s+|;\s*|\?\s+/i;

/** A clause opened by a subordinating conjunction: an "und" inside it joins verbs, not questions. */
const SUBORDINATE = /^\s*(wenn|ob|dass|weil|damit|sodass|falls|nachdem|bevor|sobald|solange|während|indem)\b/i;

/** Splits asked text at part boundaries, except an "und" inside a subordinate clause ("…, wenn sie berät und …"). */
function splitParts(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(new RegExp(PART_BOUNDARY.source, 'gi'))) {
    const before = text.slice(start, m.index);
    const clause = before.slice(before.lastIndexOf(',') + 1);
    if (/\s(und|sowie)\s/i.test(m[0]) && SUBORDINATE.test(clause)) continue;
    out.push(before);
    start = m.index + m[0].length;
  }
  out.push(text.slice(start));
  return out.filter((s) => s.trim() !== '');
}

/**
 * The parts of a question that name topics of their own: a part counts only when it has a noun of the
 * question (a topic word that is not generic) that no other part has. A question with one part yields [].
 *
 * @example questionParts(plan) // for "Frist für den Verwendungsnachweis und für die Kennzahlen?": two parts
 */
export function questionParts(question: string, plan: QueryPlan, analyzer: GermanAnalyzer): QuestionPart[] {
  // Only what is asked: a line of context before the question ("Unser IMler fällt aus und …") has no parts.
  const asked = question.split(/(?<=[.!?])\s+/).filter((s) => s.trim().endsWith('?'));
  const segments = splitParts(asked.length > 0 ? asked.join(' ') : question);
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

/**
 * True when the analysed text names a topic word of the part. Lenient on purpose: saying that a part is not
 * answered when it is (in other words) would be worse than leaving a detail of a part unanswered.
 */
export function covers(terms: ReadonlySet<string>, part: QuestionPart): boolean {
  return part.terms.some((set) => set.some((t) => terms.has(t)));
}

/**
 * The note for a clause of the question that the answer does not cover, quoting it as written.
 *
 * @example uncoveredClause('sind Laptops mit drin?') // 'Zu Ihrer Frage „sind Laptops mit drin?“ enthält diese Quelle keine Angabe; …'
 */
export function uncoveredClause(clause: string): string {
  return `Zu Ihrer Frage „${clause}“ enthält diese Quelle keine Angabe; bitte wenden Sie sich dazu an die zuständige Sachbearbeitung.`;
}
