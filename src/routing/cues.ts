/**
 * Context around a place mention: institution prefixes ("Gemeinde", "Landratsamt"), whether the writer
 * speaks of their own place ("wir", "ich arbeite in", "Grüße aus") or of someone else's ("Familie aus",
 * "zieht nach"), and which lines belong to the signature.
 */
import type { Token } from './text.js';

/** Words directly before a municipality name that mark the writer's institution. */
export const INSTITUTION_PREFIXES: ReadonlySet<string> = new Set([
  'gemeinde', 'stadt', 'kreisstadt', 'buergermeisteramt', 'buergermeisteramts', 'stadtverwaltung', 'gemeindeverwaltung',
  'rathaus', 'universitaetsstadt', 'landeshauptstadt', 'stadtkreis', 'buergermeister', 'buergermeisterin',
  'oberbuergermeister', 'oberbuergermeisterin', 'gemeindeamt', 'stadtamt', 'ortsverwaltung', 'integrationsmanagement',
  'integrationsbeauftragte', 'integrationsbeauftragter', 'hauptamt', 'sozialamt', 'ordnungsamt',
]);

/** Prefixes that make the following name a Kreis, with the Kreis type they point to. */
export const KREIS_PREFIXES: ReadonlyMap<string, 'landkreis' | 'stadtkreis' | 'kreis'> = new Map([
  ['landkreis', 'landkreis'], ['landkreises', 'landkreis'], ['landkr', 'landkreis'], ['lkr', 'landkreis'], ['lkrs', 'landkreis'], ['lk', 'landkreis'],
  ['landratsamt', 'landkreis'], ['landratsamts', 'landkreis'], ['lra', 'landkreis'], ['kreisverwaltung', 'landkreis'],
  ['kreis', 'kreis'], ['kreises', 'kreis'], ['stadtkreis', 'stadtkreis'], ['stadtkreises', 'stadtkreis'],
]);

/** Institution prefixes for a Kreis (an authority rather than a mere area). */
export const KREIS_INSTITUTION_PREFIXES: ReadonlySet<string> = new Set(['landratsamt', 'landratsamts', 'lra', 'kreisverwaltung']);

const SELF_CUES = new Set([
  'ich', 'wir', 'uns', 'unser', 'unsere', 'unserer', 'unseren', 'unserem', 'unseres', 'hier', 'mein', 'meine', 'meiner',
  'gruesse', 'gruessen', 'gruss', 'grusse', 'hallo',
]);

const THIRD_PARTY_CUES = new Set([
  'familie', 'familien', 'frau', 'herr', 'herrn', 'person', 'personen', 'klient', 'klientin', 'klienten', 'antragsteller',
  'antragstellerin', 'antragstellende', 'gefluechtete', 'gefluechteten', 'gefluechteter', 'kind', 'kinder', 'sohn', 'tochter',
  'mann', 'ehemann', 'ehefrau', 'eltern', 'mutter', 'vater', 'bewohner', 'bewohnerin', 'zog', 'gezogen', 'umgezogen', 'zieht',
  'ziehen', 'umzug', 'wohnt', 'wohnen', 'wohnte', 'wohnhaft', 'stammt', 'stammen', 'lebt', 'lebte', 'zugezogen', 'zuzug',
  'verzogen', 'geboren', 'nachbargemeinde', 'nachbarstadt', 'nachbarkreis', 'nachbarlandkreis', 'kollegen',
  'kollegin', 'kolleginnen', 'nachbarkommune', 'klientel', 'ratsuchende', 'ratsuchenden', 'schule', 'arbeitgeber',
  // the addressee (the RP) and other people: "Ihre Dienststelle in Wertheim", "ihre Wohnung in Ulm"
  'ihre', 'ihrer', 'ihrem', 'ihren', 'ihres',
]);

/**
 * Institutions whose place name is not the requester's: "Regierungspräsidium Stuttgart", "Amtsgericht Ulm",
 * "Universität Tübingen". The name after them is skipped.
 */
export const OTHER_INSTITUTIONS: ReadonlySet<string> = new Set([
  'regierungspraesidium', 'regierungspraesidiums', 'rp', 'rps', 'regierungsbezirk', 'regierungsbezirks', 'rb', 'ministerium',
  'sozialministerium', 'universitaet', 'hochschule', 'amtsgericht', 'landgericht', 'verwaltungsgericht', 'sozialgericht',
  'arbeitsagentur', 'agentur', 'bundesagentur', 'bamf', 'aussenstelle', 'erstaufnahmeeinrichtung', 'lea', 'klinikum', 'uniklinik',
]);

/** Whose place a mention is, judged from nearby words in the same sentence. */
export type Cue = 'self' | 'thirdParty' | 'none';

const WINDOW = 8;

