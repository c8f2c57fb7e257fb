/**
 * History is no answer to a question about today. A passage about years that lie wholly before the newest period
 * the knowledge base speaks of (the chronicle's "Förderjahre 2017 und 2018" beside "Förderung ab 2025") tells what
 * was done then; a question that names no year and does not speak of the past ("Zu welchen Terminen können wir
 * die Mittel abrufen?") asks how it is done now, and the 2017 release of 60 % of the funds does not answer it.
 * Such a passage is a misfit (assess.ts): shown among the suggestions, never given as the answer. Pure.
 */
import type { YearRange } from './years.js';

/**
 * Words of a question that speak of the past: preterite and perfect forms of the verbs questions use, and words
 * of time gone by ("damals", "seit wann", "bisher"). Left out: preterite forms that also serve as polite present
 * ("sollte", "würde", "könnte"), "stand", which is mostly the noun ("der Stand meines Antrags"), and "vorher",
 * "zuvor", "zuletzt", which order steps ("Muss der Antrag vorher gestellt werden?"), and participles that a present
 * passive or a present state uses as well ("muss beschlossen sein", "wenn die Voraussetzungen gegeben sind"), and
 * "früher", which also means sooner ("Können wir den Bericht früher abgeben?").
 */
const PAST = new RegExp(
  String.raw`\b(?:war|wars|waren|gab|gabs|gaben|galt|galten|wurde|wurden|konnte|konnten|musste|mussten|durfte|durften|hatte|hatten|` +
    String.raw`ging|gingen|lief|liefen|standen|kam|kamen|bekam|bekamen|erhielt|erhielten|fand|fanden|nahm|nahmen|gewesen|gegolten|worden|` +
    String.raw`gestartet|begonnen|angefangen|entstanden|` +
    String.raw`damals|ursprünglich|urspruenglich|seinerzeit|anfangs|anfänglich\p{L}*|anfaenglich\p{L}*|einst|ehemals|` +
    String.raw`vergangen\p{L}*|bisher|bislang|seit\s+wann|seit\s+wie|zu\s+beginn|geschichte|chronik|historisch\p{L}*)\b`,
  'iu',
);

/**
 * Whether a question speaks of the past.
 *
 * @example speaksOfPast('Wann ist das Integrationsmanagement gestartet?') // → true
 * @example speaksOfPast('Zu welchen Terminen können wir die Mittel abrufen?') // → false
 */
export function speaksOfPast(question: string): boolean {
  return PAST.test(question);
}

/** Words of a question asking about the beginning ("Wie viel Geld gab es anfangs …?", "am Anfang", "ursprünglich"). */
const EARLY = /\b(?:anfangs|anfänglich\p{L}*|anfaenglich\p{L}*|ursprünglich\p{L}*|urspruenglich\p{L}*|am\s+anfang|zu\s+beginn|zum\s+start|seinerzeit|damals)\b/iu;

/**
 * Whether a question asks about the programme's beginning or early years: the passage on the newest period does not
 * answer it (consistency.ts `fit`), as history does not answer a question about today.
 *
 * @example speaksOfBeginning('wie viel geld gabs am anfang pro vollzeitstelle?') // → true
 */
export function speaksOfBeginning(question: string): boolean {
  return EARLY.test(question);
}

/**
 * For each passage (by the years of its heading), whether it is about the newest period any heading names ("Förderung
 * ab 2025"): its heading names a period starting with it.
 *
 * @example currentFlags([[[2017, 2018]], [[2025, OPEN_END]], []]) // → [false, true, false]
 */
export function currentFlags(headingYears: readonly (readonly YearRange[])[]): boolean[] {
  const present = newestStart(headingYears);
  return headingYears.map((years) => present !== null && years.some(([from]) => from === present));
}

/** The latest year a heading's period starts with, or null when no heading names a year. */
function newestStart(headingYears: readonly (readonly YearRange[])[]): number | null {
  const starts = headingYears.flat().map(([from]) => from);
  return starts.length === 0 ? null : Math.max(...starts);
}

/**
 * For each passage (by the years of its heading), whether it is about history: its heading names years, every one
 * a closed period ending before the newest period any heading names begins.
 *
 * @example historyFlags([[[2017, 2018]], [[2025, OPEN_END]], []]) // → [true, false, false]
 */
export function historyFlags(headingYears: readonly (readonly YearRange[])[]): boolean[] {
  const present = newestStart(headingYears);
  if (present === null) return headingYears.map(() => false);
  // An open range ("ab 2025") ends at OPEN_END, after any year a heading names: never history.
  return headingYears.map((years) => years.length > 0 && years.every(([, to]) => to < present));
}
