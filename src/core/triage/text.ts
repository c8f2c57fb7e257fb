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
  map: Int32Array;
}

const FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss' };

/** How one UTF-16 code unit folds (may be empty or several characters). */
function foldUnit(unit: string): string {
  const lower = unit.toLowerCase();
  return (
    FOLD[lower] ??
    lower
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[‘’‚]/g, "'")
      .replace(/[“”„«»]/g, '"')
      .replace(/[–—]/g, '-')
      .replace(/\u00a0/g, ' ')
  );
}

/**
 * Folded form per non-ASCII UTF-16 code unit, filled on first use. Folding depends on the code unit alone,
 * so the table gives exactly what {@link foldUnit} gives, without four regex passes per character.
 */
const FOLDED_UNITS: (string | undefined)[] = new Array<string | undefined>(0x10000).fill(undefined);

function foldedUnit(code: number): string {
  let plain = FOLDED_UNITS[code];
  if (plain === undefined) {
    plain = foldUnit(String.fromCharCode(code));
    FOLDED_UNITS[code] = plain;
  }
  return plain;
}

/**
 * Folds a text for matching: lower case, ä→ae, ö→oe, ü→ue, ß→ss, accents removed, typographic quotes and
 * dashes made plain. Rules are written against this folded form. Linear in the length of the text: runs
 * of ASCII (which fold to their lower case, one to one) are lowered as a whole; other characters come
 * from a per-character table.
 *
 * @example foldText('Stand unseres Anträgs').folded === 'stand unseres antraegs'
 */
export function foldText(text: string): FoldedText {
  const original = text.normalize('NFC');
  const special: { at: number; plain: string }[] = [];
  let length = original.length;
  for (let i = 0; i < original.length; i++) {
    const code = original.charCodeAt(i);
    if (code < 0x80) continue;
    const plain = foldedUnit(code);
    special.push({ at: i, plain });
    length += plain.length - 1;
  }
  const parts: string[] = [];
  const map = new Int32Array(length);
  let next = 0;
  let from = 0;
  const ascii = (to: number): void => {
    if (to > from) parts.push(original.slice(from, to).toLowerCase());
    for (let i = from; i < to; i++) map[next++] = i;
  };
  for (const { at, plain } of special) {
    ascii(at);
    parts.push(plain);
    for (let k = 0; k < plain.length; k++) map[next++] = at;
    from = at + 1;
  }
  ascii(original.length);
  return { original, folded: parts.join(''), map };
}

/**
 * `foldText(text).folded` without the index map: for callers that only match and never quote. Same folding,
 * less work (no map, one string built from ASCII runs and folded characters).
 *
 * @example foldPlain('Stand unseres Anträgs') === 'stand unseres antraegs'
 */
export function foldPlain(text: string): string {
  const original = text.normalize('NFC');
  let out = '';
  let from = 0;
  for (let i = 0; i < original.length; i++) {
    const code = original.charCodeAt(i);
    if (code < 0x80) continue;
    out += original.slice(from, i).toLowerCase() + foldedUnit(code);
    from = i + 1;
  }
  return out + original.slice(from).toLowerCase();
}

/**
 * `foldText(\`${a}\n${b}\`)` from two folded texts, without folding again. Exact because folding works per
 * character and NFC never joins characters across a line break.
 */
