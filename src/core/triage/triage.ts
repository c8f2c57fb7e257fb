/**
 * Triage: the whole decision for one enquiry, without side effects (CONTRACTS §3 `triage`, issue 4 item 1).
 *
 * Order of the decision (first that applies wins):
 * 1. empty message → `other`;
 * 2. auto-reply, bounce, newsletter, read receipt, calendar answer or invitation (sender, subject,
 *    body phrases) → `other`; body phrases
 *    alone do not outweigh a clear application matter;
 * 3. nothing but greeting or thanks, or a short thank-you without question, request or case → `other`;
 * 4. application-matter score ≥ threshold (rules.ts) → `application_matter`, always a ticket; for an enquiry
 *    the knowledge base found not German, the English own-case signals (foreign-case.ts) count as well;
 * 5. otherwise the knowledge base decides ({@link OUTCOME_POLICY}): out of scope or unusable → `other`,
 *    else `general_question`, a ticket when it cannot answer with confidence. "Out of scope" for a text that
 *    names programme terms is treated as "cannot answer" (a person looks at it), never dropped.
 *
 * Non-goals: no language detection of its own (the knowledge base's verdict is used), no machine learning;
 * the rules are meant to be read and tuned.
 */
import type { AskOutcome, AskResult, KnowledgeAnswerer } from '../knowledge.js';
import type { RouteResult, Router } from '../routing.js';
import { PROGRAMME_TERMS } from './categories.js';
import { FOREIGN_CASE_RULES, FOREIGN_PROGRAMME_TERMS, NOT_GERMAN_PROGRAMME } from './foreign-case.js';
import { APPLICATION_RULES, APPLICATION_THRESHOLD, CONTEXT_MAX, CONTEXT_RULES } from './rules.js';
import { OTHER_THRESHOLD, type OtherKind } from './other.js';
import { categorise, detectOther, isCourtesyOnlyFolded, isThanksAcknowledgementFolded, scoreText, type RuleHit, type Score } from './signals.js';
import { askInContext } from './ask-in-context.js';
import { extractQuestion } from './question-extract.js';
import { topicWords } from './question-topic.js';
import { RULE_WORDS } from './patterns.js';
import { cleanSubject, foldPlain, foldText, forwardedMessage, isForwardSubject, joinFoldedLines, newMessagePart, originalSlice, type FoldedText } from './text.js';
import { TICKET_CATEGORY_LABELS, type Intent, type TicketCategory, type TriageInput, type TriageResult } from './types.js';

/** What triage needs: the knowledge base, the router and (for routing with absences) the current time. */
export interface TriageDeps {
  answerer: KnowledgeAnswerer;
  router: Router;
  now?: Date;
}

/**
 * What a knowledge-base outcome means for a message that is neither a case nor a courtesy.
 * `suggest` ("Meinten Sie …") is no answer: near misses leave the sender without one, so a person answers
 * (TRIAGE.md), in every channel; the suggestions accompany the ticket confirmation while the sender waits.
 */
export const OUTCOME_POLICY: Record<AskOutcome, { intent: Intent; ticket: boolean; reason: string }> = {
  answer: { intent: 'general_question', ticket: false, reason: 'Die Wissensbasis beantwortet die Frage sicher' },
  suggest: {
    intent: 'general_question',
    ticket: true,
    reason: 'Die Wissensbasis hat nur Vorschläge („Meinten Sie …“), eine Person antwortet',
  },
  handover: { intent: 'general_question', ticket: true, reason: 'Die Wissensbasis kann die Frage nicht sicher beantworten' },
  out_of_scope: { intent: 'other', ticket: false, reason: 'Die Frage betrifft nicht das Förderprogramm' },
  invalid: { intent: 'other', ticket: false, reason: 'Die Nachricht enthält keine verwertbare Frage' },
};

/**
 * The knowledge base says "not about the programme" but the text names programme terms (PROGRAMME_TERMS):
 * the knowledge base is more likely missing the topic than the question off-topic, so a person takes it.
 */
