/**
 * The units of a question a passage may cover (its words, or the parts of a compound the knowledge base does not
 * know as a whole), each with its idf weight and whether it carries the topic. Pure.
 */
import type { SearchIndex } from './index.minisearch.js';
import type { QueryPlan } from './query.js';
import { refersBack } from '../core/triage/question-sentences.js';
import { foldWord } from './german.js';

/** One unit of the question that a passage may cover: a word, or one part of an unknown compound. */
export interface Unit {
  /** The question's word (folded), shared by the parts of a compound. */
  word: string;
  weight: number;
  /** A noun (or compound part) the knowledge base never mentions, no generic word (Datum, Nov.): Supervision, Dolmetscher, a place name. */
  unknownNoun: boolean;
  /** True when a hit with these matched groups and terms covers the unit. */
  covered: (groups: ReadonlySet<number>, terms: ReadonlySet<string>) => boolean;
  /** A word carrying the question's topic: a noun (or compound part) that is no generic word. */
  central: boolean;
  /**
   * Weight among the central words: its idf, or for a word the corpus does not use, the mean idf of the strict
   * terms it does use, so that a word named by common synonyms (Kollegin → Personal) weighs like them.
   */
  centralWeight: number;
  /** A content word other than a generic one (the central words of a question without nouns). */
  specific: boolean;
  /**
   * Terms by which a passage covers the unit in its own words: the word's base term, its variants and synonyms,
   * without broader terms (Nachweis for Verwendungsnachweis, Bericht for Sachbericht).
   */
  strict: string[];
  /** The word's own terms among `strict` (no synonyms): a passage using one of them names the word itself. */
  literal: string[];
  /** For a part of an unknown compound: the index of its word (parts of one word share it). */
  compound?: number;
  /** The noun the question asks for ("Innerhalb welcher Frist …"): see `askedNouns` in query.ts. */
  asked: boolean;
}

/** Drops broader terms: those another, longer term of the same word ends with (nachweis ← verwendungsnachweis). */
function narrow(head: string, others: string[]): string[] {
  const all = [head, ...others];
  return [head, ...others.filter((t) => t !== head && !all.some((o) => o.length > t.length && o.endsWith(t)))];
}

/** A name after a word for a district, town or municipality: "Landkreis Calw", "Kreis Böblingen", "Stadt Ulm". */
const PLACE = /\b(?:Land|Stadt)?[Kk]reis(?:es)?\s+(\p{Lu}[\p{L}-]*)|\b(?:Stadt|Gemeinde|Kommune)\s+(\p{Lu}[\p{L}-]*)/gu;

/**
 * Places named only in the context of a question: in a sentence or dash-separated clause that does not ask
 * ("Die Nachbarkommune gehört zum Landkreis Calw – dürfen wir …?"). A place in the asked clause ("Wie viel bekommt
 * die Gemeinde Oberstenfeld?") is part of what is asked and stays.
 *
 * @example contextPlaces('Wir sind im Kreis Calw – dürfen wir das?') // Set { 'calw' }
 */
export function contextPlaces(question: string): Set<string> {
  const names = (text: string): string[] => [...text.matchAll(PLACE)].map((m) => foldWord((m[1] ?? m[2])!));
  const segments = question.split(/(?<=[.!?;:])\s+|\s+[–—]\s+/u);
  const asked = new Set(segments.filter((x) => x.trim().endsWith('?')).flatMap(names));
  return new Set(segments.filter((x) => !x.trim().endsWith('?')).flatMap(names).filter((n) => !asked.has(n)));
}

/** A word before a place that only locates what is asked: "unsere Integrationsmanager in Nagold", "Grüße aus Ilsfeld". */
const LOCATIVE: ReadonlySet<string> = new Set(['in', 'im', 'aus', 'bei', 'von']);

/**
 * A question for whom to contact ("Wer ist für den Landkreis Esslingen zuständig?", "An wen wenden wir uns?"): the
 * place it names is the area someone is responsible for, and a passage on who is responsible for which area
 * answers it for every place.
 */
