/** German texts of the knowledge base's answers (formal "Sie"). */

/** Contact of the programme named when a question is declined. */
export const PROGRAMME_CONTACT = 'integrationsmanagement@rps.bwl.de';

/** Reminder attached to every answer. */
export const REMINDER =
  'Verbindlich sind die VwV und Ihr Zuwendungsbescheid; Einzelheiten bestätigt Ihnen die zuständige Sachbearbeitung.';

/** Explanations for the outcomes other than a confident answer. */
export const MESSAGES = {
  empty: 'Bitte geben Sie eine Frage ein.',
  noTerms:
    'Ihre Eingabe enthält keine Begriffe, nach denen ich suchen kann. Bitte formulieren Sie Ihre Frage mit Stichworten, zum Beispiel „Umfang des Sachberichts“.',
  outOfScope: `Diese Frage betrifft nicht das Förderprogramm Integrationsmanagement, deshalb kann ich sie leider nicht beantworten. Bitte wenden Sie sich dafür an die zuständige Stelle Ihrer Kommune. Bei Fragen zum Förderprogramm erreichen Sie uns unter ${PROGRAMME_CONTACT}.`,
  suggest: 'Ich bin mir nicht sicher, welche Regelung Sie meinen. Meinten Sie eines der folgenden Themen?',
  handover:
    'Dazu habe ich in den Förderregeln keine gesicherte Antwort gefunden. Ihre Frage wird an die zuständige Sachbearbeitung weitergegeben.',
  /** For a question in another language: German first, then English, both with the programme contact. */
  notGerman:
    `Dieser Dienst beantwortet Fragen zum Förderprogramm Integrationsmanagement nur auf Deutsch. Bitte stellen Sie Ihre Frage auf Deutsch oder schreiben Sie an ${PROGRAMME_CONTACT}.\n\n` +
    `This service answers questions about the Integrationsmanagement funding programme in German only. Please ask your question in German or write to ${PROGRAMME_CONTACT}.`,
} as const;
