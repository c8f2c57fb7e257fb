/**
 * Municipality names that are also ordinary German words. Such a name counts only in a place context
 * (a prefix such as "Gemeinde", a PLZ before it, a signature line that holds nothing but the place), never
 * from prose: "im Wald", "am Berg", "ein Lauf", "weil wir …".
 *
 * How the list is made (keep it that way when the data changes):
 * 1. every single-word name variant (official name or short form) that is a German function word in the
 *    stopwords-iso list ("Weil", "Au") is common — derived at build time in {@link isCommonWordName};
 * 2. the curated nouns, verbs and adjectives below: single-word names of BW municipalities (and their short
 *    forms) checked one by one against ordinary usage ("Mengen", "Wangen", "Süßen", "Kuchen" …), plus
 *    very frequent Ortsteil names that people use for their village ("Stetten", "Hausen", "Zell").
 * 3. independently, the resolver treats any name written in lower case as a common word.
 */
import stopwordsIso from 'stopwords-iso' with { type: 'json' };
import { normalizeWord } from './text.js';

/** Curated single-word names that are ordinary German words or very common Ortsteil names (normal form). */
const CURATED = [
  'au', 'aach', 'ahorn', 'berg', 'brühl', 'bühl', 'engen', 'forst', 'freiamt', 'glatten', 'hardt', 'hasel',
  'hausen', 'korb', 'kuchen', 'lauf', 'leimen', 'march', 'mauer', 'mengen', 'moos', 'murg', 'murr', 'owen',
  'reute', 'rosengarten', 'rot', 'rust', 'salem', 'schlier', 'staig', 'steinen', 'stetten', 'süßen', 'tal',
  'vogt', 'wald', 'wangen', 'wehr', 'weil', 'widdern', 'zell', 'kappel', 'essen', 'scheer', 'eschach',
  'wutach', 'weiler',
].map(normalizeWord);

const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  ((stopwordsIso as Record<string, string[]>).de ?? []).map((w) => normalizeWord(w)),
);

const COMMON: ReadonlySet<string> = new Set(CURATED);

/**
 * True when a name variant (as normalised tokens) is an ordinary word and needs a place context.
 *
 * @example isCommonWordName(['wald']) === true; isCommonWordName(['aidlingen']) === false
 */
export function isCommonWordName(tokens: readonly string[]): boolean {
  if (tokens.length !== 1) return false;
  const word = tokens[0] ?? '';
  return COMMON.has(word) || FUNCTION_WORDS.has(word);
}

/** The curated part, for documentation and tests. */
export const CURATED_COMMON_WORD_NAMES: readonly string[] = CURATED;