const RESPONSIBILITY = /\b(?:wer|wen|wem)\b[^?]*\b(?:zuständig\w*|Ansprech(?:partner|person)\w*|Kontaktperson\w*|betreu\w*|wende[nt]?)\b/iu;

/** Words for the kind of a place, as they start its official name ("Landkreis Esslingen", "Stadt Ulm"). */
const PLACE_KIND = /^(?:(?:land|stadt)?kreis|stadt|gemeinde)$/u;

/** Words joining a second place to the first: "in Ostfildern und Scharnhausen". */
const AND: ReadonlySet<string> = new Set(['und', 'oder', 'sowie']);

/**
 * The folded words of place names (the router's official names), without the word for their kind ("Landkreis" of
 * "Landkreis Esslingen").
 *
 * @example placeWords(['Landkreis Esslingen', 'Esslingen am Neckar']) // Set { 'esslingen', 'neckar' }
 */
export function placeWords(places: readonly string[]): Set<string> {
  return new Set(places.flatMap((p) => p.split(/[\s/()-]+/u)).filter((w) => /^\p{Lu}/u.test(w)).map(foldWord).filter((w) => !PLACE_KIND.test(w)));
}

/**
 * Places in a question that only wrap it: those of {@link contextPlaces}, and of the `places` the enquiry names
 * (the router's), each one named in a clause that does not ask or after a locative word ("in Nagold"), with the
 * name joined to it ("in Ostfildern und Scharnhausen"; also when the question extraction already removed the
 * first: "in und Scharnhausen"), or as the area of a question for whom to contact ("Wer ist für den Landkreis
 * Esslingen zuständig?"). A place named as what is asked ("Wie viel bekommt die Gemeinde Oberstenfeld?") stays. Only words the knowledge base never mentions are dropped (see {@link units}).
 *
 * @example wrappingPlaces('Dürfen unsere Integrationsmanager in Nagold auch Ukrainer beraten?', ['Nagold']) // Set { 'nagold' }
 */
export function wrappingPlaces(question: string, places: readonly string[]): Set<string> {
  const out = contextPlaces(question);
  const named = placeWords(places);
  for (const segment of question.split(/(?<=[.!?;:])\s+|\s+[–—]\s+/u)) {
    const asked = segment.trim().endsWith('?');
    const responsibility = RESPONSIBILITY.test(segment);
    const words = segment.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
    const lower = words.map((w) => w.toLowerCase());
    words.forEach((w, i) => {
      const isPlace = named.has(foldWord(w)) && (!asked || responsibility || LOCATIVE.has(lower[i - 1] ?? ''));
      // After a place (or a locative word whose place the extraction removed), the next name joined by "und".
      if (isPlace) out.add(foldWord(w));
      if ((isPlace || LOCATIVE.has(lower[i]!)) && AND.has(lower[i + 1] ?? '') && /^\p{Lu}/u.test(words[i + 2] ?? '')) out.add(foldWord(words[i + 2]!));
    });
  }
  return out;
}

/**
 * Words named only in a sentence of context, when the question does not point back to it ("Ich habe in unserer Akte
 * einen Vermerk zur Weiterführung 2020/2021 gefunden. Um wie viele Monate …?"): they tell the writer's situation,
 * not what is asked. A question that points back ("Wir zahlen Supervision. Ist das förderfähig?") asks about them.
 *
 * @example contextWords('Ich habe einen Vermerk gefunden. Um wie viele Monate …?') // Set { 'ich', 'habe', 'einen', 'vermerk', 'gefunden' }
 */
