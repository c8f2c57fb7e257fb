/**
 * Matching name variants against tokens: longest municipality or Kreis name at a position, abbreviated
 * qualifiers after a short form ("Weil a. Rh.", "Kirchheim u. T.", "Dettingen/Erms"), "X bei Y", and
 * qualifiers that point outside Baden-Württemberg ("Altdorf bei Nürnberg", "Mühlhausen (Thüringen)").
 */
import type { Gazetteer, KreisEntry, NameEntry, NameHit } from './gazetteer.js';
import { QUALIFIER_WORDS } from './gazetteer.js';
import type { Token } from './text.js';

/** True when the gap between two tokens may sit inside one name ("Villingen-Schwenningen", "St. Peter", "Lahr/Schwarzwald"). */
export function isJoinGap(gap: string): boolean {
  return gap.length <= 3 && !/[\n,;:!?]/.test(gap);
}

function matchesAt(entryTokens: readonly string[], tokens: readonly Token[], i: number): boolean {
  for (let k = 0; k < entryTokens.length; k += 1) {
    const t = tokens[i + k];
    if (t === undefined || t.norm !== entryTokens[k]) return false;
    if (k > 0 && !isJoinGap(t.gapBefore)) return false;
  }
  return true;
}

/** The longest municipality name variant starting at token `i`, or null. */
export function matchName(gaz: Gazetteer, tokens: readonly Token[], i: number): NameEntry | null {
  const list = gaz.names.get(tokens[i]?.norm ?? '');
  return list?.find((e) => matchesAt(e.tokens, tokens, i)) ?? null;
}

/** The longest Kreis name variant starting at token `i`, or null. */
export function matchKreis(gaz: Gazetteer, tokens: readonly Token[], i: number): KreisEntry | null {
  const list = gaz.kreisNames.get(tokens[i]?.norm ?? '');
  return list?.find((e) => matchesAt(e.tokens, tokens, i)) ?? null;
}

/**
 * Number of tokens from `start` that spell `qualifier` in full or abbreviated ("a. Rh." for "am Rhein",
 * "/Erms" for "an der Erms"); 0 when they do not. Function words may be left out; every content word must
 * be matched by a prefix of it.
 */
export function matchQualifier(qualifier: readonly string[], tokens: readonly Token[], start: number): number {
  let ti = start;
  let content = 0;
  for (const q of qualifier) {
    const t = tokens[ti];
    const joined = t !== undefined && isJoinGap(t.gapBefore) && t.line === tokens[start - 1]?.line;
    if (joined && q.startsWith(t.norm) && (t.norm.length > 1 || isAbbreviated(tokens, ti))) {
      ti += 1;
      if (!QUALIFIER_WORDS.has(q)) content += 1;
    } else if (!QUALIFIER_WORDS.has(q)) {
      return 0;
    }
  }
  return content > 0 ? ti - start : 0;
}

/** A one-letter word counts as an abbreviation only when a dot follows it ("a. N.", "u.T."). */
function isAbbreviated(tokens: readonly Token[], index: number): boolean {
  const after = tokens[index + 1];
  return after === undefined || after.gapBefore.startsWith('.');
}

/** Words after a place name that say it lies in another state or abroad. */
const FOREIGN_QUALIFIERS = new Set([
  'bayern', 'thueringen', 'hessen', 'sachsen', 'nrw', 'niedersachsen', 'brandenburg', 'pfalz', 'oberpfalz', 'oberfranken',
  'mittelfranken', 'unterfranken', 'oberbayern', 'niederbayern', 'saale', 'elbe', 'mosel', 'sauerland', 'westfalen',
  'eifel', 'harz', 'rheinland', 'nuernberg', 'muenchen', 'schweiz', 'oesterreich', 'saarland', 'weinstrasse', 'anhalt',
]);

/** Outcome of looking at what follows a name. */
export type AfterName =
  | { kind: 'plain' }
  | { kind: 'qualified'; hits: NameHit[]; consumed: number }
  | { kind: 'near'; kreisAgs: string[]; consumed: number; nearName: string }
  | { kind: 'foreign'; consumed: number }
  | { kind: 'ortsteil'; consumed: number };

/** Looks at the tokens after a matched name (ending before `end`) for qualifiers; internal to the scanner. */
export function inspectAfterName(gaz: Gazetteer, entry: NameEntry, tokens: readonly Token[], end: number): AfterName {
  const next = tokens[end];
  if (next === undefined || next.line !== tokens[end - 1]?.line || !isJoinGap(next.gapBefore)) return { kind: 'plain' };
  const qualified = entry.hits
    .map((h) => ({ h, n: h.qualifier.length > 0 ? matchQualifier(h.qualifier, tokens, end) : 0 }))
    .filter((x) => x.n > 0);
  if (qualified.length > 0) {
    const n = Math.max(...qualified.map((x) => x.n));
    return { kind: 'qualified', hits: qualified.filter((x) => x.n === n).map((x) => x.h), consumed: n };
  }
  for (let k = end; k < end + 3; k += 1) {
    const t = tokens[k];
    if (t === undefined || t.line !== next.line || !isJoinGap(t.gapBefore)) break;
    if (FOREIGN_QUALIFIERS.has(t.norm)) return { kind: 'foreign', consumed: k - end + 1 };
  }
  // "Stuttgart-Vaihingen", "Heidelberg-Kirchheim": a district joined by a hyphen belongs to the name before it.
  if (/^-$/.test(next.gapBefore) && next.isCapitalized) {
    let k = end + 1;
    while (tokens[k]?.gapBefore === '-' && tokens[k]?.line === next.line) k += 1;
    return { kind: 'ortsteil', consumed: k - end };
  }
  if (next.norm === 'bei' || (next.norm === 'b' && /^\./.test(tokens[end + 1]?.gapBefore ?? ''))) {
    const near = matchName(gaz, tokens, end + 1);
    if (near === null) return tokens[end + 1]?.isCapitalized === true ? { kind: 'foreign', consumed: 2 } : { kind: 'plain' };
    const kreisAgs = near.hits.map((h) => gaz.gemeinden.get(h.gemeindeAgs)?.kreisAgs ?? '');
    return { kind: 'near', kreisAgs, consumed: 1 + near.tokens.length, nearName: near.tokens.join(' ') };
  }
  return { kind: 'plain' };
}

/** The text as written for tokens [start, end); internal. */
export function spanText(tokens: readonly Token[], start: number, end: number): string {
  let out = tokens[start]?.raw ?? '';
  for (let k = start + 1; k < end; k += 1) out += (tokens[k]?.gapBefore ?? ' ') + (tokens[k]?.raw ?? '');
  out = out.replace(/\s+/g, ' ').trim();
  return out.includes('(') && !out.includes(')') ? `${out})` : out;
}
