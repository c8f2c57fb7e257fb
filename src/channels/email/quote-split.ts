/**
 * Separates the new question in a mail body from quoted history and from the signature (pure).
 *
 * Policy: everything from the first header of unquoted history ("-----Ursprüngliche Nachricht-----", an
 * Outlook or Lotus "Von:/Gesendet:" block, a forward marker, an "Am … schrieb …:" not followed by ">" lines)
 * is history. ">" lines, with the attribution above them, are quotes wherever they stand: the unquoted lines
 * between and below them are new text (interleaved and bottom-posted replies). When nothing but a forward or
 * a bare quote is left, that mail itself is the question (someone passed a question on to us), so a mail
 * never loses its whole text. The signature is kept separately because routing reads the sender's
 * municipality from it.
 */

import { DISCLAIMER_START, foldText, unquoteIntroduced } from '../../core/triage/index.js';

/** Result of {@link splitMailBody}. */
export interface SplitBody {
  /** The new text of this mail, without quotes and signature. */
  text: string;
  /** Signature block (greeting line onwards, or after "-- "), empty when none was found. */
  signature: string;
  /** Quoted history (for the record; never used to answer). */
  quoted: string;
  /** True when the question was taken from a forwarded mail. */
  forwarded: boolean;
}

/** "Am 03.03.2026 um 10:12 schrieb Max <max@x.de>:"; a sentence that merely starts "Am Montag schrieb mir …" is no header. */
const ON_WROTE =
  /^\s*(Am|On|Le|El|Op|Den|Il|W dniu)\s.{4,200}?\s(schrieb|wrote|a écrit|escribió|schreef|skrev|ha scritto|napisał|napisała)(?=[\s:,]|$)(.{0,120}:)?\s*$/i;
const AM_HAT_GESCHRIEBEN = /^\s*Am\s.{4,200}\shat\s.{1,120}\sgeschrieben:?\s*$/i;
/** "Max <max@x.de> schrieb am Di., 16. Aug. 2016 um 12:52 Uhr:", "max@x.de wrote:", Lotus "… schrieb am 16.08.2016 12:52:41:". */
const WROTE_TAIL =
  /\S.{0,200}\s(schrieb|schrieben|wrote|a écrit|escribió|scrisse|ha scritto|schreef|skrev|napisała?|kirjoitti|írta|написала?)(\s+(am|on|le|el)\s.{4,80})?\s*:\s*$/i;
const SEPARATOR =
  /^\s*-{2,}\s*(Ursprüngliche Nachricht|Ursprüngliche E-Mail|Ursprüngliche Mitteilung|Original Message|Original-Nachricht|Originalnachricht|Weitergeleitete Nachricht|Weitergeleitete E-Mail|Forwarded message|Begin forwarded message|Anfang der weitergeleiteten Nachricht)\s*-*:?\s*$/i;
/** Apple Mail and others mark a forward without dashes. */
const FORWARD_LINE = /^\s*(Anfang der weitergeleiteten (Nachricht|E-Mail)|Begin forwarded message)\s*:\s*$/i;
/** Horde/IMP "Zitat von Max <max@x.de>:", "Quoting …:"; Outlook for Mac "Max <…> hat am 16.08.2016 12:52 geschrieben:". */
const OTHER_ATTRIBUTION = /^\s*(Zitat von|Quoting)\s.{1,200}:\s*$|\shat\s+am\s.{4,80}\s(folgendes\s+)?geschrieben:\s*$/i;
const FORWARD_MARKER = /(Weitergeleitete (Nachricht|E-Mail)|Forwarded message|Begin forwarded message|Anfang der weitergeleiteten)/i;
/** An Outlook/Lotus header line; Lotus writes no space after the colon (`Von:"Max Muster" <…>`). */
const HEADER_START = /^\s*\*?(Von|From|De)\s*:\*?\s*\S/i;
const HEADER_FOLLOW = /^\s*\*?(Gesendet|Sent|Datum|Date|An|To|Betreff|Subject|Cc|Kopie|Blindkopie|Thema)\s*:\*?/i;
/** An Outlook header block flattened onto one line (HTML converted to text): "Von: X Gesendet: Y An: Z". */
const HEADER_ONE_LINE = /^\s*\*?(Von|From)\s*:.{1,300}?\s\*?(Gesendet|Sent|Datum|Date)\s*:/i;
const UNDERSCORES = /^\s*_{10,}\s*$/;
const SIG_DASHES = /^--\s?$/;
const GREETING =
  /^\s*(Mit (den )?(freundlichen|besten|herzlichen|vielen) Grüßen|Mit freundlichem Gruß|Freundliche Grüße|Viele Grüße|Beste Grüße|Herzliche Grüße|Liebe Grüße|Schöne Grüße|Grüße aus\s.*|Grüße|Gruß(\s.*)?|MfG|LG|VG|Best regards|Kind regards|Best wishes|Regards|Cheers|Sincerely)[\s,.!]*$/i;