export function contextWords(question: string): Set<string> {
  const segments = question.split(/(?<=[.!?])\s+/u);
  const asked = segments.filter((x) => x.trim().endsWith('?'));
  if (asked.length === 0 || asked.some((x) => refersBack(x))) return new Set();
  const words = (text: string): string[] => text.split(/[^\p{L}\p{N}-]+/u).filter((w) => w !== '').map(foldWord);
  const inQuestion = new Set(asked.flatMap(words));
  return new Set(segments.filter((x) => !x.trim().endsWith('?')).flatMap(words).filter((w) => !inQuestion.has(w)));
}

/** A noun followed by what it is about: "Fortbildung zur interkulturellen Kompetenz", "Schulung zum Thema Asylrecht". */
const SUBJECT_MATTER = /\p{Lu}[\p{L}-]*\s+(?:zum\s+Thema|zur|zum|über(?:\s+(?:die|den|das))?)\s+((?:\p{Ll}[\p{L}-]*\s+){0,2}\p{Lu}[\p{L}-]*)/gu;

/**
 * Words that only say what the noun before them is about ("eine Fortbildung zur interkulturellen Kompetenz"): the
 * question asks about the noun (a Fortbildung), and a passage on it answers for every subject, so a subject the
 * knowledge base never mentions is no unknown topic of the question. A second thing asked beside it
 * ("Supervision und Fortbildungen") is no such phrase and stays.
 *
 * @example subjectMatter('Ist eine Fortbildung zur interkulturellen Kompetenz förderfähig?') // Set { 'interkulturellen', 'kompetenz' }
 */
export function subjectMatter(question: string): Set<string> {
  return new Set([...question.matchAll(SUBJECT_MATTER)].flatMap((m) => m[1]!.split(/\s+/u).map(foldWord)));
}

/** What a question sets aside: "außer der Aufstellung der Personalkosten", "neben den Integrationsmanagern". */
const SET_ASIDE = /\b(?:au(?:ß|ss)er|neben|abgesehen\s+von)\s+((?:\p{Ll}[\p{L}-]*\s+){0,3}\p{Lu}[\p{L}-]*(?:\s+(?:der|des)\s+\p{Lu}[\p{L}-]*)?)/gu;

/**
 * Words naming what a question sets aside ("Was muss außer der Aufstellung der Personalkosten noch beigelegt
 * werden?"): it asks for the rest, so a passage answering it need not name them, and they are no unknown topic.
 *
 * @example setAside('Was gehört außer der Aufstellung der Personalkosten noch dazu?') // Set { 'der', 'aufstellung', 'personalkosten' }
 */
export function setAside(question: string): Set<string> {
  return new Set([...question.matchAll(SET_ASIDE)].flatMap((m) => m[1]!.split(/\s+/u).map(foldWord)));
}

/**
 * The question's units with their weights (inverse document frequency). A word the knowledge base does not
 * know counts fully when it is a noun (Reisepass: the topic is elsewhere) and half otherwise (kriegt, mache:
 * colloquial verbs say little about the topic). A compound the knowledge base does not know as a whole counts
 * part by part: in "Supervisionskosten" the passage on Fortbildungskosten covers "kosten", not "Supervision".
 */
export function units(plan: QueryPlan, index: SearchIndex, places: readonly string[] = []): Unit[] {
  // Ranking (breakTie) and assessment ask for the units of the same question one after the other.
  const key = places.join('\0');
  if (last?.plan === plan && last.index === index && last.key === key) return last.units;
  const computed = computeUnits(plan, index, places);
  last = { plan, index, key, units: computed };
  return computed;
}

/** The units of the question asked last (pure inputs; plans are cached objects, so identity finds a repeat). */
let last: { plan: QueryPlan; index: SearchIndex; key: string; units: Unit[] } | null = null;

