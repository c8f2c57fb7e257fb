/**
 * Synonyms and abbreviations (knowledge/synonyme.yaml), validated with zod at load and compiled against an
 * analyzer for query-time expansion. RP staff edit the YAML; a mistake is reported with file and line and the
 * index keeps working without synonyms.
 */
import { yaml } from './yaml.js';
import { z } from 'zod';
import type { GermanAnalyzer } from './analyzer.js';
import { foldWord, isStopword, stem } from './german.js';
import { compileProgrammes, type ProgrammeMarkers } from './consistency.js';
import { tokenize } from './tokenize.js';
import type { KnowledgeProblem } from './types.js';

/** Schema of synonyme.yaml. */
export const SynonymFileSchema = z
  .object({
    abkuerzungen: z.record(z.string().min(1), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).default({}),
    gruppen: z.array(z.array(z.string().min(1)).min(2)).default([]),
    /**
     * Broader term → narrower terms (one way): a question naming the broader term also finds the narrower ones
     * (Verwendungsnachweis → Sachbericht, a part of it); a question naming a narrower term does not widen to the
     * broader one (a question about the Sachbericht is not answered from a passage on the whole Nachweis).
     */
    oberbegriffe: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).optional(),
    themenfremd: z.array(z.string().min(1)).default([]),
    kernbegriffe: z.array(z.string().min(1)).default([]),
    allgemein: z.array(z.string().min(1)).optional(),
    /**
     * Programmes and funding strands apart from the general rules: name → other names and words meaning it, or
     * `{ namen: [...], dach: true }` for an umbrella (the Pakt) that a question may name in passing.
     */
    programme: z
      .record(z.string().min(1), z.union([z.array(z.string().min(1)), z.object({ namen: z.array(z.string().min(1)).default([]), dach: z.boolean().default(false) }).strict()]))
      .optional(),
  })
  .strict();

/** Raw synonym file content (validated). */
export type SynonymFile = z.output<typeof SynonymFileSchema>;

/** An empty synonym file (used when none exists or it is broken). */
export const EMPTY_SYNONYMS: SynonymFile = { abkuerzungen: {}, gruppen: [], themenfremd: [], kernbegriffe: [] };

/**
 * Parses and validates synonyme.yaml. Returns the content (empty on error) and problems with line numbers.
 *
 * @example parseSynonyms('gruppen:\n  - [Zuschuss, Zuwendung]\n', 'synonyme.yaml')
 */
