/**
 * The units an answer is composed of: the sentences and list items of a passage, in their original order.
 * Hard-wrapped lines are joined, and a sentence is never broken at "Mio.", "Nr.", "z. B." or "24. Juli".
 */

/** Abbreviations after which a period does not end a sentence. */
const ABBREVIATIONS = new Set(['mio', 'mrd', 'nr', 'abs', 'ca', 'bzw', 'vgl', 'ref', 'tel', 'str', 'dr', 'prof', 'gem', 'ggf', 'inkl', 'zzgl', 'evtl', 'ff', 'usw', 'etc', 'bzgl', 'max', 'min', 'rd', 'sog', 'u', 'z', 'b', 'd', 'h', 'a', 's', 'o', 'v', 'e']);

/** A bare "Ja." or "Nein." belongs to the sentence after it: it is that sentence's yes/no lead. */
const BARE_YES_NO = /^(Ja|Nein)[.!]$/;

/** One sentence or list item. */
export interface TextUnit {
  /** Position in the passage (0-based). */
  index: number;
  text: string;
  /** A list item ("- …", "1. …"); shown on its own line. */
  isListItem: boolean;
}

/** Splits one paragraph into sentences. */
function sentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of paragraph.matchAll(/[.!?]\s+(?=[A-ZÄÖÜ„"(])/g)) {
    const before = paragraph.slice(start, m.index).match(/(\S+)$/)?.[1] ?? '';
    if (m[0].startsWith('.') && (/^\d+$/.test(before) || ABBREVIATIONS.has(before.toLowerCase()))) continue;
    out.push(paragraph.slice(start, m.index + 1).trim());
    start = m.index + m[0].length;
  }
  out.push(paragraph.slice(start).trim());
  const merged: string[] = [];
  for (const s of out.filter((x) => x !== '')) {
    const last = merged.at(-1);
    if (last !== undefined && BARE_YES_NO.test(last)) merged[merged.length - 1] = `${last} ${s}`;
    else merged.push(s);
  }
  return merged;
}

/**
 * Sentences and list items of a passage text.
 *
 * @example splitUnits('Ja. Die Person muss feststehen.\n\n- erstens\n- zweitens').map((u) => u.text)
 * // ['Ja. Die Person muss feststehen.', '- erstens', '- zweitens']
 */
export function splitUnits(text: string): TextUnit[] {
  const out: { text: string; isListItem: boolean }[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    let paragraph = '';
    let isListItem = false;
    const flush = (): void => {
      if (paragraph !== '') out.push(...sentences(paragraph).map((s, i) => ({ text: s, isListItem: isListItem && i === 0 })));
      paragraph = '';
      isListItem = false;
    };
    for (const line of block.split('\n').map((l) => l.trim())) {
      // "24. Juli" at the start of a wrapped line continues the sentence; a numbered item follows a full stop.
      if (/^[-*]\s/.test(line) || (/^\d{1,2}\.\s/.test(line) && (paragraph === '' || /[.:!?]$/.test(paragraph)))) {
        flush();
        paragraph = line;
        isListItem = true;
      } else if (!/^#+\s/.test(line) && line !== '') {
        paragraph = paragraph === '' ? line : `${paragraph} ${line}`;
      }
    }
    flush();
  }
  return out.map((u, index) => ({ index, ...u }));
}

/** Joins units into answer text: sentences with a space, list items on their own lines. */
export function joinUnits(units: readonly { text: string; isListItem: boolean }[]): string {
  let out = '';
  for (const u of units) {
    if (out === '') out = u.text;
    else out += u.isListItem ? `\n${u.text}` : ` ${u.text}`;
  }
  return out;
}
