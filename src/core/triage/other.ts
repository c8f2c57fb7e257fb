/**
 * Rule tables that recognise messages nobody has to answer: auto-replies (German and English), bounces,
 * newsletters, and messages that are nothing but a greeting or thanks. Patterns are written against folded
 * text (see text.ts). A message is `other` when the weights of one kind reach {@link OTHER_THRESHOLD}:
 * a bounce sender or a typical subject decide alone (3); body phrases need company (1–2), so a
 * real enquiry that mentions "nicht im Büro" is not dropped.
 */

/** What kind of message that needs no answer. */
export type OtherKind = 'auto_reply' | 'bounce' | 'newsletter' | 'receipt' | 'invitation' | 'spam';

/**
 * Where a rule looks: the sender, the subject or the whole body. Header rules (Auto-Submitted, List-Id, …) live
 * in the mail loop guard (channels/email/loop-guard.ts): an Enquiry carries no headers.
 */
export type OtherField = 'from' | 'subject' | 'body';

export interface OtherRule {
  id: string;
  kind: OtherKind;
  field: OtherField;
  weight: number;
  reason: string;
  pattern: RegExp;
}

/** Score per kind from which a message is treated as `other`. */
export const OTHER_THRESHOLD = 3;

export const OTHER_RULES: readonly OtherRule[] = [
  // Sender.
  { id: 'f-daemon', kind: 'bounce', field: 'from', weight: 3, reason: 'Absender ist ein Mailsystem', pattern: /\b(?:mailer-daemon|postmaster|mail-daemon)\b/ },
  { id: 'f-noreply', kind: 'auto_reply', field: 'from', weight: 3, reason: 'Absender ist eine No-Reply-Adresse', pattern: /\b(?:no-?reply|do-?not-?reply|donotreply|nicht-?antworten)\b/ },
  { id: 'f-newsletter', kind: 'newsletter', field: 'from', weight: 3, reason: 'Absender ist ein Newsletter-Verteiler', pattern: /\b(?:newsletter|news|mailing|rundbrief)@/ },
  // Subject.
  {
    id: 's-auto',
    kind: 'auto_reply',
    field: 'subject',
    weight: 3,
    reason: 'Betreff einer automatischen Antwort',
    pattern: /\b(?:abwesenheitsnotiz|abwesenheitsmeldung|abwesenheitsinfo\w*|automatische\s+antwort|autom\.\s*antwort|automatic\s+reply|auto[- ]?reply|autoreply|auto[- ]?response|out\s+of\s+(?:the\s+)?office|urlaubsnotiz|urlaubsabwesenheit|(?:vacation|holiday)\s+(?:reply|response|notice))\b|^\s*(?:abwesend|abwesenheit|ooo)\b/,
  },
  {
    id: 's-bounce',
    kind: 'bounce',
    field: 'subject',
    weight: 3,
    reason: 'Betreff einer Unzustellbarkeitsmeldung',
    pattern: /\b(?:undeliverable|unzustellbar|nicht\s+zustellbar|delivery\s+status\s+notification|delivery\s+(?:failure|failed|has\s+failed)|mail\s+delivery\s+(?:failed|failure|subsystem)|returned\s+mail|failure\s+notice|undelivered\s+mail|zustellung\s+fehlgeschlagen|nichtzustellbar\w*|unzustellbarkeit\w*|nicht\s+zugestellt|zustellung\s+verzoegert|delayed\s+mail|delivery\s+delayed)\b/,
  },
  {
    id: 's-receipt',
    kind: 'receipt',
    field: 'subject',
    weight: 3,
    reason: 'Betreff einer Lese-/Zustellbestätigung oder Terminantwort',
    pattern: /^\s*(?:gelesen|nicht\s+gelesen|zugestellt|read|not\s+read|delivered|lesebestaetigung|angenommen|abgelehnt|mit\s+vorbehalt\s+angenommen|vorbehaltlich|accepted|declined|tentative)\s*:/,
  },
  { id: 's-newsletter', kind: 'newsletter', field: 'subject', weight: 3, reason: 'Betreff eines Newsletters', pattern: /\bnewsletter\b/ },
  // Body: German auto-reply phrases.
  { id: 'b-not-in-office', kind: 'auto_reply', field: 'body', weight: 2, reason: 'Abwesenheitshinweis', pattern: /\b(?:nicht\s+im\s+(?:buero|dienst|hause)|ausser\s+haus|im\s+urlaub|urlaubsbedingt|abwesend|nicht\s+erreichbar|ausserhalb\s+des\s+bueros|auf\s+(?:einer\s+)?dienstreise)\b/ },
  { id: 'b-not-forwarded', kind: 'auto_reply', field: 'body', weight: 2, reason: 'Nachricht wird nicht weitergeleitet', pattern: /\b(?:nachricht|e-?mail|mail)\s+wird\s+nicht\s+(?:weitergeleitet|gelesen|bearbeitet)\b/ },
  {
    id: 'b-back-on',
    kind: 'auto_reply',
    field: 'body',
    weight: 1,
    reason: 'Rückkehrdatum genannt',
    pattern: /\b(?:wieder\s+(?:im\s+buero|erreichbar|(?:fuer\s+sie\s+)?da|im\s+dienst|zurueck)|(?:bin|befinde\s+mich)\s+(?:ab|bis)\b|bis\s+(?:einschliesslich|einschl\.?)\s|zurueck\s+(?:im\s+buero|ab|am))/,
  },
  { id: 'b-thanks-for-mail', kind: 'auto_reply', field: 'body', weight: 1, reason: 'Standardsatz einer Eingangsbestätigung', pattern: /^\W*(?:[\w ,]{0,40}[,.!]\s*)?(?:vielen\s+)?dank\s+fuer\s+ihre\s+(?:e-?mail|nachricht)\b|\b(?:ihre|your)\s+(?:e-?mail|nachricht|message)\s+(?:ist\s+(?:bei\s+uns\s+)?eingegangen|has\s+been\s+received)\b|\bthank\s+you\s+for\s+your\s+(?:e-?mail|message)\b/ },
  { id: 'b-urgent', kind: 'auto_reply', field: 'body', weight: 1, reason: 'Verweis für dringende Fälle', pattern: /\b(?:in\s+dringenden\s+(?:faellen|angelegenheiten)|wenden\s+sie\s+sich\s+(?:bitte\s+)?an|vertret\w*\s+(?:mich|durch))\b/ },
  // "Diese Nachricht wurde automatisch erstellt", not a virus scanner's footer ("… automatisch auf Viren geprüft").
  { id: 'b-automatic', kind: 'auto_reply', field: 'body', weight: 3, reason: 'Automatisch erzeugte Nachricht', pattern: /\b(?:diese\s+(?:e-?mail|nachricht)\s+wurde\s+automatisch\s+(?:erstellt|generiert|erzeugt|versendet|versandt|verschickt|gesendet)|automatisch\s+(?:generierte|erstellte|versandte|erzeugte)\s+(?:e-?mail|nachricht|antwort)|this\s+is\s+an\s+automat(?:ed|ic)\s+(?:reply|response|message))\b/ },
  // Body: English auto-reply phrases.
  { id: 'b-en-ooo', kind: 'auto_reply', field: 'body', weight: 2, reason: 'Abwesenheitshinweis (englisch)', pattern: /\b(?:out\s+of\s+(?:the\s+)?office|i\s+am\s+(?:currently\s+)?(?:out|away|on\s+(?:\w+\s+)?(?:leave|holiday|vacation))|i'?m\s+(?:currently\s+)?(?:out|away|on\s+(?:\w+\s+)?(?:leave|holiday|vacation)))\b/ },
  { id: 'b-en-access', kind: 'auto_reply', field: 'body', weight: 2, reason: 'Kein Zugriff auf E-Mails (englisch)', pattern: /\b(?:with\s+(?:limited|no)\s+access\s+to\s+(?:my\s+)?e-?mails?|(?:upon|after|on)\s+my\s+return|will\s+(?:respond|reply|get\s+back)\s+(?:to\s+you\s+)?(?:as\s+soon\s+as|when|upon|after))\b/ },
  { id: 'b-en-back', kind: 'auto_reply', field: 'body', weight: 1, reason: 'Rückkehrdatum genannt (englisch)', pattern: /\b(?:back\s+in\s+the\s+office|will\s+be\s+back|returning\s+on|return\s+on)\b/ },
  // Body: bounces.
  {
    id: 'b-bounce',
    kind: 'bounce',
    field: 'body',
    weight: 3,
    reason: 'Unzustellbarkeitsmeldung',
    pattern: /\b(?:could\s+not\s+be\s+delivered|delivery\s+(?:has\s+)?failed|konnte\s+nicht\s+(?:zugestellt|uebermittelt)|nicht\s+zugestellt\s+werden|user\s+unknown|mailbox\s+(?:unavailable|full|not\s+found)|recipient\s+address\s+rejected|address\s+not\s+found|550[ -]5\.\d\.\d|permanent\s+(?:error|failure))\b/,
  },
  // Body: newsletters.
  { id: 'b-unsubscribe', kind: 'newsletter', field: 'body', weight: 2, reason: 'Abmeldelink', pattern: /\b(?:unsubscribe|newsletter\s+abbestellen|vom\s+newsletter\s+abmelden|abmelden|abbestellen|austragen)\b/ },
  { id: 'b-browser', kind: 'newsletter', field: 'body', weight: 2, reason: 'Link zur Webansicht', pattern: /\b(?:im\s+browser\s+(?:ansehen|anzeigen|oeffnen|lesen)|view\s+(?:this\s+e-?mail\s+)?in\s+(?:your\s+)?browser|webversion)\b/ },
  { id: 'b-read', kind: 'receipt', field: 'body', weight: 3, reason: 'Lesebestätigung', pattern: /\b(?:wurde\s+am\s.{4,40}\s(?:gelesen|zugestellt)|was\s+read\s+on)\b/ },
  { id: 'b-newsletter', kind: 'newsletter', field: 'body', weight: 1, reason: 'Newsletter erwähnt', pattern: /\bnewsletter\b/ },
  // Spam and phishing (TRIAGE.md "spam"): a full mailbox or an account to confirm, and a link to do it by a deadline.
  { id: 's-spam-mailbox', kind: 'spam', field: 'subject', weight: 2, reason: 'Betreff wie Phishing (Postfach, Konto)', pattern: /\b(?:postfach|mailbox|speicherplatz|speicher)\b.{0,30}\b(?:voll|fast\s+voll|ueberschritten|erreicht|gesperrt|deaktiviert|geloescht)\b|\b(?:konto|zugang|passwort|kennwort)\b.{0,30}\b(?:bestaetigen|verifizieren|gesperrt|abgelaufen)\b/ },
  { id: 'b-spam-link', kind: 'spam', field: 'body', weight: 2, reason: 'Aufforderung, Konto oder Postfach über einen Link zu bestätigen', pattern: /\b(?:bestaetigen|verifizieren|aktualisieren|reaktivieren)\s+sie\b.{0,60}\b(?:konto|postfach|zugang|zugangsdaten|anmeldedaten|passwort|kennwort|e-?mail-?adresse)\b.{0,60}\b(?:link|hier\s+klicken|schaltflaeche)\b/ },
  { id: 'b-spam-user', kind: 'spam', field: 'body', weight: 1, reason: 'Anrede ohne Namen (Nutzer, Kunde)', pattern: /^\W*(?:sehr\s+geehrte[rs]?\s+)?(?:nutzer|kunde|kundin|benutzer|user)\b/ },
  // Advertising ("jetzt 30 % Rabatt", "Antworten Sie einfach mit JA"): spam as well.
  { id: 's-spam-ad', kind: 'spam', field: 'subject', weight: 2, reason: 'Betreff einer Werbung (Rabatt, Gewinnspiel)', pattern: /\b(?:rabatt\w*|sonderangebot\w*|gewinnspiel\w*|gratis)\b|\d\s*(?:%|prozent)\s+(?:sparen|guenstiger)\b|\bjetzt\s+(?:\w+\s+){0,2}?sparen\b/ },
  { id: 'b-spam-ad', kind: 'spam', field: 'body', weight: 2, reason: 'Werbung (Rabatt, Suchmaschinenoptimierung, Antwort mit „Ja“)', pattern: /\b(?:rabatt\w*|sonderangebot\w*|gewinnspiel\w*|seo|suchmaschinenoptimierung)\b|\bnur\s+(?:noch\s+)?(?:diesen|heute|bis)\s+(?:monat|woche|freitag|sonntag)\b|\bantworten\s+sie\s+(?:\w+\s+){0,2}?mit\s+\W{0,2}ja\b/ },
  // Invitations to events (TRIAGE.md: "unrelated invitations" need no answer): an invitation and a registration.
  { id: 's-invitation', kind: 'invitation', field: 'subject', weight: 2, reason: 'Betreff einer Einladung', pattern: /^\s*(?:einladung|save\s+the\s+date|invitation)\b/ },
  {
    id: 'b-invitation',
    kind: 'invitation',
    field: 'body',
    weight: 2,
    reason: 'Einladung zu einer Veranstaltung',
    pattern: /\b(?:laden|lade)\s+(?:wir\s+|ich\s+)?(?:sie|euch|dich)\s+(?:\w+\s+){0,8}?(?:zu|zur|zum)\s+(?:\w+\s+){0,6}?\w*(?:fachtag|tagung|konferenz|veranstaltung|workshop|seminar|webinar|empfang|fest|feier|eroeffnung|netzwerktreffen|austausch|forum|kongress|messe)\w*/,
  },
  { id: 'b-registration', kind: 'invitation', field: 'body', weight: 1, reason: 'Hinweis zur Anmeldung', pattern: /\banmeldung\s+(?:unter|bis|ueber|per)\b|\bmelden\s+sie\s+sich\s+(?:\w+\s+){0,4}?an\b|\bum\s+anmeldung\s+wird\s+gebeten\b/ },
];

/**
 * Words of greetings, thanks and acknowledgement. A message whose new part consists only of these (and no
 * question mark) is `other`: nothing to answer.
 */
export const COURTESY_WORDS: ReadonlySet<string> = new Set(
  (
    'hallo hi hey moin servus gruess gruezi guten tag morgen abend mittag liebe lieber sehr geehrte geehrter ' +
    'damen und herren frau herr team vielen herzlichen besten lieben tausend dank danke dankeschoen merci thanks thank ' +
    'you very much fuer die das den ihre ihren ihnen ihr schnelle schnellen rasche rasche rueckmeldung antwort ' +
    'auskunft info infos information informationen hilfe unterstuetzung muehe nachricht erklaerung ' +
    'hilft hat geholfen weiter uns mir sehr gut super prima toll perfekt klasse alles klar ok okay passt ' +
    'verstanden erledigt gerne schoenen schoenes wochenende gruss gruesse viele beste freundliche freundlichen mit ' +
    'bis bald dann auf wiederhoeren wiedersehen noch einen ein so schon nochmals nochmal vorab im voraus ' +
    'regards best kind cheers great thx hello hi dear all'
  ).split(/\s+/),
);

/** Most words a courtesy-only message may have outside {@link COURTESY_WORDS} (a name, a place). */
export const COURTESY_MAX_OTHER_WORDS = 2;
