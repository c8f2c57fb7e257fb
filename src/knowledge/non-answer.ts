/**
 * A lead sentence that answers nothing: the knowledge base's own statement that the asked detail is not known,
 * not confirmed or left to the binding text ("Ob es daneben eine Sachkostenpauschale gibt, ist nicht bestätigt.",
 * "Ein landesweit verbindlicher Betreuungsschlüssel … ist nicht bekannt.", "Antragsfristen und Förderhöhe je
 * Kreis regelt die VwV Digitales Integrationsmanagement; Auskunft gibt das RP Stuttgart."). When such a sentence
 * is what answers the question, the sources leave it open and a person must answer (TRIAGE.md: a rule question
 * the knowledge base cannot answer with confidence): the question is handed over, not answered.
 *
 * A sentence that states a fact and adds a caveat ("… vier Regionalkonferenzen; ob die Netzwerkveranstaltung in
 * Waiblingen dazu zählt, ist nicht bestätigt.") answers: the fact leads, the caveat qualifies it. So does a "not
 * confirmed" sentence that leads only through a synonym or a part of a compound ("Welche Kosten deckt der
 * Festbetrag?" meets "Ob es daneben eine Sachkostenpauschale gibt, …"): it does not speak of what was asked. A caveat
 * that takes back every figure its sentence names ("… nennen Kommunen Sätze zwischen 47.000 und 68.000 Euro …; vom
 * Land sind diese Sätze nicht bestätigt.") leaves the figures open when they are all the passage says for the asked years.
 */
import type { GermanAnalyzer } from './analyzer.js';
import { termsOf } from './compose-analysis.js';
import { overlaps, yearsOf, type YearRange } from './consistency.js';
import type { QueryPlan } from './query.js';

/** An indirect question as the sentence's subject ("Ob …", "Welche …", "Ab welchem Förderjahr …"). */
const INDIRECT_QUESTION = /^(?:ab |seit |bis )?(?:ob|welche[mnrs]?|wann|wie|wer|wo)\b/iu;
/** The sentence's own statement that it is not stated: "…, ist nicht bestätigt.", "…, nennt der Bericht nicht eindeutig". */
const NOT_STATED = /,\s*(?:ist|sind|nennt|nennen)\b[^;]*\bnicht\b(?:\s+(?:amtlich|landesweit|landesseitig|eindeutig))?(?:\s+(?:bestätigt|bekannt|geklärt))?\b/u;
/** "X ist nicht bekannt." as the whole sentence. */
const UNKNOWN = /^[^;,]*\b(?:ist|sind)\s+nicht\s+bekannt\s*\.?$/u;
/** Deferral to the binding text and the RP for exactly the things named. */
const DEFERRED = /\bregelt die VwV\b[^;.]*;\s*Auskunft gibt\b/u;

/**
 * Whether the answering sentence says that the sources do not state what was asked.
 *
 * @example statesNothing('Ob es daneben eine Sachkostenpauschale gibt, ist nicht bestätigt.') // → true
 * @example statesNothing('Insgesamt gab es vier Regionalkonferenzen; ob … dazu zählt, ist nicht bestätigt.') // → false
 */
export function statesNothing(lead: string): boolean {
  const sentence = sentences(lead)[0] ?? '';
  if (DEFERRED.test(sentence)) return true;
  if (UNKNOWN.test(sentence)) return true;
  return INDIRECT_QUESTION.test(sentence) && NOT_STATED.test(sentence);
}

/**
 * A sentence whose figures are all unconfirmed by its own words ("… nennen Kommunen Sätze zwischen 47.000 und
 * 68.000 Euro …; vom Land sind diese Sätze nicht bestätigt."): asked for those figures, it answers nothing. One that
 * confirms a part ("amtlich veröffentlicht ist der Betrag von 51.000 Euro, der höhere ist nicht amtlich bestätigt")
 * does answer.
 */
const ALL_UNCONFIRMED = /\b(?:(?:sind|ist)\s+(?:diese|dieser|dieses|die\s+genannten)\s+\p{L}+\s+nicht\s+(?:amtlich\s+)?bestätigt|(?:diese|die\s+genannten)\s+\p{L}+\s+(?:sind|ist)\s+nicht\s+(?:amtlich\s+)?bestätigt)\b/u;

/** A question about the present ("nach der aktuellen VwV", "derzeit", "heute"): it asks for the latest years a passage names. */
const PRESENT = /\b(?:aktuell\p{L}*|derzeit\p{L}*|gegenwärtig\p{L}*|heute|jetzt|momentan|zurzeit|inzwischen|mittlerweile)\b/iu;
/** An earlier time asked beside it ("in der ersten Förderphase … und ob die aktuell geltenden Sätze …"). */
const EARLIER = /\b(?:erste[nmrs]?|anfangs|anfänglich\p{L}*|früher\p{L}*|damals|ursprünglich\p{L}*|seinerzeit|zu\s+beginn)\b/iu;

/**
 * The passage's sentences about the asked years: those naming a year of the question, or, for a question about the
 * present without a year (and without an earlier time beside it), those naming the latest year the passage names.
 */
