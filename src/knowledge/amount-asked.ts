/**
 * Whether a question asks for an amount (consistency.ts `questionFacets`): a sum of money ("wie viel Geld", "Höhe der
 * Förderung", "Betrag") or a number ("wie viel", "wie hoch"), and whether it asks for the amount itself ("Höhe",
 * "Betrag", "wie viele"). Not: how an amount is reached (a method), a sum as the mode of payment, or "Höhe" in a
 * sentence that asks for something else. And whether a passage states an amount (`hasNumber`, `hasMoney`). Pure.
 */
import { METHOD_PARTICIPLES } from './answer-type.js';
import { YEAR } from './years.js';

/** Words asking for a sum of money: "wie viel Geld", "mehr Geld", "einen höheren Zuschuss", "Höhe der Förderung", "Betrag", "Euro". */
const MONEY_QUESTION = /\b(?:wie\s*viele?|wieviele?|mehr|weniger|h[öo]her\w*|niedriger\w*|geringer\w*)\s+(?:\p{L}+\s+)?(?:Geld|Euro|Mittel|Förderung|Zuschuss|Kohle)\b|\bH[öo]he\b|\bBetr[äa]g(?:e|en|es)?\b|\bSummen?\b|\bEuro\b|€/iu;
/** Sums of money: asked "wie hoch" or "wie viel", they want a sum in Euro ("Wie hoch ist die Pauschale …?"). */
const MONEY_NOUN = /\b(?:Pauschalen?|F[öo]rders[äa]tz(?:e|es)?|Festbetr[äa]g(?:e|es)?|Zusch[üu]ss(?:e|es)?|Zuwendung(?:en)?|F[öo]rderbetr[äa]g(?:e|es)?)\b/iu;
/** Words asking for the amount itself: "Höhe", "Betrag", "Summe" (with "wie viel" and "wie hoch"). */
const HOW_MUCH = /\bH[öo]he\b|\bBetr[äa]g(?:e|en|es)?\b|\bSummen?\b|\bwie\s*viele?\b|\bwieviele?\b/iu;
/** A sum as the mode of payment ("als fester Betrag", "als eine Summe"), which asks for no figure. */
const MODE_OF_PAYMENT = /\bals\s+(?:\p{L}+\s+){0,2}(?:Betr[äa]g(?:e|en|es)?|Summen?)\b/giu;
/**
 * A question word asking for something other than an amount ("Was hat … kritisiert?", "Nach welchem Stichtag …?",
 * "Welcher Stichtag war für die Höhe … entscheidend?").
 */
const OTHER_ASK =
  /\b(?:was|wer|wen|wem|wo|wann|warum|weshalb|wieso|wozu|wof[üu]r|woran|wonach|wie\s+lange)\b|\b(?:nach|zu|an|bis|ab|seit)\s+welche[mnrs]?\b|\bwelche[mnrs]?\s+(?:Stichtag|Datum|Frist|Termin|Zeitpunkt|Grundlage|Kriterien|Kriterium|Schl[üu]ssel|Ma(?:ß|ss)stab|Regel|Stelle|Beh[öo]rde)\b/iu;
/** An amount asked by its noun or "wie hoch": "Welcher Betrag …", "In welcher Höhe …", "Wie viel …". */
const AMOUNT_ASK = /\bwelche[mnrs]?\s+(?:\p{L}+\s+)?(?:Betr[äa]g\w*|Summen?|H[öo]he)\b|\bwie\s*(?:hoch|viel)|\bwieviel/iu;
/** Nouns of an amount that ask for one only when the question asks for nothing else. */
const AMOUNT_WORDS = /\bH[öo]he\b|\bBetr[äa]g(?:e|en|es)?\b|\bSummen?\b|\bEuro\b|€/giu;

/**
 * The question without the amount nouns that do not ask for an amount: a sum as the mode of payment ("als fester
 * Betrag gezahlt"), and "Höhe" or "Betrag" in a sentence that asks for something else ("Was hat der Rechnungshof an
 * der Höhe der Fördersätze kritisiert?", "Nach welchem Stichtag richtete sich die Höhe der Mittel?").
 */
