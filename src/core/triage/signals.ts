/**
 * Applies the rule tables to prepared text: scores, matched wording for the reasons, categories.
 * Pure functions; the tables live in rules.ts and other.ts.
 */
import { CATEGORY_RULES } from './categories.js';
import type { TextRule } from './rules.js';
import { COURTESY_MAX_OTHER_WORDS, COURTESY_WORDS, OTHER_RULES, type OtherKind } from './other.js';
import { foldText, originalSlice, type FoldedText } from './text.js';
import type { TicketCategory } from './types.js';

/** A rule that matched, with the original words it matched. */
export interface RuleHit {
  id: string;
  weight: number;
  reason: string;
  matched: string;
}

/** Sum of the weights of the matched rules, and the hits. */
export interface Score {
  score: number;
  hits: RuleHit[];
}

const SNIPPET_MAX = 60;

function snippet(text: FoldedText, match: RegExpExecArray): string {
  const words = originalSlice(text, match.index, match.index + match[0].length).replace(/^[\s.,;:!?]+|[\s.,;:!?]+$/g, '');
  return words.length > SNIPPET_MAX ? `${words.slice(0, SNIPPET_MAX - 1)}…` : words;
}

/**
 * Scores a text against a rule table; each rule counts once. Positive weights add up; of the negative
 * weights only the strongest counts, so a question with several rule markers is not punished twice.
 * Negative rules mark rule questions, so they read `asked` (the asking sentences; the whole text by default):
 * "welche" in "eine Übersicht, welche Integrationsmanager Zugang haben" asks nothing.
 */
export function scoreText(rules: readonly TextRule[], text: FoldedText, asked: FoldedText = text): Score {
  const hits: RuleHit[] = [];
  for (const rule of rules) {
    const source = rule.weight < 0 ? asked : text;
    const match = rule.pattern.exec(source.folded);
    if (match !== null) hits.push({ id: rule.id, weight: rule.weight, reason: rule.reason, matched: snippet(source, match) });
  }
  const positive = hits.reduce((sum, hit) => sum + Math.max(hit.weight, 0), 0);
  const negative = hits.reduce((min, hit) => Math.min(min, hit.weight), 0);
  return { score: positive + negative, hits };
}

/** The parts of a message the "other" rules look at (raw body: auto-replies quote, newsletters sign off). */
export interface OtherSubject {
  from: string;
  subject: string;
  body: string;
}

/** A detected no-answer message; `bodyOnly` when no sender or subject rule contributed. */
export interface OtherDetection {
  kind: OtherKind;
  hits: RuleHit[];
  bodyOnly: boolean;
}

/** The kind of no-answer message with the highest score at or above `threshold`, with its hits; else null. */
export function detectOther(message: OtherSubject, threshold: number): OtherDetection | null {
  const byKind = new Map<OtherKind, (RuleHit & { inBody: boolean })[]>();
  // Each field is folded once, however many rules read it (the body is the longest text triage sees).
  const folded = new Map<string, FoldedText>();
  for (const rule of OTHER_RULES) {
    const value = message[rule.field];
    if (value === undefined || value === '') continue;
    const text = folded.get(value) ?? foldText(value);
    folded.set(value, text);
    const match = rule.pattern.exec(text.folded);
    if (match === null) continue;
    const hit = { id: rule.id, weight: rule.weight, reason: rule.reason, matched: snippet(text, match), inBody: rule.field === 'body' };
    byKind.set(rule.kind, [...(byKind.get(rule.kind) ?? []), hit]);
  }
  let best: { kind: OtherKind; hits: (RuleHit & { inBody: boolean })[]; score: number } | null = null;
  for (const [kind, hits] of byKind) {
    const score = hits.reduce((sum, hit) => sum + hit.weight, 0);
    if (score >= threshold && (best === null || score > best.score)) best = { kind, hits, score };
  }
  if (best === null) return null;
  return {
    kind: best.kind,
    hits: best.hits.map(({ inBody: _inBody, ...hit }) => hit),
    bodyOnly: best.hits.every((hit) => hit.inBody),
  };
}

