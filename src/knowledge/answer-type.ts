/**
 * Answer types of German questions: "Wie viel …?" asks for an amount, "Bis wann …?" for a date, "Wer …?" for
 * an institution or person. The question words themselves are stopwords; their type is indexed for the
 * typical questions (`fragen`) and titles of passages and matched at query time, so "Wie viele Stellen gibt
 * es?" prefers the passage that answers a "wie viele" question.
 */

/** Participles by which a question asks how an amount or a distribution was reached ("Wie wurde … berechnet?"). */
export const METHOD_PARTICIPLES = String.raw`(?:berechnet|ausgerechnet|errechnet|bemessen|festgelegt|festgesetzt|ermittelt|verteilt|aufgeteilt)`;

const TYPES: [string, RegExp][] = [
  ['typ_menge', /\bwie\s*(viel(?:e|en|er|es)?|hoch)\b|\bwieviel(?:e|en|er|es)?\b/iu],
  // "Bis wann", and a point in time asked by its noun: "Ab welchem Datum", "Bis zu welchem Tag", "Welcher Stichtag".
  ['typ_zeitpunkt', /\bwann\b|\bwelche[mnr]?\s+(datum|zeitpunkt|tag|termin|stichtag)\b/iu],
  ['typ_dauer', /\bwie\s*lange?\b/iu],
  ['typ_wer', /\b(wer|wen|wem)\b/iu],
  ['typ_ort', /\b(wo|wohin|woher)\b/iu],
  ['typ_zweck', /\b(wof[üu]e?r|wozu)\b|\bwas\s+(macht|machen|tut|tun)\b/iu],
  ['typ_verfahren', /\bwie\s+(beantrag|stell|reich|melde|geh|l[äa]uft|muss|musste|kann|wurde|werden)\w*/iu],
  // The basis of an amount or a distribution: "Wonach richtet sich …", "Nach welchem Schlüssel …", "Wie wurde …
  // verteilt?", "Hing die Höhe von … ab?".
  [
    'typ_grundlage',
    new RegExp(
      String.raw`\bwonach\b|\bwovon\b|\b(?:nach|auf|anhand)\s+welche[mnr]?\s+(?:schl[üu]ssel|ma(?:ß|ss)stab|kriteri\w*|grundlage|basis|zahlen?)|\bwie\s+(?:wird|wurde|werden|wurden)\b[^?\n]*\b${METHOD_PARTICIPLES}\b|\b(?:h[äa]ngt|h[äa]ngen|hing|hingen)\b[^?\n]*\bab\b`,
      'iu',
    ),
  ],
];

const QUESTION_WORD = /\b(wie|wieviel|wieviele|wann|welche[mnr]?|wer|wen|wem|wo|wohin|woher|wof[üu]e?r|wozu|was|wonach|wovon|h[äa]ngt|h[äa]ngen|hing|hingen)\b/iu;

/**
 * Answer-type terms of one question (or several, separated by newlines).
 *
 * @example answerTypes('Bis wann muss der Sachbericht vorliegen?') // ['typ_zeitpunkt']
 */
export function answerTypes(text: string): string[] {
  // Every pattern needs one of these question words; most texts have none.
  if (!QUESTION_WORD.test(text)) return [];
  const out = new Set<string>();
  for (const question of text.split('\n')) {
    const types = TYPES.filter(([, pattern]) => pattern.test(question)).map(([type]) => type);
    // "Wonach richtet sich, wie viel …": the amount names what the basis is for, the basis is asked.
    for (const type of types) if (!(type === 'typ_menge' && types.includes('typ_grundlage'))) out.add(type);
  }
  return [...out];
}
