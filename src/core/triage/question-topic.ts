/**
 * Topic words for question extraction (question-extract.ts): which words of a subject line (or of a lead-in,
 * "Frage zum Sachbericht:") add a topic the question does not name, and which names of places and offices are
 * left out of what the knowledge base is asked. Pure string functions over folded text (see text.ts).
 */
import { foldPlain } from './text.js';

/**
 * Subject words that name no topic (folded): asking words ("Anfrage", "Rückfrage"), the programme's own names
 * ("Förderprogramm IM", "Integrationsmanagement": every enquiry is about it), courtesy and function words.
 * Words that tell one programme from another ("Digitales", "Ukraine", "Corona") are not listed: they add a topic.
 */
const GENERIC_WORDS: ReadonlySet<string> = new Set(
  (
    'frage fragen kurze kurz kleine allgemeine allgemein anfrage anfragen rueckfrage rueckfragen nachfrage anliegen bitte info infos ' +
    'information informationen auskunft hallo betreff betr thema bzgl bezueglich wegen neue neu dringend wichtig eilig ' +
    'foerderung foerderungen foerderprogramm foerderprogramms programm programms integrationsmanagement integrationsmanagements im ' +
    'pakt integration kommunen ihre ihr ihrer ihres unsere unser unseres unserer unseren unserem sie wir ich uns mir ' +
    'zu zum zur der die das den dem des ein eine einer eines einen einem und oder von vom fuer in an auf mit bei ueber nach aus ' +
    'ist sind war gibt es muss muessen darf duerfen kann koennen soll sollen wird werden wie was wann wo wer welche welcher welches ' +
    'schon noch bereits auch nur mal da so ob um az re aw wg fwd out office fuers beim ins ans vom zum zur ' +
    // Words for a message name how something was said, not what it is about ("Rückfrage zu Ihrem Rundschreiben:").
    'rundschreiben schreiben rundmail mail email nachricht nachrichten infoschreiben informationsschreiben newsletter telefonat anruf gespraech chat'
  ).split(/\s+/),
);

/** Office and municipality words that precede a place name ("Stadt Ulm", "im Landkreis Heidenheim"). */
const OFFICE_PREFIX =
  /(?<![\p{L}])(Stadt|Gemeinde|Landkreis|Landratsamt|Kreis|Stadtkreis|Stadtverwaltung|Gemeindeverwaltung|Bürgermeisteramt|Kreisstadt)\s+((?:(?:Bad|Sankt|St\.|Schwäbisch|Groß|Klein|Neu|Alt|Ober|Unter|Hohen|Markt)\s+)?\p{Lu}[\p{L}.-]*(?:\s+(?:am|an|im|in|ob|bei|unter|vor|auf)\s+(?:der\s+|dem\s+|den\s+)?\p{Lu}[\p{L}.-]*|\s+\(\p{L}[\p{L}.\s-]*\))?)/gu;

/** An office and place name closing a sentence without question mark ("… übertragen – Stadt Wertheim"). */
const TRAILING_OFFICE = new RegExp(String.raw`\s*[–—-]?\s*\(?${OFFICE_PREFIX.source}\)?[.!]?$`, 'u');

/**
 * Removes an office and place name from the end of a sentence that has no question mark of its own: the
 * signature of a one-line message ("Urlaubsvertretung IM (Landkreis Ludwigsburg)"). A question keeps the place
 * it asks about ("… im Landkreis Heidenheim?").
 */