export function parseSynonyms(text: string, file: string): { synonyms: SynonymFile; problems: KnowledgeProblem[] } {
  const { isMap, isSeq, LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({ file, line: lines.linePos(e.pos[0]).line, message: `invalid YAML: ${e.message.split('\n')[0]}` }));
    return { synonyms: EMPTY_SYNONYMS, problems };
  }
  const parsed = SynonymFileSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { synonyms: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((issue) => {
    const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    const parent = doc.getIn(issue.path.slice(0, -1) as (string | number)[], true);
    const range = node?.range ?? (isMap(parent) || isSeq(parent) ? parent.range : undefined);
    const line = range === undefined || range === null ? undefined : lines.linePos(range[0]).line;
    return { file, line, message: `synonyms: ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  });
  return { synonyms: EMPTY_SYNONYMS, problems };
}

/** A compiled abbreviation: terms counted as the word itself, and related terms. */
export interface Abbreviation {
  exact: boolean;
  own: string[];
  related: string[];
}

/** Synonyms compiled to index terms. */
export interface CompiledSynonyms {
  /** Abbreviation (as written, or folded) → its terms; `exact` when only the written case counts (IM vs. "im"). */
  abbreviations: Map<string, Abbreviation>;
  /** Term → related terms from the same group. */
  related: Map<string, string[]>;
  /** Folded words of topics outside the programme (whole words; see {@link isOffTopicWord}). */
  offTopic: Set<string>;
  /** Terms that make a question about the programme even when it also names an off-topic word. */
  core: Set<string>;
  /** Every term of the file's abbreviations, groups and core terms: part of the programme's vocabulary. */
  vocabulary: Set<string>;
  /**
   * Base terms of generic words (built-in {@link GENERIC_WORDS} plus synonyme.yaml `allgemein`): words such as
   * Frage, Jahr, März or beachten that never carry the topic of a question, so no answer may rest on them.
   */
  generic: Set<string>;
  /** Programmes a question or passage may name (synonyme.yaml `programme`), see consistency.ts. */
  programmes: ProgrammeMarkers[];
}

/** Words that name no topic of their own (time words, "Frage", "beachten"); synonyme.yaml `allgemein` adds more. */
export const GENERIC_WORDS: readonly string[] = [
  ...['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  ...['Jahr', 'Jahre', 'Jahres', 'Monat', 'Monate', 'Woche', 'Wochen', 'Tag', 'Tage', 'Zeit', 'Frühjahr', 'Sommer', 'Herbst', 'Winter'],
  // Nouns of set phrases that say "essentially" or "at the moment": im Kern, im Grunde, im Prinzip, im Moment.
  ...['Kern', 'Grunde', 'Prinzip', 'Wesentlichen', 'Endeffekt', 'Moment'],
  ...['Frage', 'Fragen', 'Thema', 'Themen', 'Sache', 'Sachen', 'Ding', 'Dinge', 'Punkt', 'Info', 'Infos', 'Information', 'Informationen', 'Hinweis', 'Hinweise'],
  ...['beachten', 'kommen', 'kommt', 'tun', 'machen', 'gelten', 'gilt', 'geben', 'gibt', 'passieren', 'passiert'],
];

/** Inflection endings stripped when comparing a word with the off-topic list (Rezepte → Rezept, Kitas → Kita). */
const ENDINGS = ['', 's', 'e', 'n', 'en', 'es', 'er', 'ern'];

/**
 * True when a folded word names a topic outside the programme: a listed word or its inflection (Rezepte), not a
 * mere stem relative (zulässig is no Zulassung).
 */
export function isOffTopicWord(word: string, offTopic: ReadonlySet<string>): boolean {
  return ENDINGS.some((e) => word.endsWith(e) && word.length - e.length >= 3 && offTopic.has(word.slice(0, word.length - e.length)));
}

/** Compiles a synonym file against an analyzer (once per index build). */
export function compileSynonyms(file: SynonymFile, analyzer: GermanAnalyzer): CompiledSynonyms {
  const abbreviations = new Map<string, Abbreviation>();
  for (const [abbr, long] of Object.entries(file.abkuerzungen)) {
    const longForms = Array.isArray(long) ? long : [long];
    const forms = longForms.map((p) => analyzer.analyze(p));
    // The abbreviation and a one-word first long form are the word itself; the rest only related.
    const own = unique([...analyzer.analyze(abbr), ...(isOneWord(longForms[0]!) ? forms[0]! : [])]);
    const rest = unique(forms.flat()).filter((t) => !own.includes(t));
    const folded = foldWord(abbr);
    // "IM" and "AU" are also ordinary words ("im", "au"): such abbreviations count only when written in capitals.
    const exact = isStopword(folded);
    abbreviations.set(exact ? abbr : folded, { exact, own: own.length > 0 ? own : rest.slice(0, 1), related: own.length > 0 ? rest : rest.slice(1) });
  }
  const related = new Map<string, string[]>();
  for (const group of file.gruppen) {
    const members = group.map((m) => ({ terms: analyzer.analyze(m), single: isOneWord(m) }));
    // A single word stands for its base term only: the parts of "Integrationsmanagerstelle" are no synonyms.
    const all = unique(members.flatMap((m) => (m.single ? m.terms.slice(0, 1) : m.terms)));
    for (const m of members) {
      for (const key of m.single ? m.terms.slice(0, 1) : []) {
        related.set(key, unique([...(related.get(key) ?? []), ...all.filter((t) => t !== key)]));
      }
    }
  }
  // The other way round, a long form written out finds its abbreviation ("Regierungspräsidium" the "RP Stuttgart" of
  // a passage), like a synonym: the passages write either.
  const shortOf = new Map<string, string[]>();
  for (const [abbr, long] of Object.entries(file.abkuerzungen)) {
    const first = Array.isArray(long) ? long[0]! : long;
    const key = isOneWord(first) ? analyzer.analyze(first)[0] : undefined;
    const short = analyzer.analyze(abbr).filter((t) => t !== key);
    if (key !== undefined && short.length > 0) shortOf.set(key, unique([...(shortOf.get(key) ?? []), ...short]));
  }
  // A synonym's abbreviation is a synonym too: Vollzeitkraft finds the "VZÄ" a passage writes for its Vollzeitäquivalent.
  for (const [key, terms] of related) related.set(key, unique([...terms, ...terms.flatMap((t) => shortOf.get(t) ?? [])].filter((t) => t !== key)));
  for (const [key, short] of shortOf) related.set(key, unique([...(related.get(key) ?? []), ...short]));
  // One way: the broader word's base term relates to the narrower terms, never the reverse.
  for (const [broader, narrower] of Object.entries(file.oberbegriffe ?? {})) {
    if (!isOneWord(broader)) continue; // like a group's phrase: a phrase has no base term to expand from
    const key = analyzer.analyze(broader)[0];
    if (key === undefined) continue;
    const terms = narrower.flatMap((n) => (isOneWord(n) ? analyzer.analyze(n).slice(0, 1) : analyzer.analyze(n)));
    related.set(key, unique([...(related.get(key) ?? []), ...terms.filter((t) => t !== key)]));
  }
  // Whole words only: compound parts of "Reisepass" must not mark "Pass" or "Reise" as off-topic.
  const offTopic = new Set(file.themenfremd.flatMap((p) => tokenize(p).filter((w) => !isStopword(w))));
  const core = new Set(file.kernbegriffe.flatMap((p) => tokenize(p).filter((w) => !isStopword(w)).map((w) => stem(w))));
  const abbreviated = [...abbreviations.values()].flatMap((a) => [...a.own, ...a.related]);
  const vocabulary = new Set([...core, ...related.keys(), ...[...related.values()].flat(), ...abbreviated]);
  const generic = new Set([...GENERIC_WORDS, ...(file.allgemein ?? [])].flatMap((w) => analyzer.analyze(w).slice(0, 1)));
  return { abbreviations, related, offTopic, core, vocabulary, generic, programmes: compileProgrammes(file.programme ?? {}, analyzer) };
}

function isOneWord(phrase: string): boolean {
  return tokenize(phrase).filter((w) => !isStopword(w)).length === 1;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
