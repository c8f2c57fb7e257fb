/**
 * Precompiled lookup structures over the geography, built once at start-up so that routing one enquiry is
 * a handful of map look-ups: name variants by first token, Kreis names, PLZ, compact names for domains.
 */
import { isCommonWordName } from './common-words.js';
import type { GeoData, Gemeinde, Kreis } from './geo.js';
import { foldUmlauts, nameTokens } from './text.js';

/** One municipality a name variant can stand for. */
export interface NameHit {
  gemeindeAgs: string;
  /** True for the official name (or its spelling variants), false for a short form. */
  isOfficial: boolean;
  /** Tokens of the official name that the short form drops ("am Rhein" → ["am", "rhein"]). */
  qualifier: string[];
}

/** A name variant as a token sequence and the municipalities it stands for. */
export interface NameEntry {
  tokens: string[];
  hits: NameHit[];
  isCommonWord: boolean;
}

/** A Kreis name variant (after a prefix such as "Landkreis"), and whether it is the Kreis seat's name. */
export interface KreisEntry {
  tokens: string[];
  kreise: { ags: string; via: 'name' | 'sitz' }[];
  /** True when the variant names a Kreis by itself anywhere ("Ortenaukreis", "Breisgau-Hochschwarzwald"). */
  isSelfNamed: boolean;
}

/** Words that start a qualifier in official names: "Weil am Rhein", "Kirchheim unter Teck". */
export const QUALIFIER_WORDS: ReadonlySet<string> = new Set(['an', 'am', 'im', 'in', 'ob', 'unter', 'auf', 'der', 'bei', 'vor']);

/** The compiled gazetteer. */
export interface Gazetteer {
  gemeinden: ReadonlyMap<string, Gemeinde>;
  kreise: ReadonlyMap<string, Kreis>;
  /** Name variants keyed by first token, longest first. */
  names: ReadonlyMap<string, NameEntry[]>;
  /** Kreis name variants keyed by first token, longest first. */
  kreisNames: ReadonlyMap<string, KreisEntry[]>;
  /** PLZ → municipality AGS. */
  plz: ReadonlyMap<string, string[]>;
  /** Name variant without separators ("schwaebischhall") → municipality AGS, for sender domains. */
  compactNames: ReadonlyMap<string, NameEntry>;
  /** Kreis name without separators ("remsmurrkreis") → Kreis entry, for sender domains. */
  compactKreise: ReadonlyMap<string, KreisEntry>;
  /** Municipality AGS → the Landkreise whose Landratsamt sits there (Heidelberg → Rhein-Neckar-Kreis). */
  landratsamtSeats: ReadonlyMap<string, string[]>;
}

interface Variant {
  tokens: string[];
  isOfficial: boolean;
  qualifier: string[];
}

/** All written forms of a municipality's name; internal. */
export function nameVariants(name: string): Variant[] {
  const official = nameTokens(name);
  const variants: Variant[] = [{ tokens: official, isOfficial: true, qualifier: [] }];
  const paren = /^(.*?)\s*\((.*)\)\s*$/.exec(name);
  if (paren?.[1] !== undefined && paren[2] !== undefined) {
    variants.push({ tokens: nameTokens(paren[1]), isOfficial: false, qualifier: nameTokens(paren[2]) });
  }
  const slash = /^([^/]+)\/(.+)$/.exec(name);
  if (slash?.[1] !== undefined && slash[2] !== undefined) {
    variants.push({ tokens: nameTokens(slash[1]), isOfficial: false, qualifier: nameTokens(slash[2]) });
  }
  const q = official.findIndex((t, i) => i > 0 && QUALIFIER_WORDS.has(t));
  if (q > 0) variants.push({ tokens: official.slice(0, q), isOfficial: false, qualifier: official.slice(q) });
  const extra: Variant[] = [];
  for (const v of variants) {
    if (v.tokens[0] === 'st') extra.push({ ...v, tokens: ['sankt', ...v.tokens.slice(1)] });
  }
  const folded = nameTokens(foldUmlauts(name));
  if (folded.join(' ') !== official.join(' ')) extra.push({ tokens: folded, isOfficial: true, qualifier: [] });
  return [...variants, ...extra];
}