export function joinFoldedLines(a: FoldedText, b: FoldedText): FoldedText {
  const map = new Int32Array(a.map.length + 1 + b.map.length);
  map.set(a.map);
  map[a.map.length] = a.original.length;
  const offset = a.original.length + 1;
  for (let i = 0; i < b.map.length; i++) map[a.map.length + 1 + i] = (b.map[i] ?? 0) + offset;
  return { original: `${a.original}\n${b.original}`, folded: `${a.folded}\n${b.folded}`, map };
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

/** The marker of a forwarded or quoted original ("-----Ursprüngliche Nachricht-----", "---------- Forwarded message ---------"). */
const FORWARD_START =
  /^\s*-{2,}\s*(?:urspr(?:ü|ue)ngliche\s+(?:nachricht|e-mail)|original(?:-|\s+)?(?:nachricht|message)|weitergeleitete\s+(?:nachricht|e-mail)|forwarded\s+message)\s*-*:?\s*$|^\s*(?:anfang\s+der\s+weitergeleiteten\s+(?:nachricht|e-mail)|begin\s+forwarded\s+message)\s*:\s*$/i;
/** Words of a forward marker (as opposed to the original below a reply). */
const FORWARDED = /weitergeleitet|forwarded/i;
/** A header line of a forwarded mail (Von:, Gesendet:, An:, Cc:, Betreff:, Datum: and their English names). */
const HEADER_LINE = /^\s*(?:von|from|gesendet|sent|an|to|cc|betreff|subject|datum|date)\s*:/i;

/** Sign-offs: the message proper ends here (signature and name follow). Matched inside a line too. */
const CLOSING =
  /(?:^|[\s,.!])(?:mit\s+freundlichen\s+gr(?:ü|ue)(?:ß|ss)en|freundliche\s+gr(?:ü|ue)(?:ß|ss)e|viele\s+gr(?:ü|ue)(?:ß|ss)e|beste\s+gr(?:ü|ue)(?:ß|ss)e|herzliche\s+gr(?:ü|ue)(?:ß|ss)e|liebe\s+gr(?:ü|ue)(?:ß|ss)e|sch(?:ö|oe)ne\s+gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)\s*,|mfg\b|lg\b|best\s+regards|kind\s+regards)/i;

/** An attribution above quoted history ("Am 3. März schrieb …:", "On … wrote:", "Von: …"). */
const ATTRIBUTION = /\b(?:schrieb|schreibt|wrote|writes)\b|^\s*(?:von|from)\s*:/i;

/** A line of the writer's own that says it passes something on ("ich leite Ihnen eine Anfrage … weiter"). */
const PASSING_ON = /\b(?:leite|leiten)\b[^.?!]*\bweiter\b|\bweiter(?:zu)?leiten\b|\bweitergeleitet\b/i;

/** Words of a bare request to answer what was passed on ("Können Sie uns dazu eine kurze Auskunft geben?"). */
const REQUEST_WORDS = new Set(
  'koennen koennten wuerden sie uns mir dazu hierzu darauf das dies diese die eine einen kurze kurzen kurz bitte auskunft antwort rueckmeldung info infos information informationen geben beantworten weiterhelfen helfen'.split(' '),
);

/** True for a line asking only that what was passed on be answered, naming nothing of its own. */
function asksOnlyForAnswer(line: string): boolean {
  const words = foldPlain(line).split(/[^a-z]+/).filter((w) => w !== '');
  return words.length > 0 && words.every((w) => REQUEST_WORDS.has(w));
}

/**
 * The lines with a quote the writer introduces as what they pass on ("… folgende Frage weiterzuleiten:" above
 * "> Bis wann …?", "ich leite Ihnen eine Anfrage aus dem Gemeinderat weiter." above a quoted mail) unquoted: the first
 * block of "> " lines right below a line of the writer's own that ends with a colon or says it passes something on,
 * and is no attribution ("Am … schrieb …:"), when the block asks something and the writer's own lines ask nothing but
 * an answer to it ("Können Sie uns dazu eine kurze Auskunft geben?"): then the passed-on quote is the question, not
 * history; the header lines of a quoted mail (Von:, Gesendet:, Betreff:) are left out. Null otherwise.
 *
 * @example unquoteIntroduced(['Ich leite die Frage weiter:', '> Bis wann?']) // ['Ich leite die Frage weiter:', 'Bis wann?']
 */
