/**
 * Removes personal data from a question before it is kept for the knowledge-gap report or shown as an
 * example (issue 14): e-mail addresses, IBANs, ticket numbers, file numbers (Aktenzeichen), phone numbers,
 * street addresses, postcode + place, and names after a salutation, an introduction or a closing greeting.
 * Pure and deterministic; each kind becomes a German placeholder in brackets, so the question stays readable.
 *
 * Policy: remove too much rather than too little. A number after "Tel." or "Az." goes whatever its shape;
 * a bare digit run goes when it looks like a phone number (leading 0 or +, at least 6 digits). Dates,
 * amounts ("50.000 Euro"), years and VwV numbers ("Nr. 5.2") stay: they carry the question.
 */
import { TICKET_NUMBER_SOURCE } from '../core/ticket-number.js';

export const PLACEHOLDERS = {
  email: '[E-Mail]',
  iban: '[IBAN]',
  ticket: '[Vorgangsnummer]',
  fileNumber: '[Aktenzeichen]',
  phone: '[Telefon]',
  address: '[Adresse]',
  place: '[PLZ Ort]',
  name: '[Name]',
} as const;

const P = PLACEHOLDERS;
const UPPER = 'A-ZÄÖÜ';
const WORD = `[${UPPER}][a-zäöüß]+(?:-[${UPPER}][a-zäöüß]+)*`;
/** A name: one to three capitalised words, with nobiliary particles between them. */
const NAME = `(?:(?:von|van|de|zu|vom)\\s+(?:(?:der|den)\\s+)?)?${WORD}(?:\\s+(?:(?:von|van|de|der|den|zu|vom)\\s+)*${WORD}){0,2}`;
const TITLES = '(?:(?:Dr|Prof|Dipl|Mag|Ing)\\.(?:-[A-Za-zäöü]+\\.?)?\\s*)*';

/** Words after "Frau"/"Herr" that are not names ("Herr der Lage", "Frau Bürgermeisterin" keeps the office). */
const NOT_NAMES = new Set(['Bürgermeister', 'Bürgermeisterin', 'Oberbürgermeister', 'Oberbürgermeisterin', 'Landrat', 'Landrätin', 'Kollege', 'Kollegin', 'Kollegen', 'Kolleginnen', 'Team', 'Zusammen']);

