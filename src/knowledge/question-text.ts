/**
 * Rewrites of a question's text before its words are analysed (query.ts): wrapping that names no matter of the
 * question is dropped, elliptic compounds are written out. The text shown back to the asker stays as typed. Pure.
 */
import type { GermanAnalyzer } from './analyzer.js';
import { foldWord, stem } from './german.js';

/**
 * A sentence opening that reports hearsay ("Unsere Kämmerei hat gehört, dass …", "Wir haben gelesen, dass …",
 * "Uns wurde gesagt, dass …"): who heard it is wrapping, what was heard is the question's matter.
 */
const HEARSAY =
  /(^|[.?!]\s+)(?:(?:\p{L}+\s+){0,5}(?:hat|haben|habe|hatte|hatten|hätten)\s+(?:\p{L}+\s+)?(?:gehört|gelesen|erfahren|mitbekommen)|(?:uns|mir)\s+wurde\s+(?:\p{L}+\s+)?(?:gesagt|mitgeteilt|erzählt)|es\s+heißt|man\s+hört)\s*,?\s*(?:dass|das)\s+/giu;

/**
 * A sentence opening that asks whether a rule exists for what follows ("Gibt es eine Regel, ob …", "Gibt es
 * Vorgaben dazu, wie …", "Ist geregelt, wann …"): the rule word names no topic, what follows is the question.
 */
const RULE_FRAME =
  /(^|[.?!]\s+)(?:gibt\s+es\s+(?:(?:eine|irgendeine|keine|klare|feste)\s+)?(?:regel|regeln|regelung|regelungen|vorgabe|vorgaben|vorschrift|vorschriften)(?:\s+dazu)?|ist\s+(?:irgendwo\s+)?(?:geregelt|festgelegt|vorgegeben|vorgeschrieben))\s*,?\s*(?=(?:ob|wie|wann|wer|was|dass|wonach|welche[mnrs]?)\s)/giu;

/**
 * Where and how a question came up ("Im Gemeinderat wurde gefragt, ob …", "in der letzten Sitzung des Gemeinderats kam
 * die Frage auf, was …"): the place names no topic (a Gemeinderat is off-topic on its own), what follows is the question.
 */
const REPORTED =
  /(^|[.?!]\s+)(?:(?:bei\s+uns\s+)?(?:im|in\s+(?:der|einer|unserer|unserem)|aus\s+dem|vom)\s+(?:\p{L}+\s+){0,4}?)?(?:wurde\s+(?:\p{L}+\s+)?gefragt|kam\s+(?:\p{L}+\s+)?(?:die|eine)\s+frage(?:\s+auf)?|wurde\s+(?:die|eine)\s+frage\s+(?:gestellt|aufgeworfen)|stellte\s+sich\s+(?:die|eine)\s+frage)\s*,?\s*(?=(?:ob|wie|wann|wer|was|welche[mnrs]?|wo|warum)\s)/giu;

/**
 * A request to be told what follows ("Können Sie mir sagen, wie hoch …", "Könnten Sie uns bitte mitteilen, ob …"):
 * telling names no topic, what follows is the question.
 */
const TELL_FRAME =
  /(^|[.?!]\s+)(?:können|könnten|würden)\s+sie\s+(?:mir|uns)\s+(?:bitte\s+|kurz\s+|noch\s+)*(?:sagen|mitteilen|erklären|erläutern|nennen|beantworten)\s*,?\s*(?=(?:ob|wie|wann|wer|was|welche[mnrs]?|wo|warum|wonach|seit)\s)/giu;

/**
 * The text without the frames around its matter: hearsay openings ({@link HEARSAY}), rule frames ({@link RULE_FRAME}),
 * reports of where the question came up ({@link REPORTED}) and requests to be told ({@link TELL_FRAME}).
 */
export function dropFrames(text: string): string {
  const drop = (_whole: string, before: string): string => before;
  return text.replace(HEARSAY, drop).replace(RULE_FRAME, drop).replace(REPORTED, drop).replace(TELL_FRAME, drop);
}

/** "das vergangene Jahr", "im letzten Jahr": the year before, which the sources call "Vorjahr". */
const LAST_YEAR = /\b(?:(?:das|dem|des|im)\s+)?(?:vergangene|abgelaufene|letzte|vorige|vorangegangene)[nms]?\s+(?:Kalender)?Jahr(?:es|s)?\b/giu;

/**
 * The text with the previous year named as the sources name it: "für das vergangene Jahr" → "für das Vorjahr".
 *
 * @example namePreviousYear('Kennzahlen für das vergangene Jahr') // 'Kennzahlen für das Vorjahr'
 */
export function namePreviousYear(text: string): string {
  return text.replace(LAST_YEAR, (whole) => (/^(?:das|dem|des|im)\s/iu.test(whole) ? `${whole.split(/\s+/u)[0]} Vorjahr` : 'Vorjahr'));
}

