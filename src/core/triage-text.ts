/**
 * Text preparation for triage: umlaut folding that remembers where each folded character came from (so
 * reasons can quote the original wording), reply-prefix stripping for subjects, and cutting quoted history
 * and sign-offs from mail bodies. Pure string functions.
 */

/** A folded text plus the index of the original character behind each folded character. */
export interface FoldedText {
  /** Original text (NFC). */
  original: string;
  /** Lower-case, umlauts folded (ä→ae, ö→oe, ü→ue, ß→ss), other diacritics removed. */
  folded: string;
  /** `map[i]` is the index in `original` of folded character `i`. */
  map: number[];
}

const FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss' };

/**
 * Folds a text for matching: lower case, ä→ae, ö→oe, ü→ue, ß→ss, accents removed, typographic quotes and
 * dashes made plain. Rules are written against this folded form.
 *
 * @example foldText('Stand unseres Anträgs').folded === 'stand unseres antraegs'
 */
export function foldText(text: string): FoldedText {
  const original = text.normalize('NFC');
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const lower = original.charAt(i).toLowerCase();
    const plain =
      FOLD[lower] ??
      lower
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[‘’‚]/g, "'")
        .replace(/[“”„«»]/g, '"')
        .replace(/[–—]/g, '-')
        .replace(/\u00a0/g, ' ');
    for (const ch of plain) {
      folded += ch;
      map.push(i);
    }
  }
  return { original, folded, map };
}

/** The original wording behind folded range [start, end). */
export function originalSlice(text: FoldedText, start: number, end: number): string {
  if (end <= start || text.map.length === 0) return '';
  const from = text.map[start] ?? 0;
  const to = (text.map[end - 1] ?? text.original.length - 1) + 1;
  return text.original.slice(from, to).replace(/\s+/g, ' ').trim();
}

const REPLY_PREFIX = /^\s*(?:(?:re|aw|wg|fw|fwd|antw|antwort|wtr|sv|vs)(?:\[\d+\])?\s*:|\[[^\]]{1,30}\])\s*/i;

/** Subject without reply/forward prefixes ("Re:", "AW:", "WG:", "Fwd:", "[EXTERN]"), and whether it had one. */
export function cleanSubject(subject: string | undefined): { subject: string; isReply: boolean } {
  let rest = (subject ?? '').normalize('NFC').trim();
  let isReply = false;
  for (let guard = 0; guard < 10; guard++) {
    const m = REPLY_PREFIX.exec(rest);
    if (m === null) break;
    if (!m[0].trim().startsWith('[')) isReply = true;
    rest = rest.slice(m[0].length);
  }
  return { subject: rest.trim(), isReply };
}

/** Lines where the quoted history of a reply starts; everything from there on is not the new message. */
const QUOTE_START = [
  /^\s*>/,
  /^\s*-{2,}\s*(?:urspruengliche|ursprüngliche|original)\s+(?:nachricht|message)\s*-{2,}/i,
  /^\s*(?:von|from)\s*:.*$/i,
  /^\s*am\s.{4,80}\sschrieb\s.{0,80}:\s*$/i,
  /^\s*on\s.{4,80}\swrote\s*:\s*$/i,
];

/** Sign-offs: the message proper ends here (signature and name follow). Matched inside a line too. */
const CLOSING =
  /(?:^|[\s,.!])(?:mit\s+freundlichen\s+gr(?:ü|ue)(?:ß|ss)en|freundliche\s+gr(?:ü|ue)(?:ß|ss)e|viele\s+gr(?:ü|ue)(?:ß|ss)e|beste\s+gr(?:ü|ue)(?:ß|ss)e|herzliche\s+gr(?:ü|ue)(?:ß|ss)e|liebe\s+gr(?:ü|ue)(?:ß|ss)e|sch(?:ö|oe)ne\s+gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)\s*,|mfg\b|lg\b|best\s+regards|kind\s+regards)/i;

/**
 * The new part of a message body: quoted history ("> …", "-----Ursprüngliche Nachricht-----",
 * "Am … schrieb …:") and everything after the sign-off ("Mit freundlichen Grüßen", "Viele Grüße") removed.
 * The sign-off is only cut when some text precedes it, so a message that is nothing but "Viele Grüße" stays.
 */
export function newMessagePart(body: string): string {
  const lines = body.normalize('NFC').split(/\r?\n/);
  const kept: string[] = [];
  for (const line of lines) {
    if (QUOTE_START.some((re) => re.test(line)) && kept.join('').trim() !== '') break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  const text = kept.join('\n').trim();
  const closing = CLOSING.exec(text);
  if (closing !== null && closing.index > 0 && text.slice(0, closing.index).trim().length > 0) {
    return text.slice(0, closing.index).trim();
  }
  return text;
}