export function withoutTrailingOffice(sentence: string): string {
  const stripped = sentence.replace(TRAILING_OFFICE, '').trim();
  return stripped === '' ? sentence : stripped;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes place names from a sentence of context: names after an office word ("die Stadt Bühl möchte" → "die
 * Stadt möchte") and the given places (the route's municipality and Kreis). Questions keep their places: a
 * place may be what they ask about ("Wann war die Regionalkonferenz in Kehl?").
 *
 * @example withoutPlaces('in Heidelberg sind zwei Stellen besetzt', ['Heidelberg']) // → 'in sind zwei Stellen besetzt'
 */
export function withoutPlaces(sentence: string, places: readonly string[]): string {
  let out = withoutTrailingOffice(sentence).replace(OFFICE_PREFIX, '$1');
  for (const place of places) {
    if (place.trim().length < 3) continue;
    out = out.replace(new RegExp(`(?<![\\p{L}])${escape(place.trim())}(?![\\p{L}])`, 'gu'), '');
  }
  return out.replace(/\s{2,}/g, ' ').replace(/\s+([,.;:!?])/g, '$1').trim();
}

/** Most topic words added to a question (a subject is a few words; more would drown the question). */
const MAX_TOPIC_WORDS = 6;

/** Umlaut-insensitive folded form for comparing word stems (Förderzeiträume ~ Förderzeitraum). */
const plain = (folded: string): string => folded.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');

/** Noun endings of a verb's action or an adjective's quality: "Übertragung" names what "übertragen" asks. */
const NOUN_ENDING = /(?:ungen|ung|heiten|heit|keiten|keit)$/;

/**
 * A word counts as present when its stem (all but the last two letters, at least four) occurs, or, for a noun made
 * from a verb ("Übertragung"), the verb's stem ("übertragen" in the question).
 */
function present(word: string, text: string): boolean {
  const w = plain(word);
  if (text.includes(w.slice(0, Math.max(4, w.length - 2)))) return true;
  const verb = w.replace(NOUN_ENDING, '');
  return verb !== w && verb.length >= 5 && text.includes(verb);
}

/**
 * The occasion of an enquiry ("Informationen für Gemeinderatssitzung", "Sitzungsvorlage Kreistag"): why it is
 * asked, not what about.
 */
const OCCASION = /^(?:gemeinderat|kreistag|stadtrat|ortschaftsrat|ausschuss|fraktion)\w*$|\w*(?:sitzung|sitzungen|sitzungsvorlage|beschlussvorlage)$/;

/** True for a token worth keeping as a topic: letters, or a year; no file numbers or codes. */
function isTopicToken(token: string, folded: string): boolean {
  if (/\d/.test(token)) return /^(?:19|20)\d\d(?:\/(?:19|20)?\d\d)?$/.test(token);
  return folded.length > 1 && !GENERIC_WORDS.has(folded) && !OCCASION.test(folded);
}

/**
 * Words of `line` (a subject, or a lead-in's topic) to put before `question`: none unless the line adds a topic,
 * a noun (in a line written all in lower case: any word) that is not generic, not a place and not already in
 * the question; then the line's words without generic words and places, in their order and original spelling,
 * because the words around a new noun qualify it ("Abgabefrist bei unterschiedlichen Förderzeiträumen").
 *
 * @example topicWords('AW: Frage zur Stellenteilung', 'Ist das zulässig?', []) // → ['Stellenteilung']
 * @example topicWords('Förderprogramm IM', 'Welche Ausgaben werden gefördert?', []) // → []
 */
export function topicWords(line: string, question: string, places: readonly string[]): string[] {
  const text = plain(foldPlain(question));
  const placeWords = new Set(places.flatMap((p) => foldPlain(p).split(/[\s-]+/)));
  const tokens = withoutPlaces(line, places)
    .split(/\s+/)
    .map((raw) => raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((t) => t !== '');
  // Nouns and names carry the topic; a line without capitals beyond its first word cannot tell them apart.
  const cased = tokens.slice(1).some((t) => /^\p{Lu}/u.test(t));
  const seen = new Set<string>();
  const kept: string[] = [];
  let addsTopic = false;
  for (const token of tokens) {
    const folded = foldPlain(token);
    if (seen.has(folded) || !isTopicToken(token, folded) || placeWords.has(folded)) continue;
    seen.add(folded);
    kept.push(token);
    addsTopic ||= (!cased || !/^\p{Ll}/u.test(token)) && !present(folded, text);
    if (kept.length >= MAX_TOPIC_WORDS) break;
  }
  return addsTopic ? kept : [];
}
