/**
 * Misspelt function words of a question typed in a hurry ("kenzahlen bis wan", "wiviel gibt es"): a word the
 * corpus does not know, one edit (insertion, deletion, substitution or swap of neighbours) away from a question
 * word or modal verb, is read as that word. It then frames the question and tells its answer type ("wann": a
 * date) instead of counting as a content word no passage contains. Pure.
 */
import { foldWord, isStopword } from './german.js';

/** Question words and verbs that open German questions; four letters or more (shorter ones are too close to nouns: Bus/bis). */
const FUNCTION_WORDS = [
  'wann', 'warum', 'weshalb', 'wieso', 'wozu', 'wofür', 'woher', 'wohin', 'wessen',
  'welche', 'welcher', 'welches', 'welchen', 'welchem', 'wieviel', 'wieviele', 'wieviel',
  'kann', 'können', 'muss', 'müssen', 'darf', 'dürfen', 'soll', 'sollen', 'gibt', 'gilt', 'sind', 'nicht', 'wurde', 'wurden', 'werden',
];
const FOLDED = new Map(FUNCTION_WORDS.map((w) => [foldWord(w), w]));

/**
 * Spoken contractions of articles and pronouns ("mit ner Gemeinde ausm Nachbarkreis", "gabs", "fürn Pakt") and
 * words cut short ("eigentl"), written out: they are function words, not content words no passage contains. German only ("is" and "wars"
 * stay: they are English words too, and the language check reads the corrected text).
 */
const CONTRACTIONS = new Map([
  ['ne', 'eine'],
  ['ner', 'einer'],
  ['nem', 'einem'],
  ['nen', 'einen'],
  ['ausm', 'aus dem'],
  ['aufm', 'auf dem'],
  ['furn', 'für den'],
  ['furm', 'für dem'],
  ['furs', 'für das'],
  ['gabs', 'gab es'],
  ['gibts', 'gibt es'],
  ['gehts', 'geht es'],
  ['gings', 'ging es'],
  ['nich', 'nicht'],
  ['isses', 'ist es'],
  ['wenns', 'wenn es'],
  ['obs', 'ob es'],
  // A filler cut short in a hurry.
  ['eigentl', 'eigentlich'],
  ['eigtl', 'eigentlich'],
  // Swabian and spoken forms ("kann ma …", "isch des …", "…, gell?").
  ['ma', 'man'],
  ['isch', 'ist'],
  ['net', 'nicht'],
  ['nix', 'nichts'],
  ['gehn', 'gehen'],
  ['warns', 'waren es'],
  ['wollns', 'wollen es'],
  ['beschte', 'besten'],
  ['gell', 'oder'],
]);

/** True when `a` and `b` differ by one insertion, deletion, substitution or swap of neighbouring letters. */
function oneEdit(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * The text with misspelt function words written correctly. Only words the corpus does not know (`knows` of the
 * folded word) and that are not capitalised inside a sentence (a noun) are read; the first letter must match.
 *
 * @example correctFunctionWords('kenzahlen bis wan', () => false) // 'kenzahlen bis wann'
 */
export function correctFunctionWords(text: string, knows: (folded: string) => boolean): string {
  // Also at the start of a sentence, capitalised: "Gibts eine Regel, …" → "Gibt es eine Regel, …".
  // (A capital inside a sentence is a name: "Frau Ner fragt".)
  const expanded = text.replace(/(?<![\p{L}\p{N}])(\p{L}\p{Ll}{1,6})(?![\p{L}\p{N}])/gu, (word: string, _w: string, at: number) => {
    const capital = /^\p{Lu}/u.test(word);
    if (capital && !/(?:^|[.?!:]\s*)$/u.test(text.slice(0, at))) return word;
    const folded = foldWord(word);
    const long = knows(folded) ? undefined : CONTRACTIONS.get(folded);
    if (long === undefined) return word;
    return capital ? long.charAt(0).toUpperCase() + long.slice(1) : long;
  });
  return expanded.replace(/(^|[.?!]\s+|\s)(\p{L}{3,})(?=$|[^\p{L}])/gu, (whole, before: string, word: string) => {
    const folded = foldWord(word);
    // A German function word spelt right ("Worin besteht …") is not a misspelt one ("wohin").
    if (FOLDED.has(folded) || knows(folded) || isStopword(folded)) return whole;
    const opensSentence = before === '' || /[.?!]/u.test(before);
    if (!opensSentence && /^\p{Lu}/u.test(word)) return whole;
    for (const [f, written] of FOLDED) {
      if (f[0] === folded[0] && oneEdit(folded, f)) {
        const cased = /^\p{Lu}/u.test(word) ? written[0]!.toUpperCase() + written.slice(1) : written;
        return `${before}${cased}`;
      }
    }
    return whole;
  });
}
