/**
 * Application-matter signals for requests that ask the RP to decide or act on the writer's own case, and for
 * status questions about one concrete notice, payment or submission (issue 4 item 1: "Frist verlängern").
 * Part of the application table (rules.ts), kept here so each file stays readable.
 *
 * Policy, by example:
 * - A request for a decision names an actor (wir/ich asking, or Sie asked) and an item of the own case:
 *   "Können wir die Frist für den VN verlängern?", "Können Sie die Zahlung prüfen?", "Können wir eine
 *   Ausnahme bekommen?", "Bitte senden Sie uns den Bescheid erneut zu". It weighs 4, more than one
 *   strong signal, because it is usually phrased as "Können wir …?", which the rule table reads as a rule
 *   question (-1); the request still wins.
 * - A status question asks when, or whether already, the RP acts on one item named with a definite article
 *   or a possessive: "Wann kommt der Bescheid?", "Ist unser Antrag schon bearbeitet?". It weighs 4 as well:
 *   it often comes as "Bis wann …?" or "Gibt es schon …?". With an indefinite article, or a plural of
 *   payments ("die Raten"), it asks about the procedure and stays general: "Wann ist mit einem Bescheid zu
 *   rechnen?".
 * - Impersonal or passive wording has no actor and stays a rule question: "Kann die Frist verlängert
 *   werden?", "Kann man eine Ausnahme beantragen?", and so does a how-to question ("Wie können wir eine
 *   Fristverlängerung beantragen?"). Decided borderline: "Kann die Frist für den Verwendungsnachweis
 *   grundsätzlich verlängert werden?" is general (no actor, no own item, and "grundsätzlich" asks for the
 *   rule); the knowledge base answers it, and the requester then asks for their own extension.
 * - A rule word in the same sentence ("grundsätzlich", "in der Regel") switches both signals off: "Wann
 *   erfolgt die Auszahlung in der Regel?" asks for the schedule.
 */
import { ATTRIBUTES, CASE_NOUN, POSSESSIVE, re, RULE_WORDS, SPECIFIC, type TextRule } from './patterns.js';

/** True at a position whose sentence (up to 100 characters on) carries no rule word. */
const NOT_A_RULE = String.raw`(?![^.?!\n]{0,100}?\b${RULE_WORDS}\b)`;
/** Fillers between the verb and its object ("uns bitte noch einmal den Bescheid"). */
const FILLERS = String.raw`(?:(?:uns|mir|bitte|noch|einmal|nochmal|nochmals|erneut|umgehend|kurz|zeitnah|schnell|auch|dafuer)\s+){0,4}`;
/** An item of the own case, optionally as "den Eingang des …". */
const ITEM = String.raw`(?:eingang\s+(?:des|der|unseres|unserer)${ATTRIBUTES}\s+)?${CASE_NOUN}`;
/** One concrete item: article or possessive, attributes, noun. */
const SPECIFIC_ITEM = String.raw`${SPECIFIC}${ATTRIBUTES}\s+${ITEM}`;
/** What the RP issues or pays (singular: "die Raten" asks for the schedule). */
const ISSUED = String.raw`\w*(?:bescheid|bescheids|bescheides|bewilligung|entscheidung|zahlung|rate|ueberweisung|erstattung|geld)\b`;
/**
 * The funds (a plural, like "die Raten") are the writer's only with a possessive ("unsere Mittel für 2026"): "wurden
 * die Mittel 2017 gleich vollständig ausgezahlt?" asks how the programme paid them out.
 */
const OWN_FUNDS = String.raw`${POSSESSIVE}${ATTRIBUTES}\s+\w*mittel\b`;
const SPECIFIC_ISSUED = String.raw`(?:${SPECIFIC}${ATTRIBUTES}\s+${ISSUED}|${OWN_FUNDS})`;
/**
 * One concrete item whose status one asks about: what the RP issues or pays, or a submission of the case.
 * A plural of countable payments ("die Raten", "die Zahlungen") asks for the schedule and is left out.
 */
const STATUS_ITEM = String.raw`(?:${SPECIFIC_ISSUED}|${SPECIFIC}${ATTRIBUTES}\s+(?:eingang\s+(?:des|der|unseres|unserer)${ATTRIBUTES}\s+)?(?:vn|\w*(?:antrag|antrags|mittelabruf|mittelabrufs|nachweis|nachweises|nachweise|sachbericht|sachberichts|kennzahlen|vorgang|vorgangs|vertrag|vertraege|unterlagen|dokumente|belege))\b)`;
/** What the RP does on request with an item of the case. */
const ACTION_VERB =
  '(?:pruefen|ueberpruefen|nachpruefen|nachsehen|nachschauen|klaeren|verlaengern|verschieben|bestaetigen|zusenden|zuschicken|senden|schicken|uebersenden|uebermitteln|freigeben|auszahlen|anweisen|ueberweisen|korrigieren|berichtigen|bearbeiten|aendern|anpassen|stornieren|zuruecknehmen|aufheben|ausstellen|erteilen|genehmigen|gewaehren|stunden|erlassen|annehmen|akzeptieren|anerkennen)';