const RULES: [RegExp, (match: string, ...groups: string[]) => string][] = [
  [/[\w.+%-]+@[\w-]+(?:\.[\w-]+)+/g, () => P.email],
  [/\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g, () => P.iban],
  [new RegExp(String.raw`\b${TICKET_NUMBER_SOURCE}\b`, 'gi'), () => P.ticket],
  // A keyword, then the number with its separators ("Az. 15.2-1234/2025", "Aktenzeichen: RPS 15-2 / 88").
  [
    /\b(Az\.?|AZ|Aktenzeichen|Geschäftszeichen|Gz\.?|Ihr Zeichen|Unser Zeichen|Antragsnummer|Antrags-Nr\.?|Förderkennzeichen|Kassenzeichen|Bescheid-Nr\.?)(\s*[:.]?\s*)[A-Za-z]{0,6}[\s-]?\d[\w./-]*(?:\s*[-/]\s*[\w.]*\d[\w./]*)*/g,
    (_m, keyword, sep) => `${keyword}${sep}${P.fileNumber}`,
  ],
  // Free-standing file numbers of the Referat's shape: "15.2-1234/2025", "15-2-8654.12".
  [/\b\d{2}\.\d{1,2}-\d{2,6}(?:[./]\d{1,6})*\b/g, () => P.fileNumber],
  [
    /\b(Tel\.?|Telefon|Fon|Mobil|Handy|Fax|Rufnummer|Durchwahl)(\s*[:.]?\s*)\+?[\d(][\d\s()/.-]{3,}\d/gi,
    (_m, keyword, sep) => `${keyword}${sep}${P.phone}`,
  ],
  [/(?:\+\d{2}[\s-]?(?:\(0\))?[\s-]?|\b0)\d[\d\s()/-]{4,}\d\b/g, (m) => (digits(m) >= 6 ? P.phone : m)],
  // Street and number: "Hauptstraße 12a", "Karl-Benz-Str. 5", "Am Marktplatz 3", "Ruppmannstraße 21".
  [
    new RegExp(
      `(?:\\b(?:Am|An der|Auf der|Im|In der|Zum|Zur)\\s+${WORD}|\\b[${UPPER}][\\wäöüß-]*(?:[Ss]traße|[Ss]trasse|[Ss]tr\\.|[Ww]eg|[Gg]asse|[Pp]latz|[Aa]llee|[Rr]ing|[Dd]amm|[Uu]fer|[Ss]teige|[Ss]teig|[Mm]arkt|[Hh]of|[Pp]fad))\\s+\\d{1,4}(?:\\s?[a-z]\\b|\\s?-\\s?\\d{1,4})?`,
      'g',
    ),
    () => P.address,
  ],
  // Postcode and place: "70565 Stuttgart", "97877 Wertheim am Main", "D-72070 Tübingen".
  [new RegExp(`\\b(?:D-)?\\d{5}\\s+${WORD}(?:\\s+(?:am|an der|im|in der|ob der|bei)\\s+${WORD})?`, 'g'), () => P.place],
  // Names after a salutation: "Frau Dr. Müller", "Herrn Meier-Lang", "Sehr geehrte Frau von der Leyen".
  [
    new RegExp(`\\b(Frau|Herrn?|Hr\\.|Fr\\.)(\\s+)(${TITLES})(${NAME})`, 'g'),
    (m, salutation, space, titles, name) => (NOT_NAMES.has(firstWord(name)) ? m : `${salutation}${space}${titles}${P.name}`),
  ],
  // Introductions: "Mein Name ist Anna Schmidt", "ich heiße Jan Berger", "hier spricht …".
  [new RegExp(`\\b([Mm]ein Name ist|[Ii]ch heiße|[Hh]ier schreibt|[Hh]ier spricht)(\\s+)(${TITLES})(${NAME})`, 'g'), (m, intro, space, titles, name) => (/^[A-ZÄÖÜ]/.test(name) ? `${intro}${space}${titles}${P.name}` : m)],
  // Greetings by first name: "Hallo Anna,", "Liebe Frau …" is covered above, "Lieber Jan,".
  [new RegExp(`\\b(Hallo|Liebe|Lieber|Guten Tag)(\\s+)(${NAME})(?=\\s*[,!\\n])`, 'g'), (m, greeting, space, name) => (NOT_NAMES.has(firstWord(name)) ? m : `${greeting}${space}${P.name}`)],
  // A name on the line after a closing greeting ("Viele Grüße\nAnna Schmidt").
  [new RegExp(`((?:Grüße|Grüßen|Gruß|MfG|Grüssen|Grüsse)[ \\t]*,?[ \\t]*\\n\\s*)(${TITLES})(${NAME})`, 'g'), (_m, closing, titles) => `${closing}${titles}${P.name}`],
];

function digits(text: string): number {
  return text.replace(/\D/g, '').length;
}

function firstWord(text: string): string {
  return text.split(/\s+/)[0] ?? '';
}

/**
 * The text with personal data replaced by placeholders.
 *
 * @example anonymise('Frau Müller, Tel. 0711 904-15200, fragt nach Az. 15.2-1234/2025')
 * // → 'Frau [Name], Tel. [Telefon], fragt nach Az. [Aktenzeichen]'
 */
export function anonymise(text: string): string {
  let out = text;
  for (const [pattern, replace] of RULES) out = out.replace(pattern, replace as (m: string, ...g: string[]) => string);
  return out;
}

/** True when the text still holds something that looks like an address, phone number or e-mail (for tests and checks). */
export function looksPersonal(text: string): boolean {
  return /@[\w-]+\./.test(text) || /\b\d{5}\s+[A-ZÄÖÜ]/.test(text) || /(?:\+\d{2}|\b0)\d[\d\s/-]{6,}\d/.test(text);
}