/**
 * Classifies the mention starting at `index`. The nearest cue word before it in the same sentence wins;
 * "nach X" is a destination (third party), "als X" (in "wir als Gemeinde X") is the writer. Words after it
 * count only on the same line. With `acrossLines` false (signature lines, a line that starts with an
 * institution or an address), words on earlier lines do not count either: "Hilfen für Geflüchtete" above
 * "Gemeinde Aidlingen" is a department, not a third party.
 */
export function classifyCue(tokens: readonly Token[], index: number, acrossLines = true): Cue {
  const at = tokens[index];
  if (at === undefined) return 'none';
  for (let j = index - 1; j >= 0 && j >= index - WINDOW; j -= 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== at.sentence || (!acrossLines && t.line !== at.line)) break;
    if (j === index - 1 && t.norm === 'nach') return 'thirdParty';
    if (t.norm === 'als' && j >= index - 3) return 'self';
    const cue = cueOf(t);
    if (cue !== 'none') return cue;
  }
  // Nothing before it: the rest of the sentence decides ("In Schömberg betreuen wir …", "Die Stadt X hat der Familie …").
  for (let j = index + 1; j < tokens.length && j <= index + WINDOW; j += 1) {
    const t = tokens[j];
    if (t === undefined || t.sentence !== at.sentence || t.line !== at.line) break;
    const cue = cueOf(t);
    if (cue !== 'none') return cue;
  }
  return 'none';
}

function cueOf(t: Token): Cue {
  if (THIRD_PARTY_CUES.has(t.norm)) return 'thirdParty';
  return SELF_CUES.has(t.norm) ? 'self' : 'none';
}

/** The institution prefix directly before `index` ("Gemeinde", "Große Kreisstadt", "der Stadt"), if any. */
export function institutionPrefixBefore(tokens: readonly Token[], index: number): string | null {
  const prev = tokens[index - 1];
  if (prev === undefined || prev.line !== tokens[index]?.line || /[,;:]/.test(tokens[index]?.gapBefore ?? '')) return null;
  return INSTITUTION_PREFIXES.has(prev.norm) ? prev.raw : null;
}

const CLOSING = [
  ['mit', 'freundlichen', 'gruessen'], ['mit', 'freundlichem', 'gruss'], ['freundliche', 'gruesse'], ['viele', 'gruesse'],
  ['beste', 'gruesse'], ['herzliche', 'gruesse'], ['liebe', 'gruesse'], ['schoene', 'gruesse'], ['gruss'], ['gruesse'],
  ['mfg'], ['vg'], ['lg'], ['best', 'regards'], ['kind', 'regards'], ['regards'],
];

/**
 * The first line of the signature block: the line after a closing formula ("Mit freundlichen Grüßen") or a
 * "-- " separator. Returns Infinity when none is found.
 */
export function signatureStartLine(tokens: readonly Token[], text: string): number {
  const dashes = /(^|\n)-- ?\n/.exec(text);
  const dashLine = dashes === null ? Infinity : text.slice(0, dashes.index + dashes[0].length).split('\n').length - 1;
  for (const t of tokens) {
    if (t.index > 0 && tokens[t.index - 1]?.line === t.line) continue;
    const formula = CLOSING.find((words) => words.every((w, k) => tokens[t.index + k]?.norm === w && tokens[t.index + k]?.line === t.line));
    if (formula !== undefined) return Math.min(dashLine, t.line + 1);
  }
  return dashLine;
}

/** Number of tokens per line; internal. */
export function lineLengths(tokens: readonly Token[]): Map<number, number> {
  const lengths = new Map<number, number>();
  for (const t of tokens) lengths.set(t.line, (lengths.get(t.line) ?? 0) + 1);
  return lengths;
}

const OWN_MARKERS = new Set(['regierungspraesidium', 'eichamt']);
const OWN_BLOCK_LINES = 4;

/**
 * Lines of the RP's own letterhead or address block ("Regierungspräsidium Stuttgart / Referat 15.2 / Am
 * Eichamt 2 / 97877 Wertheim"), e.g. in a reply quoted without markers: a short line with a marker and up
 * to four short lines after it, ending at a blank line.
 */
export function ownAddressLines(tokens: readonly Token[], lineLength: ReadonlyMap<number, number>): Set<number> {
  const lines = new Set<number>();
  for (const t of tokens) {
    const isMarker = OWN_MARKERS.has(t.norm) || (t.norm === 'rps' && tokens[t.index + 1]?.norm === 'bwl');
    if (!isMarker || (lineLength.get(t.line) ?? 0) > 8) continue;
    for (let line = t.line; line <= t.line + OWN_BLOCK_LINES; line += 1) {
      const length = lineLength.get(line);
      if (length === undefined || length > 8) break;
      lines.add(line);
    }
  }
  return lines;
}