const MOBILE_FOOTER = /^\s*(Gesendet von meinem|Von meinem .* gesendet|Sent from my|Get Outlook for)\b/i;
const QUOTED = /^\s*>/;
/** What an attribution line names: an address or a date/time. */
const ATTRIBUTION_PART = /@|\d{1,2}[:.]\d{2}|\b\d{4}\b/;

/** An attribution line; one that only ends in "schrieb:" must also name an address or a date ("wie Sie schrieben:" is prose). */
const isAttribution = (text: string): boolean =>
  ON_WROTE.test(text) || AM_HAT_GESCHRIEBEN.test(text) || OTHER_ATTRIBUTION.test(text) || (WROTE_TAIL.test(text) && ATTRIBUTION_PART.test(text));

/** How many lines (1 or 2) of an attribution ("Am … schrieb …:") start at line i, else 0. */
function attributionAt(lines: string[], i: number): number {
  const line = lines[i] ?? '';
  if (line.trim() === '' || QUOTED.test(line)) return 0;
  if (isAttribution(line)) return 1;
  // Wrapped over two lines: "…schrieb am Di., 16. Aug. 2016" / "um 12:52 Uhr:", or "…Muster" / "<max@x.de>:".
  const next = lines[i + 1] ?? '';
  if (/[.?!:]\s*$/.test(line) || next.trim() === '' || QUOTED.test(next) || next.length > 100) return 0;
  return isAttribution(`${line} ${next}`.replace(/\s+/g, ' ')) ? 2 : 0;
}

/** The first non-blank line at or after i. */
function nextContent(lines: string[], i: number): string {
  for (let j = i; j < lines.length; j += 1) if ((lines[j] ?? '').trim() !== '') return lines[j] ?? '';
  return '';
}

/**
 * Index of the first line that starts unquoted history (a separator, an Outlook header block, or an
 * attribution NOT followed by ">" lines), or -1. An attribution followed by ">" lines opens a quote block
 * only: text below it is new (bottom-posted and interleaved replies).
 */
function historyStart(lines: string[]): { index: number; forward: boolean } {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (QUOTED.test(line)) continue;
    if (SEPARATOR.test(line) || FORWARD_LINE.test(line)) return { index: i, forward: FORWARD_MARKER.test(line) };
    const attribution = attributionAt(lines, i);
    if (attribution > 0) {
      if (QUOTED.test(nextContent(lines, i + attribution))) {
        i += attribution - 1;
        continue;
      }
      return { index: i, forward: false };
    }
    if (HEADER_ONE_LINE.test(line)) return { index: i, forward: false };
    const headerAt = UNDERSCORES.test(line) ? i + 1 : i;
    if (HEADER_START.test(lines[headerAt] ?? '')) {
      const following = lines.slice(headerAt + 1, headerAt + 9).filter((l) => l.trim() !== '').slice(0, 4);
      if (following.filter((l) => HEADER_FOLLOW.test(l)).length >= 2) return { index: i, forward: false };
    }
  }
  return { index: -1, forward: false };
}

/**
 * Which lines belong to ">" quotes: the ">" lines, the attribution paragraph right above a quote block (any
 * language: a short paragraph ending in ":" that names an address or a date), and lines a mail client
 * wrapped out of a long quoted line (lower-case continuation directly below it).
 */
function quotedLines(lines: string[]): boolean[] {
  const quoted = lines.map((l) => QUOTED.test(l));
  for (let i = 0; i < lines.length; i += 1) {
    if (!quoted[i]) continue;
    // A wrapped quote breaks mid-sentence: a long quoted line without closing punctuation, continued in lower case.
    const wrapped = (lines[i] ?? '').length >= 60 && !/[.?!:;)]\s*$/.test(lines[i] ?? '');
    if (i + 1 < lines.length && !quoted[i + 1] && wrapped && /^\s*\p{Ll}/u.test(lines[i + 1] ?? '')) quoted[i + 1] = true;
    if (i > 0 && quoted[i - 1]) continue;
    let end = i - 1;
    while (end >= 0 && (lines[end] ?? '').trim() === '') end -= 1;
    if (end < 0 || quoted[end] || !/:\s*$/.test(lines[end] ?? '')) continue;
    // The attribution: the line ending in ":" and up to two lines above it that name an address or a date.
    let begin = end;
    while (begin > end - 2 && begin > 0 && ATTRIBUTION_PART.test(lines[begin - 1] ?? '') && !quoted[begin - 1]) begin -= 1;
    const paragraph = lines.slice(begin, end + 1).join(' ');
    if (ATTRIBUTION_PART.test(paragraph) || isAttribution(paragraph)) for (let j = begin; j <= end; j += 1) quoted[j] = true;
  }
  return quoted;
}

