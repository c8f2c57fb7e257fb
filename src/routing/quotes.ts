/**
 * Removes quoted and forwarded mail from the text before routing: an earlier mail in the thread (often the
 * RP's own reply with its Wertheim address, or another municipality's) says nothing about who writes now.
 */

const MARKERS: readonly RegExp[] = [
  /^\s*-{2,}\s*(ursprüngliche nachricht|original message|weitergeleitete nachricht|forwarded message)/im,
  /^\s*(am|on)\s.{4,200}\s(schrieb|wrote)[^\n]{0,200}:\s*$/im,
  /^\s*von:\s.+\n\s*(gesendet|an|datum|betreff):/im,
  /^\s*from:\s.+\n\s*(sent|to|date|subject):/im,
];

/** The text without quoted parts, and whether anything was removed. Pure. */
export function stripQuoted(text: string): { text: string; hadQuote: boolean } {
  let cut = text.length;
  for (const marker of MARKERS) {
    const m = marker.exec(text);
    if (m !== null && m.index < cut) cut = m.index;
  }
  const head = text.slice(0, cut);
  const kept = head
    .split('\n')
    .filter((line) => !/^\s*>/.test(line))
    .join('\n');
  return { text: kept, hadQuote: cut < text.length || kept.length < head.length };
}
