/**
 * Question extraction, shared by every channel: from an enquiry (subject and the new part of the text) the
 * question(s) the knowledge base is asked, and the content the case rules read.
 *
 * What goes (issue 9 item 1): the salutation, courtesy ("Ich freue mich auf Ihre Antwort"), lead-ins that only
 * announce a question ("wir bereiten gerade unseren Antrag vor und fragen uns Folgendes:"), the signature block
 * (sign-off, "i. A.", role and office lines, "Tel.", "www.", a town after the question), disclaimers, and context
 * sentences when the question stands on its own. What stays: the asking sentences (direct, or indirect: "wir
 * möchten wissen, wer …"), the sentence before a question that refers back to it ("… Ist das zulässig?") or
 * names no topic of its own, and subject words only when they add a topic the question does not name. So the
 * knowledge base's confidence depends on the question, not on how it was wrapped.
 *
 * Non-goals: quoted history and structural signature splitting (the mail channel and `newMessagePart` do that
 * before); language detection; spelling correction.
 */
import { CLOSING_LINE, DISCLAIMER_START, isNameLine, isOfficeLine, SALUTATION, SIGNATURE_LINES } from './question-lines.js';
import { asksForShare, leadInTopic, refersBack, refersToCondition, refersToThen, reportsQuestion, sentenceRole, splitSentences, withoutAnswerRequests, type SentenceRole } from './question-sentences.js';
import { resolvePointer } from './question-pointer.js';
import { topicWords, withoutPlaces, withoutTrailingOffice } from './question-topic.js';
import { cleanSubject, foldPlain } from './text.js';

/** What {@link extractQuestion} reads. `text` is the new part of the message (no quoted history). */
export interface EnquiryText {
  subject?: string;
  text: string;
}

export interface ExtractOptions {
  /** Names of the requester's municipality and Kreis (from routing): left out of context and subject words. */
  places?: readonly string[];
}

/** The result of {@link extractQuestion}. */
export interface ExtractedQuestion {
  /** What the knowledge base is asked: topic words, needed context and the question(s); '' for an empty enquiry. */
  text: string;
  /** The sentences that ask something (directly or indirectly), as written. */
  questions: string[];
  /** The sentences of context (neither asking, nor courtesy, lead-in or signature), as written. */
  statements: string[];
  /**
   * The message without salutation, courtesy, lead-ins, signature and disclaimer: context and questions (and
   * what a lead-in names, "Frage zu unserem Antrag vom 3. März"). What the case rules read.
   */
  content: string;
  /**
   * `text` with the context sentence right before each question that it left out ("Ab 2025 bekommt unser Kreis
   * weniger Geld. Woran bemisst sich die neue Verteilung?"); absent when there is none. See `askInContext`.
   */
  withContext?: string;
}

/**
 * Most characters of sentences asked (whole sentences; the knowledge base reads the first 1000 characters of a
 * question, and a long paste is asked by its first questions).
 */
const MAX_ASKED_CHARS = 1500;

/** A line break ends a sentence after this many characters or fewer (shorter than a hard-wrapped line). */
const SHORT_LINE = 50;

interface Sentence {
  text: string;
  role: SentenceRole;
}

/** The message lines without signature, disclaimer and salutation; '' marks a paragraph break. */
function messageLines(text: string): string[] {
  const kept: string[] = [];
  let seenContent = false;
  let inSignature = false;
  // Folding keeps line breaks where they are, so the folded lines pair with the original ones.
  const original = text.normalize('NFC').split(/\r?\n/);
  const foldedLines = foldPlain(text).split(/\r?\n/);
  for (const [i, raw] of original.entries()) {
    let line = raw.trim();
    if (line === '') {
      kept.push('');
      continue;
    }
    const folded = foldedLines[i]?.trim() ?? foldPlain(line);
    if (seenContent && DISCLAIMER_START.test(folded)) break;
    if (CLOSING_LINE.test(folded)) {
      inSignature ||= seenContent;
      continue;
    }
    if ((inSignature && !line.includes('?')) || SIGNATURE_LINES.some((p) => p.pattern.test(folded))) continue;
    if (seenContent && isOfficeLine(line, folded)) continue;
    if (!seenContent) line = line.replace(SALUTATION, '').trim();
    if (line === '') continue;
    kept.push(line);
    seenContent = true;
  }
  return kept;
}

