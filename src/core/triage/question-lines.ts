/**
 * Line-level reading of an enquiry body for question extraction (question-extract.ts): which lines belong to
 * the signature block or a disclaimer rather than to the message, and the salutation at its start. The mail
 * channel already cuts quoted history and splits signatures it can recognise structurally; these tables catch
 * what remains in plain text (Teams, the CLI, signatures without a sign-off). Patterns are written against
 * folded text (lower case, ä→ae, ö→oe, ü→ue, ß→ss; see text.ts).
 */

/** A line-level pattern with an id (for tests and debugging). */
export interface LinePattern {
  id: string;
  pattern: RegExp;
}

/**
 * Lines that are signature, whatever their position: role and contact lines ("i. A.", "Tel.", "www."),
 * postal addresses. A line matching one of these carries no question.
 */
export const SIGNATURE_LINES: readonly LinePattern[] = [
  { id: 'on-behalf', pattern: /^(?:i\.\s?a\.|i\.\s?v\.|im\s+auftrag|in\s+vertretung|gez\.)(?:\s|$)/ },
  { id: 'phone', pattern: /^(?:tel|telefon|fon|fax|telefax|mobil|handy)\b\.?\s*:?\s*[+\d(]/ },
  { id: 'contact', pattern: /^(?:e-?mail|mail|internet|web|homepage|web-?seite)\s*:\s*\S/ },
  // A line that is a web address, or a short label and one ("Internet www.x.de"), not prose ending in a link.
  { id: 'web', pattern: /^(?:\S+\s+){0,2}(?:www\.\S+|https?:\/\/\S+)$/ },
  { id: 'address-only', pattern: /^[\w.+-]+@[\w-]+\.[\w.-]+$/ },
  { id: 'phone-only', pattern: /^\+?[\d][\d\s/().-]{5,}$/ },
  { id: 'postcode', pattern: /^(?:d-)?\d{5}\s+\p{L}[\p{L}\s.()/-]*$/u },
  { id: 'street', pattern: /^[\p{L}.\s-]+(?:str\.|strasse|platz|weg|allee|gasse|ring|markt)\s+\d+\s?\w?$/u },
  { id: 'po-box', pattern: /^postfach\s+\d/ },
  { id: 'device', pattern: /^(?:gesendet\s+(?:von|mit)\s+(?:meinem|outlook|mobil)|von\s+meinem\s+\w+\s+gesendet|sent\s+from\s+my|get\s+outlook\s+for)\b/ },
];

/**
 * Lines that end the message proper: a sign-off on a line of its own ("Freundliche Grüße", "Viele Grüße
 * aus Ulm", "VG") or the signature delimiter ("-- ", RFC 3676; a rule of underscores). What follows is the signature block (lines without a question mark are dropped).
 */
export const CLOSING_LINE =
  /^(?:--\s*$|_{5,}\s*$|(?:mit\s+)?(?:freundlichen|freundliche|viele|vielen|beste|besten|liebe|lieben|herzliche|herzlichen|schoene|schoenen|sonnige|kollegiale|kollegialen)\s+gr(?:uesse|uessen|uss)|gruss|gruesse|mfg|lg|vg|bg|best\s+regards|kind\s+regards|regards|cheers)\b[^?]{0,60}$/;

/**
 * The start of a disclaimer or legal footer ("Diese E-Mail enthält vertrauliche …", "Hinweis: Diese Nachricht
 * ist ausschließlich für den bezeichneten Adressaten bestimmt", "Bitte denken Sie an die Umwelt …"). From
 * the first such line on, nothing belongs to the message.
 */
export const DISCLAIMER_START =
  /\b(?:diese\s+(?:e-?mail|nachricht)\s+(?:enthaelt|ist\s+(?:ausschliesslich|nur|vertraulich)|kann\s+vertrauliche|und\s+(?:ihre|alle)\s+anhaenge)|vertrauliche\s+(?:und\s+\w+\s+)?(?:informationen|inhalte)|nicht\s+der\s+(?:vorgesehene|richtige|beabsichtigte|bezeichnete)\s+(?:adressat|empfaenger)|ausschliesslich\s+fuer\s+den\s+(?:bezeichneten\s+|genannten\s+)?(?:adressaten|empfaenger)|(?:irrtuemlich|versehentlich|faelschlicherweise)\s+erhalten|denken\s+sie\s+an\s+die\s+umwelt|bevor\s+sie\s+(?:diese\s+)?(?:e-?mail|nachricht)\s+ausdrucken|this\s+(?:e-?mail|message)\s+(?:contains|is\s+intended|may\s+contain|and\s+any\s+attachments)|(?:is|are)\s+confidential|informationen\s+zum\s+datenschutz|datenschutzhinweis|haftungsausschluss|disclaimer)\b/;

/**
 * A salutation at the start of the message, up to its comma, exclamation mark or line end ("Sehr geehrte
 * Damen und Herren,", "Hallo liebes RP-Team,", "Guten Tag zusammen!", "Moin"). Original text, any case.
 */
export const SALUTATION =
  /^\s*(?:sehr\s+geehrte|guten\s+(?:tag|morgen|abend|mittag)|gr(?:ü|ue)(?:ß|ss)\s+gott|hallo|liebe[rs]?\s|hi\b|hey\b|moin|servus|gr(?:ü|ue)ezi|dear\b|hello\b)(?:\b(?:dr|prof|fr|hr|med|rer|nat|jur|phil|dipl|ing)\.|\d\.(?=\d)|[^,\n!?.:]){0,80}(?:[,!.:]|\n|$)\s*/i;

/** Words that start the name line of a municipality, an authority, a provider or an office. */
const OFFICE_WORDS =
  '(?:stadt|gemeinde|landratsamt|landkreis|kreis|stadtkreis|stadtverwaltung|gemeindeverwaltung|buergermeisteramt|grosse\\s+kreisstadt|kreisstadt|rathaus|verwaltungsverband|gemeindeverwaltungsverband|zweckverband|amt|fachbereich|fachdienst|fachgebiet|referat|abteilung|dezernat|sachgebiet|sachbearbeitung|stabsstelle|hauptamt|sozialamt|ordnungsamt|personalamt|rechnungsamt|jugendamt|integrationsamt|kaemmerei|stadtkaemmerei|stadtkasse|gemeindekasse|kreiskasse|integrationsbuero|integrationsmanagement|integrationsbeauftragte\\w*|migration|sozialplanung|leitung|buergermeister\\w*|oberbuergermeister\\w*|landrat|landraetin|diakonie|diakonisches|caritas|caritasverband|drk|awo|kreisverband|diakoniewerk)';

/** Lower-case words a name line may contain (connectors in "Amt für Soziales, Jugend und Familie"). */
const NAME_CONNECTORS = new Set(['und', 'fuer', 'fuers', 'im', 'am', 'an', 'der', 'die', 'das', 'des', 'den', 'dem', 'in', 'ins', 'bei', 'beim', 'mit', 'von', 'vom', 'zu', 'zur', 'zum', 'a', 'i', 'd', 'e', 'v', 'ob', 'br', 'opf']);

/** Longest name line, in words ("Stadtverwaltung Aalen, Amt für Soziales, Jugend und Familie" has 9). */
const NAME_LINE_MAX_WORDS = 12;
const NAME_LINE_MAX_CHARS = 120;

const OFFICE_START = new RegExp(`^${OFFICE_WORDS}\\b`);

/**
 * True for a line that names a person, a municipality or an office and says nothing else: every word is
 * capitalised, a number or a connector, it has no question mark and no sentence end. `original` is the line as
 * written (capitals tell nouns and names), `folded` its folded form.
 *
 * @example isNameLine('Stadtverwaltung Aalen, Amt für Soziales, Jugend und Familie', …) // true
 * @example isNameLine('Stadt Kehl möchte wissen, …', …) // false
 */
export function isNameLine(original: string, folded: string): boolean {
  const line = original.trim();
  if (line === '' || line.length > NAME_LINE_MAX_CHARS || /[?]/.test(line) || /[.!]$/.test(line) && !/\b\p{Lu}\.$/u.test(line)) return false;
  const words = line.split(/[\s,;/–—-]+/).filter((w) => w !== '');
  if (words.length > NAME_LINE_MAX_WORDS) return false;
  const foldedWords = folded.trim().split(/[\s,;/–—-]+/).filter((w) => w !== '');
  return words.every((w, i) => /^[\p{Lu}\d("„]/u.test(w) || NAME_CONNECTORS.has((foldedWords[i] ?? '').replace(/[^a-z]/g, '')));
}

/** True for a line that starts with an office or municipality word and is a name line ("Landratsamt Tuttlingen"). */
export function isOfficeLine(original: string, folded: string): boolean {
  return OFFICE_START.test(folded.trim()) && isNameLine(original, folded);
}
