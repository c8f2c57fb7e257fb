/**
 * German word normalisation: folding, gender forms, stopwords and Snowball stemming.
 * Pure functions; the analyzer (analyzer.ts) combines them with corpus-dependent compound splitting.
 *
 * Policy: index and query run through the same functions, so any folding only has to be consistent, not
 * linguistically exact. Umlauts and their digraphs (ä/ae, ö/oe, ü/ue) and ß/ss fold to one form.
 */
import { stemmer } from '@orama/stemmers/german';
import stopwordsIso from 'stopwords-iso' with { type: 'json' };

/**
 * Words in the stopwords-iso list that carry meaning in this domain ("Mittel" are funds, "Dritte" are third
 * parties, "Ende" ends a funding period) and are therefore kept.
 */
const KEEP = new Set([
  'mittel', 'dritte', 'dritten', 'dritter', 'drittes', 'ende', 'jahr', 'jahre', 'jahren', 'neue', 'neuen', 'gross', 'große',
  'lang', 'lange', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'zwölf', 'vertreten', 'stellen', 'möglich', 'recht', 'beispiel',
  'tel', 'selbst', 'machen', 'macht', 'gemacht', 'machte', 'teil', 'eigen', 'eigene', 'eigenen', 'eigener', 'eigenes',
  'kleine', 'kleinen', 'kleiner', 'kleines', 'wenig', 'wenige', 'weniger', 'mensch', 'menschen', 'zeit', 'erste', 'ersten',
  'zusammen']);
/** Question words and fillers missing from the list that carry no content. */
const EXTRA = ['bitte', 'gibt', 'gab', 'wer', 'was', 'wie', 'wo', 'wann', 'welche', 'welcher', 'welches', 'welchen', 'darf', 'dürfen', 'kann', 'können', 'muss', 'müssen', 'soll', 'sollen', 'eigentlich', 'genau', 'hallo', 'frage', 'fragen', 'mal', 'denn', 'bzw', 'usw', 'ca', 'z', 'b', 'dass', 'unsere', 'unser', 'unseren', 'unserer', 'wir', 'ich', 'man', 'gilt', 'gelten', 'werden', 'wird', 'wurde', 'wurden', 'worden', 'hat', 'haben', 'hatte', 'wieviel', 'wieviele', 'gabs', 'danke', 'dank', 'vielen', 'hallo', 'freundlichen', 'grusse', 'grussen', 'gruss', 'geehrte', 'geehrter', 'damen', 'herren', 'gibts', 'gehts', 'geht', 'eigentlich', 'jetzt', 'bisschen', 'sowas', 'okay', 'ok',
  // Further question words, and verb-only forms of "stellen" (Antrag stellen): the noun Stelle is kept (tokenize.ts).
  'wofür', 'wozu', 'warum', 'weshalb', 'wieso', 'woran', 'womit', 'wodurch', 'worauf', 'worüber', 'wovon', 'worin', 'woraus', 'wobei', 'wogegen', 'worunter', 'wovor', 'nächste',
  'nächsten', 'nächstes', 'stellt', 'stellte', 'stellten', 'gestellt', 'bekommt', 'bekommen', 'kriegen', 'kriegt',
  // Colloquial forms and fillers: "unsre" (unsere), "per Mail", "normalerweise", "ungefähr".
  'unsre', 'unsrer', 'unsren', 'unsrem', 'unsres', 'per', 'normal', 'normalerweise', 'üblicherweise', 'ungefähr',
  // "Worin besteht …?": the verb frames the question (the participle "bestehende Stellen" is kept).
  'besteht', 'bestehen',
  // Weekdays date the asker's situation ("seit Montag neu im Amt"); no passage is about one.
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'montags', 'dienstags', 'mittwochs',
  'donnerstags', 'freitags', 'samstags', 'sonntags', 'gestern', 'vorgestern',
  // "Wie viel … insgesamt?": the sum asked, not a topic.
  'insgesamt',
  // "Stimmt das?", "Ein Kollege meinte, …": checking what someone said, not what is asked.
  'stimmt', 'meint', 'meinte', 'meinten',
  // "bis wann nochmal?": asking again, no content.
  'nochmal', 'nochmals',
  // "Wir überlegen, … – geht das?": the writer deliberating, not what is asked.
  'überlegen', 'überlege', 'überlegt', 'überlegten',
  // Prepositions fused with "das" (fürs Vorjahr, ans RP, aufs Konto).
  'fürs', 'ans', 'aufs', 'ums', 'übers', 'durchs', 'vors',
  // Prepositions the list lacks ("Innerhalb welcher Frist …?", "gemäß VwV", "aufgrund der Änderung").
  'innerhalb', 'außerhalb', 'binnen', 'anhand', 'aufgrund', 'mittels', 'bezüglich', 'hinsichtlich', 'seitens', 'gemäß',
  'zwecks', 'infolge', 'zufolge', 'samt', 'nebst', 'trotz', 'laut'];

