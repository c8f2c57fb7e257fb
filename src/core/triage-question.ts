/**
 * The question triage puts to the knowledge base: the new part of the body without salutation and
 * trailing courtesies ("Danke vorab!"), plus the words of the subject that add a topic the body does not
 * name ("Stellenteilung"). Generic subject words ("Kurze Frage", "Anfrage") are left out: they only dilute
 * the search.
 */
import { isCourtesyOnly } from './triage-signals.js';
import { foldText } from './triage-text.js';

const SALUTATION =
  /^\s*(?:sehr\s+geehrte[^,\n!]*|guten\s+(?:tag|morgen|abend)[^,\n!]*|hallo[^,\n!]*|liebe[rs]?\s[^,\n!]*|hi\b[^,\n!]*|moin[^,\n!]*|servus[^,\n!]*)[,!\n]\s*/i;

/** Subject words that name no topic (folded). */
const GENERIC_SUBJECT_WORDS: ReadonlySet<string> = new Set(
  ('frage fragen kurze kleine anfrage anfragen rueckfrage nachfrage bitte info infos information informationen hallo ' +
    'betreff betr thema bzgl bezueglich wegen zu zum zur der die das den dem des ein eine einer ihre ihr ihrer ihres unsere unser unseres unserer unseren ' +
    'und oder von fuer im in an auf mit neue dringend wichtig')
    .split(/\s+/),
);

/** A word counts as present in the body when its stem (all but the last two letters, at least four) is. */
function stemIn(word: string, body: string): boolean {
  return body.includes(word.slice(0, Math.max(4, word.length - 2)));
}

/** Subject words worth adding to the question, in their original spelling. */
function topicWords(subject: string, body: string): string[] {
  let foldedBody: string | undefined; // folded only when a subject word needs the check (the body may be long)
  return subject
    .split(/\s+/)
    .map((token) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((token) => {
      const folded = foldText(token).folded;
      if (folded.length <= 1 || GENERIC_SUBJECT_WORDS.has(folded)) return false;
      foldedBody ??= foldText(body).folded;
      return !stemIn(folded, foldedBody);
    });
}

/** Drops courtesy-only sentences at the end ("Danke vorab!", "Vielen Dank im Voraus."). */
function withoutTrailingCourtesy(text: string): string {
  const sentences = text.split(/(?<=[.!?])\s+/);
  while (sentences.length > 1 && isCourtesyOnly(sentences[sentences.length - 1] ?? '')) sentences.pop();
  return sentences.join(' ');
}

/**
 * Builds the knowledge-base question from a cleaned subject and the new part of the body.
 *
 * @example buildQuestion('Kurze Frage', 'Hallo, wie oft muss ein Integrationsplan fortgeschrieben werden? Danke vorab!')
 * // → 'wie oft muss ein Integrationsplan fortgeschrieben werden?'
 */
export function buildQuestion(subject: string, body: string): string {
  const stripped = body.replace(SALUTATION, '').trim();
  const core = withoutTrailingCourtesy(stripped === '' ? body.trim() : stripped);
  const topic = topicWords(subject, core).join(' ');
  return [topic, core].filter((s) => s !== '').join('. ');
}
