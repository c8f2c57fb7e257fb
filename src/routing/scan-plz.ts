/**
 * Postal codes and address lines ("72250 Freudenstadt", "D-71134 Aidlingen", "Grüße aus 71134").
 * A PLZ counts only with a place context (a town after it, "aus"/"PLZ" before it, or alone on its line),
 * so amounts and file numbers stay out. A PLZ shared by several Kreise stays ambiguous unless the town
 * name decides; a PLZ outside Baden-Württemberg takes the town after it out of play ("90518 Altdorf").
 */
import { classifyCue } from './cues.js';
import type { Candidate, Tier } from './evidence.js';
import { TIER } from './evidence.js';
import { isJoinGap, matchName, spanText } from './match.js';
import { record, tierFor, type ScanContext } from './scan-context.js';
import type { Token } from './text.js';

const CONTEXT_BEFORE = new Set(['aus', 'in', 'plz', 'd', 'de', 'postleitzahl']);
const NOT_A_PLZ_BEFORE = new Set(['tel', 'telefon', 'fax', 'az', 'nr', 'aktenzeichen', 'iban', 'blz', 'konto', 'kto', 'zeichen', 'vorgang', 'ticket', 'kundennummer', 'mobil', 'durchwahl']);
const UNIT_WORDS = new Set(['euro', 'eur', 'stunden', 'std', 'personen', 'einwohner', 'einwohnerinnen', 'menschen', 'mal', 'tage', 'km', 'qm', 'prozent', 'gefluechtete', 'faelle', 'antraege', 'bewohner', 'haushalte']);
/** BW PLZ that OSM also assigns to municipalities in Bayern or Hessen (SOURCES.md). */
const SHARED_WITH_OTHER_STATES = new Set(['63928', '74731', '97896', '89081', '69412', '69434']);

function bwPrefixes(ctx: ScanContext): Set<string> {
  const cached = prefixCache.get(ctx.gaz.plz);
  if (cached !== undefined) return cached;
  const set = new Set([...ctx.gaz.plz.keys()].map((p) => p.slice(0, 2)));
  prefixCache.set(ctx.gaz.plz, set);
  return set;
}
const prefixCache = new WeakMap<object, Set<string>>();

function townTokenAfter(tokens: readonly Token[], i: number): Token | null {
  const next = tokens[i + 1];
  const t = tokens[i] as Token;
  if (next === undefined || next.line !== t.line || !isJoinGap(next.gapBefore) || !/^\p{L}/u.test(next.raw)) return null;
  return UNIT_WORDS.has(next.norm) ? null : next;
}

/** Skips a district joined by a hyphen ("70563 Stuttgart-Vaihingen"). */
function afterOrtsteil(tokens: readonly Token[], end: number): number {
  let k = end;
  while (tokens[k]?.gapBefore === '-' && tokens[k]?.line === tokens[end - 1]?.line) k += 1;
  return k;
}

/** An address line speaks for the sender unless it is someone else's ("nach 70173 Stuttgart geschickt"). */
function addressTier(ctx: ScanContext, i: number): Tier {
  const atLineStart = ctx.tokens[i - 1]?.line !== ctx.tokens[i]?.line || ctx.tokens[i - 1]?.norm === 'd';
  return classifyCue(ctx.tokens, i, !atLineStart) === 'thirdParty' ? TIER.thirdParty : TIER.signature;
}

/** Scans the PLZ at token `i`; returns the next index. Internal to the scanner. */
export function scanPlz(ctx: ScanContext, i: number): number {
  const { tokens, gaz } = ctx;
  const t = tokens[i] as Token;
  const prev = tokens[i - 1]?.line === t.line ? tokens[i - 1] : undefined;
  if (prev !== undefined && NOT_A_PLZ_BEFORE.has(prev.norm)) return i + 1;
  const town = townTokenAfter(tokens, i);
  const hasContext = town?.isCapitalized === true || (prev !== undefined && CONTEXT_BEFORE.has(prev.norm)) || (ctx.lineLength.get(t.line) ?? 0) <= 2;
  if (!hasContext) return i + 1;
  const name = town === null ? null : matchName(gaz, tokens, i + 1);
  const end = name === null ? i + 1 : afterOrtsteil(tokens, i + 1 + name.tokens.length);
  const plzAgs = gaz.plz.get(t.raw);
  if (plzAgs === undefined) return unknownPlz(ctx, i, town, name === null ? null : end, bwPrefixes(ctx).has(t.raw.slice(0, 2)));
  const plzCandidates: Candidate[] = plzAgs.map((a) => ({ gemeindeAgs: a, kreisAgs: gaz.gemeinden.get(a)?.kreisAgs ?? '' }));
  if (name === null) {
    if (town !== null && SHARED_WITH_OTHER_STATES.has(t.raw)) {
      ctx.findings.notes.push(`Postleitzahl ${t.raw} gehört auch zu Orten außerhalb Baden-Württembergs (nicht gewertet)`);
      return i + 2;
    }
    const tier = town !== null ? addressTier(ctx, i) : tierFor(ctx, i, i + 1, false, false);
    record(ctx, tier, plzCandidates, `Postleitzahl ${t.raw}`, i);
    return town === null ? i + 1 : i + 2;
  }
  const nameCandidates: Candidate[] = name.hits.map((h) => ({ gemeindeAgs: h.gemeindeAgs, kreisAgs: gaz.gemeinden.get(h.gemeindeAgs)?.kreisAgs ?? '' }));
  const both = nameCandidates.filter((c) => plzAgs.includes(c.gemeindeAgs ?? ''));
  const written = spanText(tokens, i, end);
  if (both.length > 0) {
    record(ctx, addressTier(ctx, i), both, `Anschrift '${written}'`, i);
  } else {
    // The OSM PLZ lists lack Postfach and some delivery PLZ: the town name decides, the PLZ is noted.
    ctx.findings.notes.push(`Postleitzahl ${t.raw} passt laut Verzeichnis nicht zu '${spanText(tokens, i + 1, end)}'`);
    record(ctx, addressTier(ctx, i), nameCandidates, `Ortsname '${spanText(tokens, i + 1, end)}' in der Anschrift`, i);
  }
  return end;
}

function unknownPlz(ctx: ScanContext, i: number, town: Token | null, nameEnd: number | null, isBwRange: boolean): number {
  const { tokens, gaz } = ctx;
  const raw = tokens[i]?.raw ?? '';
  if (isBwRange && nameEnd !== null) {
    const name = matchName(gaz, tokens, i + 1);
    const candidates = (name?.hits ?? []).map((h) => ({ gemeindeAgs: h.gemeindeAgs, kreisAgs: gaz.gemeinden.get(h.gemeindeAgs)?.kreisAgs ?? '' }));
    ctx.findings.notes.push(`Postleitzahl ${raw} steht nicht im Verzeichnis (Postfach- oder Großkunden-PLZ?)`);
    record(ctx, addressTier(ctx, i), candidates, `Ortsname '${spanText(tokens, i + 1, nameEnd)}' in der Anschrift`, i);
    return nameEnd;
  }
  if (town === null && isBwRange) return i + 1;
  ctx.findings.notes.push(`Postleitzahl ${raw} liegt nicht in Baden-Württemberg`);
  let k = i + 1;
  while (town !== null && k < i + 5 && tokens[k]?.line === town.line && isJoinGap(tokens[k]?.gapBefore ?? '\n')) k += 1;
  return k;
}