function addEntry(map: Map<string, NameEntry[]>, variant: Variant, ags: string): void {
  const first = variant.tokens[0];
  if (first === undefined) return;
  const list = map.get(first) ?? [];
  const key = variant.tokens.join(' ');
  let entry = list.find((e) => e.tokens.join(' ') === key);
  if (entry === undefined) {
    entry = { tokens: variant.tokens, hits: [], isCommonWord: isCommonWordName(variant.tokens) };
    list.push(entry);
  }
  if (!entry.hits.some((h) => h.gemeindeAgs === ags)) {
    entry.hits.push({ gemeindeAgs: ags, isOfficial: variant.isOfficial, qualifier: variant.qualifier });
  }
  map.set(first, list);
}

function addKreisEntry(map: Map<string, KreisEntry[]>, tokens: string[], ags: string, via: 'name' | 'sitz', isSelfNamed: boolean): void {
  const first = tokens[0];
  if (first === undefined) return;
  const list = map.get(first) ?? [];
  const key = tokens.join(' ');
  let entry = list.find((e) => e.tokens.join(' ') === key);
  if (entry === undefined) {
    entry = { tokens, kreise: [], isSelfNamed: false };
    list.push(entry);
  }
  if (!entry.kreise.some((k) => k.ags === ags && k.via === via)) entry.kreise.push({ ags, via });
  entry.isSelfNamed = entry.isSelfNamed || isSelfNamed;
  map.set(first, list);
}

function buildKreisNames(geo: GeoData, names: Map<string, NameEntry[]>): Map<string, KreisEntry[]> {
  const map = new Map<string, KreisEntry[]>();
  const isGemeindeName = (tokens: string[]): boolean =>
    (names.get(tokens[0] ?? '') ?? []).some((e) => e.tokens.join(' ') === tokens.join(' '));
  for (const k of geo.kreise) {
    for (const v of nameVariants(k.name)) {
      const selfNamed = /kreis$/.test(v.tokens.join('')) || (k.typ === 'Landkreis' && !isGemeindeName(v.tokens));
      addKreisEntry(map, v.tokens, k.ags, 'name', selfNamed && v.isOfficial);
      const last = v.tokens[v.tokens.length - 1] ?? '';
      if (last === 'kreis') addKreisEntry(map, v.tokens.slice(0, -1), k.ags, 'name', false);
      else if (last.endsWith('kreis') && v.tokens.length === 1) addKreisEntry(map, [last.slice(0, -5)], k.ags, 'name', false);
    }
    if (k.typ === 'Landkreis') for (const v of nameVariants(k.sitz)) addKreisEntry(map, v.tokens, k.ags, 'sitz', false);
  }
  return map;
}

function sortLongestFirst<T extends { tokens: string[] }>(map: Map<string, T[]>): void {
  for (const list of map.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
}

/** Builds the gazetteer. Pure; about 10 ms for the 1,101 municipalities. */
export function buildGazetteer(geo: GeoData): Gazetteer {
  const names = new Map<string, NameEntry[]>();
  const plz = new Map<string, string[]>();
  for (const g of geo.gemeinden) {
    for (const v of nameVariants(g.name)) addEntry(names, v, g.ags);
    for (const code of g.plz) plz.set(code, [...(plz.get(code) ?? []), g.ags]);
  }
  const kreisNames = buildKreisNames(geo, names);
  sortLongestFirst(names);
  sortLongestFirst(kreisNames);
  const compactNames = new Map<string, NameEntry>();
  for (const list of names.values()) for (const e of list) compactNames.set(e.tokens.join(''), e);
  const compactKreise = new Map<string, KreisEntry>();
  for (const list of kreisNames.values()) {
    for (const e of list) if (e.kreise.some((k) => k.via === 'name')) compactKreise.set(e.tokens.join(''), e);
  }
  const byName = new Map(geo.gemeinden.map((g) => [`${g.name}|${g.kreisAgs.slice(0, 4)}`, g.ags]));
  const landratsamtSeats = new Map<string, string[]>();
  for (const k of geo.kreise) {
    if (k.typ !== 'Landkreis') continue;
    // The seat lies in the same Regierungsbezirk (first four digits of the key), which keeps it unique.
    const seat = byName.get(`${k.sitz}|${k.ags.slice(0, 4)}`);
    if (seat !== undefined) landratsamtSeats.set(seat, [...(landratsamtSeats.get(seat) ?? []), k.ags]);
  }
  return {
    landratsamtSeats,
    gemeinden: new Map(geo.gemeinden.map((g) => [g.ags, g])),
    kreise: new Map(geo.kreise.map((k) => [k.ags, k])),
    names,
    kreisNames,
    plz,
    compactNames,
    compactKreise,
  };
}
