/**
 * What answer composition knows of a passage before any question: its units (sentences, list items), the
 * analysed terms of each and its kind (a caveat, a qualifier, a referral). Analysis is the costly step and
 * passages do not change between questions, so all of it is kept per analyzer (compose.ts reads it). Pure.
 */
import type { GermanAnalyzer } from './analyzer.js';
import { splitUnits, type TextUnit } from './compose-units.js';

/** A hedge about certainty or bindingness: shown last, never trimmed away. */
const CAVEAT =
  /\bNäheres regel|\bnicht (landesweit |amtlich |ausdrücklich |eindeutig )?(bestätigt|amtlich|belegt)|\beigene Berechnung|\b[Mm]aßgeblich (ist|sind|bleibt|bleiben)\b|\b[Vv]erbindlich (ist|sind)\b|\bbitte (klären|wenden|fragen|erkundigen)|\b(klären|wenden|fragen) Sie (sich )?bitte\b|\bAuskunft (gibt|geben|erteilt)|\bEinzelberichte?\b|\bkeine Vorgaben?\b|\bQuellen? (nennt|nennen|belegt|belegen)|\bim Einzelfall\b|\bentschieden wird\b/iu;
/** A referral to the binding text or a person ("klären Sie bitte …", "Maßgeblich ist …"): never the lead. */
const REFERRAL =
  /\bbitte (klären|wenden|fragen|erkundigen)|\b(klären|wenden|fragen) Sie (sich )?bitte\b|\bAuskunft (gibt|geben|erteilt)|\b[Mm]aßgeblich (ist|sind|bleibt|bleiben)\b|\b[Vv]erbindlich (ist|sind)\b|\bNäheres regel/u;
/** Words by which a sentence restricts or qualifies a rule. */
const QUALIFIER = /\b(nicht|nur|keine?[nmrs]?|ausnahmsweise|vorbehaltlich|jedoch|aber|allerdings|höchstens|mindestens|spätestens|sofern|soweit|außer|ausgenommen|grundsätzlich|begründeten?)\b/iu;
/**
 * Analysis is the costly step and passages do not change between questions: the units of a passage text and
 * the terms of a sentence are kept per analyzer (a re-index brings a new analyzer, so nothing stale survives).
 */
const memo = new WeakMap<GermanAnalyzer, Map<string, ReadonlySet<string>>>();
const unitMemo = new WeakMap<GermanAnalyzer, Map<string, AnalysedUnit[]>>();

/** A unit of a passage with what does not depend on the question: its terms and its kind (tested once). */
export interface AnalysedUnit extends TextUnit {
  terms: ReadonlySet<string>;
  caveat: boolean;
  qualifier: boolean;
  referral: boolean;
}
/** Entries kept per analyzer before the memo starts afresh (bounded memory for arbitrary input). */
const MEMO_LIMIT = 20_000;

function cached<V>(store: WeakMap<GermanAnalyzer, Map<string, V>>, analyzer: GermanAnalyzer, key: string, make: () => V): V {
  let map = store.get(analyzer);
  if (map === undefined) store.set(analyzer, (map = new Map()));
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= MEMO_LIMIT) map.clear();
    value = make();
    map.set(key, value);
  }
  return value;
}

/** The analysed terms of a text (memoised per analyzer). */
export function termsOf(text: string, analyzer: GermanAnalyzer): ReadonlySet<string> {
  return cached(memo, analyzer, text, () => new Set(analyzer.analyze(text)));
}

/**
 * The units of a passage text with their terms and kinds (memoised per analyzer).
 *
 * @example analyzedUnits(passage.text, analyzer)[0]?.caveat // true for "Maßgeblich ist der Bescheid."
 */
export function analyzedUnits(text: string, analyzer: GermanAnalyzer): AnalysedUnit[] {
  return cached(unitMemo, analyzer, text, () =>
    splitUnits(text).map((u) => ({
      ...u,
      terms: termsOf(u.text, analyzer),
      caveat: CAVEAT.test(u.text),
      qualifier: QUALIFIER.test(u.text),
      referral: REFERRAL.test(u.text),
    })),
  );
}
