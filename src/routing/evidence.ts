/**
 * Evidence found for a requester's place, with its weight class (tier). Lower tier = stronger. The order is
 * policy (issue 3): what the requester says about themselves in the signature or an institution line
 * outweighs a confirmed sender, which outweighs the sender domain, which outweighs places in the prose.
 * Places that belong to third parties ("eine Familie aus Stuttgart") never decide.
 */

/** Weight classes of evidence. */
export const TIER = {
  /** Signature, address line ("72250 Freudenstadt"), institution line ("Gemeinde X", "Landratsamt X", "wir als Stadt X"). */
  signature: 1,
  /** The learned sender directory (a requester confirmed the municipality before). */
  directory: 2,
  /** A sender domain whose label names a municipality or Kreis. */
  domain: 3,
  /** Prose in which the writer speaks of their own place ("ich arbeite in X", "Grüße aus X"). */
  selfProse: 4,
  /** Any other place named in the prose. */
  prose: 5,
  /** A place that belongs to someone else ("Familie aus X", "zieht nach X"): recorded, never decisive. */
  thirdParty: 6,
} as const;

export type Tier = (typeof TIER)[keyof typeof TIER];

/** Highest tier that may decide a route. */
export const DECISIVE_TIER_LIMIT: Tier = TIER.prose;

/** A place the evidence can stand for: a municipality, or only a Kreis. */
export interface Candidate {
  gemeindeAgs: string | null;
  kreisAgs: string;
}

/** One piece of evidence. */
export interface Evidence {
  tier: Tier;
  candidates: Candidate[];
  /** German, e.g. "Ortsname 'Altdorf' in der Signatur". */
  text: string;
  /** The sender is a Kreis authority (Landratsamt): the route names the Kreis, not the town of its address. */
  isKreisAuthority?: boolean;
}

/** What an extractor returns: evidence that counts, and German notes on what was seen but not counted. */
export interface Findings {
  evidence: Evidence[];
  notes: string[];
}

/** Empty findings; internal helper. */
export function noFindings(): Findings {
  return { evidence: [], notes: [] };
}