function fold(word: string): string {
  return word
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/ü/g, 'u')
    // Digraphs fold only after a consonant: "Foerderung" is Förderung, but "betreuen", "Dauer", "neue" and
    // "Quelle" keep their vowels (else betreuen → betreun would part from Betreuung).
    .replace(/(^|[^aeiouq])ae/g, '$1a')
    .replace(/(^|[^aeiouq])oe/g, '$1o')
    .replace(/(^|[^aeiouq])ue/g, '$1u');
}

/** Folded German stopwords (stopwords-iso, minus domain words, plus question words). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  [...(stopwordsIso as Record<string, string[]>).de!, ...EXTRA].filter((w) => !KEEP.has(w)).map((w) => fold(w.toLowerCase())),
);

/**
 * Lower-cases and folds a single word: ß→ss, ä/ae→a, ö/oe→o, ü/ue→u.
 *
 * @example foldWord('Förderfähige') // 'forderfahige'; foldWord('Foerderung') // 'forderung'
 */
export function foldWord(word: string): string {
  return fold(word.toLowerCase());
}

/** Person nouns whose feminine form ends in -in/-innen: Integrationsmanagerin, Referentin, Juristin … */
const GENDER_SUFFIX = /(er|ent|ant|ist|eur|or|og|eg|at|ier|ar)(in|innen)$/;

/** Verbs and adverbs that end like feminine plurals. */
const NOT_GENDER = /(beginnen|gewinnen|spinnen|besinnen|entrinnen|binnen|drinnen)$/;

/**
 * Reduces a folded feminine or plural-feminine person noun to the masculine form (gender forms to one term).
 *
 * @example stripGender('integrationsmanagerinnen') // 'integrationsmanager'
 */
export function stripGender(word: string): string {
  if (word.length < 7 || NOT_GENDER.test(word)) return word;
  const m = GENDER_SUFFIX.exec(word);
  return m === null ? word : word.slice(0, word.length - m[2]!.length);
}

/**
 * Collapses written gender forms in running text to the base word before tokenising:
 * "Integrationsmanager/-innen", "Manager:innen", "Manager*innen", "Manager_innen", "ManagerInnen".
 */
export function collapseGenderForms(text: string): string {
  // Cheap pre-checks: most texts contain no written gender form at all.
  if (!/[/:*_]-?in|[a-zäöüß]In/.test(text)) return text;
  return text.replace(/(\p{L})(?:\/-?|:|\*|_)(?:innen|in)\b/gu, '$1').replace(/(\p{Ll})In(nen)?\b/gu, '$1');
}

const stemCache = new Map<string, string>();

/**
 * Words whose Snowball stem meets another word's: "Träger" (a provider) and "tragen" (to bear costs) both stem to
 * "trag" ("müssen wir das selbst tragen?" is no question about Träger).
 */
const OWN_STEMS: ReadonlyMap<string, string> = new Map([
  ['träger', 'trager'],
  ['trägern', 'trager'],
  ['trägers', 'trager'],
  ['traeger', 'trager'],
  ['traegern', 'trager'],
  ['traegers', 'trager'],
  ['trager', 'trager'],
  ['tragern', 'trager'],
  ['tragers', 'trager'],
]);

/** Snowball German stem of a folded word (cached; the cache is bounded by the corpus and query vocabulary). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^\d/.test(word) ? word : (OWN_STEMS.get(word) ?? stemmer(word));
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/**
 * Verb forms the stemmer leaves apart from their infinitive: participles (gefördert, gestellt,
 * Geflüchtete) and 3rd-person forms (beantragt). Returns candidate stems; callers keep those the corpus knows.
 */
