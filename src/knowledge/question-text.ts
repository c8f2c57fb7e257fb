/**
 * Rewrites of a question's text before its words are analysed (query.ts): wrapping that names no matter of the
 * question is dropped, elliptic compounds are written out. The text shown back to the asker stays as typed. Pure.
 */
import type { GermanAnalyzer } from './analyzer.js';
import { foldWord } from './german.js';

/**
 * A sentence opening that reports hearsay ("Unsere Kämmerei hat gehört, dass …", "Wir haben gelesen, dass …",
 * "Uns wurde gesagt, dass …"): who heard it is wrapping, what was heard is the question's matter.
 */
const HEARSAY =
  /(^|[.?!]\s+)(?:(?:\p{L}+\s+){0,3}(?:hat|haben|habe|hatte|hatten|hätten)\s+(?:\p{L}+\s+)?(?:gehört|gelesen|erfahren|mitbekommen)|(?:uns|mir)\s+wurde\s+(?:\p{L}+\s+)?(?:gesagt|mitgeteilt|erzählt)|es\s+heißt|man\s+hört)\s*,?\s*(?:dass|das)\s+/giu;

/**
 * A sentence opening that asks whether a rule exists for what follows ("Gibt es eine Regel, ob …", "Gibt es
 * Vorgaben dazu, wie …", "Ist geregelt, wann …"): the rule word names no topic, what follows is the question.
 */
const RULE_FRAME =
  /(^|[.?!]\s+)(?:gibt\s+es\s+(?:(?:eine|irgendeine|keine|klare|feste)\s+)?(?:regel|regeln|regelung|regelungen|vorgabe|vorgaben|vorschrift|vorschriften)(?:\s+dazu)?|ist\s+(?:irgendwo\s+)?(?:geregelt|festgelegt|vorgegeben|vorgeschrieben))\s*,?\s*(?=(?:ob|wie|wann|wer|was|dass|wonach|welche[mnrs]?)\s)/giu;

/** The text without the frames around its matter: hearsay openings ({@link HEARSAY}) and rule frames ({@link RULE_FRAME}). */
export function dropFrames(text: string): string {
  return text.replace(HEARSAY, (_whole, before: string) => before).replace(RULE_FRAME, (_whole, before: string) => before);
}

/** A word cut off by a hyphen before "und"/"oder" and the compound that completes it (a few lower-case words later). */
const TRUNCATED = /(\p{L}{2,})-(\s+(?:und|oder|bzw\.?|sowie)\s+(?:\p{Ll}+\s+){0,2})(\p{L}{6,})/gu;

/**
 * Words cut off by a hyphen, completed with the head of the compound after them: "Fehlbedarfs- oder
 * Festbetragsfinanzierung" asks about the Fehlbedarfsfinanzierung, "Sach- und Personalkosten" about Sachkosten.
 *
 * @example completeTruncated('Sach- und Personalkosten', analyzer) // 'Sachkosten und Personalkosten'
 */
export function completeTruncated(text: string, analyzer: GermanAnalyzer): string {
  if (!text.includes('-')) return text;
  return text.replace(TRUNCATED, (whole, first: string, between: string, compound: string) => {
    const { parts } = analyzer.analyzeWord(foldWord(compound));
    return parts.length < 2 ? whole : `${first}${parts.at(-1)!}${between}${compound}`;
  });
}
