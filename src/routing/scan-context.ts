/**
 * The state one scan of a text shares between its steps (scan-text.ts, scan-plz.ts), and how a mention is
 * weighed and recorded from its position. Its own module so both scanners use it without importing each other.
 */
import { classifyCue } from './cues.js';
import type { Candidate, Findings, Tier } from './evidence.js';
import { TIER } from './evidence.js';
import type { Gazetteer } from './gazetteer.js';
import type { Token } from './text.js';

/** Where the text comes from; decides how much a bare name on a line counts. */
export type TextSource = 'text' | 'subject' | 'signature' | 'senderName';

/** Shared state of one scan; internal. */
export interface ScanContext {
  gaz: Gazetteer;
  tokens: Token[];
  source: TextSource;
  signatureStart: number;
  lineLength: Map<number, number>;
  /** Lines of the RP's own letterhead or address (never the requester's). */
  ownLines: Set<number>;
  /**
   * A short last sentence that reads like a sign-off in a one-paragraph mail ("… rechnen? Stadt Esslingen am
   * Neckar"): treated like a signature line. Null when there is none.
   */
  closingSentence: number | null;
  /** First line with words in the signature block (usually the writer's name), or -1. */
  firstSignatureLine: number;
  /** A "Landratsamt" without a name was seen: an address in a Landratsamt seat then names the Landkreis. */
  sawUnnamedAuthority?: boolean;
  findings: Findings;
}

/** True when token `index` lies in the signature block or the closing sentence; internal. */
export function isInSignature(ctx: ScanContext, index: number): boolean {
  const t = ctx.tokens[index];
  return t !== undefined && (t.line >= ctx.signatureStart || (ctx.closingSentence !== null && t.sentence === ctx.closingSentence));
}

/** True when token `index` starts its line, or starts the closing sentence; internal. */
export function startsLine(ctx: ScanContext, index: number): boolean {
  const t = ctx.tokens[index] as Token;
  const prev = ctx.tokens[index - 1];
  if (prev === undefined || prev.line !== t.line) return true;
  return ctx.closingSentence !== null && t.sentence === ctx.closingSentence && prev.sentence !== t.sentence;
}

/**
 * The weight of a mention from its context (see evidence.ts). Returns null when a name that is an ordinary
 * word has no place context.
 */
export function tierFor(ctx: ScanContext, start: number, end: number, isInstitution: boolean, needsContext: boolean): Tier | null {
  const { tokens } = ctx;
  const first = tokens[start] as Token;
  const lineLength = ctx.lineLength.get(first.line) ?? 0;
  const atLineStart = startsLine(ctx, start);
  const inSignature = isInSignature(ctx, start);
  const cue = classifyCue(tokens, start, !inSignature && !(isInstitution && atLineStart));
  const onlyThing = atLineStart && (tokens[end]?.line !== first.line || /[,;]/.test(tokens[end]?.gapBefore ?? ''));
  // The first line after the closing formula is usually the writer's name ("Viele Grüße / Owen").
  const isNameLine = ctx.source === 'text' && first.line === ctx.firstSignatureLine;
  if (needsContext && !isInstitution && !(inSignature && onlyThing && !isNameLine)) return null;
  if (cue === 'thirdParty') return TIER.thirdParty;
  if (isInstitution && (lineLength <= 10 || inSignature || cue === 'self')) return TIER.signature;
  if (inSignature && atLineStart) return TIER.signature;
  // A short line of its own ("Aidlingen, den 3. März", "…, Landkreis Heilbronn") reads like a letterhead,
  // unless a signature block exists elsewhere (then the signature speaks).
  // …but not the end of a sentence wrapped onto a new line ("eine Familie aus\nStuttgart.").
  const startsSentence = tokens[start - 1] === undefined || tokens[start - 1]?.sentence !== first.sentence;
  const ownLine = (atLineStart && startsSentence) || /,/.test(first.gapBefore);
  const noOtherSignature = ctx.signatureStart === Infinity || inSignature;
  if (ctx.source !== 'subject' && lineLength <= 6 && ownLine && noOtherSignature && cue === 'none') return TIER.signature;
  return cue === 'self' ? TIER.selfProse : TIER.prose;
}

const WHERE: Record<TextSource, string> = { text: '', subject: ' im Betreff', signature: ' in der Signatur', senderName: ' im Absendernamen' };

/** Adds evidence (or a note for third-party mentions); internal. */
export function record(ctx: ScanContext, tier: Tier | null, candidates: Candidate[], what: string, start: number, isKreisAuthority = false): void {
  if (tier === null) return;
  if (tier === TIER.thirdParty) {
    ctx.findings.notes.push(`${what} bezieht sich auf Dritte (nicht gewertet)`);
    return;
  }
  const inSignature = isInSignature(ctx, start);
  const where =
    ctx.source !== 'text'
      ? WHERE[ctx.source]
      : tier === TIER.signature
        ? inSignature ? ' in der Signatur' : ' in einer Absenderzeile'
        : tier === TIER.selfProse ? ' im Text (eigener Ort)' : ' im Text';
  ctx.findings.evidence.push({ tier, candidates, text: `${what}${where}`, ...(isKreisAuthority ? { isKreisAuthority } : {}) });
}
