/**
 * Finds place evidence in free text: Kreis mentions, municipality names with their context, postal codes
 * and address lines. Pure; one left-to-right pass over the tokens, longest match first, each token used once.
 */
import { KREIS_INSTITUTION_PREFIXES, KREIS_PREFIXES, OTHER_INSTITUTIONS, institutionPrefixBefore, lineLengths, ownAddressLines, signatureStartLine } from './cues.js';
import type { Candidate, Evidence, Findings } from './evidence.js';
import { TIER, noFindings } from './evidence.js';
import type { Gazetteer, KreisEntry, NameEntry } from './gazetteer.js';
import { pickKreis } from './kreis-pick.js';
import { scanDomain } from './mail-domain-evidence.js';
import { kreisLabel } from './geo.js';
import { inspectAfterName, isJoinGap, matchKreis, matchName, spanText } from './match.js';
import { scanPlz } from './scan-plz.js';
import { cleanText, hasMixedScript, tokenize } from './text.js';
import type { Token } from './text.js';
import { isInSignature, record, startsLine, tierFor, type ScanContext, type TextSource } from './scan-context.js';

/** Scans one text. Never throws. */
export function scanText(gaz: Gazetteer, raw: string, source: TextSource): Findings {
  const text = cleanText(raw);
  const tokens = tokenize(text);
  const findings = noFindings();
  const signatureStart = source === 'text' ? signatureStartLine(tokens, text) : source === 'subject' ? Infinity : 0;
  const lineLength = lineLengths(tokens);
  const closingSentence = source === 'text' ? closingSentenceOf(tokens, text) : null;
  const firstSignatureLine = tokens.find((t) => t.line >= signatureStart)?.line ?? -1;
  const ctx: ScanContext = { gaz, tokens, source, signatureStart, lineLength, closingSentence, firstSignatureLine, ownLines: ownAddressLines(tokens, lineLength), findings };
  let i = 0;
  while (i < tokens.length) i = step(ctx, i);
  if (tokens.some((t) => hasMixedScript(t.raw))) findings.notes.push('Text enthält Wörter in gemischten Schriftsystemen (nicht gewertet)');
  if (signatureStart !== Infinity && source !== 'senderName') scanSignatureDomains(gaz, text, signatureStart, findings);
  if (ctx.sawUnnamedAuthority === true) findings.evidence = findings.evidence.map((e) => asLandratsamtSeat(gaz, e));
  return findings;
}

/** "Landratsamt / Beiertheimer Allee 2 / 76137 Karlsruhe": the address is the seat, the sender the Landkreis. */
function asLandratsamtSeat(gaz: Gazetteer, e: Evidence): Evidence {
  if (e.tier !== TIER.signature || e.candidates.length === 0) return e;
  const kreise = e.candidates.map((c) => (c.gemeindeAgs === null ? undefined : gaz.landratsamtSeats.get(c.gemeindeAgs)));
  if (kreise.some((k) => k === undefined)) return e;
  const candidates = [...new Set(kreise.flat() as string[])].map((kreisAgs) => ({ gemeindeAgs: null, kreisAgs }));
  return { ...e, candidates, isKreisAuthority: true, text: `${e.text} (Sitz des Landratsamts)` };
}

const CLOSING_SENTENCE_MAX_TOKENS = 8;

function closingSentenceOf(tokens: readonly Token[], text: string): number | null {
  const last = tokens[tokens.length - 1];
  if (last === undefined || last.sentence === 0 || /[.?!]\s*$/.test(text)) return null;
  const count = tokens.filter((t) => t.sentence === last.sentence).length;
  const first = tokens[tokens.length - count];
  return count <= CLOSING_SENTENCE_MAX_TOKENS && first?.isCapitalized === true ? last.sentence : null;
}