const OUT_OF_SCOPE_BUT_PROGRAMME: (typeof OUTCOME_POLICY)[AskOutcome] = {
  intent: 'general_question',
  ticket: true,
  reason: 'Die Wissensbasis hält die Frage für fachfremd, sie nennt aber Begriffe des Förderprogramms',
};

const OTHER_KIND_LABELS: Record<OtherKind, string> = {
  auto_reply: 'Automatische Antwort (z. B. Abwesenheitsnotiz)',
  bounce: 'Unzustellbarkeitsmeldung',
  newsletter: 'Newsletter oder Verteilermail',
  receipt: 'Lese-/Zustellbestätigung oder Terminantwort',
  invitation: 'Einladung zu einer Veranstaltung',
  spam: 'Spam oder Phishing',
};

/** The message cut to what the triage reads. */
interface Prepared {
  subject: FoldedText;
  isReply: boolean;
  body: FoldedText;
  /** The message content alone (no salutation, courtesy, lead-in, signature). */
  content: FoldedText;
  /** Subject and the message content (no salutation, courtesy, lead-in, signature): what the case rules read. */
  both: FoldedText;
  /** Subject, asking sentences and statements naming a rule word: where rule-question markers (negative rules) count. */
  asked: FoldedText;
  /** The question put to the knowledge base (question-extract.ts). */
  question: string;
  /** The question with the context sentence before it, when that differs (ask-in-context.ts). */
  withContext?: string;
}

function prepare(input: TriageInput, route: RouteResult): Prepared {
  const { subject, isReply } = cleanSubject(input.subject);
  const raw = typeof input.text === 'string' ? input.text : '';
  let bodyText = newMessagePart(raw);
  const places = [route.gemeinde?.name, route.kreis?.name].filter((p): p is string => p !== undefined);
  let extracted = extractQuestion({ subject, text: bodyText }, { places });
  // A note that only passes on a forwarded mail ("ich leite Ihnen eine Frage unserer Amtsleitung weiter"): the
  // forwarded mail's question is the enquiry.
  const forwarded = extracted.questions.every((q) => q === subject) ? forwardedMessage(raw, isForwardSubject(input.subject)) : null;
  if (forwarded !== null) {
    bodyText = `${bodyText}\n\n${forwarded}`;
    extracted = extractQuestion({ subject, text: bodyText }, { places });
  }
  const subjectFolded = foldText(subject);
  const content = foldText(extracted.content);
  return {
    subject: subjectFolded,
    isReply,
    body: foldText(bodyText),
    content,
    both: joinFoldedLines(subjectFolded, content),
    asked: joinFoldedLines(subjectFolded, foldText([...extracted.questions, ...extracted.statements.filter(asksAboutRules)].join('\n'))),
    question: extracted.text,
    ...(extracted.withContext === undefined ? {} : { withContext: extracted.withContext }),
  };
}

const RULE_WORD = new RegExp(String.raw`\b${RULE_WORDS}\b`);

/** What the writer states as known ("Soweit wir wissen, ist … grundsätzlich möglich"): a premise, not a question. */
const PREMISE = /\b(?:soweit|wie)\s+(?:wir|ich)\s+(?:wissen|weiss|informiert\s+sind|es\s+verstehen)\b|\bnach\s+unserem\s+(?:kenntnisstand|verstaendnis|wissen)\b|\buns\s+ist\s+bekannt\b|\bwir\s+wissen,?\s+dass\b/;

/**
 * A statement that names a rule word ("ist das förderfähig" typed without question mark) asks about the rules too;
 * unless it states what the writer already knows.
 */
function asksAboutRules(statement: string): boolean {
  const folded = foldPlain(statement);
  return RULE_WORD.test(folded) && !PREMISE.test(folded);
}

function describe(hit: RuleHit): string {
  return hit.matched === '' ? hit.reason : `${hit.reason}: „${hit.matched}“`;
}

const EMPTY_ANSWER: AskResult = {
  question: '',
  answered: false,
  confidence: 0,
  answer: null,
  hits: [],
  outcome: 'invalid',
  suggestions: [],
  message: 'Die Nachricht ist leer.',
};

