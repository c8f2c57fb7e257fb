/**
 * A question for a deadline ("Bis wann …?", "Bis zu welchem Datum …?", "Welche Frist …?") and whether a passage states
 * one: a date, a month, a period ("drei Monate nach …", "spätestens", "zum Ende des …"). A passage that states none
 * does not answer a deadline question, however many of its words it shares (assess.ts). A year alone ("ab 2025") is no
 * deadline. Likewise a question for a time of day ("Bis wie viel Uhr …?", "Öffnungszeiten") and a clock time, and one
 * for where to send something by post ("per Post … wohin genau?", "Postanschrift") and a postal address. Pure.
 */

const DEADLINE_QUESTION = /\bbis\s+wann\b|\bbis\s+zu\s+welche[mnr]?\b|\bwelche[nrs]?\s+(?:\p{L}+\s+)?(?:Frist|Abgabefrist|Einreichungsfrist|Antragsfrist)\b|\bwann\b[^?]*\bspätestens\b/iu;

const MONTH = String.raw`(?:Januar|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)`;
const COUNT = String.raw`(?:\d+|eine[mnr]?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|achtzehn|vierundzwanzig|sechsunddreißig)`;
const DATE = new RegExp(
  [
    String.raw`\b\d{1,2}\.\s?\d{1,2}\.`,
    String.raw`\b${MONTH}\b`,
    String.raw`\b${COUNT}\s+(?:Monate?n?|Wochen?|Tage?n?|Jahre?n?)\b`,
    String.raw`\b(?:spätestens|unverzüglich|Jahresende|Quartal\w*|Halbjahr\w*)\b`,
    String.raw`\b(?:zum|bis|vor|nach)\s+(?:dem\s+)?(?:Ende|Beginn|Ablauf|Abschluss)\b`,
  ].join('|'),
  'iu',
);

/** True when the question asks by when something is due. */
export function asksDeadline(question: string): boolean {
  return DEADLINE_QUESTION.test(question);
}

/** True when a text states a date, a month or a period. */
export function statesDate(text: string): boolean {
  return DATE.test(text);
}

const CLOCK_QUESTION = /\bwie\s*viel\s+Uhr\b|\bUhrzeit\w*|(?<!\p{L})(?:Öffnungs|Sprech|Geschäfts)zeit|\bhat\b[^?.]{0,60}\bgeöffnet\b|\bfür\s+(?:Besucher\w*|Publikum|Kund\w*)\s+geöffnet\b/iu;
const CLOCK_TIME = /\b\d{1,2}(?:[:.]\d{2})?\s*Uhr\b/u;

/** True when the question asks for a time of day or opening hours ("Bis wie viel Uhr ist … geöffnet?"). */
export function asksClockTime(question: string): boolean {
  return CLOCK_QUESTION.test(question);
}

/** True when a text states a clock time ("9 Uhr", "15:30 Uhr"). */
export function statesClockTime(text: string): boolean {
  return CLOCK_TIME.test(text);
}

const POSTAL_QUESTION = /\bPost(?:anschrift|adresse)\b|\bAnschrift\b|\bpostalisch\b|\bwohin\b[^?]*\bPost\b|\bPost\b[^?]*\bwohin\b/iu;
const POSTAL_ADDRESS = /\b\d{5}\s+\p{Lu}\p{L}+/u;

/** True when the question asks where to send something by post ("per Post … wohin genau?", "Postanschrift"). */
export function asksPostalAddress(question: string): boolean {
  return POSTAL_QUESTION.test(question);
}

/** True when a text states a postal address (a postcode and a town: "97877 Wertheim"). */
export function statesPostalAddress(text: string): boolean {
  return POSTAL_ADDRESS.test(text);
}

/** A move into the following year: "ins nächste Jahr mitnehmen", "in das Folgejahr übertragen". */
const INTO_NEXT_YEAR = /\b(?:ins|in\s+das|aufs|auf\s+das)\s+(?:(?:nächste|kommende|folgende)\s+(?:Haushalts)?[Jj]ahr|Folgejahr|Folgehaushaltsjahr)\b/iu;
const NEXT_YEAR = /\b(?:nächste[nsm]?|kommende[nsm]?|folgende[nsm]?)\s+(?:Haushalts)?[Jj]ahr|Folgejahr|übertrag/iu;

/**
 * True when the question asks for a clock time or a postal address and the text states none: an address in Wertheim
 * is no "bis 16 Uhr", a page of forms no "wohin per Post". Nor is a passage that never speaks of a following year an
 * answer to moving something into it ("Dürfen wir Fördermittel … ins nächste Jahr mitnehmen?").
 */
export function missesAskedTimeOrPlace(question: string, text: string): boolean {
  return (
    (asksClockTime(question) && !statesClockTime(text)) ||
    (asksPostalAddress(question) && !statesPostalAddress(text)) ||
    (INTO_NEXT_YEAR.test(question) && !NEXT_YEAR.test(text))
  );
}
