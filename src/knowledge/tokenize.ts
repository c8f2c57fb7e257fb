/**
 * Splits German text into folded surface words: hyphens and slashes separate words
 * ("Kita-Platz" → kita, platz), thousands separators vanish ("51.000" → 51000), section numbers stay whole
 * ("5.2"), control characters are dropped.
 */
import { collapseGenderForms, foldWord, stripGender } from './german.js';

const WORD = /\p{L}[\p{L}\p{M}]*|\d+(?:[.,]\d+)*/gu;

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

/**
 * Tokenises text into folded, gender-normalised surface words (stopwords included).
 *
 * @example tokenize('Integrationsmanager/-innen für Kita-Plätze') // ['integrationsmanager', 'fur', 'kita', 'platze']
 */
export function tokenize(text: string): string[] {
  const matches = collapseGenderForms(text.normalize('NFC')).match(WORD);
  if (matches === null) return [];
  const out: string[] = [];
  for (const raw of matches) {
    const first = raw.charCodeAt(0);
    if (first >= 48 && first <= 57) pushNumber(raw, out);
    else out.push(foldCached(raw));
  }
  return out;
}

function pushNumber(raw: string, out: string[]): void {
  const date = /^\d{1,2}\.\d{1,2}\.(\d{4})$/.exec(raw);
  if (date !== null) out.push(date[1]!);
  out.push(/^\d{1,3}(\.\d{3})+$/.test(raw) ? raw.replace(/\./g, '') : raw.replace(',', '.'));
}

/** The raw words of a text (original case), aligned with nothing: used to spot upper-case abbreviations. */
export function rawWords(text: string): string[] {
  return text.normalize('NFC').match(/\p{L}[\p{L}\p{M}]*/gu) ?? [];
}
