/**
 * Own-case signals for enquiries written in English (TRIAGE.md: an application matter is one whatever its
 * language). The knowledge base answers only German questions and says so in German and English; a request
 * about the writer's own grant in English still needs a case worker, who reads it and answers in German.
 *
 * The table reads folded text (text.ts) and is applied only when the question was judged not German, so a
 * German enquiry quoting an English phrase scores as before. Rule questions in English stay with the
 * language note: "Is parental leave cover eligible?" names no own item; "our project" alone (2 points) stays
 * below the threshold, as "unser Projekt" alone does in German.
 */
import { re, type TextRule } from './patterns.js';
import type { Intent } from './types.js';

/**
 * The programme named in a question not in German: in English ("integration management", "integration managers"),
 * French, Turkish, Ukrainian or Russian (folded text: "gestion de l'integration", "entegrasyon yoenetimi",
 * "інтеграціиного менеджменту").
 */
export const FOREIGN_PROGRAMME_TERMS =
  /\bintegration\s+manag\w*|\bpact\s+for\s+integration\b|\bgestion(?:naires?)?\s+de\s+l['’]\s?integration\b|\bmanagers?\s+d['’]\s?integration\b|\bentegrasyon\s+(?:yoenetim|yonetim|mued|mud)\w*|(?<!\p{L})(?:інтеграці|интеграци)\p{L}*\s+менедж\p{L}*/u;

/**
 * The decision on a question about the programme not written in German: the reply (in German and English) asks for
 * the question in German and names the contact. That is its answer; no case worker needs to look at it (an own-case
 * matter written in English is one by the rules below).
 */
export const NOT_GERMAN_PROGRAMME: { intent: Intent; ticket: boolean; reason: string } = {
  intent: 'general_question',
  ticket: false,
  reason: 'Frage zum Förderprogramm, nicht auf Deutsch: die Antwort bittet auf Deutsch und Englisch um die Frage auf Deutsch und nennt den Kontakt',
};

/**
 * Documents, money and decisions of one's own case, in English, and the programme's German document names that
 * writers of English keep ("our Sachbericht").
 */
const CASE_ITEM = String.raw`(?:grant|grants|application|applications|funding|funds|(?:funding\s+)?notice|decision|award|approval|payment|payments|install?ments?|tranche|reimbursement|claim|report|statement|proof\s+of\s+use|budget|deadline|post|position|project|file|case|contract|sachbericht\w*|verwendungsnachweis\w*|mittelabruf\w*|bescheid\w*|antrag|antraege|zuwendungsbescheid\w*)`;

/** What the RP pays or issues, whose arrival or date one asks about. */
const ISSUED_ITEM = String.raw`(?:payment|install?ment|tranche|grant|funds|money|notice|decision|approval|reimbursement|transfer)`;

/**
 * Own-case signals in English (rules.ts: 3 points make an application matter). A reference number or a change
 * of a funded post decides alone; a missing payment, a status question or a request needs a second signal
 * (mostly "our grant", "our application"), so English spam ("we have not received your payment") stays out.
 */
