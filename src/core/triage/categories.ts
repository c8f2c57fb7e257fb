/**
 * Rule tables beside the application-matter signals: programme vocabulary (to overrule a wrong "out of
 * scope") and ticket categories. Patterns are written against folded text (see text.ts).
 */
import { WRONG_DECISION } from './patterns.js';
import type { TicketCategory } from './types.js';

const re = (source: string): RegExp => new RegExp(source, 'i');

/**
 * Words that belong to the programme. When the knowledge base calls a message out of scope although it
 * names one of these, triage does not drop it: a person looks at it (policy in triage.ts). Only words
 * specific to this programme: "Geflüchtete", "Förderprogramm" or "Fortbildung" also occur in questions that
 * really are out of scope (Bürgergeld, other grants).
 */
export const PROGRAMME_TERMS = re(
  String.raw`\b(?:integrationsmanag\w*|pakt\s+fuer\s+integration|vwv|verwaltungsvorschrift\w*|mittelabruf\w*|verwendungsnachweis\w*|sachbericht\w*|kennzahl\w*|bewilligungszeitraum\w*|bewilligungsbescheid\w*|zuwendungsbescheid\w*|integrationsplan\w*|stellenteilung\w*|foerdersatz\w*|foerdersaetze\w*|festbetrag\w*|foerderzeitraum\w*|aenderungsantrag\w*)\b`,
);

/** A ticket category with its keyword stems; a subject hit counts double. Higher priority wins ties. */
export interface CategoryRule {
  category: TicketCategory;
  priority: number;
  patterns: readonly RegExp[];
  /** When any pattern matches, this category wins regardless of the other scores. */
  decisive?: boolean;
}

/**
 * Category policy. Widerspruch only when the requester objects (Widerspruch, Einspruch, "nicht
 * einverstanden", "legen … ein"); a Rückforderung they merely ask about is a payment matter (`auszahlung`),
 * because it concerns the money paid out and is handled with the payments. A "Bescheid" alone names no
 * category (every category has notices); a Kürzung or Rückforderung in it is `auszahlung`. A deadline extension is `frist`
 * even when it names the report it is for (priority over `verwendungsnachweis`).
 */
export const CATEGORY_RULES: readonly CategoryRule[] = [
  {
    category: 'widerspruch',
    priority: 8,
    decisive: true,
    patterns: [/\bwiderspruch\w*|\bwidersprech\w*|\beinspruch\w*/, /\bnicht\s+einverstanden\b/, /\banfecht\w*/, re(String.raw`\bfuer\s+${WRONG_DECISION}\b`)],
  },
  {
    category: 'frist',
    priority: 7,
    patterns: [/\bfristverlaeng\w*/, /\b\w*frist\w*/, /\bverlaeng\w*/, /\bverspaet\w*|\brechtzeitig\b/, /\bspaeter\s+(?:\w+\s+)?(?:abgeben|einreichen|vorlegen|nachreichen)\b|\bmehr\s+zeit\b/, /\bnachfrist\w*|\baufschub\b|\bstundung\w*|\b(?:abgabe|vorlage|einreichung)\b.{0,60}\b(?:verschieb|aufschieb)\w*/],
  },
  {
    category: 'aenderung',
    priority: 6,
    patterns: [/\baenderungsantrag\w*|\baenderungsmitteilung\w*/, /\baenderung\w*|\baendern\b/, /\bstellenumfang\w*|\bvzae\b|\bstellenanteil\w*/, /\baufstock\w*|\berhoeh\w*|\breduzier\w*|\bverringer\w*|\bumwidm\w*/],
  },
  {
    category: 'personal',
    priority: 5,
    patterns: [/\bpersonal\w*|\bstellenbesetzung\w*|\bstellenwechsel\b/, /\bnachbesetz\w*|\bwiederbesetz\w*|\bneubesetz\w*|\bnachfolge\w*/, /\bgekuendigt\b|\bkuendig\w*|\bausgeschieden\b|\bscheidet\b/, /\belternzeit\b|\bmutterschutz\b|\bkrank\w*|\berkrankt\b|\bruhestand\b/, /\beingestellt\b|\bneueinstellung\w*/],
  },
  {
    category: 'auszahlung',
    priority: 4,
    patterns: [/\bauszahlung\w*|\bausgezahlt\b|\bausbezahlt\b/, /\bmittelabruf\w*|\babruf\b/, /\b\w*zahlung\w*|\braten?\b/, /\b\w*ueberwies\w*|\b\w*ueberweis\w*|\beingegangen\b|\bueberzahl\w*|\bgeld\b/, /\bbankverbindung\w*|\bkontoverbindung\w*|\biban\b/, /\brueckforderung\w*|\bzurueckgefordert\b|\brueckzahlung\w*|\bteilbetrag\w*|\bbetrag\b/, /\bkuerz\w*|\bgekuerzt\b/],
  },
  {
    category: 'verwendungsnachweis',
    priority: 3,
    patterns: [/\bverwendungsnachweis\w*|\bvn\b/, /\bsachbericht\w*/, /\bkennzahl\w*/, /\bzahlenmaessig\w*|\bnachweis\w*/],
  },
  {
    category: 'antrag',
    priority: 2,
    // `(?=\w*antr)` first: a word is examined only when it contains "antr" (one scan per word, not three).
    patterns: [/\b(?=\w*antr)(?:(?!aenderungs)\w*antrag\b|(?!aenderungs)\w*antrags\w*|antraege\w*)/, /\bsachstand\b|\bbearbeitungsstand\b/, /\b(?:zuwendungs|bewilligungs|foerder)bescheid\w*/, /\bbewilligung\w*|\bbewilligt\w*/, /\bfoerderantrag\w*|\bneuantrag\w*/],
  },
];