const ADDRESS_OR_WEB = /[\w.+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)|\bwww\.([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi;

/** Mail addresses and web sites in the signature ("integration@herrenberg.de", "www.aidlingen.de") count like a sender domain. */
function scanSignatureDomains(gaz: Gazetteer, text: string, signatureStart: number, findings: Findings): void {
  const signature = text.split('\n').slice(signatureStart).join('\n');
  const seen = new Set<string>();
  for (const m of signature.matchAll(ADDRESS_OR_WEB)) {
    const domain = (m[1] ?? m[2] ?? '').toLowerCase();
    if (domain === '' || seen.has(domain)) continue;
    seen.add(domain);
    for (const e of scanDomain(gaz, `x@${domain}`).evidence) findings.evidence.push({ ...e, text: `Domain '${domain}' in der Signatur` });
  }
}

function step(ctx: ScanContext, i: number): number {
  const t = ctx.tokens[i] as Token;
  if (ctx.ownLines.has(t.line)) return i + 1;
  if (/^\d{5}$/.test(t.raw)) return scanPlz(ctx, i);
  if (OTHER_INSTITUTIONS.has(t.norm)) return skipOtherInstitution(ctx, i);
  const prefix = KREIS_PREFIXES.get(t.norm);
  if (prefix !== undefined && isJoinGap(ctx.tokens[i + 1]?.gapBefore ?? '\n')) {
    const entry = matchKreis(ctx.gaz, ctx.tokens, i + 1);
    if (entry !== null) return addKreis(ctx, entry, i, i + 1 + entry.tokens.length, prefix);
  }
  if (KREIS_INSTITUTION_PREFIXES.has(t.norm)) ctx.sawUnnamedAuthority = true;
  // "Neu-Ulm" (Bayern) is not Ulm: a word joined by a hyphen to a capitalized word before it is part of another name.
  const prev = ctx.tokens[i - 1];
  if (t.gapBefore === '-' && prev?.line === t.line && prev.isCapitalized && !/^\d+$/.test(prev.raw)) return i + 1;
  const name = matchName(ctx.gaz, ctx.tokens, i);
  const kreis = matchKreis(ctx.gaz, ctx.tokens, i);
  if (kreis !== null && kreis.isSelfNamed && kreis.tokens.length >= (name?.tokens.length ?? 0)) {
    return addKreis(ctx, kreis, i, i + kreis.tokens.length, null);
  }
  if (name !== null) return addName(ctx, name, i);
  return i + 1;
}

/** Skips "Regierungspräsidium Stuttgart", "Agentur für Arbeit Ulm": the place names someone else. */
function skipOtherInstitution(ctx: ScanContext, i: number): number {
  let k = i + 1;
  // "Agentur für Arbeit X", "Regierungspräsidium (RP) X": up to three linking words before the name
  while (k < i + 4 && ctx.tokens[k] !== undefined && !ctx.tokens[k]?.isCapitalized && isJoinGap(ctx.tokens[k]?.gapBefore ?? '\n')) k += 1;
  if (ctx.tokens[k]?.norm === 'arbeit' || ctx.tokens[k]?.norm === 'rp') k += 1;
  const name = matchName(ctx.gaz, ctx.tokens, k);
  return name === null || !isJoinGap(ctx.tokens[k]?.gapBefore ?? '\n') ? i + 1 : k + name.tokens.length;
}

function kreisCandidate(gaz: Gazetteer, kreisAgs: string): Candidate {
  const city = `${kreisAgs}000`;
  const isCity = gaz.kreise.get(kreisAgs)?.typ === 'Stadtkreis' && gaz.gemeinden.has(city);
  return { gemeindeAgs: isCity ? city : null, kreisAgs };
}

/** Designations of municipalities that Baden-Württemberg does not have ("Markt Altdorf" is in Bayern). */
const FOREIGN_DESIGNATIONS = new Set(['markt', 'marktgemeinde', 'verbandsgemeinde', 'samtgemeinde', 'ortsgemeinde', 'hansestadt']);

function labelOf(gaz: Gazetteer, kreisAgs: string): string {
  const kreis = gaz.kreise.get(kreisAgs);
  return kreis === undefined ? kreisAgs : kreisLabel(kreis);
}

function addKreis(ctx: ScanContext, entry: KreisEntry, start: number, end: number, prefix: 'landkreis' | 'stadtkreis' | 'kreis' | null): number {
  const kreise = pickKreis(ctx.gaz, entry, prefix);
  if (kreise.length === 0) return start + 1;
  const isInstitution = KREIS_INSTITUTION_PREFIXES.has(ctx.tokens[start]?.norm ?? '');
  const tier = tierFor(ctx, start, end, isInstitution, false);
  const written = spanText(ctx.tokens, start, end);
  const label = kreise.map((a) => labelOf(ctx.gaz, a)).join(' / ');
  record(ctx, tier, kreise.map((a) => kreisCandidate(ctx.gaz, a)), `Kreisangabe '${written}' (${label})`, start, isInstitution);
  return end;
}

function addName(ctx: ScanContext, entry: NameEntry, start: number): number {
  const { tokens, gaz } = ctx;
  let end = start + entry.tokens.length;
  let hits = entry.hits;
  const after = inspectAfterName(gaz, entry, tokens, end);
  if (after.kind === 'foreign') {
    const written = spanText(tokens, start, end + after.consumed);
    ctx.findings.notes.push(`Ort '${written}' liegt nicht in Baden-Württemberg (nicht gewertet)`);
    return end + after.consumed;
  }
  if (after.kind === 'qualified') {
    hits = after.hits;
    end += after.consumed;
  } else if (after.kind === 'ortsteil') {
    end += after.consumed;
  } else if (after.kind === 'near') {
    const near = hits.filter((h) => after.kreisAgs.includes(gaz.gemeinden.get(h.gemeindeAgs)?.kreisAgs ?? ''));
    if (near.length > 0) hits = near;
    end += after.consumed;
  }
  const designation = tokens[start - 1];
  if (designation !== undefined && FOREIGN_DESIGNATIONS.has(designation.norm) && designation.line === tokens[start]?.line) {
    ctx.findings.notes.push(`'${spanText(tokens, start - 1, end)}': Gemeindeform eines anderen Landes (nicht gewertet)`);
    return end;
  }
  const prefix = institutionPrefixBefore(tokens, start);
  const first = tokens[start] as Token;
  if (prefix === null && isPersonNamePosition(ctx, start)) return end;
  const needsContext = entry.isCommonWord || !first.isCapitalized;
  const tier = tierFor(ctx, prefix === null ? start : start - 1, end, prefix !== null, needsContext);
  const written = spanText(tokens, prefix === null ? start : start - 1, end);
  const candidates = hits.map((h) => ({ gemeindeAgs: h.gemeindeAgs, kreisAgs: gaz.gemeinden.get(h.gemeindeAgs)?.kreisAgs ?? '' }));
  record(ctx, tier, candidates, `Ortsname '${written}'`, start);
  return end;
}

/**
 * A bare name inside a signature or sender name that does not start its line ("Anna Freiberg") is most
 * likely a person's name; "Freiberg, Anna" in a sender name too. Such names do not count.
 */
function isPersonNamePosition(ctx: ScanContext, start: number): boolean {
  if (ctx.source === 'senderName') return true;
  const t = ctx.tokens[start] as Token;
  const inSignature = isInSignature(ctx, start);
  const atLineStart = startsLine(ctx, start);
  const prev = ctx.tokens[start - 1];
  return inSignature && !atLineStart && prev?.isCapitalized === true && !/\d/.test(prev.raw) && !/[,;:|–-]/.test(t.gapBefore);
}