export const FOREIGN_CASE_RULES: readonly TextRule[] = [
  {
    id: 'en-own-item',
    weight: 2,
    reason: 'Eigener Vorgang (englisch)',
    pattern: re(String.raw`\b(?:our|my)\s+(?:[a-z0-9-]+\s+){0,2}?${CASE_ITEM}\b`),
  },
  {
    id: 'en-not-received',
    weight: 2,
    reason: 'Zahlung oder Schreiben nicht erhalten (englisch)',
    pattern: re(
      String.raw`\b(?:ha(?:ve|s|d)\s+not|haven'?t|hasn'?t|did\s+not|didn'?t)\s+(?:yet\s+)?(?:received|got|been\s+(?:paid|received|transferred|credited))\b|\b(?:still|is|are)\s+(?:missing|outstanding|pending)\b|\bstill\s+waiting\s+for\b|\bnot\s+(?:yet\s+)?heard\s+(?:back|anything|from\s+you)\b|\bno\s+(?:reply|response|answer|news)\s+(?:yet|so\s+far)\b`,
    ),
  },
  {
    id: 'en-status',
    weight: 2,
    reason: 'Frage nach dem Stand eines eigenen Vorgangs (englisch)',
    pattern: re(String.raw`\bwhen\s+(?:will\s+)?(?:our|my|the)\s+(?:[a-z0-9-]+\s+){0,2}?${ISSUED_ITEM}\s+(?:will\s+be|be|is|arrive|come)|\b(?:status|progress)\s+of\s+(?:our|my)\b|\b(?:let\s+us\s+know|tell\s+us|update\s+us\s+on)\s+(?:the\s+)?(?:current\s+)?(?:status|state\s+of\s+play)\b`),
  },
  {
    id: 'en-request',
    weight: 2,
    reason: 'Bitte um Entscheidung oder Bearbeitung im eigenen Fall (englisch)',
    pattern: re(
      String.raw`\b(?:could|can|would|will)\s+you\s+(?:please\s+)?(?:kindly\s+)?(?:check|confirm|extend|postpone|send|resend|pay|transfer|correct|approve|grant|process|release)\s+(?:us\s+)?(?:our|my|the)\b|\b(?:extension|postponement)\s+of\s+(?:our|my|the)\s+(?:[a-z-]+\s+){0,2}?deadline\b|\bextend\s+(?:our|my|the)\s+deadline\b`,
    ),
  },
  {
    // "We sent you our report … Could you confirm that you have received it?" (as receipt in case-rules.ts).
    id: 'en-receipt',
    weight: 2,
    reason: 'Frage nach dem Eingang eines eigenen Schreibens (englisch)',
    pattern: re(
      String.raw`\bconfirm\s+(?:the\s+)?(?:receipt|that\s+you\s+(?:have\s+|had\s+)?(?:received|got))\b|\b(?:did|have|has)\s+you\s+(?:already\s+)?(?:received|receive|got|get)\s+(?:our|my)\b` +
        // "Could you confirm that the documents have arrived?", "Has our report reached you?"
        String.raw`|\b(?:confirm\s+(?:that|whether|if)|(?:have|has|did))\s+(?:the|our|my)\s+(?:[a-z-]+\s+){0,2}?(?:(?:have|has)\s+)?(?:arrived|arrive|reached\s+you|reach\s+you|been\s+received)\b`,
    ),
  },
  {
    // "Last week we sent the Verwendungsnachweis for our two integration managers by post."
    id: 'en-sent',
    weight: 2,
    reason: 'Eigenes Schreiben eingereicht (englisch)',
    pattern: re(String.raw`\b(?:we|i)\s+(?:have\s+|had\s+)?(?:already\s+)?(?:sent|submitted|mailed|posted|uploaded|handed\s+in)\s+(?:you\s+)?(?:the|our|my)\s+(?:[a-z-]+\s+){0,2}?${CASE_ITEM}\b`),
  },
  {
    id: 'en-reference',
    weight: 3,
    reason: 'Aktenzeichen oder Vorgangsnummer genannt (englisch)',
    pattern: re(String.raw`\b(?:file|reference|case|application)\s+(?:number|no\.?|ref\.?)\s*:?\s*[a-z0-9]|\baktenzeichen\b`),
  },
  {
    id: 'en-staff-change',
    weight: 3,
    reason: 'Änderung bei einer geförderten Stelle (englisch)',
    pattern: re(
      String.raw`\b(?:our|my)\s+(?:[a-z-]+\s+){0,2}?(?:manager|employee|colleague|staff\s+member)\s+(?:\([^)]{0,30}\)\s+)?(?:is|will\s+be|has\s+(?:gone|been)|went|(?:will\s+)?(?:start|begin|go|take)s?|is\s+(?:starting|beginning|going|taking))\s+(?:on\s+)?(?:parental|maternity|paternity|sick)\s+leave\b|\b(?:our|my)\s+(?:[a-z-]+\s+){0,2}?(?:manager|employee|colleague)\s+(?:has\s+)?(?:left|resigned|quit)\b`,
    ),
  },
];