/** The body of a forwarded mail: the history without its marker and header block. */
function forwardedBody(history: string[]): string[] {
  let i = 0;
  if (SEPARATOR.test(history[0] ?? '') || FORWARD_LINE.test(history[0] ?? '') || UNDERSCORES.test(history[0] ?? '')) i += 1;
  while (i < history.length && (history[i] ?? '').trim() === '' && HEADER_START.test(nextContent(history, i))) i += 1;
  while (i < history.length && (HEADER_START.test(history[i] ?? '') || HEADER_FOLLOW.test(history[i] ?? ''))) i += 1;
  return history.slice(i);
}

/** Splits off the signature: from "-- " or a closing greeting (not on the first content line). */
function splitSignature(lines: string[]): { body: string[]; signature: string[] } {
  const firstContent = lines.findIndex((l) => l.trim() !== '');
  const at = (i: number): { body: string[]; signature: string[] } => ({ body: lines.slice(0, i), signature: lines.slice(i) });
  for (let i = lines.length - 1; i > firstContent; i -= 1) {
    if (SIG_DASHES.test(lines[i] ?? '')) return { body: lines.slice(0, i), signature: lines.slice(i + 1) };
  }
  for (let i = firstContent + 1; i < lines.length; i += 1) {
    if (GREETING.test(lines[i] ?? '') || isDisclaimerStart(lines, i)) return at(i);
  }
  return { body: lines, signature: [] };
}

/**
 * A legal footer without sign-off ("Diese E-Mail enthält vertrauliche …"): the core's disclaimer pattern, at
 * the start of a paragraph and without a question mark (a question about confidential data stays a question).
 */
function isDisclaimerStart(lines: string[], i: number): boolean {
  const line = lines[i] ?? '';
  const paragraphStart = /^[\s_*=~-]*$/.test(lines[i - 1] ?? '');
  return paragraphStart && !line.includes('?') && DISCLAIMER_START.test(foldText(line).folded);
}

function tidy(lines: string[]): string {
  return lines
    .join('\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Splits a plain-text mail body into question, signature and quoted history.
 *
 * @example
 * splitMailBody('Wann ist die Frist?\n\nMit freundlichen Grüßen\nGemeinde Altdorf\n\nAm 1.3.2026 schrieb X:\n> alt');
 * // `forwardSubject`: the mail's subject marks a forward ("WG: …", core/triage isForwardSubject).
 * // → { text: 'Wann ist die Frist?', signature: 'Mit freundlichen Grüßen\nGemeinde Altdorf', … }
 */
export function splitMailBody(body: string, options: { forwardSubject?: boolean } = {}): SplitBody {
  const lines = body.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').split('\n');
  // A note that asks nothing above a quote it introduces ("folgende Frage weiterzuleiten:"): the quote is the question.
  const all = unquoteIntroduced(lines) ?? lines;
  const found = historyStart(all);
  // Under a forward's subject ("WG: …") Outlook's "-----Ursprüngliche Nachricht-----" marks the forward too.
  const start = options.forwardSubject === true && found.index >= 0 && SEPARATOR.test(all[found.index] ?? '') ? { ...found, forward: true } : found;
  const before = start.index >= 0 ? all.slice(0, start.index) : all;
  const history = start.index >= 0 ? all.slice(start.index) : [];
  const quotedMask = quotedLines(before);
  let own = before.filter((l, i) => !quotedMask[i] && !MOBILE_FOOTER.test(l));

  let forwarded = false;
  const bareQuote = before.filter((l) => QUOTED.test(l));
  // A note that asks nothing above a forwarded mail ("ich leite Ihnen eine Frage unserer Amtsleitung weiter"): the
  // forwarded mail's text joins the question.
  if (start.forward && tidy(own) !== '' && !tidy(own).includes('?')) {
    const inner = forwardedBody(history);
    const nested = historyStart(inner);
    const passedOn = tidy(nested.index >= 0 ? inner.slice(0, nested.index) : inner);
    if (passedOn !== '') {
      const { body: note, signature } = splitSignature(own);
      return { text: tidy([...note, '', ...splitSignature(passedOn.split('\n')).body]), signature: tidy(signature), quoted: tidy([...before.filter((_, i) => quotedMask[i]), ...history]), forwarded: true };
    }
  }
  if (tidy(own) === '' && (history.length > 0 || bareQuote.length > 0)) {
    // Only a forward or a bare quote: the forwarded (or quoted) mail is the question.
    const inner = (history.length > 0 ? forwardedBody(history) : bareQuote).map((l) => l.replace(/^\s*>\s?/, ''));
    const nested = historyStart(inner);
    own = nested.index >= 0 ? inner.slice(0, nested.index) : inner;
    forwarded = start.forward || tidy(own) !== '';
  }
  const { body: textLines, signature } = splitSignature(own);
  return {
    text: tidy(textLines),
    signature: tidy(signature),
    quoted: tidy([...before.filter((_, i) => quotedMask[i]), ...history]),
    forwarded,
  };
}