/** Two consecutive years written with two digits ("23/24"), not part of a date or a longer number. */
const SHORT_SPAN = /(?<![\d.,/])([1-3]\d)\s*\/\s*([1-3]\d)(?![\d.,/])/gu;

/**
 * A span of two years written short, named with its century: "die Soforthilfe 23/24" → "die Soforthilfe 2023/24"
 * (consistency.ts reads the span; the second year is no number of its own). Only consecutive years count: "12/15" is
 * no span.
 *
 * @example nameShortYears('soforthilfe 23/24 pro jahr') // 'soforthilfe 2023/24 pro jahr'
 */
export function nameShortYears(text: string): string {
  return text.replace(SHORT_SPAN, (whole, a: string, b: string) => (Number(b) === Number(a) + 1 ? `20${a}/${b}` : whole));
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

/** Shortest word joined from words written apart (shorter joins meet ordinary pairs: "zu stellen"). */
const MIN_JOINED = 10;

/**
 * A compound written apart, as dictation and hurry write it ("Verwendungs Nachweis", "zwischen verwendungs
 * nachweis"), joined when the corpus knows the whole word and a part before the last is no word of its own
 * ("Verwendungs"); three words before two.
 *
 * @example joinSplitWords('wann ist der Verwendungs Nachweis fällig', analyzer) // 'wann ist der Verwendungsnachweis fällig'
 */
export function joinSplitWords(text: string, analyzer: GermanAnalyzer): string {
  const parts = text.split(/(\s+)/u);
  for (let i = 0; i < parts.length; i += 2) {
    for (const n of [3, 2]) {
      const span = Array.from({ length: n }, (_, k) => parts[i + 2 * k] ?? '');
      const tail = /[^\p{L}]*$/u.exec(span[n - 1]!)![0];
      const letters = [...span.slice(0, -1), span[n - 1]!.slice(0, span[n - 1]!.length - tail.length)];
      if (letters.some((w) => !/^\p{L}+$/u.test(w))) continue;
      // A noun and a verb after it ("den Antrag stellen") are no compound written apart; nor are words that each
      // stand alone: one part must be a fragment ("Verwendungs").
      if (letters.some((w, k) => k > 0 && /^\p{Ll}/u.test(w) && /^\p{Lu}/u.test(letters[k - 1]!))) continue;
      if (letters.slice(0, -1).every((w) => analyzer.vocabulary.words.has(foldWord(w)))) continue;
      const joined = letters.join('');
      const folded = foldWord(joined);
      if (joined.length < MIN_JOINED || !(analyzer.vocabulary.words.has(folded) || analyzer.knows(stem(folded)))) continue;
      parts.splice(i, 2 * n - 1, `${joined.charAt(0).toUpperCase()}${joined.slice(1).toLowerCase()}${tail}`);
      break;
    }
  }
  return parts.join('');
}

/** A word joined by a hyphen to an abbreviation ("Zwischen-VN", "zwischen-VNs"). */
const HYPHEN_ABBREVIATION = /(?<![\p{L}-])(\p{L}{3,})-(\p{Lu}{2,4})s?(?![\p{L}-])/gu;

/**
 * A compound written with an abbreviation for its head ("Zwischen-VN" for Zwischenverwendungsnachweis): replaced
 * by the one word of the corpus that begins with the first part and whose own parts include the abbreviation's
 * terms. Left as written when the corpus knows no such word or more than one.
 *
 * @example expandAbbreviatedCompounds('gibt es Zwischen-VN?', analyzer, (a) => a === 'VN' ? ['verwendungsnachweis'] : undefined) // 'gibt es Zwischenverwendungsnachweis?'
 */
export function expandAbbreviatedCompounds(text: string, analyzer: GermanAnalyzer, termsOf: (abbreviation: string) => readonly string[] | undefined): string {
  if (!text.includes('-')) return text;
  return text.replace(HYPHEN_ABBREVIATION, (whole, first: string, abbreviation: string) => {
    const terms = termsOf(abbreviation);
    if (terms === undefined || terms.length === 0) return whole;
    const start = foldWord(first);
    const found = [...analyzer.vocabulary.words].filter(
      (w) => w.startsWith(start) && w.length > start.length + 2 && terms.some((t) => w.startsWith(t, start.length) || analyzer.analyzeWord(w).terms.includes(t)),
    );
    const shortest = found.sort((a, b) => a.length - b.length)[0];
    if (shortest === undefined || found.some((w) => w !== shortest && !w.startsWith(shortest))) return whole;
    return `${first.charAt(0).toUpperCase()}${first.slice(1).toLowerCase()}${shortest.slice(start.length)}`;
  });
}
