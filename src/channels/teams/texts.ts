/**
 * German plain-text replies of the Teams channel (formal "Sie"). Cards live in templates/cards; these are
 * the short notices around them. Kept in one place so wording is reviewed together.
 */

/** Plain-text replies; functions where a value is filled in. */
export const teamsText = {
  turnError: (errorId: string): string =>
    `Entschuldigung, dabei ist etwas schiefgegangen. Bitte versuchen Sie es in einigen Minuten erneut. ` +
    `Falls es wieder passiert, nennen Sie bitte die Fehlernummer ${errorId}.`,
  truncated: (kept: number): string =>
    `Hinweis: Ihre Nachricht war sehr lang; berücksichtigt wurden die ersten ${kept.toLocaleString('de-DE')} Zeichen.`,
  empty: 'Bitte schreiben Sie Ihre Frage als Text. Mit „hilfe“ sehen Sie, wobei ich helfen kann.',
  acknowledged: 'Schreiben Sie mir gern Ihre Frage zum Integrationsmanagement; mit „hilfe“ sehen Sie, wobei ich helfen kann.',
  followUp: (number: string, reopened: boolean): string =>
    reopened
      ? `Danke, Ihre Nachricht ist bei Ticket ${number} eingegangen; das Ticket ist wieder geöffnet.`
      : `Danke, Ihre Nachricht ist bei Ticket ${number} eingegangen.`,
  suppressed: 'Ihre Nachricht ist eingegangen.',
  unknownAction: 'Diese Schaltfläche kenne ich nicht (mehr). Bitte schreiben Sie Ihr Anliegen als Nachricht.',
  invalidAction: 'Die Angaben aus der Karte waren unvollständig. Bitte füllen Sie die Pflichtfelder aus.',
  staffOnly: 'Diese Aktion ist der Sachbearbeitung im RP vorbehalten.',
  feedbackThanks: (helpful: boolean): string =>
    helpful
      ? 'Danke für Ihre Rückmeldung!'
      : 'Danke für Ihre Rückmeldung. Wenn Sie möchten, gebe ich Ihre Frage an die Sachbearbeitung weiter.',
  feedbackCommentThanks: 'Vielen Dank für Ihren Hinweis. Wir prüfen ihn, wenn wir die häufigen Fragen überarbeiten.',
  feedbackCommentEmpty: 'Bitte schreiben Sie Ihren Hinweis in das Feld und senden Sie ihn dann ab.',
  passageUnknown: 'Diese Stelle finde ich nicht mehr. Bitte stellen Sie Ihre Frage noch einmal.',
  municipalityMissing: 'Bitte wählen Sie eine Gemeinde aus oder geben Sie sie ein.',
  municipalityStillUnclear: (number: string): string =>
    `Ich konnte die Gemeinde nicht eindeutig zuordnen. Ticket ${number} bleibt bei der zentralen Eingangsstelle, die es weiterleitet.`,
  municipalityResolved: (number: string, team: string): string =>
    `Danke! Ticket ${number} liegt jetzt bei ${team}.`,
  registered: (scope: string): string =>
    scope === '*'
      ? 'Dieser Kanal erhält ab jetzt die Karten neuer und eskalierter Tickets aller Teams.'
      : `Dieser Kanal erhält ab jetzt die Karten neuer und eskalierter Tickets von ${scope}.`,
  registerNeedsChannel: 'Bitte registrieren Sie einen Kanal oder Gruppenchat, nicht den persönlichen Chat.',
  registerUnknownTeam: (team: string): string => `Das Team „${team}“ kenne ich nicht.`,
  refused: (message: string): string => `Nicht möglich: ${message}`,
  staffNotInDirectory:
    'Ihr Teams-Konto ist keinem Eintrag im Mitarbeiterverzeichnis zugeordnet (teamsAadObjectId). Bitte wenden Sie sich an die Administration.',
  ticketMissing: (number: string): string => `Ticket ${number} gibt es nicht.`,
  staffDone: {
    takeOver: (who: string): string => `Übernommen von ${who}.`,
    reply: (who: string): string => `Antwort gesendet von ${who}.`,
    handOver: (who: string, target: string): string => `Weitergegeben von ${who} an ${target}.`,
    note: (who: string): string => `Interne Notiz von ${who}.`,
    resolve: (who: string): string => `Erledigt durch ${who}.`,
    reopen: (who: string): string => `Wieder geöffnet von ${who}.`,
  },
  escalationBanner: 'Eskaliert: Frist überschritten',
  newTicketSummary: (number: string): string => `Neues Ticket ${number}`,
  staffAnswerSummary: (number: string): string => `Antwort zu Ticket ${number}`,
} as const;