/** Verbs that ask the RP to look into something ("Können Sie prüfen, ob …"). */
const CHECK_VERB = '(?:pruefen|ueberpruefen|nachsehen|nachschauen|klaeren|bestaetigen)';
/** Decisions the RP grants to one requester. */
const GRANT_NOUN = String.raw`(?:fristverlaengerung|verlaengerung|fristverschiebung|nachfrist|stundung|aufschub|ausnahme|ausnahmegenehmigung|mehr\s+zeit)`;
/** Copies of a document the RP issued. */
const COPY_NOUN = '(?:zweitschrift|kopie|abschrift|duplikat|zweitausfertigung)';
/** What a requester asks the RP to decide or do on their case ("Bitte um Entscheidung"). */
const DECISION_NOUN = `(?:entscheidung|zustimmung|genehmigung|einverstaendnis|korrektur|berichtigung|ratenzahlung|stundung|${COPY_NOUN}|aenderungsbescheid|freigabe|eingangsbestaetigung)`;
/** Deferring one's own submission or deadline. */
const DEFER =
  String.raw`(?:verlaengern|verschieben|aufschieben|hinausschieben|nachreichen|spaeter\s+(?:\w+\s+)?(?:abgeben|einreichen|vorlegen|melden|einsenden|nachreichen|schicken|senden|liefern))`;
/** Deadline-like nouns beside the case nouns ("die Abgabe verschieben"). */
const DEADLINE_ITEM = String.raw`${SPECIFIC}${ATTRIBUTES}\s+(?:${ITEM}|\w*(?:abgabetermin|abgabe|vorlage|einreichung|zeitraum|zeitraums)\b)`;
/** Past participles and states of an item the RP handles ("ausgezahlt", "raus"). */
const STATUS =
  '(?:ausgezahlt|ausbezahlt|ueberwiesen|angewiesen|verschickt|versandt|versendet|zugestellt|erlassen|erteilt|bearbeitet|geprueft|entschieden|beschieden|bewilligt|genehmigt|freigegeben|gutgeschrieben|eingegangen|angekommen|raus|fertig|abgeschlossen|unterwegs)';
/** Taking something into an item of the case ("in unseren Bescheid aufnehmen", "im Mittelabruf berücksichtigen"). */
const INCLUDE = '(?:aufnehmen|einarbeiten|einbeziehen|ergaenzen|beruecksichtigen|nachtragen|einrechnen|einbauen|uebernehmen)';
/** Asking the RP to act, formally or as colleagues write in Teams ("könnt ihr", "kannst du"). */
const ASKED = String.raw`\b(?:(?:koennen|koennten|wuerden)\s+sie|(?:koennt|koenntet|wuerdet)\s+ihr|(?:kannst|koenntest|wuerdest)\s+du)\b`;
const WE_ASK = String.raw`(?<!\bwie\s)\b(?:koennen|koennten|duerfen|duerften)\s+(?:wir|ich)\b`;