export function verbVariants(word: string): string[] {
  const out: string[] = [];
  // Separable verbs put "ge" after their prefix: aufgeteilt → aufteilen, eingereicht → einreichen.
  const participle = /^(ab|an|auf|aus|bei|ein|fest|mit|nach|vor|weiter|zu|zuruck|um|dar)?ge(\p{L}{3,}?)(e?t)(e|en|er|es|em)?$/u.exec(word);
  const finite = /^(\p{L}{4,}?)(e?t)(e|en)?$/u.exec(word);
  const participleRoot = participle === null ? undefined : `${participle[1] ?? ''}${participle[2]!}`;
  // … and "zu" before the verb in the infinitive: abzugeben → abgeben, einzureichen → einreichen.
  const zu = /^(ab|an|auf|aus|bei|ein|fest|frei|her|hin|mit|nach|vor|weg|weiter|zuruck|zusammen|um|dar)zu(\p{L}{3,}?)(en|n)$/u.exec(word);
  const zuRoot = zu === null ? undefined : `${zu[1]!}${zu[2]!}`;
  for (const root of [participleRoot, zuRoot, finite?.[1]]) {
    if (root !== undefined) out.push(stem(`${root}en`), stem(`${root}ung`), stem(root));
  }
  return out;
}

/**
 * Nouns whose Snowball stem collides with a verb: the noun gets a term of its own, so "Stelle" (a post) and
 * "einen Antrag stellen" no longer meet. tokenize.ts decides noun or verb from the spelling (capital letter).
 */
const NOUN_TERMS = new Map([['stelle', 'stelle']]);
/** Left parts of compounds are nouns, whatever their ending: Stellen-anteil. */
const PART_TERMS = new Map([...NOUN_TERMS, ['stellen', 'stelle']]);

/** The base term of a word: the noun's own term for the homographs tokenize.ts marks as nouns, else its stem. */
export function baseTerm(word: string): string {
  return NOUN_TERMS.get(word) ?? stem(word);
}

/** The base term of a compound part (always a noun): Stellen-anteil → stelle. */
export function nounStem(word: string): string {
  return PART_TERMS.get(word) ?? stem(word);
}

/** Suffix-like strings that are never the head of a compound (Förder-ungen, Beratungs-lich). */
export const SUFFIX_LIKE = /^(ung|lich|keit|heit|schaft|isch|ier|bar|sam|haft|los|nis|tum|ation|ativ|massig)|^(ig|ige|igen|iger|e|en|er|es|ern|eren|eln|te|ten|ter|st|s|end|ende|enden|tens|stens)$/;

/**
 * Stems of derivational relatives: the verb of an "-ung" noun (Teilung → teilen, Förderung → fördern), the
 * "-ung" noun of an infinitive (teilen → Teilung, melden → Meldung), "-ation" ↔ "-ieren" (Evaluation ↔
 * evaluieren) and the verb or noun behind "-fähig" (förderfähig → fördern, Förderung; zuwendungsfähig →
 * Zuwendung). Returns candidates; callers keep those the corpus knows.
 */
export function derivedStems(word: string): string[] {
  const out: string[] = [];
  let m = /^(\p{L}{3,}?)ung(en)?$/u.exec(word);
  if (m !== null) out.push(stem(`${m[1]!}en`), stem(`${m[1]!}n`));
  m = /^(\p{L}{3,}?)ation(en)?$/u.exec(word);
  if (m !== null) out.push(stem(`${m[1]!}ieren`), stem(`${m[1]!}ierung`));
  m = /^(\p{L}{3,}?)ier(en|t|te|ten|ung|ungen)$/u.exec(word);
  if (m !== null) out.push(stem(`${m[1]!}ation`));
  m = /^(\p{L}{3,}?[^aeiou])e?n$/u.exec(word);
  if (m !== null && !word.endsWith('ungen')) out.push(stem(`${m[1]!}ung`));
  // Separable verbs meet their base verb: aufteilen → teilen, zuteilen → teilen.
  m = /^(?:auf|ab|an|aus|ein|mit|nach|vor|zu|um|weiter|zuruck)(\p{L}{3,}(?:en|ern|eln))$/u.exec(word);
  if (m !== null) out.push(stem(m[1]!));
  m = /^(\p{L}{3,}?)(s)?fahig(e|en|er|es|em|keit)?$/u.exec(word);
  if (m !== null) {
    const base = m[1]!;
    out.push(stem(`${base}n`), stem(`${base}en`), stem(`${base}ung`), stem(base));
  }
  return out;
}

/** True when a folded word is a stopword. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}
