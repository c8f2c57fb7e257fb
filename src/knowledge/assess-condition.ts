/**
 * A question set under a condition asks its main clause: "Wenn am Jahresende vom Geld des Landes noch etwas übrig
 * ist, dürfen wir das ins nächste Jahr mitnehmen?" asks whether money may be carried over, not how the Land's money
 * is distributed. A passage that covers the condition's words and none of the specific words the main clause adds
 * (mitnehmen) speaks of the situation, not of what is asked. A main clause without specific words of its own ("…,
 * was müssen wir tun?", "…, wer zahlt dann?") asks about the condition's topic, and the condition's passage answers
 * it. Pure.
 */
import type { RankedHit } from './index.minisearch.js';
import type { Unit } from './assess-units.js';
import { tokenize } from './tokenize.js';

/** A sentence opening with a condition: "Wenn …", "Falls …", "Sofern …". */
const CONDITION = /^(?:wenn|falls|sofern)\s/iu;

/**
 * The words of the main clause of a conditional question that its condition does not name, or null when the
 * question is no "Wenn …, …?".
 *
 * @example mainClauseWords('Wenn Geld übrig ist, dürfen wir es mitnehmen?') // Set { 'durfen', 'wir', 'es', 'mitnehmen' }
 */
export function mainClauseWords(question: string): Set<string> | null {
  const asked = question.split(/(?<=[.!?])\s+/u).find((s) => s.trim().endsWith('?') && CONDITION.test(s.trim()));
  const comma = asked?.indexOf(',') ?? -1;
  if (asked === undefined || comma < 0) return null;
  const condition = new Set(tokenize(asked.slice(0, comma)));
  return new Set(tokenize(asked.slice(comma + 1)).filter((w) => !condition.has(w)));
}

/** True when the main clause of a conditional question adds specific words and the best passage covers none of them. */
export function missesMainClause(question: string, us: readonly Unit[], top: RankedHit): boolean {
  const main = mainClauseWords(question);
  if (main === null) return false;
  const asked = us.filter((u) => u.specific && main.has(u.word));
  const groups = new Set(top.matched);
  return asked.length > 0 && !asked.some((u) => u.covered(groups, top.terms));
}