function aboutAskedYears(passageText: string, plan: QueryPlan): SentenceFacts[] {
  const dated = factsOf(passageText).filter((f) => f.years.length > 0);
  const asked = plan.facets.years;
  if (asked.length > 0) return dated.filter((f) => overlaps(asked, f.years));
  if (dated.length === 0 || !PRESENT.test(plan.cleaned) || EARLIER.test(plan.cleaned)) return [];
  const latest = Math.max(...dated.flatMap((f) => f.years.map(([from]) => from)));
  return dated.filter((f) => f.years.some(([from]) => from === latest));
}

/**
 * Whether all the passage says for the asked years is unconfirmed ("Welcher Fördersatz gilt nach der VwV 2023?"
 * meets only "Seit der VwV 2023 … nennen Kommunen Sätze …; vom Land sind diese Sätze nicht bestätigt.", whatever
 * sentence about the first years leads).
 */
function onlyUnconfirmed(passageText: string, plan: QueryPlan): boolean {
  const about = aboutAskedYears(passageText, plan);
  return about.length > 0 && about.every((f) => f.unconfirmed);
}

/** The sentences of a text, line breaks of the Markdown source read as spaces. */
const sentences = (text: string): string[] => text.replace(/\s+/gu, ' ').trim().split(/(?<=[.!?])\s/u);

/** What the checks read of a passage's sentences, computed once per text (every answer asks it again). */
interface SentenceFacts {
  text: string;
  nothing: boolean;
  unconfirmed: boolean;
  years: YearRange[];
}

const factsCache = new Map<string, SentenceFacts[]>();
/** Texts kept (the passages of a knowledge base; cleared when full, as after a re-index). */
const MAX_CACHED_TEXTS = 5_000;

function factsOf(text: string): SentenceFacts[] {
  const cached = factsCache.get(text);
  if (cached !== undefined) return cached;
  const facts = sentences(text).map((s) => ({ text: s, nothing: statesNothing(s), unconfirmed: ALL_UNCONFIRMED.test(s), years: yearsOf(s, true) }));
  if (factsCache.size >= MAX_CACHED_TEXTS) factsCache.clear();
  factsCache.set(text, facts);
  return facts;
}

/**
 * How many topic words of the question itself (not only synonyms of them) a sentence names; programme terms
 * (Integrationsmanagement) count only with `programme`, they are named everywhere.
 */
function askedNamed(sentence: string, plan: QueryPlan, analyzer: GermanAnalyzer, programme = false): number {
  const terms = termsOf(sentence, analyzer);
  return plan.groups.filter((g) => !g.generic && (programme || !g.core) && g.own.some((t) => terms.has(t))).length;
}

/** Whether a sentence names a topic word of the question itself, a programme term included. */
const namesAsked = (sentence: string, plan: QueryPlan, analyzer: GermanAnalyzer): boolean => askedNamed(sentence, plan, analyzer, true) > 0;

/** Fewest topic words a "not confirmed" sentence names to speak of the question better than the lead. */
const MIN_OPEN_NAMED = 2;

/**
 * Whether the sources leave open what the question asks: the passage opens by saying that it is not known (a
 * passage written to say so); or the answering sentence states nothing ({@link statesNothing}) and names a
 * topic word of the question itself; or a referral that names more of the question than the lead does has a
 * sentence that states nothing about what was asked; or another sentence states nothing and names more of the
 * question's own words than the lead ("Gibt es neben den Personalkosten eine Pauschale für Sachkosten?" led by
 * the eligible Personal- und Fortbildungskosten, while "Ob es daneben eine Sachkostenpauschale gibt, ist nicht
 * bestätigt." names what was asked).
 */
export function leavesOpen(passageText: string, answer: { lead: string; referral: string | null }, plan: QueryPlan, analyzer: GermanAnalyzer): boolean {
  const facts = factsOf(passageText);
  if (facts[0]?.nothing === true) return true;
  const first = sentences(answer.lead)[0] ?? '';
  if (statesNothing(first) && namesAsked(first, plan, analyzer)) return true;
  if (onlyUnconfirmed(passageText, plan)) return true;
  if (answer.referral !== null && sentences(answer.referral).some((s) => statesNothing(s) && namesAsked(s, plan, analyzer))) return true;
  // The noun the question asks for ("Welche zusätzliche Voraussetzung …?") named as what a sentence says is open: in its
  // subject ("Welche … weitere Voraussetzung … hinzukommen muss, ist nicht bekannt"), not in what it adds after a comma.
  const asked = plan.groups.filter((g) => g.asked === true && !g.generic && !g.core);
  const names = (s: string): boolean => {
    const terms = termsOf(s.split(',')[0]!, analyzer);
    return asked.some((g) => g.own.some((t) => terms.has(t)));
  };
  const open = facts.filter((f) => f.nothing);
  if (open.length === 0) return false;
  if (asked.length > 0 && open.some((f) => names(f.text))) return true;
  const led = askedNamed(first, plan, analyzer);
  return open.some((f) => {
    const named = askedNamed(f.text, plan, analyzer);
    return named >= MIN_OPEN_NAMED && named > led;
  });
}
