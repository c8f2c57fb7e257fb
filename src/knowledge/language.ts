/**
 * Is a question German? The service answers in German only; a question in another language gets a short
 * German and English note with the programme contact instead of German suggestions about unrelated topics.
 *
 * Detection counts function words (stopwords-iso) that belong to another language and not to German. General
 * language detectors (franc, tinyld) misjudge short German questions ("Bis wann Kennzahlen?" as Dutch), so the
 * rule here asks for positive evidence: a question counts as foreign only when it is written in another script,
 * or when at least two function words of one other language make up a good share of it and clearly outnumber
 * the German ones. German questions with English loanwords ("Workshop", "Coaching", "Team") never qualify:
 * loanwords are content words, and words the German knowledge base itself uses are never counted as foreign.
 */
import stopwordsIso from 'stopwords-iso' with { type: 'json' };
import { foldWord } from './german.js';

/** Languages whose function words are counted (those most likely in enquiries to a German authority). */
const OTHER_LANGUAGES = ['en', 'fr', 'es', 'it', 'tr', 'pl', 'pt', 'nl', 'ro', 'hr'] as const;

/** English stopwords that are also German words or common loanwords in German office mail. */
const NOT_FOREIGN = new Set(
  'null kind name text test fix plus per via minus top okay ok sorry computer system index date mine hell ring tip open group page problem sub tel fax home job team online service info information case brief website web welcome world show site section member members number'.split(' '),
);

/** Letters of Latin scripts that German does not use (ş, ı, ğ, é, ñ, ł …): a word with one is foreign. */
const FOREIGN_LATIN = /[à-ãåæçè-ëì-ïðñò-õøù-ûýþÿāăąćčďđēėęěğīıįłńňőœřśşšţťūůűųźżž]/u;
const LETTER = /\p{L}/gu;
const NON_LATIN = /[^\p{Script=Latin}]/u;

const lists = stopwordsIso as Record<string, string[]>;
// Compared in lower case, not folded: folding makes English "due" the German "du".
const german = new Set(lists.de!.map((w) => w.toLowerCase()).filter((w) => w.length >= 2));
/** Per language: its function words that German lacks (the evidence for it), and all its function words. */
const languages = OTHER_LANGUAGES.map((language) => {
  const all = new Set(lists[language]!.map((w) => w.toLowerCase()));
  return { language, all, markers: new Set([...all].filter((w) => w.length >= 2 && !german.has(w) && !NOT_FOREIGN.has(w))) };
});

/** Share of a question's words that the foreign function words must reach. */
const MIN_SHARE = 0.25;

/** Verdict on the language of a question. */
export interface LanguageVerdict {
  isGerman: boolean;
  /** The other language whose function words were found (ISO 639-1), or 'other' for another script. */
  language: string;
}

/**
 * Judges the language of a question; `germanWords` (folded words of the knowledge base) are never counted as
 * foreign. Empty or ambiguous input counts as German: only clear evidence of another language turns it away.
 *
 * @example detectLanguage('Can we apply for funding?').isGerman // false
 * @example detectLanguage('Gibt es Geld für Coaching im Team?').isGerman // true
 */
export function detectLanguage(question: string, germanWords: ReadonlySet<string> = new Set()): LanguageVerdict {
  // A German question next to an English disclaimer or quote is German: any German question sentence decides.
  const asked = question.split(/(?<=\?)\s+/).filter((s) => s.trim().endsWith('?'));
  if (asked.length > 1 || (asked.length === 1 && asked[0]!.trim() !== question.trim())) {
    if (asked.some((s) => judge(s, germanWords).isGerman)) return { isGerman: true, language: 'de' };
  }
  return judge(question, germanWords);
}

/** The verdict on one text. */
function judge(question: string, germanWords: ReadonlySet<string>): LanguageVerdict {
  const letters = question.match(LETTER) ?? [];
  const nonLatin = letters.filter((c) => NON_LATIN.test(c)).length;
  if (letters.length > 0 && nonLatin / letters.length >= 0.5) return { isGerman: false, language: 'other' };
  const raw = question.toLowerCase().match(/\p{L}+(?:'\p{L}+)?/gu) ?? [];
  if (raw.length === 0) return { isGerman: true, language: 'de' };
  // What does not depend on the language is read once: words the knowledge base does not use, umlauts, German function words.
  const foreign = raw.filter((w) => !germanWords.has(foldWord(w)));
  const accented = foreign.filter((w) => FOREIGN_LATIN.test(w)).length;
  const umlauts = raw.filter((w) => /[äöüß]/u.test(w)).length;
  const germanOnly = raw.filter((w) => german.has(w) && !/[äöüß]/u.test(w));
  for (const { language, all, markers } of languages) {
    const own = new Set(foreign.filter((w) => markers.has(w))).size;
    const found = own + accented;
    // German evidence against this language: German function words it does not share, and umlauts.
    const germanEvidence = umlauts + germanOnly.filter((w) => !all.has(w)).length;
    if (found >= 2 && found / raw.length >= MIN_SHARE && found > 2 * germanEvidence) return { isGerman: false, language: own > 0 ? language : 'other' };
  }
  return { isGerman: true, language: 'de' };
}