/** True when the text is only greeting, thanks or acknowledgement (no question, at most a name besides). */
export function isCourtesyOnly(text: string): boolean {
  return isCourtesyOnlyFolded(foldText(text).folded);
}

/**
 * {@link isCourtesyOnly} for text already folded with `foldText`. Stops at the first word too many, so a long
 * text costs no more than its first few words.
 */
export function isCourtesyOnlyFolded(folded: string): boolean {
  if (folded.includes('?')) return false;
  const word = /[a-z0-9]+/g;
  let words = 0;
  let others = 0;
  for (let m = word.exec(folded); m !== null; m = word.exec(folded)) {
    words += 1;
    if (!COURTESY_WORDS.has(m[0])) others += 1;
    if (others > COURTESY_MAX_OTHER_WORDS) return false;
  }
  return words > 0 && others < words;
}

const THANKS_LEAD = /^\W*(?:(?:vielen|herzlichen|besten|lieben|tausend)\s+)?(?:dank|danke|dankeschoen|thanks|thank\s+you)\b/;
/** "Frage" asks, unless it is closed ("Damit ist unsere Frage geklärt"). */
const REQUEST_MARKERS =
  /\b(?:bitte|brauche|brauchen|benoetige|benoetigen|koennen\s+sie|koennten\s+sie|wuerden\s+sie|moechte|moechten|aber|jedoch|allerdings)\b|\bfragen?\b(?!\s+(?:(?:ist|sind|hat\s+sich|haben\s+sich)\s+)?(?:damit\s+|somit\s+|nun\s+|jetzt\s+|hiermit\s+)?(?:geklaert|beantwortet|erledigt)\b)/;
/** Most words of a short acknowledgement that starts with thanks ("Vielen Dank, dann warten wir ab."). */
const ACK_MAX_WORDS = 16;

/**
 * True for a short acknowledgement led by thanks, without a question, request or objection ("aber").
 * The caller makes sure it carries no application-matter signal.
 */
export function isThanksAcknowledgement(text: string): boolean {
  return isThanksAcknowledgementFolded(foldText(text).folded);
}

/** {@link isThanksAcknowledgement} for text already folded with `foldText`. */
export function isThanksAcknowledgementFolded(text: string): boolean {
  const folded = text.trim();
  if (folded.includes('?') || !THANKS_LEAD.test(folded) || REQUEST_MARKERS.test(folded)) return false;
  const word = /[a-z0-9]+/g;
  let words = 0;
  while (word.exec(folded) !== null) if (++words > ACK_MAX_WORDS) return false;
  return true;
}

/**
 * The ticket category: each pattern scores 2 when it matches the subject and 1 when it matches the body;
 * a decisive category (listed first) wins on any hit; else the highest total wins, ties go to the higher
 * priority; no hit → `sonstiges`.
 */
export function categorise(subject: FoldedText, body: FoldedText): { category: TicketCategory; matched: string[] } {
  let best: { category: TicketCategory; score: number; priority: number; matched: string[] } | null = null;
  for (const rule of CATEGORY_RULES) {
    let score = 0;
    const matched: string[] = [];
    for (const pattern of rule.patterns) {
      for (const [text, weight] of [[subject, 2], [body, 1]] as const) {
        const match = pattern.exec(text.folded);
        if (match === null) continue;
        score += weight;
        matched.push(snippet(text, match));
      }
    }
    if (score > 0 && rule.decisive === true) return { category: rule.category, matched: [...new Set(matched)] };
    const better = best === null || score > best.score || (score === best.score && rule.priority > best.priority);
    if (score > 0 && better) best = { category: rule.category, score, priority: rule.priority, matched };
  }
  return best === null ? { category: 'sonstiges', matched: [] } : { category: best.category, matched: [...new Set(best.matched)] };
}
