/**
 * Answer types of German questions: "Wie viel …?" asks for an amount, "Bis wann …?" for a date, "Wer …?" for
 * an institution or person. The question words themselves are stopwords; their type is indexed for the
 * typical questions (`fragen`) and titles of passages and matched at query time, so "Wie viele Stellen gibt
 * es?" prefers the passage that answers a "wie viele" question.
 */

const TYPES: [string, RegExp][] = [
  ['typ_menge', /\bwie\s*(viel(?:e|en|er|es)?|hoch)\b|\bwieviel(?:e|en|er|es)?\b/iu],
  // "Bis wann", and a point in time asked by its noun: "Ab welchem Datum", "Bis zu welchem Tag", "Welcher Stichtag".
  ['typ_zeitpunkt', /\bwann\b|\bwelche[mnr]?\s+(datum|zeitpunkt|tag|termin|stichtag)\b/iu],
  ['typ_dauer', /\bwie\s*lange?\b/iu],
  ['typ_wer', /\b(wer|wen|wem)\b/iu],
  ['typ_ort', /\b(wo|wohin|woher)\b/iu],
  ['typ_zweck', /\b(wof[üu]e?r|wozu)\b|\bwas\s+(macht|machen|tut|tun)\b/iu],
  ['typ_verfahren', /\bwie\s+(beantrag|stell|reich|melde|geh|l[äa]uft|muss|musste|kann|wurde|werden)\w*/iu],
];

const QUESTION_WORD = /\b(wie|wieviel|wieviele|wann|welche[mnr]?|wer|wen|wem|wo|wohin|woher|wof[üu]e?r|wozu|was)\b/iu;

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
    for (const [type, pattern] of TYPES) if (pattern.test(question)) out.add(type);
  }
  return [...out];
}