function amountWordsAsked(text: string): string {
  return text
    .replace(MODE_OF_PAYMENT, ' ')
    .split(/(?<=[?!.])\s+/u)
    .map((sentence) => (OTHER_ASK.test(sentence) && !AMOUNT_ASK.test(sentence) ? sentence.replace(AMOUNT_WORDS, ' ') : sentence))
    .join(' ');
}

/** Words asking for a quantity: "wie viel" (not "wie viele", which count things, nor "wie viel Zeit": how long). */
const NUMBER_QUESTION = /\bwie\s*viel\b(?!\s+Zeit\b)|\bwieviel\b(?!\s+Zeit\b)|\bwie\s+hoch\b/iu;

/**
 * A question for how an amount is reached ("Wie hat man berechnet, welcher Betrag …", "Wie wird ab 2025 berechnet,
 * wie viel Geld …"): it asks for the method, which a passage may state without a figure, not for the amount.
 */
const METHOD_QUESTION = new RegExp(
  String.raw`^\s*wie\s+(?:wird|werden|wurde|wurden|hat|haben|hatte|hatten|ist|sind|war|waren)\b[^?]*?\b${METHOD_PARTICIPLES}\b`,
  'iu',
);

/**
 * A question for the basis of an amount, which it names in a clause of its own ("Wonach wurde ausgerechnet, wie viel
 * jeder Kreis bekommt?", "Nach welcher Zahl richtete sich, wie viel Geld eine Gemeinde bekam?"): it asks for the basis.
 */
const BASIS_QUESTION = /^\s*(?:wonach|wovon|woran|(?:nach|auf|anhand)\s+welche[mnrs]?\s+\p{L}+)\b[^?]*?,\s*(?:wie\s*viel|wieviel|wie\s+hoch|welche[mnrs]?\s+(?:Betr[äa]g|Summe|H[öo]he))/iu;

/** What a question asks of an amount: `asks` money or a number (or nothing), `howMuch` the amount itself. */
export function amountAsked(text: string): { asks: 'money' | 'number' | null; howMuch: boolean } {
  const method = METHOD_QUESTION.test(text) || BASIS_QUESTION.test(text);
  const asked = amountWordsAsked(text);
  const asks = method ? null : MONEY_QUESTION.test(asked) ? 'money' : NUMBER_QUESTION.test(asked) ? (MONEY_NOUN.test(asked) ? 'money' : 'number') : null;
  const howMuch = !method && (NUMBER_QUESTION.test(asked) || HOW_MUCH.test(asked));
  return { asks, howMuch };
}

/** Rule numbers (Nr. 7.4.2), dates and years are numbers, but no amounts. */
const NOT_AMOUNT = new RegExp(String.raw`\bNr\.\s*\d+(?:\.\d+)*|\d{1,2}\.\d{1,2}\.(?:${YEAR})?|(?<![\d.,])${YEAR}(?![\d,]|\.\d)`, 'gu');
const MONEY = /\d\s*(?:€|Euro|Mio|Millionen|Milliarden|Mrd|Prozent|%)|\b(?:Euro|Prozent)\b|€/u;

/** A number in words with what it counts ("drei Monate", "zwei Jahre", "sechs Seiten"); "eine" is no count. */
const COUNT_IN_WORDS = /\b(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig)\s+(?:Monat|Jahr|Woche|Tag|Seite|Stunde|Stelle|Person)/iu;

/** True when a text states a number that is not a year, a date or a rule number ("0,5 VZÄ", "drei Monate"). */
export function hasNumber(text: string): boolean {
  return MONEY.test(text) || COUNT_IN_WORDS.test(text) || /\d/.test(text.replace(NOT_AMOUNT, ' '));
}

/** True when a text states a sum of money or a share (Euro, €, Mio., Prozent). */
export function hasMoney(text: string): boolean {
  return MONEY.test(text);
}
