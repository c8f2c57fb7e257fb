/**
 * Sentence-level reading for question extraction (question-extract.ts): splitting a paragraph into sentences
 * and telling what each sentence does — asks (directly or indirectly), leads in to a question ("kurze Frage an
 * Sie:"), is courtesy ("Ich freue mich auf Ihre Antwort."), signs off ("VG aus Oberkirch"), or gives context.
 * Patterns are written against folded text (lower case, ä→ae, ö→oe, ü→ue, ß→ss; see text.ts).
 *
 * Why not a package: sentencex (the maintained multilingual splitter) is a native addon per platform and still
 * breaks "ab dem 2. Halbjahr"; ICU's segmenter (Intl.Segmenter) breaks after "z. B.". The rule here is short:
 * a full stop ends a sentence unless it follows an abbreviation, a single letter or a number, or the next word
 * starts in lower case.
 */
import { isCourtesyOnlyFolded } from './signals.js';
import { foldPlain, foldText } from './text.js';

/** What a sentence does in an enquiry. */
export type SentenceRole = 'question' | 'lead_in' | 'courtesy' | 'sign_off' | 'context';

/** Sentences longer than this are context without further tests (keeps long pastes linear). */
const MAX_CLASSIFIED_CHARS = 2000;

/** Abbreviations after which a full stop does not end a sentence (folded, without the dot). */
const ABBREVIATIONS: ReadonlySet<string> = new Set(
  ('bzw ca nr dr abs ggf evtl usw etc vgl inkl zzgl bzgl str tel az ff gem lt max min mind jan feb febr aug sept sep okt nov dez ' +
    'prof hr fr st ziff kap anm vs allg insb insbes ehem zb mio mrd tsd ua dh sog u.a z.b d.h i.a i.v o.g s.o s.u u.u ggfs bspw zt vorm nachm')
    .split(/\s+/),
);

