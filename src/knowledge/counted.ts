/**
 * What a "Wie viele …?" question counts: "Wie viele Geflüchtete darf eine Vollzeitkraft höchstens betreuen?" counts
 * refugees. A passage whose typical questions count only something else ("Wie viele Jahre darf ein Geflüchteter
 * betreut werden?") answers another question, however many words they share (consistency.ts `otherType`). Pure.
 */
import { foldWord, nounStem, stripGender } from './german.js';

/** "wie viele" (also "wieviele"; not "wie viel Geld": a sum) and the two words after it. */
const HOW_MANY = /\bwie\s*viele[nrs]?\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?/giu;

/** Words after "wie viele" that are no counted noun: "Wie viele davon", "wie viel mehr". */
const NOT_COUNTED = /^(?:davon|dafür|mehr|weniger|genau|ungefähr|etwa|insgesamt|maximal|höchstens|mindestens|noch|es|gibt|sind|waren|darf|dürfen|kann|können|muss|müssen|soll|sollen|werden|wurden|hat|haben)$/iu;

/**
 * The stems of the nouns counted by "Wie viele …?" in a text (each line one question). In a text written with
 * capitals the counted noun is the first capitalised word (after an adjective: "wie viele zusätzliche Stellen");
 * typed in lower case, the first word.
 *
 * @example countedNouns('Wie viele Jahre darf ein Geflüchteter betreut werden?') // ['jahr']
 */
export function countedNouns(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(HOW_MANY)) {
    const words = [m[1]!, m[2]].filter((w): w is string => w !== undefined && !NOT_COUNTED.test(w));
    const noun = words.find((w) => /^\p{Lu}/u.test(w)) ?? (/\p{Lu}/u.test(text) ? undefined : words[0]);
    if (noun !== undefined) out.add(nounStem(stripGender(foldWord(noun))));
  }
  return [...out];
}

/** A counted noun without hyphen and inflection ending, to be compared by its head (IM-Stellen, Vollzeitstellen: stell). */
const key = (w: string): string => w.replace(/-/gu, '').replace(/(?:en|er|e|n|s)$/u, '');

/** The same counted thing: one names the other or is a compound with it as head (Stellen, Vollzeitstellen). */
const same = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a) || a.endsWith(b) || b.endsWith(a);

/** True when the question counts nouns and the passage's typical questions count only others. */
export function countsOther(question: readonly string[], passage: readonly string[]): boolean {
  return question.length > 0 && passage.length > 0 && !passage.some((p) => question.some((q) => same(key(q), key(p))));
}
