/**
 * Separates the new question in a mail body from quoted history and from the signature (pure).
 *
 * Policy: everything from the first quote header ("Am … schrieb …", "-----Ursprüngliche Nachricht-----",
 * an Outlook "Von:/Gesendet:" block, "On … wrote:", a forward marker) is history; remaining ">" lines are
 * history too. When nothing but a forward is left, the forwarded mail itself is the question (someone
 * passed a question on to us). The signature is kept separately because routing reads the sender's
 * municipality from it.
 */

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

const ON_WROTE = /^\s*(Am|On|Le|El)\s.{4,200}?\s(schrieb|wrote|a écrit|escribió)\b.*:?\s*$/i;
const AM_HAT_GESCHRIEBEN = /^\s*Am\s.{4,200}\shat\s.{1,120}\sgeschrieben:?\s*$/i;
const SEPARATOR =
  /^\s*-{2,}\s*(Ursprüngliche Nachricht|Original Message|Originalnachricht|Weitergeleitete Nachricht|Forwarded message|Begin forwarded message|Anfang der weitergeleiteten Nachricht)\s*-*:?\s*$/i;
const FORWARD_MARKER = /(Weitergeleitete Nachricht|Forwarded message|Begin forwarded message|Anfang der weitergeleiteten)/i;
const HEADER_START = /^\s*\*?(Von|From|De)\s*:\*?\s+\S/i;
const HEADER_FOLLOW = /^\s*\*?(Gesendet|Sent|Datum|Date|An|To|Betreff|Subject|Cc)\s*:\*?/i;
const UNDERSCORES = /^\s*_{10,}\s*$/;
const SIG_DASHES = /^--\s?$/;
const GREETING =
  /^\s*(Mit (den )?(freundlichen|besten|herzlichen|vielen) Grüßen|Mit freundlichem Gruß|Freundliche Grüße|Viele Grüße|Beste Grüße|Herzliche Grüße|Liebe Grüße|Schöne Grüße|Grüße aus\s.*|Grüße|Gruß(\s.*)?|MfG|LG|VG|Best regards|Kind regards|Best wishes|Regards|Cheers|Sincerely)[\s,.!]*$/i;
const MOBILE_FOOTER = /^\s*(Gesendet von meinem|Von meinem .* gesendet|Sent from my|Get Outlook for)\b/i;

function joined(lines: string[], i: number): string {
  return `${lines[i] ?? ''} ${lines[i + 1] ?? ''}`.replace(/\s+/g, ' ');
}

/** Index of the first line that starts quoted history, or -1. */
function historyStart(lines: string[]): { index: number; forward: boolean } {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (SEPARATOR.test(line)) return { index: i, forward: FORWARD_MARKER.test(line) };
    if (ON_WROTE.test(line) || AM_HAT_GESCHRIEBEN.test(line)) return { index: i, forward: false };
    // "Am 03.03.2026 um 10:12 schrieb Max Muster\n<max@example.org>:" wrapped over two lines
    if (/^\s*(Am|On)\s/i.test(line) && !/[.?!]\s*$/.test(line) && ON_WROTE.test(joined(lines, i))) {
      return { index: i, forward: false };
    }
    const headerAt = UNDERSCORES.test(line) ? i + 1 : i;
    if (HEADER_START.test(lines[headerAt] ?? '')) {
      const follow = lines.slice(headerAt + 1, headerAt + 5).filter((l) => HEADER_FOLLOW.test(l)).length;
      if (follow >= 2) return { index: i, forward: false };
    }
  }
  return { index: -1, forward: false };
}

/** The body of a forwarded mail: the history without its marker and header block. */
function forwardedBody(history: string[]): string[] {
  let i = 0;
  if (SEPARATOR.test(history[0] ?? '') || UNDERSCORES.test(history[0] ?? '')) i += 1;
  while (i < history.length && (HEADER_START.test(history[i] ?? '') || HEADER_FOLLOW.test(history[i] ?? ''))) i += 1;
  return history.slice(i);
}

/** Splits off the signature: from "-- " or a closing greeting (not on the first content line). */
function splitSignature(lines: string[]): { body: string[]; signature: string[] } {
  const firstContent = lines.findIndex((l) => l.trim() !== '');
  for (let i = lines.length - 1; i > firstContent; i -= 1) {
    if (SIG_DASHES.test(lines[i] ?? '')) return { body: lines.slice(0, i), signature: lines.slice(i + 1) };
  }
  for (let i = firstContent + 1; i < lines.length; i += 1) {
    if (GREETING.test(lines[i] ?? '')) return { body: lines.slice(0, i), signature: lines.slice(i) };
  }
  return { body: lines, signature: [] };
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
 * // → { text: 'Wann ist die Frist?', signature: 'Mit freundlichen Grüßen\nGemeinde Altdorf', … }
 */
export function splitMailBody(body: string): SplitBody {
  const all = body.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').split('\n');
  const start = historyStart(all);
  let own = start.index >= 0 ? all.slice(0, start.index) : all;
  const history = start.index >= 0 ? all.slice(start.index) : [];
  const quotedLines = own.filter((l) => /^\s*>/.test(l));
  own = own.filter((l) => !/^\s*>/.test(l) && !MOBILE_FOOTER.test(l));

  let forwarded = false;
  if (tidy(own) === '' && history.length > 0) {
    // Only a forward or a bare quote: the forwarded mail is the question.
    const inner = forwardedBody(history).map((l) => l.replace(/^\s*>\s?/, ''));
    const nested = historyStart(inner);
    own = nested.index >= 0 ? inner.slice(0, nested.index) : inner;
    forwarded = start.forward || tidy(own) !== '';
  }
  const { body: textLines, signature } = splitSignature(own);
  return {
    text: tidy(textLines),
    signature: tidy(signature),
    quoted: tidy([...quotedLines, ...history]),
    forwarded,
  };
}
