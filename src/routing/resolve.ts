/**
 * Combines evidence into a decision. The strongest tier present decides; pieces in that tier narrow each
 * other (a municipality name and a Kreis mention, a PLZ and a town); weaker tiers may only narrow further
 * ("Gemeinde Altdorf" in the signature, "im Landkreis Böblingen" in the text), never contradict.
 */
import type { Candidate, Evidence } from './evidence.js';
import { DECISIVE_TIER_LIMIT } from './evidence.js';

/** The outcome before contacts and labels are attached. */
export interface Decision {
  status: 'resolved' | 'ambiguous' | 'unknown';
  candidates: Candidate[];
  /** Evidence that led to the decision, strongest first. */
  used: Evidence[];
}

function kreisSet(e: Evidence): Set<string> {
  return new Set(e.candidates.map((c) => c.kreisAgs));
}

function dedupe(candidates: Candidate[]): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const c of candidates) seen.set(`${c.kreisAgs}|${c.gemeindeAgs ?? ''}`, c);
  const list = [...seen.values()];
  // A municipality candidate makes the bare Kreis candidate of the same Kreis redundant.
  return list.filter((c) => c.gemeindeAgs !== null || !list.some((o) => o.gemeindeAgs !== null && o.kreisAgs === c.kreisAgs));
}

/** Narrows within one tier: intersect Kreise, then municipalities; on conflict keep the union. */
function combineTier(items: Evidence[]): Candidate[] {
  let kreise: Set<string> | null = null;
  for (const e of items) {
    const ks = kreisSet(e);
    const next: Set<string> = kreise === null ? ks : new Set([...kreise].filter((k) => ks.has(k)));
    kreise = next.size > 0 ? next : kreise === null ? ks : new Set([...kreise, ...ks]);
  }
  const inKreise = items.flatMap((e) => e.candidates).filter((c) => kreise?.has(c.kreisAgs) === true);
  const perItem = items
    .map((e) => new Set(e.candidates.filter((c) => c.gemeindeAgs !== null && kreise?.has(c.kreisAgs) === true).map((c) => c.gemeindeAgs)))
    .filter((s) => s.size > 0);
  if (perItem.length === 0) return dedupe(inKreise);
  const common = perItem.reduce((acc, s) => new Set([...acc].filter((g) => s.has(g))));
  if (common.size > 0) return dedupe(inKreise.filter((c) => c.gemeindeAgs !== null && common.has(c.gemeindeAgs)));
  return dedupe(inKreise);
}

function distinctKreise(candidates: Candidate[]): Set<string> {
  return new Set(candidates.map((c) => c.kreisAgs));
}

/**
 * A Landratsamt that names itself outweighs the address of its building: the Landratsamt of the
 * Rhein-Neckar-Kreis sits in Heidelberg, a Stadtkreis. Pieces of the same tier that contradict it are dropped.
 */
function withAuthorityFirst(items: Evidence[]): Evidence[] {
  const authorities = items.filter((e) => e.isKreisAuthority === true);
  if (authorities.length === 0) return items;
  const kreise = new Set(authorities.flatMap((e) => e.candidates.map((c) => c.kreisAgs)));
  return items.filter((e) => e.isKreisAuthority === true || e.candidates.some((c) => kreise.has(c.kreisAgs)));
}

/** Decides from all evidence. Pure. */
export function decide(evidence: Evidence[]): Decision {
  const decisive = evidence.filter((e) => e.tier <= DECISIVE_TIER_LIMIT && e.candidates.length > 0);
  if (decisive.length === 0) return { status: 'unknown', candidates: [], used: [] };
  const top = Math.min(...decisive.map((e) => e.tier));
  const topItems = withAuthorityFirst(decisive.filter((e) => e.tier === top));
  let candidates = combineTier(topItems);
  const used = [...topItems];
  for (const e of decisive.filter((x) => x.tier > top).sort((a, b) => a.tier - b.tier)) {
    if (distinctKreise(candidates).size <= 1) break;
    const ks = kreisSet(e);
    const narrowed = candidates.filter((c) => ks.has(c.kreisAgs));
    if (narrowed.length > 0 && narrowed.length < candidates.length) {
      candidates = narrowed;
      used.push(e);
    }
  }
  const status = distinctKreise(candidates).size === 1 ? 'resolved' : 'ambiguous';
  return { status, candidates, used };
}
