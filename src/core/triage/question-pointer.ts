/**
 * A question that points to a thing named in the sentence before it by "diese(r/s) + noun" ("… sind wir auf die
 * Änderung der VwV vom 11. November 2020 gestoßen. Ab wann gilt diese Änderung?") asks about that thing, not about
 * the rest of the sentence (the writer's Durchsicht of their Unterlagen). The noun phrase the context gives the noun
 * ("Änderung der VwV vom 11. November 2020") takes the pointer's place: "Ab wann gilt die Änderung der VwV vom
 * 11. November 2020?". Pure.
 */

/** "diese Änderung", "dieser Frist", "diesem Programm": the demonstrative and the noun it points with. */
const POINTER = /\b([Dd]ies(?:e|er|es|en|em))\s+(\p{Lu}\p{L}+(?:-\p{L}+)*)/u;

/** The definite article in place of a demonstrative (the case is the question's own; search ignores articles). */
const ARTICLE: Record<string, string> = { diese: 'die', dieser: 'der', dieses: 'das', diesen: 'den', diesem: 'dem' };

/** Words that continue a noun phrase after its noun: articles, prepositions, contracted forms. */
const CONTINUES = new Set(['der', 'die', 'das', 'des', 'dem', 'den', 'vom', 'von', 'zum', 'zur', 'im', 'am', 'für', 'aus', 'über', 'nach', 'zu', 'bei', 'mit', 'und']);

/** Most words a noun phrase takes from its context sentence. */
const MAX_PHRASE_WORDS = 8;

/** True for a word that can stand in a noun phrase after its noun: a capitalised word, a number or date, "Nr.". */
const PHRASE_WORD = /^(?:\p{Lu}[\p{L}.-]*|\d{1,4}(?:\.\d{1,2}){0,2}\.?|[IVX]+\.?)$/u;

/**
 * The question with its pointing phrase resolved from the context sentence, or null when the question has none or
 * the context does not name its noun with anything after it.
 *
 * @example
 * resolvePointer('Ab wann gilt diese Änderung?', 'Wir sind auf die Änderung der VwV vom 11. November 2020 gestoßen.')
 * // → 'Ab wann gilt die Änderung der VwV vom 11. November 2020?'
 */
export function resolvePointer(question: string, context: string): string | null {
  const pointer = POINTER.exec(question);
  if (pointer === null) return null;
  const [phrase, demonstrative, noun] = pointer as unknown as [string, string, string];
  const words = context.replace(/[,;:!?()„“"]/gu, ' ').split(/\s+/u).filter((w) => w !== '');
  const at = words.indexOf(noun);
  if (at < 0) return null;
  const taken: string[] = [];
  for (const raw of words.slice(at + 1, at + 1 + MAX_PHRASE_WORDS)) {
    // The sentence's final full stop ends the phrase; a date's or an ordinal's dot ("11.") does not.
    const word = /\p{L}\.$/u.test(raw) && !/^(?:Nr|Abs|Ziff)\.$/u.test(raw) ? raw.slice(0, -1) : raw;
    if (!CONTINUES.has(word) && !PHRASE_WORD.test(word)) break;
    taken.push(word);
    if (word !== raw) break;
  }
  while (taken.length > 0 && CONTINUES.has(taken[taken.length - 1]!)) taken.pop();
  if (taken.length === 0) return null;
  const article = ARTICLE[demonstrative.toLowerCase()] ?? demonstrative;
  const start = demonstrative[0] === demonstrative[0]!.toUpperCase() ? article[0]!.toUpperCase() + article.slice(1) : article;
  return question.replace(phrase, `${start} ${noun} ${taken.join(' ')}`);
}
