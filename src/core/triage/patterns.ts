/**
 * Pattern fragments and the rule type shared by the application-matter tables (rules.ts,
 * case-rules.ts). All fragments are regex source written against folded text (lower case,
 * ä→ae, ö→oe, ü→ue, ß→ss; see text.ts).
 */

/** A weighted text signal; `reason` is German and names the signal, the matched words are appended. */
export interface TextRule {
  id: string;
  weight: number;
  reason: string;
  pattern: RegExp;
}

/** Rules read folded text, which has no upper case (checked over every code unit in the tests): no `i` flag needed. */
export const re = (source: string): RegExp => new RegExp(source);

/** "unser …", also in the colloquial short forms ("unsre IM", "unsren Antrag"). */
export const POSSESSIVE = String.raw`\b(?:unser|unsere|unseren|unserem|unserer|unseres|unsre|unsren|unsrem|unsrer|unsres)\b`;

/**
 * A definite article or a possessive in front of a noun: "der Bescheid", "die Zahlung", "unser Antrag" name
 * one concrete item of the writer's own case; "ein Bescheid" or a bare plural ("Anträge") names a kind.
 */
export const SPECIFIC = String.raw`\b(?:der|die|das|den|dem|des|unser|unsere|unseren|unserem|unserer|unseres|unsre|unsren|unsrem|unsrer|unsres)`;

/** Between the article or possessive and its noun only adjectives, participles and numbers ("unserer bewilligten …"). */
export const ATTRIBUTES = String.raw`(?:\s+(?!(?:ein|eine|einen|einem|einer|der|die|das|den|dem|des)\b)(?:\w+(?:e|en|er|es|em)|neu|frisch|bereits|schon|\d+(?:[.,]\d+)?\.?)){0,3}`;

/**
 * Documents, money and deadlines of a concrete case (folded stems; compounds allowed in front). "VN" is the
 * usual short form of Verwendungsnachweis. A Rate or Frist is no verb ending: "beraten", "geraten", "verraten", "befristen".
 */
export const CASE_NOUN = String.raw`(?:vn|(?:\w+-)*\w*(?:antrag|antrags|antraege|antraegen|bescheid|bescheids|bescheides|bewilligung|zahlung|zahlungen|(?<!\b(?:be|ge|er|ver))raten?|mittelabruf|mittelabrufs|nachweis|nachweises|sachbericht|sachberichts|(?<!\bbe)frist(?:en)?|aktenzeichen|vorgang|vorgangs|foerderung|zuwendung|zuschuss|zuschusses|foerderbetrag|kennzahlen|mittel|foerdermittel|projekt|projekts|rueckforderung|auszahlung|bankverbindung|kontoverbindung|iban|konto))\b`;

/**
 * Words that make a sentence ask about the rules, not about one case ("grundsätzlich", "in der Regel").
 * The same words score negative in the rule table (rule-words).
 */
export const RULE_WORDS = String.raw`(?:foerderfaehig|zuwendungsfaehig|zulaessig|erlaubt|grundsaetzlich|generell|allgemein|in\s+der\s+regel|ueblicherweise|normalerweise|im\s+allgemeinen)`;

/**
 * The rule words that set the writer's own case explicitly aside ("Ab wann läuft grundsätzlich die Förderung?"):
 * they weigh more than "förderfähig" or "zulässig", which are asked of one's own case too ("Ist unsere Stelle
 * förderfähig?"). So does "eine grundsätzliche Frage"; not "Allgemeine Frage", a subject above any matter.
 */
export const GENERAL_WORDS = String.raw`(?:grundsaetzlich(?:e[nmrs]?)?|generell(?:e[nmrs]?)?|allgemein|in\s+der\s+regel|ueblicherweise|normalerweise|im\s+allgemeinen)`;

/** How a requester calls a decision they dispute ("halten die Berechnung für unzutreffend"): text folded. */
export const WRONG_DECISION = String.raw`(?:falsch|fehlerhaft|unzutreffend|unrichtig|rechtswidrig|unrechtmaessig|nicht\s+(?:korrekt|richtig|nachvollziehbar|gerechtfertigt))`;