function computeUnits(plan: QueryPlan, index: SearchIndex, places: readonly string[]): Unit[] {
  const n = index.passages.length;
  const idf = (df: number): number => Math.log(1 + (n + 1) / (df + 1));
  const out: Unit[] = [];
  const conceptWeight = (strict: string[]): number => {
    const own = index.df.get(strict[0]!) ?? 0;
    if (own > 0) return idf(own);
    const known = strict.map((t) => index.df.get(t) ?? 0).filter((df) => df > 0);
    return known.length === 0 ? idf(0) : known.reduce((a, df) => a + idf(df), 0) / known.length;
  };
  const context = wrappingPlaces(plan.cleaned, places);
  const situation = contextWords(plan.cleaned);
  const about = subjectMatter(plan.cleaned);
  const aside = setAside(plan.cleaned);
  // A word and its abbreviation are one word (Verwaltungsvorschrift, VwV): either names it literally.
  const twins = new Map<string, string[]>();
  for (const a of index.synonyms.abbreviations.values()) for (const t of a.own) twins.set(t, [...new Set([...(twins.get(t) ?? []), ...a.own])]);
  plan.groups.forEach((g, gi) => {
    const df = index.df.get(g.own[0]!) ?? 0;
    // An abbreviation names nothing unknown when the knowledge base uses one of its long forms (Tel: Telefon).
    const unknownWord = df === 0 && !(g.abbreviation === true && g.own.some((t) => (index.df.get(t) ?? 0) > 0));
    // Unknown words saying what a noun of the question is about qualify it: neither unknown nor central.
    // Words naming what the question sets aside are neither central nor unknown: it asks for the rest.
    // Unknown words of a sentence of context the question does not point back to tell the situation, not the topic.
    const qualifier = (df === 0 && (about.has(g.word) || situation.has(g.word))) || aside.has(g.word);
    // A place the knowledge base does not know, named in the context of the question (Landkreis Calw) or only to
    // locate it (in Nagold), is wrapping.
    if (df === 0 && context.has(g.word)) return;
    // A compound the synonym file names (Abgabefrist among the Frist words) is known as a whole, like one in the passages.
    if (df > 0 || g.parts.length < 2 || !g.noun || index.synonyms.related.has(g.own[0]!)) {
      const strict = narrow(g.own[0]!, [...g.own.slice(1), ...g.related]);
      out.push({
        word: g.word,
        weight: df === 0 && !g.noun ? idf(0) / 2 : idf(df),
        unknownNoun: unknownWord && g.noun && !g.generic && g.related.length === 0 && !qualifier,
        covered: (groups) => groups.has(gi),
        central: (g.noun || g.core) && !g.generic && !qualifier,
        // A word the corpus does not know is specific too: a typo of a known word (kenzahlen) is then covered by
        // the passage it matches fuzzily, and a thing the knowledge base never names stays uncovered.
        specific: !g.generic,
        strict,
        literal: narrow(g.own[0]!, [...g.own.slice(1), ...(twins.get(g.own[0]!) ?? [])]),
        centralWeight: conceptWeight(strict),
        asked: g.asked === true,
      });
      return;
    }
    // A fuzzy match of the whole word (a typo of a known compound) covers every part.
    const whole = g.own[0]!;
    // A synonym of the whole compound (eingebürgert for Staatsangehörigkeit) covers every part.
    const wholeRelated = narrow(whole, index.synonyms.related.get(whole) ?? []).slice(1);
    for (const p of g.parts) {
      const partDf = index.df.get(p.term) ?? 0;
      const strict = [whole, ...narrow(p.term, p.related), ...wholeRelated];
      // The parts of a word that is no noun (a participle split like a compound: vorgelegt) name no thing.
      out.push({
        word: g.word,
        weight: idf(partDf),
        unknownNoun: partDf === 0 && g.noun && p.related.length === 0 && !p.generic && !qualifier,
        covered: (_, terms) => terms.has(whole) || terms.has(p.term) || p.related.some((r) => terms.has(r)),
        central: (g.noun || g.core) && !p.generic && !qualifier,
        specific: !p.generic,
        strict,
        literal: [whole, p.term],
        centralWeight: conceptWeight(strict),
        compound: gi,
        asked: g.asked === true,
      });
    }
  });
  return out;
}
