/**
 * Text normalisation and tokenising for place names. One normal form for names and enquiry text:
 * lower case, umlauts spelled out (ä → ae, ß → ss), other diacritics dropped, so "Schwaebisch Hall",
 * "Schwäbisch Hall" and "SCHWÄBISCH HALL" meet in the same tokens.
 */

/** One word of the input with what the resolver needs around it. */
export interface Token {
  /** Normal form (see {@link normalizeWord}). */
  norm: string;
  /** As written. */
  raw: string;
  /** True when the word starts with an upper-case letter as written. */
  isCapitalized: boolean;
  /** 0-based line number. */
  line: number;
  /** Running sentence number (a rough split; good enough to keep cue words local). */
  sentence: number;
  /** Characters between the previous token and this one (punctuation and spaces). */
  gapBefore: string;
  /** Index in the token array. */
  index: number;
}

const ASCII = /^[\x20-\x7e]*$/;
const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss', Ä: 'ae', Ö: 'oe', Ü: 'ue' };

/**
 * Normalises a word or phrase: lower case, umlauts spelled out, other diacritics removed.
 *
 * @example normalizeWord('Lörrach') === 'loerrach'
 */
export function normalizeWord(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .replace(/[äöüßẞÄÖÜ]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

/** The umlaut-dropped spelling people type without a German keyboard ("Lorrach"); internal. */
export function foldUmlauts(text: string): string {
  return text
    .replace(/[äÄ]/g, 'a')
    .replace(/[öÖ]/g, 'o')
    .replace(/[üÜ]/g, 'u')
    .replace(/[ßẞ]/g, 'ss');
}

/** Splits a name into normalised tokens ("Lahr/Schwarzwald" → ["lahr", "schwarzwald"]). */
export function nameTokens(name: string): string[] {
  return normalizeWord(name).match(/[\p{L}\p{N}]+/gu) ?? [];
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Invisible characters that split words in mails converted from HTML: soft hyphen, zero-width space/joiners, BOM. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/**
 * Composes characters (NFC), removes invisible ones and the commonest HTML leftovers (`<br>`, `&nbsp;`), so
 * "Lo\u0308rrach", "Aid\u00adlingen" and "Gemeinde&nbsp;Aidlingen" read as written.
 */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&');
}
const SENTENCE_END = /[.!?]/;
const ABBREVIATION = /^(st|br|str|nr|bzw|ca|dr|hr|fr|rh|a|i|u|o|d|b|v|z)$/i;

/**
 * Splits text into tokens with line and sentence numbers. Never throws; any script is accepted (words in
 * other scripts simply never match a name).
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 0;
  let sentence = 0;
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const gap = text.slice(last, start);
    const raw = match[0];
    const prev = tokens[tokens.length - 1];
    const newlines = countNewlines(gap);
    if (prev !== undefined && endsSentence(prev, gap, newlines, raw)) sentence += 1;
    line += newlines;
    const first = raw.charAt(0);
    tokens.push({
      norm: normalizeWord(raw),
      raw,
      isCapitalized: first !== first.toLowerCase(),
      line,
      sentence,
      gapBefore: gap,
      index: tokens.length,
    });
    last = start + raw.length;
  }
  return tokens;
}

function countNewlines(gap: string): number {
  let n = 0;
  for (const c of gap) if (c === '\n') n += 1;
  return n;
}

function endsSentence(prev: Token, gap: string, newlines: number, next: string): boolean {
  if (newlines >= 2) return true;
  if (newlines === 1 && /[.!?:]\s*$/.test(gap.split('\n')[0] ?? '')) return true;
  if (!SENTENCE_END.test(gap)) return false;
  const first = next.charAt(0);
  const nextCapital = first !== first.toLowerCase();
  return nextCapital && !ABBREVIATION.test(prev.raw) && !/^\d+$/.test(prev.raw);
}

/** True when a word mixes letters of Latin and another script (a typical look-alike trick or an encoding slip). */
export function hasMixedScript(word: string): boolean {
  if (ASCII.test(word)) return false;
  const latin = /\p{Script=Latin}/u.test(word);
  const other = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{Script=Han}]/u.test(word);
  return latin && other;
}
