/**
 * A question about what a numbered rule says ("Was regelt Nr. 7.4.2 der VwV Integrationsmanagement?") is about that
 * rule: a passage that does not cite it gives another kind of answer (consistency.ts `otherType`), however many of
 * the question's other words it shares (the VwV's overview, for "regelt" and "VwV"). A number named in passing ("wenn
 * das Integrationsmanagement nach Nr. 3.2 übertragen ist, …") is no such question. Pure.
 */

/** "Was regelt / besagt / bestimmt Nr. 7.4.2 …?", "Was steht in Ziffer 6.2?" */
const ASKED = /\b(?:was|welche\p{L}*)\s+(?:regelt|regeln|besagt|besagen|sagt|bestimmt|beinhaltet|enthält|steht\s+in)\s+(?:die\s+|der\s+)?(?:Nr\.?|Nummer|Ziffer)\s*(\d+(?:\.\d+)*)/iu;
const CITED = /\b(?:Nr\.?|Nummer|Ziffer)\s*(\d+(?:\.\d+)*)/giu;

/**
 * The rule number a question asks about, or null.
 *
 * @example askedRule('Was regelt Nr. 7.4.2 der VwV?') // '7.4.2'
 */
export function askedRule(question: string): string | null {
  return ASKED.exec(question)?.[1] ?? null;
}

/**
 * The rule numbers a text cites.
 *
 * @example citedRules('die Frist nach Nr. 7.4.2 der VwV.') // ['7.4.2']
 */
export function citedRules(text: string): string[] {
  return [...new Set([...text.matchAll(CITED)].map((m) => m[1]!))];
}