/** Requests for a decision or an action on the writer's own case, and status questions about one item. */
export const CASE_REQUEST_RULES: readonly TextRule[] = [
  {
    id: 'decision-request',
    weight: 4,
    reason: 'Bitte um eine Entscheidung oder Handlung im eigenen Fall',
    pattern: re(
      [
        // "Können Sie (uns) die Zahlung prüfen?", "Bitte senden Sie uns den Bescheid erneut zu."
        String.raw`${ASKED}${NOT_A_RULE}\s+${FILLERS}${SPECIFIC_ITEM}.{0,60}?\b${ACTION_VERB}\b`,
        String.raw`\bbitte${NOT_A_RULE}\s+${ACTION_VERB}\s+sie\s+${FILLERS}${SPECIFIC_ITEM}`,
        // "Können Sie uns den Bescheid erläutern?": a notice the writer received.
        String.raw`${ASKED}${NOT_A_RULE}\s+${FILLERS}${SPECIFIC}${ATTRIBUTES}\s+\w*(?:bescheid|bescheids|bescheides|rueckforderung|kuerzung)\b.{0,40}?\b(?:erlaeutern|erklaeren)\b`,
        // "Können Sie uns für unsere Stelle den höheren Fördersatz bewilligen?" (TRIAGE.md "Können Sie uns genehmigen …").
        String.raw`${ASKED}${NOT_A_RULE}\s+(?:uns|mir)\b.{0,80}?\b(?:bewilligen|genehmigen|gewaehren|zusagen)\b`,
        // "Können Sie die Kosten bitte noch in unseren Bescheid für 2025 aufnehmen?", "Bitte nehmen Sie … in den Antrag auf."
        String.raw`${ASKED}${NOT_A_RULE}.{0,60}?\b(?:in|im|ins)\s+${SPECIFIC_ITEM}.{0,40}?\b${INCLUDE}\b`,
        String.raw`\bbitte\s+(?:nehmen|tragen|arbeiten|rechnen)\s+sie${NOT_A_RULE}\b.{0,60}?\b(?:in|im|ins)\s+${SPECIFIC_ITEM}.{0,40}?\b(?:auf|ein|nach)\b`,
        // "Können Sie prüfen, ob die Rate angewiesen wurde?", "Bitte prüfen Sie, ob …"
        String.raw`(?:${ASKED}\s+${FILLERS}|\bbitte\s+)${CHECK_VERB}(?:\s+sie)?\b${NOT_A_RULE},?\s+(?:ob|dass|wann|warum|wieso|weshalb)\s+(?:\w+\s+){0,2}?${SPECIFIC_ITEM}`,
        // "Können wir die Frist für den VN verlängern?", "Dürfen wir den Sachbericht später abgeben?"
        String.raw`${WE_ASK}${NOT_A_RULE}\s+(?:\w+\s+){0,3}?${DEADLINE_ITEM}.{0,60}?\b${DEFER}\b`,
        // "Können wir eine Ausnahme bekommen?", "Können Sie uns eine Fristverlängerung gewähren?"
        String.raw`${WE_ASK}${NOT_A_RULE}.{0,40}?\b${GRANT_NOUN}\b.{0,40}?\b(?:bekommen|erhalten|beantragen|kriegen|haben)\b`,
        String.raw`${ASKED}${NOT_A_RULE}.{0,40}?\b${GRANT_NOUN}\b.{0,40}?\b(?:gewaehren|einraeumen|genehmigen|geben|machen|erteilen|zugestehen)\b`,
        // "Wir bitten um eine Ausnahme", "um Prüfung der Zahlung", "für uns eine Fristverlängerung".
        String.raw`\b(?:bitten?|beantragen?)${NOT_A_RULE}\s+(?:wir\s+|ich\s+)?(?:sie\s+)?(?:hiermit\s+)?(?:hoeflich\s+)?(?:um\s+)?(?:eine\s+|die\s+)?(?:\w+(?:e|en)\s+)?${GRANT_NOUN}\b`,
        String.raw`\bum\s+(?:die\s+)?(?:pruefung|ueberpruefung|bestaetigung|zusendung|uebersendung|korrektur|berichtigung|freigabe|auszahlung)\s+(?:des|der|unseres|unserer)${ATTRIBUTES}\s+${ITEM}`,
        String.raw`\bfuer\s+uns\s+(?:eine|einen)\s+${GRANT_NOUN}\b|\b(?:eine|einen)\s+${GRANT_NOUN}\s+fuer\s+uns\b`,
        // "Bitte um Entscheidung", "wir bitten um Ihre Zustimmung", "Bitte um Zweitschrift (des Bescheids)".
        String.raw`\b(?:bitte|bitten|erbitten)${NOT_A_RULE}\s+(?:wir\s+|ich\s+)?(?:sie\s+)?(?:hiermit\s+)?um\s+(?:ihre\s+|eine\s+|die\s+|den\s+)?(?:\w+(?:e|en)\s+)?${DECISION_NOUN}\b`,
        // "Könnten Sie uns eine Kopie des Bescheids zusenden?": a copy of a document of the own case (not of the VwV).
        String.raw`${ASKED}${NOT_A_RULE}.{0,60}?\b${COPY_NOUN}\s+(?:des|der|unseres|unserer|ihres|ihrer)${ATTRIBUTES}\s+${ITEM}.{0,80}?\b(?:zusenden|zuschicken|senden|schicken|uebersenden|uebermitteln|ausstellen|zukommen)\b`,
      ].join('|'),
    ),
  },
  {
    id: 'item-status',
    weight: 4,
    reason: 'Frage nach dem Stand eines bestimmten Bescheids, einer Zahlung oder eines Antrags',
    pattern: re(
      [
        // "Wann kommt der Bescheid?", "Wann erhalten wir die zweite Rate?", "Wann ist mit dem Bescheid zu rechnen?"
        String.raw`\bwann${NOT_A_RULE}\s+(?:kommt|kommen|erfolgt|erfolgen|geht|gehen|trifft|treffen|erhalten\s+(?:wir|ich)|bekommen\s+(?:wir|ich))\s+(?:\w+\s+){0,2}?${SPECIFIC_ISSUED}`,
        String.raw`\bwann${NOT_A_RULE}\s+(?:ist|sind|koennen\s+(?:wir|ich)|duerfen\s+(?:wir|ich)|kann\s+ich)\s+(?:\w+\s+){0,2}?mit\s+${SPECIFIC_ISSUED}`,
        // "Wann wird der Antrag bearbeitet?", "…, wann die Zahlung erfolgt."
        String.raw`\bwann${NOT_A_RULE}\s+(?:wird|werden|ist|sind|wurde)\s+(?:\w+\s+){0,2}?${STATUS_ITEM}.{0,40}?\b${STATUS}\b`,
        String.raw`\bwann${NOT_A_RULE}\s+${STATUS_ITEM}.{0,40}?\b(?:kommt|kommen|erfolgt|eingeht|eintrifft|${STATUS})\b`,
        // "Ist unser Antrag schon bearbeitet?", "Wurde die Rate überwiesen?", "Haben Sie den Sachbericht erhalten?"
        // "Sind die Arbeitsverträge und der Qualifikationsnachweis unserer neuen Kollegin inzwischen angekommen?"
        String.raw`\b(?:ist|sind)${NOT_A_RULE}\s+${STATUS_ITEM}[^.?!]{0,80}?\b(?:schon|bereits|inzwischen|mittlerweile|endlich|jetzt)\b.{0,30}?\b${STATUS}\b`,
        String.raw`\b(?:wurde|wurden)${NOT_A_RULE}\s+${STATUS_ITEM}.{0,40}?\b${STATUS}\b`,
        String.raw`\bhaben\s+sie${NOT_A_RULE}\s+${STATUS_ITEM}.{0,40}?\b(?:erhalten|bekommen|${STATUS})\b`,
        // What the writer sent, named before: "wir hatten unseren … geschickt – ist der bei Ihnen angekommen?"
        String.raw`\b(?:ist|sind)\s+(?:der|die|das|er|sie|es)\s+(?:\w+\s+){0,2}?bei\s+ihnen\s+(?:\w+\s+){0,2}?(?:angekommen|eingegangen)\b`,
        String.raw`\bhaben\s+sie\s+(?:ihn|sie|es|den|die|das)\s+(?:\w+\s+){0,2}?(?:erhalten|bekommen)\b`,
        // Waiting for the RP on the writer's own earlier message: "seit sechs Wochen warten wir auf eine Reaktion auf
        // unsere Nachfrage zum …", "noch keine Antwort auf unsere Mail vom …".
        String.raw`\bwarten\s+(?:wir|ich)\b.{0,40}?\bauf\s+(?:eine|ihre|die)?\s*(?:reaktion|antwort|rueckmeldung)\s+(?:auf|zu)\s+(?:unsere|meine)[mnrs]?\b`,
        String.raw`\b(?:keine|noch\s+keine)\s+(?:reaktion|antwort|rueckmeldung)\s+(?:auf|zu)\s+(?:unsere|meine)[mnrs]?\s+(?:\w*anfrage|\w*nachfrage|e-?mail|mail|schreiben|nachricht|antrag)\b`,
        // The same the other way round: "auf unsere letzte Mail kam keine Reaktion".
        String.raw`\bauf\s+(?:unsere|meine)[mnrs]?\s+(?:\w+\s+)?(?:\w*anfrage|\w*nachfrage|e-?mail|mail|schreiben|nachricht)\s+(?:kam|kamen|kommt|gab\s+es|gibt\s+es)\s+(?:\w+\s+){0,2}?(?:keine|keinerlei)\s+(?:reaktion|antwort|rueckmeldung)\b`,
        // One item of the own case reported overdue: "Die Zahlung für unsere Stelle ist seit Wochen überfällig."
        String.raw`${SPECIFIC_ISSUED}${NOT_A_RULE}[^.?!]{0,80}?\b(?:ist|sind)\s+(?:\w+\s+){0,3}?(?:ueberfaellig|immer\s+noch\s+ausstehend|noch\s+ausstehend)\b`,
      ].join('|'),
    ),
  },
];
