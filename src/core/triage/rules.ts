/**
 * Scored rule tables for the triage decision (STYLE G4: tables, not if/else chains).
 *
 * Every pattern is written against folded text (lower case, ä→ae, ö→oe, ü→ue, ß→ss; see text.ts)
 * of subject and new message part together. A rule counts at most once, however often it matches.
 *
 * Policy: an enquiry is an application matter when the sum of the matched weights reaches
 * {@link APPLICATION_THRESHOLD}. Positive rules are signals that the requester writes about their own
 * case (possessive + case noun, file number, a dated notice, a request addressed to the RP, attachments,
 * events that already happened, a request for a decision on the own case, the status of one concrete
 * notice or payment: case-rules.ts). Negative rules mark a question about the rules ("Dürfen wir …?",
 * "Sind … förderfähig?"), which stays general even when it says "wir" or "unsere". One strong signal (3)
 * suffices; one medium signal (2) needs a second one; a rule question costs 1 or 2. A request for a
 * decision or a status question about one item (4) outweighs the "Können wir …?" or "Bis wann …?" form it
 * comes in, but not a rule word ("grundsätzlich"). Positive weights add up; of the negative
 * ones only the strongest counts (several rule-question markers are one signal).
 */
import { CASE_REQUEST_RULES } from './case-rules.js';
import { STAFF_RULES } from './staff-rules.js';
import { ATTRIBUTES, CASE_NOUN, GENERAL_WORDS, POSSESSIVE, re, RULE_WORDS, WRONG_DECISION, type TextRule } from './patterns.js';

export type { TextRule } from './patterns.js';

/** Score from which an enquiry counts as an application matter. */
export const APPLICATION_THRESHOLD = 3;

/**
 * Rules that only say whose question it is ("unsere Integrationsmanagerin", "bei uns", "für die Stadt X"): the
 * own context TRIAGE.md lets a rule question carry. Together they count at most {@link CONTEXT_MAX}, below the
 * threshold, so own context alone never makes an application matter; with one case signal it still does.
 */
export const CONTEXT_RULES: ReadonlySet<string> = new Set(['own-staff', 'for-us', 'named-requester']);
export const CONTEXT_MAX = 2;

/** The requester's own staff and posts ("unsere IM"): a weaker signal, rule questions often name them ("unsere Stelle"). */
const STAFF_NOUN = String.raw`(?:\w*(?:stelle|stellen|integrationsmanager|integrationsmanagerin|integrationsmanagerinnen|integrationsmanagern|fachkraft|fachkraefte|mitarbeiterin|mitarbeiter|mitarbeitenden|kollegin|kollege|stellenanteil|stellenanteile|ansprechpartner|ansprechpartnerin)|ims?)\b`;
/** A letter to every municipality (Rundschreiben, Rundmail, Infoschreiben) is no letter in the sender's own matter. */
const CIRCULAR = '(?:rund|info)';
const MONTH = '(?:januar|februar|maerz|april|mai|juni|juli|august|september|oktober|november|dezember)';
const REQUEST_VERB =
  '(?:sagen|nennen|pruefen|ueberpruefen|verlaengern|erlaeutern|erklaeren|mitteilen|bestaetigen|zusenden|senden|schicken|nachsehen|freigeben|auszahlen|anweisen|korrigieren|bearbeiten|ueberweisen|weiterleiten|zukommen|beruecksichtigen|aendern|stornieren|zuruecknehmen)';

/** Request verbs in the imperative "Bitte … Sie" form also include announcing ones. */
const IMPERATIVE_VERB = REQUEST_VERB.replace('(?:', '(?:teilen|informieren|geben|passen|');

/**
 * A rule question starts a clause: at the text start, or after . ? ! : ; a line break or a comma, spaces
 * allowed in between. Written as a look-behind tried only where one of the `first` words starts: a
 * leading `[.?!:;]\s*` would rescan a long run of blank lines from each of its characters (quadratic:
 * 40,000 line breaks took about a second), and a look-behind at every letter costs a pass of its own.
 */