interface Decision {
  intent: Intent;
  ticket: boolean;
  reasons: string[];
}

/** What every decision stage sees. */
interface Facts {
  input: TriageInput;
  prepared: Prepared;
  answer: AskResult;
  application: Score;
}

/** A stage decides, or passes (null) to the next one. */
type Stage = (facts: Facts) => Decision | null;

const emptyStage: Stage = ({ prepared }) =>
  prepared.question === '' ? { intent: 'other', ticket: false, reasons: ['Leere Nachricht: kein Text und kein Betreff'] } : null;

const automatedStage: Stage = ({ input, application }) => {
  const message = { from: input.from ?? '', subject: input.subject ?? '', body: input.text };
  const other = detectOther(message, OTHER_THRESHOLD);
  // Body phrases alone ("nicht im Büro") do not outweigh a clear case: real enquiries mention absences too.
  if (other === null || (other.bodyOnly && application.score >= APPLICATION_THRESHOLD)) return null;
  return { intent: 'other', ticket: false, reasons: [OTHER_KIND_LABELS[other.kind], ...other.hits.map(describe)] };
};

const courtesyStage: Stage = ({ prepared, application }) => {
  // An own case the rules see ("siehe Anhang" under an Aktenzeichen: documents sent in) is never mere courtesy.
  if (subjectCarriesQuestion(prepared) || application.score >= APPLICATION_THRESHOLD) return null;
  // Only greeting, courtesy sentences and signature ("vielen Dank für Ihre schnelle Antwort. Damit ist unsere Frage
  // geklärt."): the extraction kept no sentence that asks or tells.
  const onlyCourtesy = prepared.content.folded.trim() === '' && prepared.body.folded.trim() !== '';
  if (onlyCourtesy || isCourtesyOnlyFolded(prepared.body.folded)) return { intent: 'other', ticket: false, reasons: ['Nur Gruß oder Dank, keine Frage'] };
  // Read on the body as written and on its content without greeting and signature ("Guten Tag, vielen Dank …").
  const thanks = isThanksAcknowledgementFolded(prepared.body.folded) || isThanksAcknowledgementFolded(prepared.content.folded);
  const acknowledgement = thanks && application.score < APPLICATION_THRESHOLD;
  return acknowledgement ? { intent: 'other', ticket: false, reasons: ['Kurze Danksagung ohne Frage oder Bitte'] } : null;
};

const applicationStage: Stage = ({ application }) =>
  application.score >= APPLICATION_THRESHOLD
    ? {
        intent: 'application_matter',
        ticket: true,
        reasons: [
          `Anliegen zu einem eigenen Antrag oder Vorgang (Punkte ${application.score}, ab ${APPLICATION_THRESHOLD})`,
          ...application.hits.map(describe),
        ],
      }
    : null;

const knowledgeStage: Stage = ({ prepared, answer, application }) => {
  // Not in German, the programme counts where it is asked about (subject or question), not where an offer names it.
  const foreign = answer.outcome === 'out_of_scope' && answer.language !== undefined;
  const source = foreign ? prepared.asked : prepared.both;
  const programme = answer.outcome === 'out_of_scope' ? (PROGRAMME_TERMS.exec(source.folded) ?? (foreign ? FOREIGN_PROGRAMME_TERMS.exec(source.folded) : null)) : null;
  const policy = programme === null ? OUTCOME_POLICY[answer.outcome] : foreign ? NOT_GERMAN_PROGRAMME : OUT_OF_SCOPE_BUT_PROGRAMME;
  const confidence = answer.confidence.toFixed(2).replace('.', ',');
  const head =
    policy.intent === 'general_question'
      ? [`Allgemeine Frage zu den Förderregeln (Punkte ${application.score}, unter ${APPLICATION_THRESHOLD})`, `${policy.reason} (Konfidenz ${confidence})`]
      : [answer.message === undefined ? policy.reason : `${policy.reason}: ${answer.message}`];
  const term = programme === null ? [] : [`Begriff des Förderprogramms: „${originalSlice(source, programme.index, programme.index + programme[0].length)}“`];
  return { intent: policy.intent, ticket: policy.ticket, reasons: [...head, ...term, ...application.hits.map(describe)] };
};