/**
 * Splits a paragraph into sentences at ? ! and at a colon after a word; at a full stop unless it follows an
 * abbreviation, a single letter or a number ("z. B.", "am 1.5.", "Nr. 5"), or the next word starts in lower case.
 *
 * @example splitSentences('Allgemeine Frage: gilt das z. B. in der Elternzeit? Stadt Ulm')
 * // → ['Allgemeine Frage:', 'gilt das z. B. in der Elternzeit?', 'Stadt Ulm']
 */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  const boundary = /([.!?:…]+)(["“”»)]*)(\s+)/g;
  for (let m = boundary.exec(paragraph); m !== null; m = boundary.exec(paragraph)) {
    const end = m.index + m[1]!.length + m[2]!.length;
    if (!endsSentence(paragraph, m.index, m[1]!, end + m[3]!.length)) continue;
    const sentence = paragraph.slice(start, end).trim();
    // A condition before a colon ("Wenn wir … nehmen: Ist das erlaubt?") belongs to the question it conditions.
    if (m[1]!.startsWith(':') && STATED_CONDITION.test(foldPlain(sentence))) continue;
    if (sentence !== '') out.push(sentence);
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest !== '') out.push(rest);
  return out.flatMap((sentence) => sentence.split(OPENER).filter((part) => part.trim() !== ''));
}

/** A clause stating the condition of what follows. */
const STATED_CONDITION = /^(?:wenn|falls|sofern|soweit|angenommen|vorausgesetzt|(?:fuer\s+den|im)\s+fall)\b/;

/**
 * A capitalised question word after a word and a space opens a sentence even without a full stop before it: in
 * German it is capitalised only there ("Pakt-Assistent Wie viele Geflüchtete …": the bot's name left before a
 * Teams question). Only question words: a capitalised verb after a word may still belong to a heading or name.
 */
const OPENER = /(?<=\p{L})\s+(?=(?:Wie|Wann|Wo|Wer|Wen|Wem|Was|Welche[rsnm]?|Warum|Weshalb|Wieso|Wozu|Wofür|Woher|Wohin|Inwieweit)\s)/u;

function endsSentence(text: string, at: number, marks: string, next: number): boolean {
  if (/[?!…]/.test(marks)) return true;
  const before = /[\p{L}\p{N}.]*$/u.exec(text.slice(Math.max(0, at - 20), at))?.[0] ?? '';
  if (marks.startsWith(':')) return /\p{L}$/u.test(before);
  const word = foldPlain(before).replace(/^\.+/, '');
  // Ordinals and dates ("am 1.5.", "2. Rate") continue the sentence; a year ("im September 2026.") ends it.
  if (word === '' || (/^\d[\d.]*$/.test(word) && !/(?:^|\.)\d{4}$/.test(word)) || /^\p{L}$/u.test(word) || ABBREVIATIONS.has(word)) return false;
  // "z.B." and "i.A." written without spaces.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return false;
  return !/^[\p{Ll}\d]/u.test(text.charAt(next));
}

/** Interrogatives that open an indirect question ("…, ob …", "…, wie …"). */
const INTERROGATIVE = String.raw`(?:ob|wie|wann|wo|wohin|woher|womit|wofuer|worauf|worueber|was|welche[rsnm]?|wer|wem|wen|wessen|warum|weshalb|wieso|weswegen|inwieweit|inwiefern|wieviel\w*)`;

/** Verbs and nouns of asking for information; with an interrogative clause they make an indirect question. */
const ASKING = String.raw`(?:wissen|wuessten|erfahren|mitteilen|mitteilung|teilen|auskunft|auskuenfte|erklaeren|erlaeutern|sagen|informieren|information|informationen|klaeren|klaerung|fragen|frage|nachfragen|anfragen|rueckmeldung|beantworten|interessiert|interessieren|bescheid|unsicher|unklar|nicht\s+sicher|hinweis|hinweise)`;

/** An indirect question: "wir möchten wissen, wer …", "Bitte teilen Sie uns mit, wie …", "Wir bitten um Mitteilung, ob …". */
const INDIRECT_QUESTION = new RegExp(String.raw`\b${ASKING}\b[^.!?]{0,80}?,?\s+${INTERROGATIVE}\b`);

/**
 * Sentences that only announce a question or say who asks ("Ich hätte eine kurze Frage.", "unsere
 * Integrationsmanagerin hat mich gebeten, bei Ihnen nachzufragen.", "Ich wende mich mit folgendem Anliegen an
 * Sie."). Checked only on short sentences; a sentence ending in a colon without an interrogative leads in too.
 */
const LEAD_IN =
  /\b(?:kurze|kurzen|kleine|kleinen|allgemeine|grundsaetzliche|generelle|weitere|eine|einer|einem|folgende|folgender|folgenden|zwei|paar|einige)\s+(?:\w+\s+)?(?:frage|fragen|rueckfrage|rueckfragen|verstaendnisfrage|anliegen)\b|\b(?:habe|haette|haben|haetten|hab|gibt\s+es|stellt\s+sich|stellen\s+sich|stelle|stellen)\s+(?:ich\s+|wir\s+|uns\s+|mir\s+)?(?:da\s+|mal\s+|noch\s+|bitte\s+)*(?:eine|folgende|zwei|ein\s+paar|einige|mehrere|die)\s+(?:\w+\s+)?(?:frage|fragen|rueckfrage|rueckfragen|anliegen)\b|\b(?:gebeten|beauftragt)\b.{0,60}\b(?:nachzufragen|anzufragen|zu\s+fragen|zu\s+erkundigen|nachfragen)\b|\b(?:wende|wenden|melde|melden)\s+(?:mich|uns)\b.{0,60}\b(?:an\s+sie|bei\s+ihnen)\b|\b(?:fragen|frage)\s+(?:uns|mich)\s+(?:\w+\s+)?folgendes\b|\bes\s+geht\s+um\s+folgendes\b|^(?:\w+\s+){0,2}?(?:siehe|s\.|wie\s+im)\s+betreff\b/;

/** Longest sentence, in characters, that may be a lead-in. */
const LEAD_IN_MAX_CHARS = 160;

/** Courtesy sentences beyond greeting and thanks words ("Ich freue mich auf Ihre Antwort."). */
const COURTESY_SENTENCES: readonly RegExp[] = [
  /\b(?:freue|freuen)\s+(?:mich|uns)\b.{0,60}\b(?:antwort|rueckmeldung|nachricht|rueckantwort|info|hilfe|unterstuetzung)\b/,
  /\b(?:fuer|bei)\s+(?:weitere\s+|weiteren\s+)?(?:rueckfragen|fragen)\s+(?:stehe|stehen|bin|sind)\b/,
  /\bstehe\w*\s+(?:ich|wir)\s+(?:ihnen\s+)?(?:gern|gerne)\s+zur\s+verfuegung\b/,
  /^(?:vielen|herzlichen|besten|lieben|tausend)?\s*dank\w*\b.{0,60}\b(?:vorab|im\s+voraus|fuer\s+ihre\s+(?:\w+\s+(?:und\s+)?){0,3}?(?:muehe|hilfe|unterstuetzung|bemuehungen|rueckmeldung|antwort|auskunft|zeit))\b[^?]*$/,
  /\bueber\s+(?:eine|ihre)\s+(?:\w+\s+)?(?:rueckmeldung|antwort|nachricht|info)\s+(?:wuerde|wuerden|freue|freuen)\b/,
  /\b(?:ich|wir)\s+(?:hoffe|hoffen)\b.{0,40}\b(?:antwort|helfen|weiterhelfen|rueckmeldung)\b/,
  /^(?:bleiben\s+sie\s+gesund|einen\s+schoenen\s+\w+|schoenes\s+wochenende)\b/,
  // A question closed by the answer: "Damit ist unsere Frage geklärt.", "Das hat sich erledigt.", "Hat sich erledigt,
  // wir haben die Unterlagen doch gefunden." (not when it sends something: "Hat sich erledigt, anbei …").
  /\b(?:frage|fragen|anliegen|sache)\s+(?:ist|sind|hat\s+sich|haben\s+sich)\s+(?:damit\s+|somit\s+|nun\s+|jetzt\s+|hiermit\s+)?(?:geklaert|beantwortet|erledigt)\b[^?]*$|\b(?:damit|somit|hiermit|nun|jetzt)\s+(?:ist|sind|hat\s+sich|haben\s+sich)\s+(?:(?:unsere|meine|die|unser|mein)\s+(?:frage|fragen|anliegen|sache)|(?:fuer\s+(?:uns|mich)\s+)?alles)\s+(?:\w+\s+)?(?:geklaert|beantwortet|erledigt)\b[^?]*$|^(?!.*\b(?:anbei|anhang|anlagen?|beigefuegt)\b)(?:(?:das|es)\s+)?hat\s+sich\s+(?:damit\s+|inzwischen\s+|schon\s+|bereits\s+|nun\s+|jetzt\s+)?erledigt\b[^?]*$/,
  /^(?:ich\s+hoffe|wir\s+hoffen),?\s+(?:es\s+geht\s+ihnen\s+gut|sie\s+hatten\s+\w+\s+(?:schoene|gute)\w*)\b|^(?:entschuldigen\s+sie|entschuldigung\s+fuer)\s+(?:bitte\s+)?(?:die\s+)?stoerung\b/,
];

/**
 * Words that make a short sentence courtesy: `isCourtesyOnly` allows two other words (a name), so a heading of
 * two words ("Kennzahlenmeldung fürs IM:") would pass without one of these.
 */
const COURTESY_CORE =
  /\b(?:dank\w*|thanks|thank|thx|merci|gruess\w*|gruss|hallo|hi|hey|moin|servus|guten|liebe[rs]?|geehrte\w*|wochenende|wiederhoeren|wiedersehen|bald|cheers|regards|super|prima|perfekt|toll|klasse|ok|okay|klar|verstanden|erledigt|passt)\b/;

/** A sign-off with a place: "VG aus Oberkirch", "grüße aus mühlacker", "Gruß vom Bodensee". */
const SIGN_OFF = /^(?:(?:viele|liebe|beste|schoene|herzliche|freundliche|sonnige|kollegiale)\s+)?(?:gruesse|gruss|vg|lg|mfg|bg)\b(?:\s+(?:aus|von|vom|nach)\b[^?]{0,60})?[.!]?$/;

/**
 * A question that a colon opens to its details ("Was wurde 2019 an der Förderdauer geändert: Um wie viele Monate
 * …?"): a question word and its verb, not a lead-in ("Was ich noch fragen wollte:", "Wie folgt:", "Zu meiner Frage:").
 */
const ASKS_BEFORE_COLON =
  /^(?:was|wie|wann|wer|welche[rsmn]?|warum|wieso|weshalb|woran|wonach|wofuer|wozu)\s+(?!(?:ich|wir|man|mich|uns|mir|folgt|folgendes|sie|es\s+aussieht)\b)\p{L}+\b(?![^:]*\b(?:frage|fragen|folgendes|folgendem)\b)[^:?]*:$/u;

/** The role of one sentence by its own words (a name line is told by its position: question-extract.ts). */
export function sentenceRole(sentence: string): SentenceRole {
  if (sentence.length > MAX_CLASSIFIED_CHARS) return sentence.includes('?') ? 'question' : 'context';
  const folded = foldPlain(sentence).trim();
  if (SIGN_OFF.test(folded)) return 'sign_off';
  if (folded.includes('?')) return 'question';
  if ((isCourtesyOnlyFolded(folded) && COURTESY_CORE.test(folded)) || COURTESY_SENTENCES.some((p) => p.test(folded))) return 'courtesy';
  if (INDIRECT_QUESTION.test(folded)) return 'question';
  if (ASKS_BEFORE_COLON.test(folded)) return 'question';
  if (folded.endsWith(':') || (folded.length <= LEAD_IN_MAX_CHARS && LEAD_IN.test(folded))) return 'lead_in';
  return 'context';
}


/**
 * A question reported as raised elsewhere ("In unserem Kreistag kam die Frage auf, wie der Betrag … zustande kam.",
 * "Im Gemeinderat wurde gefragt, ob …"): beside a question of the writer's own it tells where the matter came up.
 */
const REPORTED_QUESTION = new RegExp(
  String.raw`\b(?:(?:kam|kommt|stellte|stellt|ergab|ergibt|tauchte|taucht)\b[^.!?]{0,40}\bfrage\b(?:\s+auf)?|wurde\s+(?:\w+\s+)?gefragt|wurden\s+wir\s+gefragt)\s*,?\s+${INTERROGATIVE}\b`,
);

/** True when a sentence reports a question raised elsewhere (see {@link REPORTED_QUESTION}). */
export function reportsQuestion(sentence: string): boolean {
  return !sentence.includes('?') && REPORTED_QUESTION.test(foldPlain(sentence.slice(0, MAX_CLASSIFIED_CHARS)));
}

/** Topic words a lead-in names after "Frage zu …" ("Ich habe eine Frage zum Sachbericht:" → "Sachbericht"). */
const LEAD_IN_TOPIC = /\b(?:frage|fragen|anfrage|rueckfrage|nachfrage|anliegen)\s+(?:zu[mr]?|bezueglich|bzgl\.?|wegen|betreffend|betreffs|ueber|hinsichtlich|zum\s+thema|im\s+zusammenhang\s+mit)\s+(.+)$/;

/** The words after "Frage zu …" in a lead-in, in their original spelling; '' when it names none. */
export function leadInTopic(sentence: string): string {
  const text = foldText(sentence.slice(0, MAX_CLASSIFIED_CHARS));
  const m = LEAD_IN_TOPIC.exec(text.folded);
  if (m === null || m[1] === undefined) return '';
  const from = text.map[m.index + m[0].length - m[1].length] ?? 0;
  return text.original.slice(from).replace(/[:.!]+\s*$/, '').trim();
}

/**
 * Words that point back to what a previous sentence said ("dafür", "diese Stelle", "ist das zulässig?", "den Rest"), or
 * to the writer it introduced ("mein Auftrag" after "Ich fange als Integrationsmanagerin an."): a question with one of
 * them needs the sentence before it.
 */
const ANAPHORA =
  /(?<![,;]\s?)\bdamit\b|\b(?:dafuer|dazu|dagegen|daran|darin|hierfuer|hierzu|hiervon|hierbei|dort|dorthin|davon|dabei|darauf|darueber|deswegen|deshalb|daher|darum|dadurch|trotzdem|dies|dieser|diese|diesem|diesen|dieses|sowas|solche[rnms]?|sie\s+(?:muss|darf|kann|soll)|derartige\w*)\b|\b(?:sich|man|wir|ich|es|uns|mir)\s+das\b|\bdas\s+(?:auch|noch|dann|so|trotzdem|hinten|ueberhaupt)\b|\b(?:ist|war|geht|ging|waere|wird|wuerde|gilt|galt|klappt|reicht|hat|hatte|haette|bedeutet|heisst|aendert|bringt|zaehlt|betrifft)\s+das\b|\bdas\s+(?:\w+\s+)?(?:moeglich|zulaessig|erlaubt|foerderfaehig|ok|okay|in\s+ordnung|machbar)\b|\bso\s+(?:etwas|was)\b|\b(?:den|der|dem|des)\s+rest(?:betrag|betrags|geld|geldes|mittel)?\b|\bdie\s+restmittel\b|\bdas\s+(?:uebrige|restliche)\b|\bmein(?:e|em|en|er|es)?\b/;

/**
 * "da" right after the verb ("Welche Themen standen da auf dem Programm?") is the place or time named before, not
 * the conjunction; unless the question names its own year or date ("Gab es 2017/18 da eine Mindestsumme?").
 */
const THERE = /\b(?:ist|sind|war|waren|stand|standen|steht|stehen|gibt|gab|geht|ging|lief|liefen|kam|kamen|wird|wurde|wurden|hat|hatte|hatten|gilt|galt)\s+(?:es\s+|man\s+)?da\b(?!\s*,)/;
const OWN_TIME = /\b(?:19|20)\d\d\b|\b\d{1,2}\.\s?\d{1,2}\./;

/**
 * A person named before: "Darf sie …?", "Kann er …?" (a verb in the singular: the formal "Sie" takes the plural,
 * "Dürfen Sie …"), and "ihre"/"seine" written in lower case ("auf ihre geförderte Stelle"; "Ihre" is the reader's).
 */
const PERSON_BEFORE = /\b(?:darf|muss|kann|soll|wird|ist|war|hat|hatte|bekommt|erhaelt|arbeitet|bleibt)\s+(?:er|sie)\b/;
const POSSESSIVE_BEFORE = /(?<=\p{L}[\s,]+)\b(?:ihre|ihrem|ihren|ihrer|ihres|seine|seinem|seinen|seiner|seines)\b/u;

/** A personal pronoun for a man or a masculine thing ("ob er genügt", "ihn einzustellen"). */
const HE = /(?:^|[^\p{L}])(?:[Ee]r|ihn|ihm)(?![\p{L}])/u;

/**
 * True when "er", "ihn" or "ihm" has no noun before it in its own sentence to stand for ("Spricht etwas dagegen, ihn
 * einzustellen?"); "bis wann der Sachbericht eingehen muss und ob er genügt" names its own.
 */
function heBefore(head: string): boolean {
  const m = HE.exec(head);
  if (m === null) return false;
  const before = head.slice(0, m.index + m[0].length - m[0].trimStart().length).split(/[^\p{L}]+/u).filter((w) => w !== '');
  return !before.slice(1).some((w) => /^\p{Lu}/u.test(w) && !/^(?:Sie|Ihnen|Ihr\p{L}*)$/u.test(w));
}

/** A later clause of a question (", und seit wann gilt das?"). */
const LATER_CLAUSE = /,\s*(?:und|oder|bzw\.|sowie|aber)\s/u;
const MINE = /\bmein(?:e|em|en|er|es)?\b/;
/** "gilt das", "ist das": a later clause's "das" that stands for what the clause before it states. */
const STATED = /\b(?:ist|war|gilt|galt|wird|wurde|waere)\s+das\b/g;
const RELATIVE_BEFORE = /\b(?:deren|dessen)\b/;

/**
 * The part of a question whose demonstratives point back to the sentence before it. "…, und seit wann gilt das?"
 * asks about the clause before it when that one states the matter itself, with two nouns of its own and no pointer
 * ("Werden die Kennzahlen im Integrationsmanagement halbjährlich oder jährlich erhoben, und seit wann gilt das?");
 * "dafür" or "hängt sich das" in a later clause still point to the sentence before the question.
 */
function pointingPart(head: string): string {
  const later = LATER_CLAUSE.exec(head);
  if (later === null) return head;
  const first = head.slice(0, later.index);
  const rest = foldPlain(head.slice(later.index)).replace(STATED, ' ');
  if (ANAPHORA.test(rest) || RELATIVE_BEFORE.test(foldPlain(first))) return head;
  const nouns = first.split(/[^\p{L}-]+/u).slice(1).filter((w) => /^\p{Lu}\p{L}{2,}/u.test(w) && !/^(?:Sie|Ihnen|Ihr\p{L}*)$/u.test(w));
  return nouns.length >= 2 ? first : head;
}

/** True when a question refers back to the sentence before it. */
export function refersBack(question: string): boolean {
  const head = question.slice(0, MAX_CLASSIFIED_CHARS);
  const folded = foldPlain(head);
  const pointing = foldPlain(pointingPart(head));
  return ANAPHORA.test(pointing) || MINE.test(folded) || PERSON_BEFORE.test(folded) || POSSESSIVE_BEFORE.test(head) || heBefore(head) || (THERE.test(pointing) && !OWN_TIME.test(folded));
}

/**
 * Words that make a question depend on a condition the sentence before it states ("Wir möchten … fördern lassen.
 * Müssen dann auch …?", "Was gilt in diesem Fall?"): whatever the question names itself, it asks about that case.
 * A question stating its own condition ("Wenn wir …, gibt es dann …?") does not.
 */
const CONDITION = /\b(?:dann|in\s+(?:diesem|dem|solchen|einem\s+solchen)\s+fall)\b/;

const OWN_CONDITION = /\b(?:wenn|falls|sofern|soweit)\b/;

/**
 * A share of something named before ("einen Teil davon", "wie viel davon", "den Rest daraus"): the question asks
 * about that thing, however many nouns it names itself ("Dürfen wir einen Teil davon an einen Verband weitergeben?").
 */
const PARTITIVE = /\b(?:teil|teile|anteil|rest|etwas|nichts|viel|wieviel|wenig|alles|einiges|summe|betrag)\s+(?:\w+\s+)?(?:davon|hiervon|daraus|hieraus)\b/;

/** True when a question asks for a share of what the sentence before it names. */
export function asksForShare(question: string): boolean {
  return PARTITIVE.test(foldPlain(question.slice(0, MAX_CLASSIFIED_CHARS)));
}

/**
 * A question whether something suffices ("Reicht es, wenn …?", "Genügt das?", "Ist es ausreichend, wenn …?"): it
 * suffices for what the sentence before it intends ("Wir möchten über das DIM eine Software anschaffen."), even
 * with a condition of its own.
 */
const SUFFICES = /^(?:(?:reicht|genugt|langt)\s+(?:es|das|dies)|(?:ist|ware)\s+(?:es|das)\s+(?:ausreichend|genug))\b/;

/** True when a question asks about the case the sentence before it describes. */
export function refersToCondition(question: string): boolean {
  const folded = foldPlain(question.slice(0, MAX_CLASSIFIED_CHARS));
  return (CONDITION.test(folded) && !OWN_CONDITION.test(folded)) || SUFFICES.test(folded.trim());
}

/**
 * The time of the sentence before ("damals", "seinerzeit", "in dem Jahr"): the question asks about the year its
 * context names, whatever nouns it names itself ("Nach welchem Schlüssel wurden die Mittel damals verteilt?").
 */
const THEN = /\b(?:damals|seinerzeit|zu\s+(?:der|dieser|jener)\s+zeit|zu\s+(?:diesem|dem)\s+zeitpunkt|im\s+selben\s+jahr|in\s+(?:diesem|dem)\s+jahr)\b/;

/** True when a question takes its time from the sentence before it (and names no year or date of its own). */
export function refersToThen(question: string): boolean {
  const folded = foldPlain(question.slice(0, MAX_CLASSIFIED_CHARS));
  return THEN.test(folded) && !OWN_TIME.test(folded);
}

/**
 * A question that only asks for the answer to the question before it ("… fragen, bis wann sie die Kennzahlen
 * abgeben müssen. Können Sie uns den Termin nennen?", "Können Sie mir das kurz sagen?"): it names at most one noun
 * of its own, which the question before it asks for in other words.
 */
const ANSWER_REQUEST =
  /^(?:koennen|koennten|wuerden)\s+sie\s+(?:mir|uns)\s+(?:bitte\s+)?(?:kurz\s+)?(?:das|dies|es|dazu\s+etwas|(?:den|die|das)\s+\p{L}+)\s+(?:bitte\s+|kurz\s+|noch\s+|einmal\s+|mal\s+){0,2}(?:sagen|nennen|mitteilen|erklaeren|erlaeutern|beantworten|bestaetigen)\s*\?$/u;

/** The sentences without questions that only ask for the answer to an earlier question (see {@link ANSWER_REQUEST}). */
export function withoutAnswerRequests<T extends { text: string; role: SentenceRole }>(sentences: T[]): T[] {
  const request = (s: T): boolean => s.role === 'question' && ANSWER_REQUEST.test(foldPlain(s.text).trim());
  const first = sentences.findIndex((s) => s.role === 'question' && !request(s));
  return first < 0 ? sentences : sentences.filter((s, i) => i < first || !request(s));
}