/** Joins hard-wrapped lines; a short line, a line ending a sentence and a blank line each end a unit. */
function units(lines: string[]): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of lines) {
    if (line === '') {
      if (current !== '') out.push(current);
      current = '';
      continue;
    }
    current = current === '' ? line : `${current} ${line}`;
    if (/[.!?:]["“”»)]*$/.test(line) || line.length <= SHORT_LINE) {
      out.push(current);
      current = '';
    }
  }
  if (current !== '') out.push(current);
  return out;
}

/**
 * The sentences with their roles. A name or place after the last question or context sentence ("… beraten
 * werden? Stadt Ulm") signs off; the same words before them are the topic ("Abgabefrist VN", "Mittelabruf").
 */
function sentencesOf(text: string): Sentence[] {
  const classified = units(messageLines(text))
    .flatMap(splitSentences)
    .map((s) => ({ text: s, role: sentenceRole(s) }));
  // A question reported as raised elsewhere, followed by the writer's own question, tells where the matter came up.
  const asks = classified.findIndex((s) => s.role === 'question' && s.text.includes('?'));
  const sentences = classified.map((s, i) => (i < asks && s.role === 'question' && reportsQuestion(s.text) ? { ...s, role: 'context' as const } : s));
  const named = sentences.map((s) => s.role === 'context' && isNameLine(s.text, foldPlain(s.text)));
  const lastSaying = sentences.findLastIndex((s, i) => s.role === 'question' || (s.role === 'context' && !named[i]));
  if (lastSaying < 0) return sentences;
  return sentences.map((s, i) => (i > lastSaying && named[i] ? { ...s, role: 'sign_off' } : s));
}

/** Longest capitalised first word still read as a verb or interrogative, not a noun ("Können", "Welche"). */
const FIRST_WORD_VERB_MAX = 7;

/** Nouns that name no topic of their own: a question made only of them needs its context. */
const EMPTY_NOUNS: ReadonlySet<string> = new Set(
  'foerderung foerderprogramm programm frage fragen fall faelle antwort regel regeln foerderregeln sache thema moeglichkeit info sie ihnen ihr ihre ihrem ihren euch'.split(
    ' ',
  ),
);

/** From this many topic nouns on, a question that refers back still stands on its own. */
const SELF_CONTAINED_NOUNS = 3;

/** Whether a text is written with capitals, and how many topic nouns it names (capitalised, not the sentence's verb). */
function topicNouns(text: string): { cased: boolean; nouns: number } {
  const words = text.split(/[^\p{L}-]+/u).filter((w) => w.length >= 3);
  const cased = words.some((w) => /^\p{Lu}/u.test(w));
  const nouns = words.filter((w, i) => /^\p{Lu}/u.test(w) && (i > 0 || w.length > FIRST_WORD_VERB_MAX) && !EMPTY_NOUNS.has(foldPlain(w))).length;
  return { cased, nouns };
}

/**
 * True when a question cannot be asked without the sentence before it: it names no topic noun ("Was passiert mit
 * der Förderung?"), or refers back ("dafür", "deswegen", "ist das …") and names fewer than
 * {@link SELF_CONTAINED_NOUNS}, or asks about the case stated before ("Müssen dann auch …?") or its time ("damals").
 * All-lower-case questions (nouns cannot be told) only by reference.
 */
function needsContext(question: string): boolean {
  const { cased, nouns } = topicNouns(question);
  if ((cased && nouns === 0) || refersToCondition(question) || asksForShare(question) || refersToThen(question)) return true;
  return refersBack(question) && (!cased || nouns < SELF_CONTAINED_NOUNS);
}

