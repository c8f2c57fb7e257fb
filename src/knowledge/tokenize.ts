/**
 * Splits German text into folded surface words: hyphens and slashes separate words
 * ("Kita-Platz" → kita, platz), thousands separators vanish ("51.000" → 51000), section numbers stay whole
 * ("5.2"), control characters are dropped.
 */
import { collapseGenderForms, foldWord, stripGender } from './german.js';

const WORD = /\p{L}[\p{L}\p{M}]*|\d+(?:[.,]\d+)*|[%€]/gu;

/** Signs read as the word they stand for: "60 %" is "60 Prozent", "500 €" is "500 Euro". */
const SIGNS = new Map([['%', 'prozent'], ['€', 'euro']]);

const folded = new Map<string, string>();

/** Folds and gender-normalises one word, cached: the same words recur across the corpus and queries. */
function foldCached(raw: string): string {
  let f = folded.get(raw);
  if (f === undefined) {
    f = stripGender(foldWord(raw));
    if (folded.size > 200_000) folded.clear();
    folded.set(raw, f);
  }
  return f;
}

/** Folded spellings of "Stelle/Stellen" (noun) that are also forms of the verb "stellen". */
const NOUN_OR_VERB = new Set(['stelle', 'stellen']);

/**
 * True when a text capitalises nouns: some word inside a sentence starts with a capital letter. In such a text a
 * lower-case "stellen" is the verb; in an all-lower-case question it may be the noun.
 */
function capitalisesNouns(text: string): boolean {
  return /[^\s.!?:;]\s+["„(]?\p{Lu}/u.test(text);
}

/**
 * Tokenises text into folded, gender-normalised surface words (stopwords included). "Stelle"/"Stellen" as a
 * noun become "stelle"; the verb "stellen" (lower case in a text that capitalises nouns) stays "stellen".
 *
 * @example tokenize('Integrationsmanager/-innen für Kita-Plätze') // ['integrationsmanager', 'fur', 'kita', 'platze']
 */
export function tokenize(text: string): string[] {
  const normal = collapseGenderForms(text.normalize('NFC'));
  const matches = normal.match(WORD);
  if (matches === null) return [];
  const out: string[] = [];
  let cased: boolean | undefined;
  for (const raw of matches) {
    const first = raw.charCodeAt(0);
    if (first >= 48 && first <= 57) {
      pushNumber(raw, out);
      continue;
    }
    const sign = SIGNS.get(raw);
    if (sign !== undefined) {
      out.push(sign);
      continue;
    }
    const word = foldCached(raw);
    if (NOUN_OR_VERB.has(word)) {
      cased ??= capitalisesNouns(normal);
      // "Antrag stellen" is the verb however it is written.
      const afterAntrag = /^antr[a]ge?n?$/.test(out.at(-1) ?? '');
      out.push(!afterAntrag && (raw[0] !== raw[0]!.toLowerCase() || !cased) ? 'stelle' : 'stellen');
    } else out.push(word);
  }
  return out;
}

function pushNumber(raw: string, out: string[]): void {
  const date = /^\d{1,2}\.\d{1,2}\.(\d{4})$/.exec(raw);
  if (date !== null) out.push(date[1]!);
  out.push(/^\d{1,3}(\.\d{3})+$/.test(raw) ? raw.replace(/\./g, '') : raw.replace(',', '.'));
}

/**
 * True when a text is written with capitals: some word starts with a capital and a lower-case letter. Capitals
 * of abbreviations alone ("bis wann müssen die IM-kennzahlen …") do not make it so.
 */
export function writtenWithCapitals(text: string): boolean {
  return /(?<!\p{L})\p{Lu}\p{Ll}/u.test(text);
}

/** The raw words of a text (original case), aligned with nothing: used to spot upper-case abbreviations. */
export function rawWords(text: string): string[] {
  return text.normalize('NFC').match(/\p{L}[\p{L}\p{M}]*/gu) ?? [];
}