const clauseStart = (first: string): string => String.raw`(?=${first})(?<=^|[.?!:;,\n]\s*)`;

/** Signals for "about the requester's own case" (positive) and "about the rules" (negative). */
export const APPLICATION_RULES: readonly TextRule[] = [
  {
    id: 'own-case-noun',
    weight: 3,
    reason: 'Bezug auf einen eigenen Vorgang',
    pattern: re(String.raw`${POSSESSIVE}${ATTRIBUTES}\s+${CASE_NOUN}`),
  },
  {
    id: 'own-staff',
    weight: 2,
    reason: 'Bezug auf eigenes Personal oder eigene Stelle',
    pattern: re(String.raw`${POSSESSIVE}${ATTRIBUTES}\s+${STAFF_NOUN}`),
  },
  {
    id: 'file-number',
    weight: 4,
    reason: 'Aktenzeichen oder Vorgangsnummer genannt',
    pattern: re(
      String.raw`\b(?:aktenzeichen|geschaeftszeichen|vorgangsnummer|antragsnummer|kassenzeichen|foerderkennzeichen)\b|\baz\b\.?\s*:?\s*[\w/-]*\d|\b(?:unser|ihr)\s+zeichen\b`,
    ),
  },
  {
    id: 'dated-notice',
    weight: 4,
    reason: 'Bezug auf ein bestimmtes Schreiben',
    pattern: re(
      String.raw`\b(?!${CIRCULAR})\w*(?:bescheid|schreiben|mail|nachricht|anhoerung|mitteilung|gespraech|gespraechs|telefonat|telefonats|termin|antrag|antrags|mittelabruf|mittelabrufs)\s+vom\b|\b(?:ihr|ihre|ihrem|ihren|ihres)\s+(?:\w+\s+)?(?!${CIRCULAR})\w*(?:bescheid|schreiben|anhoerung|rueckforderung|anforderung)\w*\b`,
    ),
  },
  {
    id: 'deadline-extension',
    weight: 3,
    reason: 'Bitte um Fristverlängerung',
    pattern: re(
      String.raw`\bfristverlaengerung\w*|\bfrist\w*\b.{0,60}\bverlaeng\w*|\bverlaengerung\s+der\s+\w*frist|\bnicht\s+(?:fristgerecht|rechtzeitig)\b|\b(?:spaeter|verspaetet)\s+(?:\w+\s+){0,2}?(?:abgeben|einreichen|vorlegen|nachreichen|einsenden|melden)\b|\bmehr\s+zeit\b`,
    ),
  },
  ...CASE_REQUEST_RULES,
  {
    id: 'payment-missing',
    weight: 3,
    reason: 'Zahlung fehlt oder stimmt nicht',
    pattern: re(
      String.raw`\b(?:noch\s+)?(?:nicht|keine?n?)\b.{0,40}\b(?:eingegangen|angekommen|ausgezahlt|ueberwiesen|gutgeschrieben|ausbezahlt)\b|\bnoch\s+(?:nicht|keine?n?)\b.{0,40}\b(?:erhalten|bekommen)\b|\bueberzahl\w*|\bzu\s+(?:viel|wenig)\b.{0,30}\b(?:erhalten|bekommen|ausgezahlt|ueberwiesen|bewilligt)\b|\bwarten\s+(?:wir\s+|ich\s+)?(?:\w+\s+){0,4}?auf\s+(?:\w+\s+){0,2}?\w*(?:zahlung|rate|mittel|bescheid|geld|betrag|bewilligung)\w*|\b(?:eingegangen|angekommen|ausgezahlt|ueberwiesen|gutgeschrieben|ausbezahlt)\s+(?:ist|sind|wurde|wurden)\s+(?:\w+\s+){0,2}?(?:nichts|nicht|kein|keine|keinerlei)\b|\b(?:bislang|bisher|noch)\s+(?:ist\s+|sind\s+)?nichts\s+(?:eingegangen|angekommen|ueberwiesen|gutgeschrieben)\b|\b(?:nicht|nichts|kein\w*)\s+(?:\w+\s+){0,2}?auf\s+(?:dem|unserem|unser)\s+konto\b`,
    ),
  },
  {
    id: 'attachment',
    weight: 3,
    reason: 'Unterlagen beigefügt',
    pattern: re(
      String.raw`\banbei\b|\bim\s+anhang\b|\bsiehe\s+(?:anhang|anlagen?)\b|\bin\s+der\s+anlage\b|\bals\s+anlage\b|\bbeigefuegt\w*|\bhiermit\s+(?:\w+\s+){0,2}(?:uebersende|uebersenden|sende|senden|reiche|reichen|beantrage|beantragen|lege|legen|teile|teilen|melde|melden|rufe|rufen)\b`,
    ),
  },
  {
    id: 'documents-sent',
    weight: 3,
    reason: 'Unterlagen übersandt',
    pattern: re(
      String.raw`\b(?:sende|senden|schicke|schicken|uebersende|uebersenden|uebermittle|uebermitteln|reiche|reichen)\s+(?:ich|wir)\s+ihnen\b|\b(?:die|der)\s+(?:gewuenschten|angeforderten|fehlenden|nachgeforderten)\s+(?:unterlagen|belege|nachweise|dokumente|angaben)\b`,
    ),
  },
  {
    id: 'own-failure',
    weight: 3,
    reason: 'Eigenes Versäumnis oder Problem geschildert',
    pattern: re(
      String.raw`\b(?:konnten|koennen|haben|hatten|schaffen|schafften)\s+(?:wir|ich)\b.{0,60}\bnicht\b.{0,40}\b(?:melden|einreichen|vorlegen|abgeben|einhalten|besetzen|nachbesetzen|abrufen|fertigstellen|gemeldet|eingereicht|vorgelegt|abgegeben|eingehalten|besetzt|abgerufen)\b|\b(?:schaffen|schafften|schaff)\s+(?:wir|ich)\s+(?:\w+\s+){0,4}?\w*(?:nachweis|bericht|kennzahlen|frist|termin|abgabe|meldung|vn)\w*\s+(?:\w+\s+)?nicht\b`,
    ),
  },
  {
    id: 'own-plan',
    weight: 2,
    reason: 'Vorhaben zur eigenen Förderung angekündigt',
    // "Wir möchten für 2026 eine zusätzliche halbe Stelle beantragen", "… den Stellenanteil erhöhen", "… die Stelle an
    // einen Wohlfahrtsverband übertragen" (a change of Träger of the approved post, TRIAGE.md). "Wir
    // überlegen …" is no plan yet and stays a rule question.
    pattern: re(
      String.raw`\b(?:wir|ich)\s+(?:moechten|moechte|wollen|will|werden|planen|beabsichtigen|beabsichtige)\b.{0,140}?\b(?:beantragen|aufstocken|erhoehen|reduzieren|verringern|umwidmen|verlaengern|nachbesetzen|umbesetzen|abrufen|zurueckgeben|kuendigen|uebertragen|auslagern)\b`,
    ),
  },
  {
    id: 'needs-from-us',
    weight: 2,
    reason: 'Frage, was das Regierungspräsidium vom Absender braucht',
    // "Welche Unterlagen brauchen Sie bis wann?", "Was müssen wir Ihnen dazu mitteilen?"
    pattern: re(
      String.raw`\b(?:brauchen|benoetigen|erwarten)\s+sie\b(?:\s+\w+){0,3}?\s+(?:von\s+uns|von\s+mir|bis\s+wann|noch)\b|\b(?:was|welche\s+\w+)\s+(?:brauchen|benoetigen)\s+sie\b|\b(?:was|welche\s+\w+)\s+(?:muessen|sollen|muss|soll)\s+(?:wir|ich)\s+ihnen\b`,
    ),
  },
  {
    id: 'needs-from-rp',
    weight: 2,
    reason: 'Frage, ob der Absender im eigenen Fall etwas vom Regierungspräsidium braucht',
    // "Brauchen wir dafür eine Änderung von Ihnen?", "Benötigen wir eine Zustimmung von Ihnen?"
    pattern: re(String.raw`\b(?:brauchen|benoetigen)\s+(?:wir|ich)\b.{0,60}?\bvon\s+ihnen\b`),
  },
  {
    // TRIAGE.md: "Dürfen wir in unserem Fall …" asks for a decision on the own case; like the requests in
    // case-rules.ts it outweighs the "Dürfen wir …?" form it comes in.
    id: 'own-case-phrase',
    weight: 4,
    reason: 'Frage zum eigenen Fall',
    pattern: re(String.raw`\b(?:in|fuer)\s+unserem\s+(?:konkreten\s+|speziellen\s+|besonderen\s+|eigenen\s+)?fall\b|\bbei\s+uns\s+konkret\b`),
  },
  {
    id: 'objection',
    weight: 3,
    reason: 'Widerspruch gegen eine Entscheidung',
    pattern: re(
      String.raw`\b(?:legen|lege|erheben|erhebe)\b.{0,60}\b(?:widerspruch|einspruch)\b|\b(?:widerspruch|einspruch)\b.{0,60}\b(?:einlegen|erheben|ein)\b|\bwidersprechen\s+(?:wir|ich)\b|\bnicht\s+einverstanden\b|\b(?:halten|halte)\b.{0,60}\bfuer\s+${WRONG_DECISION}\b|\bdagegen\s+(?:vorgehen|wehren)\b`,
    ),
  },
  {
    id: 'status-enquiry',
    weight: 2,
    reason: 'Frage nach dem Bearbeitungsstand',
    pattern: re(
      String.raw`\b(?:stand|sachstand|bearbeitungsstand|status|bearbeitung|bearbeitungsdauer)\b.{0,40}\b\w*(?:antrag|antrags|bescheid|bescheids|auszahlung|mittelabruf|mittelabrufs|verwendungsnachweis|verwendungsnachweises)\b|\bwann\s+(?:koennen|duerfen|werden)\s+wir\b.{0,60}\b(?:rechnen|erhalten|bekommen)\b|\bwann\s+(?:erhalten|bekommen)\s+wir\b|\bwann\s+(?:erfolgt|kommt|wird|werden|ist|sind)\b.{0,40}\b(?:auszahlung|zahlung|rate|bescheid|bewilligung|entscheidung)\b`,
    ),
  },
  {
    id: 'request-to-rp',
    weight: 2,
    reason: 'Bitte um eine Handlung',
    pattern: re(
      String.raw`\b(?:(?:koennen|koennten|wuerden|moechten)\s+sie|(?:koennt|koenntet|wuerdet)\s+ihr|(?:kannst|koenntest|wuerdest)\s+du)\b.{0,80}\b${REQUEST_VERB}\b|\bbitte\s+(?:\w+\s+){0,2}?${IMPERATIVE_VERB}\s+sie\b|\b(?:wir|ich)\s+bitten?\b|\bbitten\s+(?:wir\s+)?(?:sie\s+)?um\b`,
    ),
  },
  {
    id: 'own-event',
    weight: 2,
    reason: 'Schilderung eines eigenen Vorgangs',
    pattern: re(
      String.raw`(?:\b(?:wir|ich)\s+(?:haben|hatten|habe|hatte)|\b(?:haben|hatten|habe|hatte)\s+(?:wir|ich)|(?:^|[.!?;:\n]\s*)(?:haben|hatten|habe|hatte)(?!\s+(?:sie|ihr|du|die|der|das|es|man)\b))\b.{0,80}\b(?:eingereicht|erhalten|beantragt|abgerufen|gestellt|eingestellt|bekommen|versandt|verschickt|geschickt|uebersandt|uebermittelt|hochgeladen|vorgelegt|gemeldet|zurueckgezahlt|ueberwiesen)\b|\buns\b.{0,40}\b(?:bewilligt|zugegangen|zugestellt|gewaehrt|zurueckgefordert|gekuerzt|abgelehnt)\b|\b(?:wir|ich)\s+schaffen\b.{0,40}\bnicht\b|\b(?:dass|da|weil|nachdem|als)\s+(?:wir|ich)\b.{0,60}\b(?:eingereicht|erhalten|beantragt|abgerufen|gestellt|eingestellt|bekommen|versandt|geschickt|uebersandt|uebermittelt|vorgelegt|gemeldet|zurueckgezahlt|ueberwiesen)\s+(?:haben|hatten|habe|hatte)\b`,
    ),
  },
  ...STAFF_RULES,
  {
    id: 'action-towards-rp',
    weight: 1,
    reason: 'Handlung gegenüber dem Regierungspräsidium',
    // … also done already: "die Kennzahlen, die wir im Januar an Sie übermittelt haben".
    pattern: re(
      String.raw`\b(?:ihnen|euch)\b.{0,30}\b(?:einreichen|vorlegen|melden|mitteilen|zusenden|schicken|nachreichen|uebermitteln)\b|\bwir\b.{0,40}\ban\s+(?:sie|euch)\s+(?:\w+\s+){0,2}(?:uebermittelt|geschickt|gesendet|eingereicht|uebersandt|zugesandt|zugeschickt|gemeldet)\b`,
    ),
  },
  {
    id: 'your-message',
    weight: 2,
    reason: 'Bezug auf eine Nachricht des Regierungspräsidiums',
    pattern: re(String.raw`\b(?:laut|gemaess|in|zu|auf)\s+(?:ihrer|ihre|ihrem|ihren)\s+(?:e-?mail|mail|nachricht|anfrage|rueckmeldung|anruf|nachforderung)\b`),
  },
  {
    id: 'missing-documents',
    weight: 2,
    reason: 'Fehlende oder nachzureichende Unterlagen',
    pattern: re(
      String.raw`\bfehl(?:en|t)\s+(?:noch\s+)?(?:\w+\s+)?(?:unterlagen|belege|nachweise|angaben|dokumente|unterschriften?)\b|\b(?:wir|ich)\s+(?:\w+\s+){0,5}?nachreichen\b|\breichen\s+wir\b.{0,60}\bnach\b`,
    ),
  },
  { id: 'refund', weight: 1, reason: 'Rückforderung erwähnt', pattern: re(String.raw`\brueckforderung\w*|\bzurueckgefordert|\brueckzahlung\w*`) },
  { id: 'change-request', weight: 1, reason: 'Änderungsantrag erwähnt', pattern: re(String.raw`\baenderungsantrag\w*|\baenderungsmitteilung\w*`) },
  { id: 'drawdown', weight: 1, reason: 'Mittelabruf erwähnt', pattern: re(String.raw`\bmittelabruf\w*|\babruf\s+der\s+\w*mittel|\bmittel\b[^.?!]{0,60}\babrufen\b`) },
  {
    id: 'concrete-date',
    weight: 1,
    reason: 'Konkretes Datum genannt',
    // A day or a month; a year alone ("dass es 2021 einen digitalen Austausch gab", "Weiterführung 2020/2021") dates
    // the programme's history as often as an own case.
    pattern: re(String.raw`\b\d{1,2}\.\s?\d{1,2}\.(?:\d{2,4})?|\b(?:im|am|ab|seit|zum|bis|ende|anfang|mitte)\s+(?:\d{1,2}\.\s*)?${MONTH}\b`),
  },
  { id: 'urgent', weight: 1, reason: 'Dringlichkeit', pattern: re(String.raw`\bdringend\w*|\beilig\w*|\bumgehend\b`) },
  {
    id: 'named-requester',
    weight: 1,
    reason: 'Bezug auf eine bestimmte Kommune',
    pattern: re(String.raw`\b(?:an|fuer|bei)\s+(?:die|den|das|der)\s+(?:stadt|gemeinde|landkreis|kreis|landratsamt|stadtkreis)\s+[a-z]{3,}`),
  },
  { id: 'for-us', weight: 1, reason: 'Bezug auf die eigene Stelle', pattern: re(String.raw`\b(?:fuer|bei|an|von)\s+uns\b`) },
  {
    id: 'rule-modal',
    weight: -1,
    reason: 'Frage nach einer Regel',
    pattern: re(
      String.raw`${clauseStart('duerfen|darf|muessen|muss|koennen|kann|sollen|soll|ist|gilt')}(?:duerfen|darf|muessen|muss|koennen|kann|sollen|soll|ist\s+es|gilt)\s+(?:wir|ich|man|unser\w*|kommunen|gemeinden|landkreise|kreise|staedte|traeger|integrationsmanager\w*|die|der|das|ein|eine|auch|es)\b`,
    ),
  },
  {
    id: 'rule-wh',
    weight: -1,
    reason: 'Frage nach einer Regel',
    pattern: re(
      String.raw`${clauseStart('wie|welche|was|gibt|wer|ab|bis|wo|unter')}(?:wie\s+(?:lang|lange|hoch|viel|viele|oft|gross|umfangreich|ausfuehrlich|funktioniert|berechnet)|welche[rsnm]?|was\s+(?:ist|sind|gilt|bedeutet|versteht|zaehlt)|gibt\s+es|wer\s+(?:ist|darf|kann|muss)|ab\s+wann|bis\s+wann|wo\s+finde|unter\s+welchen)\b`,
    ),
  },
  {
    id: 'rule-howto',
    weight: -1,
    reason: 'Frage nach dem Vorgehen',
    // "wie" at a sentence start (no comma here), checked behind the word so the scan looks for "wie" only.
    pattern: re(String.raw`wie(?<=(?:^|[.?!:;\n])\s*wie)\s+(?:\w+\s+)?(?:ich|man|wir)\b`),
  },
  {
    id: 'rule-indirect',
    weight: -1,
    reason: 'Bitte um eine allgemeine Auskunft',
    // "Können Sie mir erklären, wie der Mittelabruf funktioniert?": a rule question wrapped in a request.
    pattern: re(String.raw`\b(?:sagen|erklaeren|erlaeutern|nennen)\s*,?\s+(?:wie|wo|was|welche[rsnm]?|wer|ob\s+man)\b`),
  },
  {
    // "Können Sie mir das kurz sagen?" after a rule question, "Können Sie uns mitteilen, wie das geregelt ist?", "Können
    // Sie uns den Termin nennen?": a request for the answer, not for an act on the own case.
    id: 'answer-request',
    weight: -2,
    reason: 'Bitte um eine Auskunft',
    pattern: re(
      String.raw`\b(?:koennen|koennten|wuerden)\s+sie\s+(?:mir|uns)\s+(?:das|dies|es|dazu\s+etwas|(?:den|die|das)\s+(?:termin|frist|stichtag|abgabetermin|datum|regelung|regel))\s+(?:\w+\s+){0,2}?(?:sagen|erklaeren|erlaeutern|nennen|beantworten|mitteilen)\b|\b(?:koennen|koennten|wuerden)\s+sie\s+(?:mir|uns)\s+(?:\w+\s+){0,2}?(?:sagen|erklaeren|erlaeutern|mitteilen)\s*,\s*(?:wie|was|welche[rsnm]?)\b`,
    ),
  },
  {
    id: 'rule-consequence',
    weight: -1,
    reason: 'Frage nach den Folgen',
    pattern: re(String.raw`\bwas\s+(?:passiert|geschieht)\b|\bwie\s+wirkt\s+sich\b|\bwelche\s+(?:folgen|auswirkungen)\b|\bhat\s+das\s+(?:folgen|auswirkungen)\b`),
  },
  {
    id: 'rule-words',
    weight: -2,
    reason: 'Frage nach den Förderregeln',
    pattern: re(String.raw`\b${RULE_WORDS}\b`),
  },
  {
    // A question that asks "grundsätzlich" sets its own context aside: what it tells of its own case (the post
    // started in March, the notice came in May) explains why it asks, it asks for the rule.
    id: 'rule-general',
    weight: -3,
    reason: 'Frage nach der allgemeinen Regel',
    pattern: re(String.raw`\b${GENERAL_WORDS}\b`),
  },
];
