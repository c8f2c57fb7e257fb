/**
 * Application-matter signals about the funded staff (TRIAGE.md: "a change to an approved post …; notice of a
 * personnel change, parental or sick leave of a funded person"). Part of the application table (rules.ts), kept
 * here so each file stays readable.
 */
import { re, type TextRule } from './patterns.js';

/** Personnel changes and absences of the funded staff, and changed details of the grantee the RP must record. */
export const STAFF_RULES: readonly TextRule[] = [
  {
    // A new contact for the grant ("ab dem 1. April ist bei uns eine neue Kollegin … zuständig", "Bitte richten Sie
    // Schreiben zu unserem Zuwendungsverfahren künftig an …"): the case file's addressee changes.
    id: 'contact-change',
    weight: 3,
    reason: 'Mitteilung einer neuen Ansprechperson für den eigenen Vorgang',
    pattern: re(
      String.raw`\b(?:neue|neuer|neuen)\s+(?:ansprechpartner\w*|ansprechperson|kontaktperson)\b|\bist\s+(?:\w+\s+){0,4}?(?:neue|neuer)\s+(?:kollegin|kollege|sachbearbeiter\w*)\b[^.?!]{0,60}\bzustaendig\b|\brichten\s+sie\b[^.?!]{0,60}\bkuenftig\s+an\b`,
    ),
  },
  {
    // Changed bank details for the grant's payments ("Künftige Zahlungen bitte auf die neue IBAN …"): by TRIAGE.md's
    // question, a case worker has to look at this sender's own case (and checks that the notice is genuine).
    id: 'bank-change',
    weight: 3,
    reason: 'Mitteilung einer geänderten Bankverbindung',
    pattern: re(
      String.raw`\b(?:neue|neuen|geaenderte|geaenderten)\s+(?:bankverbindung|kontoverbindung|iban|kontonummer)\b|\b(?:bankverbindung|kontoverbindung|iban)\b[^.?!]{0,60}\b(?:aendert|geaendert|wechselt|gewechselt)\b`,
    ),
  },
  {
    id: 'staff-change',
    weight: 2,
    reason: 'Personalwechsel',
    pattern: re(
      // "nachbesetzungsfähige Stellen" names a kind of post in a rule, not a change.
      String.raw`\b(?:gekuendigt|kuendigung|nachbesetz(?!ungsfaehig)\w*|nachfolger\w*|ausgeschieden|scheidet\b.{0,30}\baus|verlaesst\s+uns|ruhestand|neubesetzung|wiederbesetz\w*|personalwechsel|stellenwechsel)\b`,
    ),
  },
  {
    // TRIAGE.md: "notice of a personnel change, parental or sick leave of a funded person". Told as a fact at the
    // start of a sentence ("Unser geförderter Integrationsmanager ist ab Montag krankgeschrieben."), not asked
    // ("Was passiert, wenn unsere Integrationsmanagerin in Elternzeit geht?").
    id: 'absence-notice',
    weight: 2,
    reason: 'Mitteilung über den Ausfall einer geförderten Person',
    pattern: re(
      String.raw`(?:^|[.!:;\n]\s*)(?:unser|unsere|unserer)\s+(?:\w+\s+){0,3}?(?:ist|sind|wird|werden|geht|gehen|befindet\s+sich|befinden\s+sich)\b[^.?!]{0,60}?\b(?:krankgeschrieben|erkrankt|langzeiterkrankt|elternzeit|mutterschutz)\b`,
    ),
  },
  {
    // A change of an approved post in figures ("von 0,5 auf 0,75 VZÄ erhöhen"): TRIAGE.md "a change to an approved post".
    id: 'post-change',
    weight: 2,
    reason: 'Änderung des Stellenumfangs in Zahlen',
    pattern: re(String.raw`\bvon\s+\d+(?:[,.]\d+)?\s*(?:vz\w*|stellen?|prozent|%)?\s+auf\s+\d+(?:[,.]\d+)?\s*(?:vz\w*|stellen?|prozent|%)`),
  },
  {
    // An absence that is over ("Unsere Integrationsmanagerin war zuletzt sechs Wochen krank. Was empfiehlt das RP …?")
    // is the context of a rule question, not a notice.
    id: 'staff-absence',
    weight: 1,
    reason: 'Ausfall oder unbesetzte Stelle',
    pattern: re(String.raw`(?<!\b(?:war|waren)\b[^.?!,;]{0,40})\b(?:elternzeit|mutterschutz|erkrankt|krank|krankgeschrieben|langzeiterkrankt|vakant|unbesetzt)\b`),
  },
];
