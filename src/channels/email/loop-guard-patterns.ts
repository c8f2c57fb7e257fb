/**
 * Wordings that mail systems use for what they generate automatically (the loop guard's subject and text
 * patterns). Each names the mechanism, in the languages the mailbox sees: German, English and the stock
 * phrases of the common mail servers. Subject patterns are anchored at the start: a person forwarding a
 * bounce ("WG: Unzustellbar: …") or replying to an out-of-office notice ("AW: Abwesenheitsnotiz") is answered.
 * @internal
 */

/** Vacation and out-of-office notices (Exchange/Outlook, Gmail, Lotus Notes "AUTO: … is out of the office", …). */
export const AUTO_REPLY_SUBJECT = new RegExp(
  [
    // German notices as the servers write them: the phrase, then a colon (or nothing, or a bracket); a person's
    // "Automatische Antwort fehlt – ist meine Mail angekommen?" is answered.
    String.raw`^\s*(Automatische Antwort|Automatische Abwesenheits\S*|Abwesenheitsnotiz|Abwesenheitsmeldung|Abwesenheitsnachricht|Urlaubsabwesenheit|Urlaubsnotiz)\s*(:|$|\()`,
    String.raw`^\s*(Abwesend|Abwesenheit|Außer Haus|Nicht im (Büro|Haus|Hause)|Im Urlaub)\s*:`,
    String.raw`^\s*(Automatic reply|Auto(matic|mated)?[- ]?(Reply|Response|Responder|Antwort)|Autoreply|Autoresponse|Out of (the )?Office|OOO\b|On vacation|Vacation (reply|notice|message)|Away from (the|my) (office|desk|e-?mail))`,
    String.raw`^\s*(Réponse automatique|Risposta automatica|Respuesta automática|Automatisch antwoord|Autosvar|Automatisk svar|Fuori sede|Absence du bureau)`,
    String.raw`\b(is|am) out of (the )?office\b`,
    String.raw`\((returning|Rückkehr am|zurück am)\b`,
  ].join('|'),
  'i',
);

/** Lotus Notes marks its automatic replies "AUTO: …" in capitals (a person may write about an "Auto:"). */
export const LOTUS_AUTO_SUBJECT = /^AUTO:\s/;

/** Delivery failures and delays (sendmail "Returned mail: see transcript for details", Postfix, Exchange, …). */
export const BOUNCE_SUBJECT = new RegExp(
  String.raw`^\s*(` +
    [
      'Returned mail',
      'Mail returned',
      'Undelivered Mail',
      'Undeliverable',
      'Undelivered',
      'Delivery Status Notification',
      'Delivery Notification',
      'Delivery (Failure|failed|has failed|error|problem|report)',
      'Failure notice',
      'Fail(ed|ure) delivery',
      '(E-?)?Mail delivery (failed|failure|error|problem|report)',
      'Mail System Error',
      'Message (delivery (failed|failure|has failed)|not delivered|could not be delivered|undeliverable)',
      'Non[- ]?deliver(y|able)',
      'Permanent Delivery Failure',
      String.raw`Warning\W+(could not send|message .{0,80} delayed)`,
      'Delayed Mail',
      '(Mail|Message) could not be delivered',
      'Unable to deliver',
      'Returned to sender',
      'Automatically rejected mail',
      'Übermittlungsstatusbenachrichtigung',
      'Benachrichtigung zum Übermittlungsstatus',
      // The same notice as Exchange and other servers localise it.
      'Non remis',
      'Échec de la remise',
      'Non recapitabile',
      'No se puede entregar',
      'Onbestelbaar',
      String.raw`Não (é possível )?entreg\w*`,
    ].join('|') +
    String.raw`)\b` +
    // German notices that a person might also start a subject with ("Zustellung nicht möglich – Bescheid?") count only
    // in the servers' form: the phrase, then a colon and the original subject.
    String.raw`|^\s*(Unzustellbar|Nicht zustellbar|Unzustellbare (Nachricht|E-Mail)|Zustellung (fehlgeschlagen|nicht möglich)|Fehler bei der (Zustellung|Nachrichtenzustellung)|Nachricht (konnte nicht zugestellt werden|nicht zugestellt))\s*(:|$)` +
    String.raw`|^\s*\S{0,20}(配信できません|配信不能|配信エラー|送信エラー|エラー通知|未送達)`,
  'i',
);

/** Stock phrases of delivery reports sent as plain text, and DSN fields written inline. */
export const BOUNCE_TEXT = new RegExp(
  [
    'This is the mail system at host',
    'This message was created automatically by mail delivery software',
    'This is the qmail-send program',
    "I'm afraid I wasn't able to deliver your message",
    'The following addresses had permanent fatal errors',
    'The original message was received at .{0,80}from',
    'Delivery has failed to these recipients or (groups|distribution lists)',
    'Your message did not reach some or all of the intended recipients',
    'could not be delivered to one or more (of its )?recipients',
    'This is an automatically generated Delivery Status Notification',
    'Delivery to the following recipients? (failed|has been delayed)',
    'Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen',
    'Requested action not taken',
    // An SMTP reply with an enhanced status code ("550 5.1.1", "554-5.7.1"): only mail servers write these.
    String.raw`\b5\d\d[ -]#?5\.\d{1,3}\.\d{1,3}\b`,
    'Ihre Nachricht hat einige oder alle Empfänger nicht erreicht',
    String.raw`^Final-Recipient:\s*rfc822;`,
    String.raw`^Diagnostic-Code:\s*smtp;`,
  ].join('|'),
  'im',
);

/** Abuse and spam complaints (feedback loops) that do not come as multipart/report. */
export const COMPLAINT_SUBJECT =
  /^\s*(complaint about message from|abuse report\b|spam (complaint|report)\b|e-?mail feedback report|feedback[- ]loop|\[?spamcop\b|abuse notification|report of abuse|spam-?beschwerde|missbrauchs(meldung|beschwerde))/i;

/** ARF fields written into a plain text body ("Feedback-Type: abuse"). */
export const FEEDBACK_FIELDS = /^[ \t]*Feedback-Type:\s*[\w-]+[ \t]*$/im;

/** Verification requests of challenge/response spam filters. */
export const CHALLENGE_SUBJECT =
  /^\s*(please (confirm|verify) your (e-?mail|message|request|address)|confirm your (e-?mail|message)|(sender|e-?mail|message|address) verification( request| required)?\b|verify your (e-?mail|message|address)|your (e-?mail|message) (requires|needs|is awaiting) (verification|confirmation|your confirmation)|\[spam ?arrest\]|challenge[- ]response|bitte bestätigen Sie Ihre (E-?Mail|Nachricht|Adresse)|Absender[- ]?verifi(zierung|kation))/i;