/** The decision stages in order; the first that decides wins. The last always decides. */
const STAGES: readonly Stage[] = [emptyStage, automatedStage, courtesyStage, applicationStage, knowledgeStage];

/** The score with the own-context rules counted at most CONTEXT_MAX together (rules.ts). */
function capContext(score: Score): Score {
  const context = score.hits.filter((h) => CONTEXT_RULES.has(h.id)).reduce((sum, h) => sum + Math.max(0, h.weight), 0);
  const excess = Math.max(0, context - CONTEXT_MAX);
  return excess === 0 ? score : { ...score, score: score.score - excess };
}

/** The application score; for a question found not German, with the English own-case signals added. */
function applicationScore(prepared: Prepared, answer: AskResult): Score {
  const german = capContext(scoreText(APPLICATION_RULES, prepared.both, prepared.asked));
  if (answer.language === undefined) return german;
  const english = scoreText(FOREIGN_CASE_RULES, prepared.both);
  return { score: german.score + english.score, hits: [...german.hits, ...english.hits] };
}

function decide(input: TriageInput, prepared: Prepared, answer: AskResult): Decision {
  const facts: Facts = { input, prepared, answer, application: applicationScore(prepared, answer) };
  for (const stage of STAGES) {
    const decision = stage(facts);
    if (decision !== null) return decision;
  }
  throw new Error('triage: no stage decided (the knowledge stage always decides)');
}

/** A fresh (non-reply) subject that itself asks something keeps a courtesy-only body from being `other`. */
function subjectCarriesQuestion(prepared: Prepared): boolean {
  if (prepared.isReply || prepared.subject.folded === '') return false;
  if (prepared.subject.folded.includes('?')) return true;
  // A subject of only the programme's name and asking words ("Chat: Integrationsmanagement", "Anfrage") names nothing asked.
  return !isCourtesyOnlyFolded(prepared.subject.folded) && topicWords(prepared.subject.original, '', []).length > 0;
}

function category(prepared: Prepared, ticket: boolean): { category: TicketCategory | null; reason: string | null } {
  if (!ticket) return { category: null, reason: null };
  const { category: found, matched } = categorise(prepared.subject, prepared.body);
  const words = matched.length > 0 ? ` (${matched.slice(0, 3).map((m) => `„${m}“`).join(', ')})` : '';
  return { category: found, reason: `Kategorie ${TICKET_CATEGORY_LABELS[found]}${words}` };
}

/**
 * Decides intent, ticket and category for one enquiry and attaches the knowledge-base answer and the route.
 *
 * @example
 * const result = triage({ channel: 'email', subject: 'Auszahlung', text: 'Die Rate ist bei uns nicht eingegangen.' },
 *   { answerer, router });
 * // result.intent === 'application_matter', result.ticket === true, result.ticketCategory === 'auszahlung'
 */
export function triage(input: TriageInput, deps: TriageDeps): TriageResult {
  const route = deps.router.route(
    { text: typeof input.text === 'string' ? input.text : '', subject: input.subject, from: input.from, signature: input.signature },
    deps.now,
  );
  // The places named serve reading the question; the route passed on keeps its contract shape (CONTRACTS §3).
  const { places, ...shown } = route;
  const prepared = prepare(input, shown);
  const options = places === undefined ? undefined : { places };
  const answer = prepared.question === '' ? EMPTY_ANSWER : askInContext((question) => deps.answerer.ask(question, options), { text: prepared.question, withContext: prepared.withContext });
  const decision = decide(input, prepared, answer);
  const { category: ticketCategory, reason } = category(prepared, decision.ticket);
  return {
    ...(input.id === undefined ? {} : { id: input.id }),
    intent: decision.intent,
    ticket: decision.ticket,
    ticketCategory,
    reasons: reason === null ? decision.reasons : [...decision.reasons, reason],
    answer,
    route: shown,
  };
}