/** A sentence that only tells who asks ("Unsere Kämmerei fragt jetzt nach."): a question's "diese" points past it. */
const REPORTS_ASKING = /^[^,;]{0,60}\b(?:fragt|fragen|fragte|fragten)\s+(?:\p{L}+\s+)?(?:nach|an)\s*[.!]?$|^[^,;]{0,60}\b(?:möchte|möchten|will|wollen)\s+(?:das\s+|es\s+)?(?:\p{L}+\s+)?wissen\s*[.!]?$/iu;
const reportsAsking = (sentence: string): boolean => REPORTS_ASKING.test(sentence.trim());

/**
 * A sentence reporting a claim ("Unser neuer Kollege meint, die Bewilligungsstelle sitze in Stuttgart.", "Ich habe
 * gelesen, die Evaluation hätten … durchgeführt."): the question after it checks or builds on the claim ("Wohin
 * schicken wir Post tatsächlich?", "Wer war für welchen Teil zuständig?") and is asked with it.
 */
const CLAIM = /\b(?:meint|meinen|meinte|sagt|sagen|sagte|behauptet|behaupten|glaubt|glauben|glaubte|denkt|dachte|gelesen|gehört|erfahren)\b(?:\s+\p{L}+){0,3}?\s*(?:,|\bdass\b)/iu;
const reportsClaim = (sentence: string): boolean => CLAIM.test(sentence);

/** The nearest context sentence before sentence `i`, not past an earlier question. */
function nearestContext(sentences: Sentence[], i: number): Sentence | undefined {
  for (let j = i - 1; j >= 0; j--) {
    if (sentences[j]!.role === 'question') return undefined;
    if (sentences[j]!.role === 'context') return sentences[j];
  }
  return undefined;
}

/**
 * The sentences asked: each question, preceded by its nearest earlier context sentence when it needs one (or
 * always, with `always`). With `always`, a question about a time named before ("damals", "seinerzeit") gets every
 * earlier context sentence not yet taken: the time need not be named in the nearest ("… Unterlagen zur Soforthilfe
 * 2023/2024 … Die Stelle ist neu besetzt worden. … Bis wann musste der Antrag damals eingegangen sein?").
 */
function askedSentences(sentences: Sentence[], places: readonly string[], always = false): string[] {
  const out: string[] = [];
  const used = new Set<number>();
  sentences.forEach((s, i) => {
    if (s.role !== 'question') return;
    // "Ab wann gilt diese Änderung?" after "… auf die Änderung der VwV vom 11. November 2020 gestoßen.": the
    // thing pointed to, not the writer's whole sentence (question-pointer.ts).
    const nearest = nearestContext(sentences, i);
    const needs = needsContext(s.text);
    const resolved = !always && needs && nearest !== undefined ? resolvePointer(s.text, withoutPlaces(nearest.text, places)) : null;
    if (resolved !== null && !needsContext(resolved)) {
      out.push(resolved);
      return;
    }
    if (always || needs || (nearest !== undefined && reportsClaim(nearest.text))) {
      const all = always && refersToThen(s.text);
      const before: string[] = [];
      for (let j = i - 1; j >= 0 && (all || sentences[j]!.role !== 'question'); j--) {
        if (sentences[j]!.role !== 'context' || used.has(j) || reportsAsking(sentences[j]!.text)) continue;
        used.add(j);
        before.unshift(withoutPlaces(sentences[j]!.text, places));
        if (!all) break;
      }
      out.push(...before);
    }
    out.push(s.text);
  });
  return out;
}

/**
 * Extracts the question(s) of an enquiry.
 *
 * @example
 * extractQuestion({ subject: 'Anfrage', text: 'Guten Morgen,\n\nkurze Frage an Sie:\nBis wann müssen die Kennzahlen gemeldet werden?\n\nIch freue mich auf Ihre Antwort.\nStadt Ulm' }).text
 * // → 'Bis wann müssen die Kennzahlen gemeldet werden?'
 */