export function unquoteIntroduced(lines: readonly string[]): string[] | null {
  const quoted = (line: string): boolean => /^\s*>/.test(line);
  const first = lines.findIndex(quoted);
  // The writer's own lines ask something of their own: the quote is history.
  if (first <= 0 || lines.some((l) => !quoted(l) && l.includes('?') && !asksOnlyForAnswer(l))) return null;
  let intro = first - 1;
  while (intro >= 0 && lines[intro]!.trim() === '') intro -= 1;
  if (intro < 0 || !(/:\s*$/.test(lines[intro]!) || PASSING_ON.test(lines[intro]!)) || ATTRIBUTION.test(lines[intro]!)) return null;
  const out = [...lines];
  let asks = false;
  for (let i = first; i < out.length && (quoted(out[i]!) || out[i]!.trim() === ''); i += 1) {
    const line = out[i]!.replace(/^\s*>\s?/, '');
    out[i] = HEADER_LINE.test(line) ? '' : line;
    asks ||= out[i]!.includes('?');
  }
  // A quoted answer below "Ihre Antwort:" is history: only a quote that asks is passed on.
  return asks ? out : null;
}

/**
 * The new part of a message body: quoted history ("> …", "-----Ursprüngliche Nachricht-----",
 * "Am … schrieb …:") and everything after the sign-off ("Mit freundlichen Grüßen", "Viele Grüße") removed.
 * The sign-off is only cut when some text precedes it, so a message that is nothing but "Viele Grüße" stays.
 */
export function newMessagePart(body: string): string {
  const lines = body.normalize('NFC').split(/\r?\n/);
  // A note that asks nothing above a quote it introduces ("folgende Frage weiterzuleiten:"): the quote is the question.
  return newPart(unquoteIntroduced(lines) ?? lines);
}

function newPart(lines: readonly string[]): string {
  const kept: string[] = [];
  // Whether a kept line has visible text (the quote only starts after some new text; tracked, not re-joined).
  let hasText = false;
  // A message that is only a forward: its marker and header block go, the forwarded mail is the message.
  let inForwardHeader = false;
  for (const line of lines) {
    if (!hasText && FORWARD_START.test(line)) {
      inForwardHeader = true;
      continue;
    }
    if (inForwardHeader) {
      if (HEADER_LINE.test(line)) continue;
      inForwardHeader = line.trim() === '' ? inForwardHeader : false;
      if (inForwardHeader) continue;
    }
    if (hasText && QUOTE_START.some((re) => re.test(line))) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
    hasText ||= line.trim() !== '';
  }
  const text = kept.join('\n').trim();
  const closing = CLOSING.exec(text);
  if (closing !== null && closing.index > 0 && text.slice(0, closing.index).trim().length > 0) {
    return text.slice(0, closing.index).trim();
  }
  return text;
}

/** A subject that marks a forward ("WG: …", "Fwd: …"): Outlook then writes "-----Ursprüngliche Nachricht-----" too. */
const FORWARD_SUBJECT = /^\s*(?:wg|fw|fwd|weitergeleitet)\s*:/i;

/** True when a subject marks its mail as a forward ("WG: Sachbericht"). */
export function isForwardSubject(subject: string | undefined): boolean {
  return FORWARD_SUBJECT.test(subject ?? '');
}

/**
 * The message forwarded below a note ("ich leite Ihnen die unten stehende Frage weiter … -----Weitergeleitete
 * Nachricht----- Von: … Betreff: …"): its new part, without the marker and header block; null when there is none.
 * Under a forward's subject ("WG: …") Outlook's "-----Ursprüngliche Nachricht-----" marks the forward as well.
 */
export function forwardedMessage(body: string, forwardSubject = false): string | null {
  const lines = body.normalize('NFC').split(/\r?\n/);
  // A forward, not the original below a reply ("-----Ursprüngliche Nachricht-----" under "AW: …").
  const start = lines.findIndex((line) => FORWARD_START.test(line) && (forwardSubject || FORWARDED.test(line)));
  if (start < 0) return null;
  let i = start + 1;
  while (i < lines.length && (HEADER_LINE.test(lines[i]!) || lines[i]!.trim() === '')) i++;
  const forwarded = newMessagePart(lines.slice(i).join('\n'));
  return forwarded === '' ? null : forwarded;
}