export function extractQuestion(enquiry: EnquiryText, options: ExtractOptions = {}): ExtractedQuestion {
  const places = options.places ?? [];
  const { subject, isReply } = cleanSubject(enquiry.subject);
  const body = sentencesOf(enquiry.text);
  // A subject that asks ("Fortbildungskosten förderfähig?") is the question when the body asks nothing.
  const subjectAsks = subject.includes('?') && !body.some((s) => s.role === 'question');
  const sentences = subjectAsks ? [...body, { text: subject, role: 'question' as const }] : body;
  // What the knowledge base is asked; the case rules read every sentence (a request counts there, with its reason).
  const asking = withoutAnswerRequests(sentences);
  const questions = sentences.filter((s) => s.role === 'question').map((s) => s.text);
  // A lead-in introduces what follows it: a heading after the last question ("Hinweis: Diese Nachricht wurde auf
  // Viren geprüft.") names no topic of the question.
  const lastQuestion = sentences.map((s) => s.role).lastIndexOf('question');
  const leadTopics = sentences.filter((s, i) => s.role === 'lead_in' && (lastQuestion < 0 || i < lastQuestion)).map((s) => leadTopic(s.text)).filter((t) => t !== '');
  const context = sentences.filter((s) => s.role === 'context').map((s) => s.text);
  const content = [...leadTopics, ...sentences.filter((s) => s.role === 'question' || s.role === 'context').map((s) => s.text)].join(' ');

  let asked = upTo(MAX_ASKED_CHARS, questions.length > 0 ? askedSentences(asking, places) : context.map((s) => withoutPlaces(s, places)));
  if (asked.length === 0 && subject !== '') asked = [subject];
  const core = asked.map(withoutTrailingOffice).join(' ');
  // The subject of a reply ("AW: Sachbericht") names the thread's first topic; a follow-up question with a topic noun
  // of its own ("Eine Anschlussfrage: Bis wann müssen die Kennzahlen …?") asks about that one.
  const threadOnly = isReply && topicNouns(questions.join(' ')).nouns > 0;
  const topic = topicWords([...leadTopics, subjectAsks || asked[0] === subject || threadOnly ? '' : subject].join(' '), core, places);
  const text = [topic.join(' '), core].filter((s) => s !== '').join('. ');
  const result: ExtractedQuestion = { text: text === '' ? fallback(enquiry.text) : text, questions, statements: context, content };
  if (questions.length === 0) return result;
  const contextual = upTo(MAX_ASKED_CHARS, askedSentences(asking, places, true)).map(withoutTrailingOffice).join(' ');
  return contextual === core ? result : { ...result, withContext: [topic.join(' '), contextual].filter((s) => s !== '').join('. ') };
}

/** Most words of a heading typed without capitals ("corona:", "sachbericht im:"): longer ones are sentences. */
const LOWER_HEADING_MAX_WORDS = 2;

/**
 * What a lead-in names: the words after "Frage zu …", or the whole lead-in when it is a heading without a verb
 * ("Kennzahlenmeldung fürs IM:", or typed in a hurry "corona:"). A sender's office ("Kämmerei Stadt Bruchsal:",
 * "Personalamt:") says who asks, not what about.
 */
function leadTopic(sentence: string): string {
  const named = leadInTopic(sentence);
  if (named !== '') return named;
  if (!sentence.trim().endsWith(':')) return '';
  const heading = sentence.trim().replace(/:\s*$/, '');
  const folded = foldPlain(heading);
  const lowerHeading = !/\p{Lu}/u.test(heading) && heading.split(/\s+/).length <= LOWER_HEADING_MAX_WORDS;
  return (isNameLine(heading, folded) || lowerHeading) && !isOfficeLine(heading, folded) ? heading : '';
}

/** The first sentences, as many as fit in `max` characters (at least one). */
function upTo(max: number, sentences: string[]): string[] {
  let length = 0;
  const out: string[] = [];
  for (const s of sentences) {
    if (out.length > 0 && length + s.length > max) break;
    out.push(s);
    length += s.length + 1;
  }
  return out;
}

/** When everything was courtesy or signature: the text as written, without its salutation (triage decides). */
function fallback(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const stripped = trimmed.replace(SALUTATION, '').trim();
  return (stripped === '' ? trimmed : stripped).replace(/\s+/g, ' ');
}
