/**
 * Floors of the judgement on every development set (issue 9: "`npm test` holds their floors"), measured by the
 * `eval` command itself on the shipped knowledge: one run over all sets, as
 * `npm run --silent pakt -- eval --json --questions test/eval/questions.jsonl --questions test/eval/questions-2.jsonl
 *   --enquiries test/eval/enquiries.jsonl --questions test/fixtures/knowledge/<each>.jsonl`.
 *
 * Issue targets: hit@1 ≥ 0.90 on clean questions and never below MiniSearch defaults on any set; answered ≥ 0.90
 * on clean and wrapped questions; precision of answers ≥ 0.97; confidently wrong ≤ 3 %.
 *
 * How the floors below were set (2026-12-04, after the judgement work of issue 9, raised after the calibration round): a share is today's value minus one question (rounded down to 0.01), but not below the
 * target where today meets it; where today misses the target the floor is today's value (marked "misses").
 * `maxWrong` is today's count, plus one where that still stays within 3 % of the set. Raise them as the
 * judgement improves; never lower one to make a change pass.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalCommand } from '../../../src/cli/commands/eval.js';
import type { CliContext } from '../../../src/cli/context.js';
import { silentLogger } from '../../../src/core/ports.js';
import { parseConfig } from '../../../src/server/config.js';

interface Floor {
  kind: 'questions' | 'enquiries';
  /** Our hit@1 (on top of: never below MiniSearch defaults). */
  hit1: number;
  /** Share of the questions with an expected passage that get an automatic answer. */
  answered: number;
  /** Right answers / answers. */
  precision: number;
  /** Most ids answered from a wrong passage (or answered where no passage is expected). */
  maxWrong: number;
  /**
   * How far hit@1 may trail MiniSearch defaults: a target missed on a blind set, recorded here so that it shows and
   * cannot grow, not hidden by rewriting the set. Absent means none (the target).
   */
  belowMiniSearch?: number;
}

const FLOORS: Record<string, Floor> = {
  // measured hit@1 1.000 (MiniSearch 1.000), answered 1.000, precision 1.000, wrong 0 of 32
  'test/eval/questions.jsonl': { kind: 'questions', hit1: 0.96, answered: 0.96, precision: 0.97, maxWrong: 0 },
  // measured hit@1 0.909 (MiniSearch 0.750), answered 0.909, precision 1.000, wrong 0 of 48
  'test/eval/questions-2.jsonl': { kind: 'questions', hit1: 0.9, answered: 0.9, precision: 0.97, maxWrong: 1 },
  // measured hit@1 1.000 (MiniSearch 0.867), answered 1.000, precision 1.000, wrong 0 of 32
  'test/eval/enquiries.jsonl': { kind: 'enquiries', hit1: 0.96, answered: 0.96, precision: 0.97, maxWrong: 0 },
  // measured hit@1 0.989 (MiniSearch 0.876), answered 1.000, precision 0.989, wrong 1 of 107
  'test/fixtures/knowledge/heldout-like.jsonl': { kind: 'questions', hit1: 0.97, answered: 0.98, precision: 0.97, maxWrong: 2 },
  // no expected passages (every question must be handed over or suggested): measured 0 answered
  'test/fixtures/knowledge/no-confident-wrong.jsonl': { kind: 'questions', hit1: 0, answered: 0, precision: 0, maxWrong: 0 },
  // measured hit@1 0.971 (MiniSearch 0.914), answered 1.000, precision 0.971, wrong 1 of 41
  'test/fixtures/knowledge/paraphrases-2.jsonl': { kind: 'questions', hit1: 0.94, answered: 0.97, precision: 0.97, maxWrong: 1 },
  // measured hit@1 0.940 (MiniSearch 0.840), answered 0.940, precision 0.979, wrong 1 of 58
  'test/fixtures/knowledge/paraphrases.jsonl': { kind: 'questions', hit1: 0.92, answered: 0.94, precision: 0.97, maxWrong: 1 },
  // written 2026-12-05 as unseen questions (colloquial, hurried, lower case; first measured hit@1 0.886, answered
  // 0.829, precision 0.931; used since: synonyms BW, studiert, Tool, Vollzeitkraft, and Muster no longer a
  // synonym of Download; amount compounds reverted for f27): measured hit@1 0.943 (MiniSearch 0.829), answered
  // 0.943, precision 0.970 (32 of 33; misses: f20 answered from the DIM condition instead of the programme), wrong 1 of 35
  'test/fixtures/knowledge/colloquial.jsonl': { kind: 'questions', hit1: 0.91, answered: 0.91, precision: 0.96, maxWrong: 1 },
  // written 2026-12-05 as unseen enquiries (mail and Teams, greeting, context, signature, disclaimer): measured
  // hit@1 1.000 (MiniSearch 0.583), answered 0.833, then 0.917 once places that only locate a question stopped
  // counting as unknown things (w4); the miss left: w12 asks for Supervision, which the knowledge base does not cover; precision 1.000, wrong 0 of 12
  'test/fixtures/knowledge/wrapped.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.9, precision: 0.97, maxWrong: 0 },
  // written 2026-12-05 as unseen questions (clean, colloquial and hurried, 35): measured hit@1 1.000 (MiniSearch
  // 0.886), answered 0.971, precision 1.000, wrong 0 of 35
  'test/fixtures/knowledge/unseen.jsonl': { kind: 'questions', hit1: 0.94, answered: 0.94, precision: 0.97, maxWrong: 0 },
  // written 2026-12-05 (second session) as unseen questions (24 and two out of scope; clean, colloquial, one typo):
  // first measured hit@1 0.958, answered 0.875, precision 0.955 (u26 "Wo kann ich in Wertheim parken?" answered
  // from the RP's address); then a single name in a passage body is no answer, a rule in force "seit der Änderung
  // … 2020" holds for later years (u4): measured hit@1 0.958 (MiniSearch 0.875), answered 0.917, precision 1.000,
  // wrong 0 of 26; left: u1 (two acceptable passages close), u12 (Vorlage for Muster: a synonym made it wrong)
  'test/fixtures/knowledge/unseen-2.jsonl': { kind: 'questions', hit1: 0.92, answered: 0.9, precision: 0.97, maxWrong: 0 },
  // written 2026-12-05 as unseen enquiries with a town inside the question (15): first measured answered 0.667;
  // then 0.867 once places that only locate a question stopped counting (cd348cc), and x15 ("ein eigener
  // Sachbericht") right once Verwendungsnachweis became a broader term of Sachbericht instead of its synonym:
  // measured hit@1 0.933 (MiniSearch 0.733), answered 0.867; then zusammentun became a synonym of
  // Zusammenschluss (x1): measured hit@1 1.000, answered 0.933, precision 1.000, wrong 0 of 15; left: x10 (§ 24
  // AufenthG, handed over)
  'test/fixtures/knowledge/wrapped-2.jsonl': { kind: 'enquiries', hit1: 0.93, answered: 0.9, precision: 0.97, maxWrong: 0 },
  // written 2026-12-05 (second session) as unseen questions typed in a hurry (15): first measured hit@1 0.933,
  // answered 0.800; then misspelt function words are read as such (bis wan) and a word the corpus does not know
  // counts as specific (a typo then covered by the passage it matches): measured hit@1 0.933 (MiniSearch 0.667),
  // answered 0.933, precision 1.000, wrong 0 of 15; left: y1 (lnage, peron: a swap and a short word)
  'test/fixtures/knowledge/typos-2.jsonl': { kind: 'questions', hit1: 0.9, answered: 0.9, precision: 0.97, maxWrong: 0 },
  // written 2026-12-05 (second session) as unseen enquiries (12: a forward with header block, an address and
  // disclaimer signature, "Gesendet von meinem iPhone" over a quote, an empty body with the question in the subject,
  // Teams with emoji): first measured hit@1 0.917, answered 0.833 (v1: a message that is only a forward read as
  // empty); then a forward-only message yields the forwarded mail: measured hit@1 1.000 (MiniSearch 0.917), answered
  // 0.917, precision 1.000, wrong 0 of 12; then a capitalised question word after a word opens a sentence (v4, the
  // bot's name before a Teams question without mention entity): answered 1.000
  'test/fixtures/knowledge/wrapped-3.jsonl': { kind: 'enquiries', hit1: 0.9, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // written 2026-12-05 (third session) as unseen questions (34 and two out of scope; clean and colloquial), before
  // running them: first measured hit@1 0.912, answered 0.882, precision 0.933, wrong 2 of 36 (n30 was a label that
  // missed faq#sachberichte, which states the three pages too); then "einen höheren Zuschuss" asks for money (n1 no
  // longer answered from the qualification passage, which names no amount): measured hit@1 0.941 (MiniSearch
  // 0.853), answered 0.853 (misses 0.90), precision 1.000, wrong 0 of 36; left: n1 (suggestions, the rates second),
  // n9 (Wohlfahrtsverband: the analyzer splits it after the function word "wohl"; suggestions with both passages), n11 (Programm for Förderprogramm: as a synonym it made triage-2 t2-7 answer a DIM question the knowledge base
  // defers to the VwV, so it was dropped), n21 ("zuständig" read as a contact question), n27 (Fehlbedarfsfinanzierung);
  // then (fourth session) a lower-case prefixed verb is no noun (n9 "überlassen"), the Finanzierungsarten became a
  // synonym group (n27), and a passage without the asked amount sinks further (n1): measured hit@1 0.971 (MiniSearch
  // 0.853), answered 0.941, precision 1.000, wrong 0 of 36; left: n11 (Förderprogramm read as a narrower kind of
  // Programm; treating a corpus-wide modifier as none made unseen-4 p11 wrong, so it was dropped), n21
  'test/fixtures/knowledge/unseen-3.jsonl': { kind: 'questions', hit1: 0.94, answered: 0.91, precision: 0.97, maxWrong: 1 },
  // written 2026-12-05 (third session) as unseen questions typed in a hurry (12): first measured hit@1 0.833
  // (MiniSearch 0.667), answered 0.833, precision 1.000, wrong 0; then a misspelt word is matched fuzzily by the
  // length of the written word, not of its stem (y7 "zusamen"): measured hit@1 0.917, answered 0.917, precision
  // 1.000, wrong 0; left: y3 ("kenzahlen frist": the Sachbericht's deadline leads)
  'test/fixtures/knowledge/typos-3.jsonl': { kind: 'questions', hit1: 0.83, answered: 0.83, precision: 0.97, maxWrong: 0 },
  // written 2026-12-05 (third session) as unseen enquiries (12; two of them, a resignation and a long sickness of
  // the funded person, are application matters by TRIAGE.md and moved to test/fixtures/triage/unseen-3.jsonl):
  // first measured hit@1 0.833 (MiniSearch 0.500), answered 0.667 of 12; of the 10: hit@1 0.9, answered 0.8; then the
  // recurring Kennzahlen deadline fits "für 2025" (z2): measured hit@1 0.900, answered 0.900, precision 1.000, wrong
  // 0 of 10; left: z1 ("mit nur 20 Prozent beschäftigt" is a share of a post)
  // Since "N Prozent" reads as a Stellenanteil (synonyme.yaml; small numbers weigh like years): z1 answered, 1.000 / 1.000
  'test/fixtures/knowledge/wrapped-4.jsonl': { kind: 'enquiries', hit1: 1, answered: 0.97, precision: 0.97, maxWrong: 0 },
  // written 2026-12-06 (fourth session) as unseen clean questions (30, each answerable, phrased as municipal staff
  // would: Tätigkeitsbericht, Zwischenabrechnung, Arbeiterwohlfahrt, Mutterschutz), before running them: first
  // measured hit@1 0.833 (MiniSearch 0.667), answered 0.733 (misses 0.90), precision 0.955 (misses 0.97), wrong 1 of
  // 30 (p21: the months of funding answered from the duration of counselling); then a date asked by its noun ("bis
  // zu welchem Datum"), a long form finding its abbreviation (Regierungspräsidium → RP) and the margin looking past a
  // restatement of the same rule (p3), synonyms unterzeichnen (p9) and Arbeiterwohlfahrt (p7), a verb form meeting the
  // synonyms of its infinitive (p21 "bezuschusst" no longer wrong): measured hit@1 0.867 (MiniSearch 0.667), answered
  // 0.800 (misses 0.90), precision 1.000, wrong 0 of 30; left: p1 (qualification passage first), p8 ("endet" draws
  // the 2022 chronicle), p17 (the two Corona passages close), p21, p22 ("außer der Aufstellung"), p23 (Fördermittel);
  // then (fifth session) the synonyms of a word the corpus never uses stand in for it (p23 Zwischenabrechnung) and
  // Gefahr ↔ gefährdet (p17), a typical question asking for another kind of answer counts less (p21 "Wie viele
  // Monate" no longer led by "Wie lange darf … beraten"), a passage without any amount sinks further for an amount
  // question (p1), words after "außer" are set aside (p22): measured hit@1 0.967, answered 0.967, precision 1.000,
  // wrong 0 of 30; left: p8 ("endet" draws the 2022 chronicle; suggestions)
  'test/fixtures/knowledge/unseen-4.jsonl': { kind: 'questions', hit1: 0.96, answered: 0.96, precision: 0.97, maxWrong: 0 },
  // written 2026-12-06 (fifth session) as unseen clean questions (30) on the passages the other sets use least
  // (chronicle years, Pakt, Regionalkonferenzen, Soforthilfe distribution, Corona practice, DIM condition), before
  // running them: first measured hit@1 0.733 (MiniSearch 0.700), answered 0.733, precision 0.864, wrong 3 of 30 (r1
  // "Mit welchen Beträgen …" from the Festbetrag passage, r11 "Wie hat man berechnet, welcher Betrag …" from the
  // Soforthilfe's purpose, r19); then a question with "dann" keeps the case stated before it (r28), a misfitting
  // rival no longer outnames the best passage (r29), a method question is no amount question (r11), the plural
  // Beträgen asks for an amount (r1 no longer wrong), a passage asking only for other kinds of answer sinks (r26
  // "Für wie viele Klienten … zuständig?" no longer led by "Wer ist … zuständig?"), a compound's modifier in a
  // rival's title (Mittel|verteilung) no longer outnames the best passage (r6): measured hit@1 0.833 (MiniSearch
  // 0.700), answered 0.833, precision 0.960, wrong 1 of 30; left: r19 (wrong: the 2017 chronicle before
  // im#planungsrahmen), r1, r5, r8, r25 (suggestions, another passage first), r23 (suggestions, right passage first)
  // 2026-12-07 (third session): r26 relabelled [] (Betreuungsschlüssel, see the note at the end of FLOORS), one
  // question fewer with a passage, the same misses: hit@1 0.828, answered 0.828, precision 0.958.
  'test/fixtures/knowledge/unseen-5.jsonl': { kind: 'questions', hit1: 0.82, answered: 0.82, precision: 0.95, maxWrong: 1 },
  // unseen-6: 30 clean questions written before any answer was seen; first measurement hit@1 0.767 (MiniSearch
  // 0.833), answered 0.767, precision 0.870, wrong 3 of 30 (u4, u5, u6). u5 and u8 then also accept the FAQ passage
  // stating the same rule; an amount asked for a year another close passage is about gets suggestions (u6): hit@1
  // 0.833 (MiniSearch 0.900), answered 0.733, precision 0.955, wrong 1 (u4). Then the noun a question asks for
  // weighs more (query.ts askedNouns: "Nach welchem Schlüssel …") and synonyme.yaml knows aufteilen ≈ verteilen and
  // bemessen ≈ berechnen: measured hit@1 0.900 (MiniSearch 0.900), answered 0.733, precision 1.000, wrong 0 of 30;
  // left: u1, u6, u7, u8, u26, u30 (suggestions), u20, u28 (handed over). Then a passage about the noun asked for
  // ("Innerhalb welcher Frist …") is no longer outnamed by another titled with a context word (Bewilligungszeitraum):
  // answered 0.767 (u26 answered from verwendungsnachweis#frist), the rest unchanged. Then the context sentence
  // before a question may confirm the passage the question alone ranks first (core/triage/ask-in-context.ts):
  // answered 0.800 (u7: "Ab 2025 bekommt unser Landkreis weniger IM-Geld. Woran bemisst sich die neue Verteilung?").
  // Then "20 Prozent Stellenanteil" is read as the share of a post (u20): answered 0.833
  // 2026-12-07: a regulation named by its year ("nach der VwV 2023") holds from then on (consistency.ts VERSION): u8
  // answered, answered 0.867.
  'test/fixtures/knowledge/unseen-6.jsonl': { kind: 'questions', hit1: 0.9, answered: 0.86, precision: 0.97, maxWrong: 0 },
  // unseen-7: 35 questions (30 with a passage, 3 everyday, 2 the knowledge base cannot answer) written 2026-12-06
  // (second session) before any answer was seen; first measurement (4da582e) hit@1 0.900 (MiniSearch 0.900),
  // answered 0.933, precision 0.929, wrong 2 of 35 (v1, v4), everyday declined 2 of 3 (v31, an Outlook question,
  // handed over). Then a question pointing back with "dort" keeps the sentence it points to (v4: "Wir möchten eine
  // Integrationsbeauftragte fördern lassen. Wie hoch ist dort der Zuschuss …?"): measured hit@1 0.933, answered
  // 0.933, precision 0.964, wrong 1 (v1: "ab Datum des Bescheids oder ab Arbeitsbeginn" answered from the rates)
  // 2026-12-07 (third session): v9 and v2 relabelled [] (Betreuungsschlüssel and a Sachkostenpauschale, which the
  // sources leave open; note at the end of FLOORS), the same misses: hit@1 0.929, answered 0.929, precision 0.962.
  // Fifth session: the title of im#festbetrag names the Förderbeginn it states (v1 right): 0.964 / 0.929 / 1.000.
  'test/fixtures/knowledge/unseen-7.jsonl': { kind: 'questions', hit1: 0.96, answered: 0.92, precision: 0.97, maxWrong: 0 },
  // typos-4: 15 hurried questions written with unseen-7; first measurement hit@1 0.933 (MiniSearch 0.800), answered
  // 0.867, precision 0.923, wrong 1 (t1: "wohin schick ich die kenzahlen", the address passage leads); t4, t10 suggestions.
  // Then "fürs" is a function word (german.ts): t1 right, hit@1 1.000, precision 1.000
  'test/fixtures/knowledge/typos-4.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.86, precision: 0.97, maxWrong: 0 },
  // wrapped-5: 12 enquiries written with unseen-7; first measurement hit@1 1.000 (MiniSearch 0.917), answered 0.833,
  // precision 1.000, wrong 0; w5 (a concrete start date and Bescheid date: a person) and w10 handed over. Then a
  // question asking "grundsätzlich" sets the own context aside (triage rules.ts rule-general): w5 is answered,
  // answered 0.917; w10 left (whether accompanying refugees to appointments is part of the task: confidence 0.25)
  'test/fixtures/knowledge/wrapped-5.jsonl': { kind: 'enquiries', hit1: 1, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-8 (35: 30 with a passage, 3 everyday, 2 the knowledge base cannot answer), typos-5 (15) and wrapped-6 (12):
  // written 2026-12-06 (third session) by a helper that saw no earlier blind set, before any answer was seen; first
  // measurement on b9de691: unseen-8 hit@1 0.867 (MiniSearch 0.700), answered 0.733, precision 0.913, wrong 2 (k15,
  // k31: an Outlook question answered from the passage on a stand-in); typos-5 hit@1 0.800 (0.667), answered 0.867,
  // precision 0.846, wrong 2 (y7, y11); wrapped-6 hit@1 0.917 (0.667), answered 0.750, precision 0.889, wrong 1 (e5)
  // Then office IT and holidays (Outlook, Abwesenheitsnotiz, Drucker, Sommerferien …) are off-topic words
  // (synonyme.yaml themenfremd): k31 declined, unseen-8 precision 0.955, wrong 1 (k15). Then "da" right after the
  // verb points to the sentence before ("Welche Themen standen da auf dem Programm?"): k15 right, hit@1 0.900,
  // answered 0.733, precision 1.000, wrong 0. Then "N Prozent" is a Stellenanteil (synonyme.yaml) and a number below
  // 100 weighs like a year (weights.ts SMALL_NUMBER): k27 answered, 0.767. Then "war das" points back like "ist das"
  // (k16, home visits during Corona: was out of scope without its context): hit@1 0.933, answered 0.800
  // Then Weiterführung a Verlängerung word (k10) and the basis of a distribution an answer type (k23): answered 0.867
  // 2026-12-07: an amount for a year is answered from the passage about the asked thing when the year's own passage
  // names less of it (assess.ts aboutMore; k22): answered 0.900.
  'test/fixtures/knowledge/unseen-8.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.9, precision: 0.97, maxWrong: 0 },
  // typos-5: then spoken contractions are written out before the search (function-words.ts: "ner" → "einer", "ausm"
  // → "aus dem", "gabs" → "gab es"): y13 answered, answered 0.933, precision 0.857; y7 and y11 stay wrong
  // Then nutzen joins Zugriff/Zugang (y7 right): hit@1 0.933, precision 0.929; y11 stays wrong
  'test/fixtures/knowledge/typos-5.jsonl': { kind: 'questions', hit1: 0.86, answered: 0.93, precision: 0.92, maxWrong: 1 },
  // Then a question for a share ("einen Teil davon") keeps the sentence naming the whole (e5 right: hit@1 1.000,
  // precision 1.000), and own context alone no longer makes a case (triage rules.ts CONTEXT_RULES): answered 0.833
  'test/fixtures/knowledge/wrapped-6.jsonl': { kind: 'enquiries', hit1: 1, answered: 0.83, precision: 0.97, maxWrong: 0 },
  // unseen-9 (35: 32 with a passage, 3 everyday), typos-6 (15) and wrapped-7 (12): written 2026-12-06 (fourth
  // session) by a helper that saw no earlier blind set and did not run the service. First measurement on 725cecb:
  // unseen-9 hit@1 1.000 (MiniSearch 0.875), answered 0.938, precision 0.968, wrong 1 (m34, a permit for a summer
  // fair answered from the passage on qualifications through "fest" in "feststehen"); typos-6 hit@1 0.933 (0.867),
  // answered 0.800, precision 1.000; wrapped-7 hit@1 1.000 (0.833), answered 0.917, precision 1.000. Then a long
  // verb opening a question before a pronoun is no noun ("Brauchen wir"), a compound's head spelt like a verb particle
  // is no term (Sommer|fest), "ne", "per", "unsre", "Themen" are function or generic words, "Tel"/"Nr" abbreviations,
  // and a word cut off by a hyphen takes the head of the compound after it ("Fehlbedarfs- oder
  // Festbetragsfinanzierung", m29): unseen-9 answered 0.969, precision 1.000 (m34 declined); typos-6 answered 0.867
  // 2026-12-07: the same (m2): answered 1.000.
  'test/fixtures/knowledge/unseen-9.jsonl': { kind: 'questions', hit1: 0.96, answered: 0.97, precision: 0.97, maxWrong: 1 },
  'test/fixtures/knowledge/typos-6.jsonl': { kind: 'questions', hit1: 0.86, answered: 0.8, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-7.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.9, precision: 0.97, maxWrong: 0 },
  // unseen-10 (35: 30 with a passage, 3 everyday, 2 the knowledge base cannot answer), typos-7 (15), wrapped-8 (12):
  // a second round the same day by another helper, told to avoid the passages' own words. First measurement on
  // 8e7183a: unseen-10 hit@1 0.733 (MiniSearch 0.833), answered 0.767, precision 0.760, wrong 6 (a1, a3, a11, a14,
  // a19, a34); typos-7 hit@1 0.933 (0.867), answered 0.600, precision 1.000; wrapped-8 hit@1 0.917 (1.000), answered
  // 0.750, precision 1.000. Then a passage about other years that mentions the asked one in passing sinks and gives
  // no answer (consistency.ts yearOther: a11), benefits law is off-topic (a3), Zugriff/zugreifen/Zugang are one
  // group (a14), "IMler" are Integrationsmanager, AU is also the Anschlussunterbringung, capitals of abbreviations
  // alone do not make a question "written with capitals", a word and its abbreviation (Verwaltungsvorschrift, VwV)
  // are one word for the title check (c1), and a synonym ("online") names no programme (DIM) (c2). unseen-10
  // misses the targets (marked misses; floors at today's value): wrong a1 (the Referat's Erstaufnahme remit answered
  // from the contact passage), a19 (how long to keep receipts, which the sources do not state), a34 (what the
  // Ukraine aid 2022 per Kreis depended on, answered from the 2022 passage instead of its distribution).
  // Then the basis of a distribution is its own answer type (answer-type.ts typ_grundlage): a34 is a suggestion with
  // the right passage second instead of a wrong answer, so answered falls 0.767 → 0.733 (the floor counted a wrong
  // answer as answered) and precision rises to 0.913, wrong 2 (a1, a19).
  'test/fixtures/knowledge/unseen-10.jsonl': { kind: 'questions', hit1: 0.83, answered: 0.73, precision: 0.91, maxWrong: 2 },
  'test/fixtures/knowledge/typos-7.jsonl': { kind: 'questions', hit1: 0.86, answered: 0.8, precision: 0.97, maxWrong: 0 },
  // wrapped-8: then "VwV 2023" is no concrete date (c7 answered): answered 1.000.
  'test/fixtures/knowledge/wrapped-8.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.97, precision: 0.97, maxWrong: 0 },
  // unseen-11 (35: 30 with a passage, 3 everyday, 2 the knowledge base cannot answer), typos-8 (15), wrapped-9 (12): a
  // third round the same day by a third helper (half plain, half paraphrased wording). First measurement on dbaff32:
  // unseen-11 hit@1 0.867 (MiniSearch 0.867), answered 0.833, precision 0.846, wrong 4 (g6, g16, g20, g34); typos-8
  // hit@1 1.000 (0.867), answered 0.867, precision 1.000; wrapped-9 hit@1 0.917 (0.750), answered 1.000, precision
  // 0.917, wrong 1 (j6: "als fester Betrag gezahlt oder anteilig" answered from the rates, not the financing type).
  // Then the basis of a distribution is an answer type (g6 a suggestion with the right passage first): unseen-11
  // hit@1 0.900, answered 0.800, precision 0.880. Misses (floors at today's value): g16 (the Land's total for 2026
  // answered from the distribution rule), g20 (the date of the VwV 2023: "trägt" meets Träger), g34 (how long to keep
  // receipts, which the sources do not state), and j6.
  // 2026-12-07: an amount for a year is answered from the passage about the asked thing when the year's own passage
  // names less of it (assess.ts aboutMore): unseen-11 g1 answered (0.833, precision 0.885), typos-8 h14 (0.933).
  // 2026-12-07 (third session): g30 relabelled [] (Betreuungsschlüssel; note at the end of FLOORS), the same misses:
  // hit@1 0.897, answered 0.828, precision 0.880.
  'test/fixtures/knowledge/unseen-11.jsonl': { kind: 'questions', hit1: 0.89, answered: 0.82, precision: 0.88, maxWrong: 3 },
  'test/fixtures/knowledge/typos-8.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-9.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.91, maxWrong: 1 },
  // unseen-12 (35: 29 with a passage, 3 everyday, 3 the knowledge base cannot answer), typos-9 (15), wrapped-10 (12): a
  // fourth round on 2026-12-07 by a helper that saw only the facts and the ids, told to phrase away from the facts'
  // wording. First measurement on e7f13d0: unseen-12 hit@1 0.690 (MiniSearch 0.724), answered 0.759, precision 0.783,
  // wrong 5; typos-9 hit@1 0.867 (0.933), answered 1.000, precision 0.867, wrong 2; wrapped-10 hit@1 0.917 (0.917),
  // answered 0.917, precision 0.909, wrong 1 (q5: "fester Betrag oder tatsächliche Personalkosten, ab wann"
  // answered from the rates). Five labels were short of passages that state the answer (the helper saw no passage):
  // m7, p1 (verwendungsnachweis#sachbericht: "spätestens drei Monate nach Ende des Förderzeitraums der am längsten
  // geförderten Person"), m14 (im#zielgruppe: "ein Erlass vom 11. März 2022"), m23 (im#betreuungsschluessel: no
  // binding key is known, which FACTS-2.md §3 states) and p10 (aenderung-2020#inkrafttreten: "von 36 auf 60
  // Monate"). With them: unseen-12 hit@1 0.767 (0.700), answered 0.767, precision 0.913, wrong 2 (m4: the
  // "Fallstatistik" answered from the caseload passage through "Fallzahlen"; m25: "Hatte das Folgen für die
  // Förderung?" asked without the sentence it refers to); typos-9 1.000 (0.933) / 1.000 / 1.000. Then "hatte das",
  // "bedeutet das" and other verbs before a demonstrative "das" refer back (question-sentences.ts): m25 right,
  // unseen-12 hit@1 0.800, answered 0.767, precision 0.957, wrong 1 (m4). Then "ihn", "ihm", "dagegen" point back,
  // and a question pointing back takes the answer asked with its context sentence, even from another passage
  // (ask-in-context.ts: m1 "in dieser Phase", m8, m22): hit@1 0.900, answered 0.867, precision 0.962, wrong 1 (m4).
  // Then an inflected participle the corpus does not know ("die ausgeschriebene Stelle") is a verb form searched by
  // its stem, not an unknown compound ausg|chrieb (query.ts): m30 answered, answered 0.900, precision 0.963.
  // 2026-12-07 (third session): m23 relabelled [] (Betreuungsschlüssel; note at the end of FLOORS), and m20 ("Was
  // musste ein Kreis beim Programm Digitales Integrationsmanagement erfüllen …?") is handed over: its best passage
  // (dim#programm) names the question's words in "Förderzeitraum, Antragsfristen und Förderhöhe je Kreis regelt die
  // VwV …; Auskunft gibt das RP" and led before with the programme's budget, which answered nothing asked
  // (non-answer.ts). Misses the target: hit@1 0.966, answered 0.862, precision 1.000.
  'test/fixtures/knowledge/unseen-12.jsonl': { kind: 'questions', hit1: 0.9, answered: 0.86, precision: 0.96, maxWrong: 1 },
  'test/fixtures/knowledge/typos-9.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  // wrapped-10: then a year naming a regulation ("VwV 2023") is no concrete date of an own case (triage rules.ts): q12
  // answered, answered 1.000, precision 0.917, wrong 1 (q5).
  'test/fixtures/knowledge/wrapped-10.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.97, precision: 0.9, maxWrong: 1 },
  // unseen-13 (35: 29 with a passage, 3 everyday, 3 the knowledge base cannot answer), typos-10 (15), wrapped-11 (12):
  // a fifth round on 2026-12-07 by another helper (a third close to the facts' wording, two thirds paraphrased, some
  // questions after a sentence of situation they refer back to). First measurement on d0c1176: unseen-13 hit@1 1.000
  // (MiniSearch 0.931), answered 1.000, precision 0.935, wrong 2 (n11: the FlüAG flat rate for the provisional
  // accommodation answered from the target group passage; n24, a label short of im#betreuungsschluessel, which
  // states that no binding caseload is known: with it hit@1 1.000 (0.900), precision 0.968, wrong 1); typos-10
  // 1.000 (1.000) / 0.933 / 1.000; wrapped-11 0.750 (0.833) / 0.833 / 0.900, wrong 1 (w2: the Soforthilfe
  // 2023/2024 answered from 2022), and w7 dropped as an automatic reply for its virus scanner's footer.
  // Then "wie hoch" a sum of money (Pauschale, Fördersatz, Zuschuss) wants an amount in Euro (consistency.ts
  // MONEY_NOUN): n11 a suggestion, unseen-13 precision 1.000, wrong 0.
  'test/fixtures/knowledge/unseen-13.jsonl': { kind: 'questions', hit1: 0.96, answered: 0.96, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/typos-10.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  // Then the scanner's footer makes no auto-reply and "damals" takes the year of the sentence before (w7 right):
  // wrapped-11 hit@1 0.833 (0.833), answered 0.917, precision 0.909, wrong 1 (w2). Then a year span in the subject
  // ("Rückfrage Soforthilfe 2023/2024") stays with its topic words (question-topic.ts): w2 right, hit@1 0.917,
  // precision 1.000. Then a separable verb's infinitive with "zu" meets the synonyms of its infinitive ("abzugeben":
  // abgeben, übertragen; german.ts): w9 answered, hit@1 1.000, answered 1.000.
  'test/fixtures/knowledge/wrapped-11.jsonl': { kind: 'enquiries', hit1: 0.97, answered: 0.97, precision: 0.97, maxWrong: 0 },
  // unseen-14 (35: 29 with a passage, 3 everyday, 3 the knowledge base cannot answer), typos-11 (15), wrapped-12 (12):
  // a sixth round on 2026-12-07 by another helper (clerks, Kämmerei, Personalamt, integration managers; jargon and
  // abbreviations, a sentence of situation first). Three labels lacked a passage that states the answer: u7 (im#dritte:
  // "deren Ausführungen werden dann in einem gemeinsamen Sachbericht zusammengefasst"), u29
  // (aenderung-2020#inkrafttreten: "verlängerte den höchstmöglichen Bewilligungszeitraum … von 36 auf 60 Monate") and
  // w10 (faq#ukraine-zielgruppe: "steht ihnen seit einem Erlass vom 11. März 2022 offen"). First measurement with
  // them on 4fd880b: unseen-14 hit@1 0.931 (MiniSearch 0.931), answered 0.828, precision 0.885, wrong 3 (u10: the
  // DIM's highest amount per Kreis, which the passage leaves to the VwV; u18: payment dates answered from the
  // 2017/2018 chronicle; u22: an Integrationsbeauftragte's funding answered from the IM Festbetrag); typos-11 1.000
  // (0.933) / 1.000 / 1.000; wrapped-12 0.833 (0.917) / 0.750 / 0.889, wrong 1 (w3: the Soforthilfe 2023/2024 of the
  // first context sentence answered from the general rule on Träger). Then an office heading is no topic, the noun
  // asked for must be named without a clear lead, "Höhe" in a question asking something else asks no amount, unknown
  // words of context the question does not point back to are situation, a question pointing back takes its answer in
  // context, a span of years is no concrete date and "damals" takes every earlier context sentence: unseen-14 0.966
  // (0.931) / 0.966 / 0.966, wrong 1 (u10); wrapped-12 0.917 (0.917) / 0.833 / 1.000 (w6: a reported question
  // before the asked one; w11: the Landesmittel 2025/2026 behind the rates). Then the report of where a question came
  // up is dropped and "Sicht" names no topic (round 7): w6 answered, wrapped-12 answered 0.917.
  // 2026-12-07 (third session): u10 (the DIM's Höchstbeträge, which dim#voraussetzung leaves to the VwV) handed
  // over (non-answer.ts): precision 1.000, wrong 0.
  'test/fixtures/knowledge/unseen-14.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/typos-11.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-12.jsonl': { kind: 'enquiries', hit1: 0.9, answered: 0.9, precision: 0.97, maxWrong: 0 },
  // unseen-15 (35: 29 with a passage, 3 everyday, 3 the knowledge base cannot answer), typos-12 (15), wrapped-13 (12):
  // a seventh round on 2026-12-07 by another helper, written as people who do not know the official terms ("das Geld
  // vom Land für die Integrationsleute", "die Zahlen, die wir melden müssen"). One label lacked a passage that states
  // the answer: x35 (faq#ukraine-zielgruppe: "steht ihnen seit einem Erlass vom 11. März 2022 offen"). First
  // measurement with it on 7c868a7: unseen-15 hit@1 0.655 (MiniSearch 0.724), answered 0.897, precision 0.643, wrong 10
  // (x1, x4, x10, x11, x14, x20, x22, x23, x29, x32); typos-12 1.000 (0.733) / 0.933 / 1.000; wrapped-13 0.917
  // (1.000) / 0.750 / 1.000. Then a person named before points back ("Darf sie …"), a clause with a pronoun is not
  // answered alone, "nach 2022" is after it, the noun asked for counts in amount questions, "Träger" keeps its own
  // stem, reports of where a question came up are dropped, a year alone is no concrete date, and synonyms for
  // Voraussetzung, Anschrift, Ausfertigung and Kurs: unseen-15 0.828 (0.724) / 0.828 / 0.846, wrong 4 (x4: the start of
  // applications in 2017 answered from the Planungsrahmen; x11 and x23, which the sources do not answer; x29: a
  // replacement with a degree answered from the qualification rules); wrapped-13 1.000 / 1.000 / 1.000. unseen-15
  // misses hit@1, answered, precision and wrong; floors at today's values.
  // Since 4307346 (eighth session): precision 0.880, wrong 3 (x11, carrying money over, no longer answered).
  'test/fixtures/knowledge/unseen-15.jsonl': { kind: 'questions', hit1: 0.82, answered: 0.82, precision: 0.87, maxWrong: 3 },
  'test/fixtures/knowledge/typos-12.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.9, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-13.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-16 (35: 29 with a passage, 3 everyday, 3 the knowledge base cannot answer), typos-13 (15), wrapped-14 (12):
  // an eighth round on 2026-12-07 by another helper (exact terms and VwV numbers beside mixed-up ones, "Stimmt es,
  // dass …?", dictation errors such as "Verwendungs Nachweis", forwards and replies with the RP's earlier answer
  // quoted). Three labels lacked a passage that states the answer: q8 (im#betreuungsschluessel: "Ein landesweit
  // verbindlicher Betreuungsschlüssel … ist nicht bekannt"), q26 (im#dritte, as u7) and t5
  // (verwendungsnachweis#zahlenmaessig: "Den Sachbericht legt jeder Antragsteller nur einmal vor"). First measurement
  // with them on de9d552: unseen-16 hit@1 0.967 (MiniSearch 0.900), answered 0.933, precision 0.931, wrong 2 (q28: the
  // DIM's deadline and highest amount per Kreis, which the passage leaves to the VwV; q33: "Ist die Förderzeit damit
  // verloren?" asked without the sentence on the illness); typos-13 0.933 (0.933) / 1.000 / 0.933, wrong 1 (t7:
  // "zwischen verwendungs nachweis"); wrapped-14 0.917 (0.833) / 0.750 / 0.889, wrong 1 (e4), and e12, a forwarded
  // question under a note, taken for thanks. Then "damit" points back, a compound written apart is joined, and a
  // forwarded mail under a note joins the enquiry: unseen-16 1.000 / 0.933 / 0.966, wrong 1 (q28); typos-13 1.000 /
  // 1.000 / 1.000; wrapped-14 1.000 (0.833) / 0.750 / 1.000 (e3, e4, e9 go to a person). Then "für das vergangene
  // Jahr" is read as the sources' "Vorjahr" (question-text.ts): e3 answered, wrapped-14 answered 0.833. unseen-16
  // precision and wrapped-14 answered miss their targets; floors at today's values.
  // 2026-12-07 (third session): a sentence saying that the sources leave the asked detail open answers nothing
  // (non-answer.ts): q28 handed over, unseen-16 precision 1.000, wrong 0; q8 relabelled [] (note below).
  'test/fixtures/knowledge/unseen-16.jsonl': { kind: 'questions', hit1: 0.96, answered: 0.9, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/typos-13.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-14.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.83, precision: 0.97, maxWrong: 0 },
  // unseen-17 (35: 29 with a passage, 3 everyday, 3 the knowledge base cannot answer), typos-14 (15), wrapped-15 (12):
  // a ninth round on 2026-12-07 (third session) by another helper, written as people new to the programme ask
  // (describing a thing instead of naming its term, very short questions). Two labels lacked a passage that states
  // the answer: p15 (verwendungsnachweis#sachbericht: "Einzureichen ist er spätestens drei Monate nach Ende des
  // Förderzeitraums …") and w11 (faq#ukraine-zielgruppe: "… steht ihnen seit einem Erlass vom 11. März 2022 offen").
  // First measurement with them on 9d0fb4f: unseen-17 hit@1 0.862 (MiniSearch 0.655), answered 0.828, precision
  // 0.808, wrong 5 (p8, p12, p16, p31, p32); typos-14 1.000 (0.867) / 1.000 / 1.000; wrapped-15 0.917 (0.833) /
  // 0.833 / 1.000. Then the sources' own "not confirmed" hands a question over (non-answer.ts: p32) and
  // "ausgerechnet" asks for the method (p16): unseen-17 0.897 / 0.828 / 0.880, wrong 3 (p8: "ab dem ersten
  // Arbeitstag" answered from the rates; p12: how many refugees a full post may counsel, from the counselling
  // duration; p31: why 2019 was funded, from the 2017 volume). unseen-17 misses hit@1, answered and precision, and
  // wrapped-15 answered (w3, w4 go to a person); floors at today's values. Then the years of a concessive clause
  // ("…, obwohl der Pakt doch nur für 2017 und 2018 geschlossen war") are its premise (consistency.ts: p31 right),
  // and "den Rest" points back (p24, carrying money over, goes to a person instead of being declined): unseen-17
  // 0.931 / 0.828 / 0.920, wrong 2 (p8, p12).
  // Since 4307346 (eighth session): precision 0.960, wrong 1 (p12, a "Wie viele …?" question, no longer answered).
  'test/fixtures/knowledge/unseen-17.jsonl': { kind: 'questions', hit1: 0.9, answered: 0.82, precision: 0.95, maxWrong: 1 },
  'test/fixtures/knowledge/typos-14.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-15.jsonl': { kind: 'enquiries', hit1: 0.9, answered: 0.83, precision: 0.97, maxWrong: 0 },
  // unseen-18 (35: 29 with a passage, 3 everyday, 3 the knowledge base cannot answer), typos-15 (15), wrapped-16 (12):
  // a tenth round on 2026-12-07 (third session) by another helper, aimed at the traps (a year, a VwV version or a
  // programme named; amounts, deadlines, yes/no and two-part questions). One label lacked a passage that states the
  // answer: k16 (faq#ukraine-zielgruppe, as w11 of round 9). First measurement with it on a12c09d: unseen-18 hit@1
  // 1.000 (MiniSearch 0.931), answered 0.966, precision 1.000, wrong 0; typos-15 0.867 (0.933) / 0.933 / 0.857, wrong
  // 2 (z2, z9); wrapped-16 1.000 (1.000) / 0.833 / 1.000. Then "zwischen-VN" is read as the Zwischenverwendungsnachweis
  // (z9), "eigentl" as a filler (z1), "Welcher Stichtag … für die Höhe" asks for a date (k14), "Können Sie mir sagen,
  // wie …" is a frame and Gesamtvolumen a word of the sources (m1), and a subject naming the occasion adds no topic
  // (m9): unseen-18 1.000 / 1.000 / 1.000; typos-15 0.933 (0.933) / 1.000 / 0.933, wrong 1 (z2: "feste
  // ansprechpartner für unser LRA oder nur das postfach?" answered from the passage on other programmes' mailboxes);
  // wrapped-16 1.000 / 1.000 / 1.000. typos-15 precision misses its target; floor at today's value.
  'test/fixtures/knowledge/unseen-18.jsonl': { kind: 'questions', hit1: 0.96, answered: 0.96, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/typos-15.jsonl': { kind: 'questions', hit1: 0.9, answered: 0.93, precision: 0.93, maxWrong: 1 },
  'test/fixtures/knowledge/wrapped-16.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-19 (35: 29 with a passage, 3 everyday, 3 the knowledge base cannot answer), typos-16 (15), wrapped-17 (12):
  // an eleventh round on 2026-12-07 (third session) by another helper, as a month of a Teams chat would bring them
  // (formal, colloquial and Swabian, keyword-like). Two labels lacked a passage that states the answer: b6
  // (verwendungsnachweis#sachbericht, as p15 of round 9) and b26 (faq#ukraine-zielgruppe, as w11). First measurement
  // with them on c92358f: unseen-19 hit@1 0.966 (MiniSearch 0.862), answered 0.931, precision 1.000, wrong 0; typos-16
  // 1.000 (0.933) / 0.933 / 1.000; wrapped-17 0.917 (0.833) / 0.917 / 1.000. Then a forward under "WG: …" is read as
  // one (w3) and the short second year of a span is no number of its own (t15): typos-16 1.000 / 1.000 / 1.000,
  // wrapped-17 1.000 / 1.000 / 1.000. Left in unseen-19: b2 ("Frist Kennzahlen?", a suggestion) and b10 (in Swabian).
  'test/fixtures/knowledge/unseen-19.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.9, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/typos-16.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-17.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-20 (35: 29 with a passage, 3 everyday, 3 the knowledge base cannot answer), typos-17 (15), wrapped-18 (12):
  // a twelfth round on 2026-12-07 (third session) by another helper (a new case worker, a Kreis coordinator and a
  // journalist asking; indirect questions, "…, oder?", comparisons). One label lacked a passage that states the answer:
  // h27 (faq#ukraine-zielgruppe, as w11). First measurement with it on d4eb091: unseen-20 hit@1 0.966 (MiniSearch
  // 0.862), answered 0.931, precision 0.963, wrong 1 (h19: the Pakt's money in 2017 and 2018 answered from the
  // Integrationsmanagement's share in the chronicle); typos-17 1.000 (0.933) / 1.000 / 1.000; wrapped-18 1.000 (0.917)
  // / 0.917 / 1.000. unseen-20 precision misses its target by that one answer; floor at today's value. Then
  // "Können Sie uns kurz mitteilen, wie das geregelt ist?" asks for the rule, not for an act on the own case
  // (rules.ts answer-request): wrapped-18 e4 answered, 1.000 / 1.000 / 1.000.
  'test/fixtures/knowledge/unseen-20.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.9, precision: 0.96, maxWrong: 1 },
  'test/fixtures/knowledge/typos-17.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-18.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-21 (35: 28 with a passage, 3 everyday, 4 the knowledge base cannot answer), typos-18 (15), wrapped-19 (12):
  // a thirteenth round on 2026-12-07 (fourth session) by another helper (newcomers, council members and the Kämmerei
  // in everyday words; replies with quoted history, a forward, disclaimers). First measurement on 4df0883: unseen-21
  // hit@1 0.857 (MiniSearch 0.821), answered 0.786, precision 0.875, wrong 3 (k13: how the Ukraine aid 2022 was
  // split among the Kreise, answered from the aid's own passage; k30: which degree subjects count, which the sources
  // do not list; k34: the Kreise's application deadline for 2026, which they do not name); typos-18 0.867 (0.867) /
  // 0.800 / 0.917, wrong 1 (y12: the training topic added in 2020, answered from the FAQ's restatement without it);
  // wrapped-19 0.917 (0.750) / 0.917 / 0.909, wrong 1 (w3: one Sachbericht for two welfare associations, answered from
  // the passage on Träger). All below target. Then "Kriegsflüchtlinge" are Flüchtlinge (synonyme.yaml, k28) and "23/24"
  // is the span 2023/24 (question-text.ts, y14): unseen-21 0.857 / 0.821 / 0.880, typos-18 0.867 / 0.867 / 0.923.
  // Then a condition before a colon stays with its question (k16) and "mein Auftrag" points back to the sentence
  // saying who the writer is (k5), and later rounds' mechanisms lift unseen-21 to 0.929 / 0.893 / 0.889. Floors at
  // today's values.
  'test/fixtures/knowledge/unseen-21.jsonl': { kind: 'questions', hit1: 0.92, answered: 0.89, precision: 0.88, maxWrong: 3 },
  'test/fixtures/knowledge/typos-18.jsonl': { kind: 'questions', hit1: 0.86, answered: 0.86, precision: 0.92, maxWrong: 1 },
  'test/fixtures/knowledge/wrapped-19.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.9, maxWrong: 1 },
  // unseen-22 (35: 28 with a passage, 3 everyday, 4 the knowledge base cannot answer), typos-19 (15, Swabian touches),
  // wrapped-20 (12): a fourteenth round on 2026-12-07 (fourth session) by another helper (a Bürgermeister, a
  // Kreiskämmerer, a Träger, a trainee, a council member; negations, comparisons). Two labels lacked a passage that
  // states the answer: z5 (kontakt#abgrenzung: "Fragen zum Integrationsmanagement an integrationsmanagement@rps.bwl.de")
  // and e3 (im#dritte: "deren Ausführungen werden dann in einem gemeinsamen Sachbericht zusammengefasst"). First
  // measurement on 6e8a02c, before that correction: unseen-22 hit@1 0.964 (MiniSearch 0.893), answered 0.893,
  // precision 1.000, wrong 0; typos-19 0.867 (0.867) / 0.733 / 0.909 (z5); wrapped-20 0.917 (0.583) / 0.917 / 0.909
  // (e3); with it typos-19 precision 1.000, wrapped-20 1.000 / 0.917 / 1.000. Then Swabian and spoken forms ("ma",
  // "isch", "gell", "beschte") are read as function words (function-words.ts): typos-19 0.933 / 0.867 / 1.000.
  'test/fixtures/knowledge/unseen-22.jsonl': { kind: 'questions', hit1: 0.96, answered: 0.89, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/typos-19.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.86, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-20.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-23 (35: 28 with a passage, 3 everyday, 4 the knowledge base cannot answer), typos-20 (15), wrapped-21 (12): a
  // fifteenth round on 2026-12-07 (fourth session) by another helper (a large Stadtkreis, a small Hauptamt, an
  // integration manager writing German as a second language, a journalist, a Kreis' controlling; long questions with
  // background, two-word questions, comparisons of years). First measurement on 5f3dbd3: unseen-23 hit@1 0.821
  // (MiniSearch 0.750), answered 0.857, precision 0.917, wrong 2 (n1: one Sachbericht for several Träger, answered with
  // the Träger's passage because a later sentence's "das" took the context in; n15: whether a DIM tool only for the
  // town's own staff was fundable, answered from the programme's description instead of its condition); typos-20 1.000
  // (0.867) / 0.933 / 1.000; wrapped-21 1.000 (0.750) / 0.917 / 1.000. Then only the first sentence of a question can
  // point back to the context (ask-in-context.ts, n1) and course fees are Fortbildung (synonyme.yaml, n12): unseen-23
  // 0.893 / 0.893 / 0.960 (n15 left), typos-20 1.000 / 0.867 / 1.000 (t9: two right passages tie).
  'test/fixtures/knowledge/unseen-23.jsonl': { kind: 'questions', hit1: 0.89, answered: 0.89, precision: 0.96, maxWrong: 1 },
  // Fifth session: t9 answered since the title of im#festbetrag names the Förderbeginn: typos-20 answered 0.933.
  'test/fixtures/knowledge/typos-20.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-21.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-24 (35: 28 with a passage, 3 everyday, 4 the knowledge base cannot answer), typos-21 (15), wrapped-22 (12): a
  // sixteenth round on 2026-12-07 (fourth session) by another helper (a Landratsamt passing funds on, a Träger, a shared
  // post, parental leave, an auditor; exceptions and who does what). First measurement on a4357ee: unseen-24 hit@1
  // 0.929 (MiniSearch 0.893), answered 0.929, precision 0.862, wrong 4 (q4: carrying unspent funds into the next year,
  // which the sources do not say; q10: an employee's notice of parental leave, an everyday question; q19: on what basis
  // the Ukraine aid 2022 was split, as unseen-21 k13; q21: the Kreise's deadline for 2026, as unseen-21 k34); typos-21
  // 0.800 (0.800) / 0.867 / 0.846, wrong 2 (y5, y12); wrapped-22 0.917 (0.750) / 1.000 / 0.917, wrong 1 (e12: the
  // Land's money for 2025 and 2026, answered from the distribution passage that names "Landesmittel"). All precision
  // below target. Then "Auf welcher Grundlage …" asks for the basis (q19), a deadline question is not answered from a
  // passage without a date (q21, k34), "vwvs" is the abbreviation's plural and "runterladen" herunterladen (y12):
  // unseen-24 0.964 / 0.929 / 0.929, typos-21 0.867 / 0.867 / 0.923. Floors at today's values. On 2026-12-08 a move
  // "ins nächste Jahr" is not answered from a passage that never speaks of a following year (deadline.ts; q4):
  // unseen-24 0.964 / 0.929 / 0.963.
  'test/fixtures/knowledge/unseen-24.jsonl': { kind: 'questions', hit1: 0.96, answered: 0.92, precision: 0.96, maxWrong: 1 },
  'test/fixtures/knowledge/typos-21.jsonl': { kind: 'questions', hit1: 0.86, answered: 0.86, precision: 0.92, maxWrong: 1 },
  'test/fixtures/knowledge/wrapped-22.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.91, maxWrong: 1 },
  // unseen-25 (35), typos-22 (15), wrapped-23 (12): the seventeenth round (2026-12-07, fourth session), measured on
  // d3d59eb and kept apart until now: unseen-25 hit@1 0.964 (MiniSearch 0.893), answered 0.964, precision 0.931, wrong
  // 2 (a30, a32: what the sources do not state, answered from neighbouring passages; two labels corrected where another
  // passage states the answer word for word, a8: im#zielgruppe, faq#ukraine-zielgruppe, "seit einem Erlass vom 11. März
  // 2022"; a23: verwendungsnachweis#sachbericht, "spätestens drei Monate nach Ende des Förderzeitraums"; without them
  // 0.893 / 0.964 / 0.862); typos-22 1.000 (0.867) / 0.933 / 1.000; wrapped-23 0.917 (0.917) / 0.833 / 1.000. They
  // waited outside this folder because the FAQ approval gate (knowledge-loop/proposal-eval.fs.ts) evaluates every set
  // here: a14 ("Beginnt die Zuwendung mit dem Bewilligungsbescheid oder erst, wenn die Integrationsmanagerin ihre Stelle
  // antritt?") flipped to kontakt#bewilligungsstelle when the workplace tests add an unrelated entry. Since the title of
  // im#festbetrag names the Förderbeginn it states (knowledge/im.md, fifth session; unseen-7 v1 and typos-20 t9 answered
  // too), a14 holds: unseen-25 1.000 / 1.000 / 0.933, wrapped-23 answered 0.833 (c4, c5 handed over; below target).
  'test/fixtures/knowledge/unseen-25.jsonl': { kind: 'questions', hit1: 0.96, answered: 0.96, precision: 0.93, maxWrong: 2 },
  'test/fixtures/knowledge/typos-22.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-23.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.83, precision: 0.97, maxWrong: 0 },
  // unseen-26 (28: 24 with a passage, 4 rules the knowledge base cannot answer), typos-23 (15), wrapped-24 (12): an
  // eighteenth round on 2026-12-07 (fifth session) by another helper. First measurement on 33ed270: unseen-26 hit@1
  // 0.917 (MiniSearch 0.875), answered 0.958, precision 0.957, wrong 1 (m20: the Sachbericht's deadline with staff of
  // different funding periods, answered from verwendungsnachweis#sachbericht, which states that deadline word for word:
  // label corrected, so the first measurement reads 0.958 / 0.958 / 1.000, wrong 0; m11: "Worin besteht die
  // Kernaufgabe …?" read as "Wohin" and ranked by "besteht"); typos-23 1.000 (0.933) / 0.867 / 1.000; wrapped-24 1.000
  // (0.833) / 1.000 / 1.000. Then a question word spelt right is not corrected to a neighbour and "besteht" frames a
  // question (function-words.ts, german.ts): unseen-26 1.000 / 1.000 / 1.000. Then a passage's "60 %" reads as
  // "60 Prozent" (tokenize.ts; t14 "60 prozent der mittel" had been handed over): typos-23 1.000 / 0.933 / 1.000 (t5
  // left: "dürfen mir trotzdem alleine beantragen", suggestions).
  'test/fixtures/knowledge/unseen-26.jsonl': { kind: 'questions', hit1: 0.96, answered: 0.96, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/typos-23.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-24.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-27 (28: 24 with a passage, 4 rules the knowledge base cannot answer), typos-24 (15), wrapped-25 (12): a
  // nineteenth round on 2026-12-07 (fifth session) by another helper, written as a Kämmerei, a new integration manager,
  // a Bürgermeister, a Landratsamt and a Träger would ask. First measurement on fc77867: unseen-27 hit@1 1.000
  // (MiniSearch 0.917), answered 0.958, precision 1.000, wrong 0 (g6: "Ich bin seit Montag Integrationsmanagerin. Was
  // gehört … zu meinen Kernaufgaben?" offered suggestions: "Montag" counted as a noun the knowledge base does not
  // know); typos-24 1.000 (0.867) / 1.000 / 1.000; wrapped-25 1.000 (0.833) / 1.000 / 1.000. Then weekdays are
  // stopwords (german.ts): unseen-27 1.000 / 1.000 / 1.000.
  'test/fixtures/knowledge/unseen-27.jsonl': { kind: 'questions', hit1: 0.96, answered: 0.96, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/typos-24.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-25.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-28 (28: 24 with a passage, 4 the knowledge base cannot answer), typos-25 (15), wrapped-26 (12): a twentieth
  // round on 2026-12-07 (fifth session) by another helper (negated and yes/no questions, conditions and exceptions,
  // who is responsible, forwards inside an authority). First measurement on eab0434: unseen-28 hit@1 0.958 (MiniSearch
  // 0.958), answered 1.000, precision 0.885, wrong 3 (r12: since which amendment Zwischenverwendungsnachweise are due,
  // answered from aenderung-2020#inkrafttreten, which says so word for word: label corrected; r27: a Sachkostenpauschale
  // beside the personnel costs, answered from im#festbetrag, which says only that it is not confirmed; r28: until what
  // time the Dienststelle Wertheim is open on Fridays, answered from the address); typos-25 1.000 (0.933) / 1.000 /
  // 1.000; wrapped-26 0.917 (1.000) / 0.917 / 1.000 (e4: the question passed on as a "> " quote below "folgende Frage
  // weiterzuleiten:" was cut as history). Then a quote the writer introduces is the question when their own text asks
  // nothing (core/triage/text.ts unquoteIntroduced, used by the mail channel too), and a question for opening hours is
  // not answered from a passage without a clock time (deadline.ts): unseen-28 1.000 / 1.000 / 0.960 (r27 left),
  // wrapped-26 1.000 / 1.000 / 1.000.
  'test/fixtures/knowledge/unseen-28.jsonl': { kind: 'questions', hit1: 0.96, answered: 0.96, precision: 0.96, maxWrong: 1 },
  'test/fixtures/knowledge/typos-25.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-26.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-29 (28: 24 with a passage, 4 the knowledge base cannot answer), typos-26 (15), wrapped-27 (12): a
  // twenty-first round on 2026-12-07 (fifth session) by another helper (situations told first, history and changes,
  // the DIM, precise details). First measurement on 9936ed9: unseen-29 hit@1 0.917 (MiniSearch 1.000), answered 0.958,
  // precision 0.913, wrong 2 (f14: how long after the end of the longest funding the Sachbericht may take, answered
  // from faq#sachberichte, which states "spätestens drei Monate nach dem Ende des Förderzeitraums der am längsten
  // geförderten Person" word for word, as does verwendungsnachweis#sachbericht: label corrected; f15: three questions
  // in one on the Kennzahlen, answered from the overview of the 2020 amendment, which gives two of them); typos-26
  // 1.000 (0.800) / 0.867 / 1.000; wrapped-27 0.917 (1.000) / 0.750 / 1.000 (c10: the Kreistag's context sentence
  // "wie der Betrag … zustande kam" pulls the Ukraine aid's amounts above its distribution; c3, c4: handed over).
  // Below MiniSearch on two sets and answered below target on wrapped-27. Then "insgesamt" frames an amount question
  // (german.ts; z2): typos-26 1.000 / 0.933 / 1.000; an absence that is over ("war zuletzt sechs Wochen krank") is no
  // notice (staff-rules.ts; c3) and "diese Vorgehensweise" points past "Unsere Kämmerei fragt jetzt nach." to the
  // sentence that tells it (question-extract.ts; c4): wrapped-27 0.917 / 0.917 / 1.000 (c10 left). Then (sixth session)
  // a question reported as raised elsewhere ("im Kreistag kam die Frage auf, wie …") is context beside the writer's own
  // (question-extract.ts) and Maßstab joins Schlüssel and Verteilschlüssel (synonyme.yaml): c10 answered, wrapped-27
  // 1.000 (1.000) / 1.000 / 1.000.
  'test/fixtures/knowledge/unseen-29.jsonl': { kind: 'questions', hit1: 0.95, answered: 0.95, precision: 0.95, maxWrong: 1, belowMiniSearch: 0.05 },
  'test/fixtures/knowledge/typos-26.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-27.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-30 (28: 24 with a passage, 4 the knowledge base cannot answer), typos-27 (15), wrapped-28 (12): a
  // twenty-second round on 2026-12-07 (fifth session) by another helper (a month of typical traffic over every
  // passage), measured on f71795f and not fixed: unseen-30 hit@1 0.875 (MiniSearch 0.750), answered 0.917, precision
  // 0.909, wrong 2 (h10: since which amendment Zwischenverwendungsnachweise exist, answered from
  // aenderung-2020#inkrafttreten, which says so, as r12 of unseen-28: label corrected, so 0.917 / 0.917 / 0.955; h2:
  // when a post's funding begins, answered from the Fördersätze, a longer passage that matches more of the question's
  // expansions than im#festbetrag, which states it, as a14, v1 and p8 before; h16, h20 handed over); typos-27 1.000
  // (0.800) / 0.933 / 1.000; wrapped-28 1.000 (0.917) / 1.000 / 1.000.
  'test/fixtures/knowledge/unseen-30.jsonl': { kind: 'questions', hit1: 0.91, answered: 0.91, precision: 0.95, maxWrong: 1 },
  'test/fixtures/knowledge/typos-27.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-28.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-31 (28: 24 with a passage, 4 the knowledge base cannot answer), typos-28 (15), wrapped-29 (12): a
  // twenty-third round on 2026-12-07 (sixth session) by another helper, first measured on 44ba63f: unseen-31 hit@1
  // 0.917 (MiniSearch 0.833), answered 0.875, precision 1.000, wrong 0 (j8: since when and on what basis Ukrainians
  // may be advised, which faq#ukraine-zielgruppe and im#zielgruppe state word for word as chronik#2022 does: label
  // corrected, so 0.958 (0.875); j5, j8 suggested; j17: "deutscher Staatsbürger", a word the knowledge base did not know);
  // typos-28 1.000 (0.867) / 1.000 / 1.000; wrapped-29 0.917 (0.833) / 0.833 / 0.900, wrong 1 (w6: whether 2020
  // brought Zwischenverwendungsnachweise, answered from aenderung-2020#inkrafttreten, which says so: label corrected,
  // so 1.000 / 0.833 / 1.000; w1 and w4 handed over). Then Staatsbürger and Staatsbürgerschaft join the Einbürgerung
  // synonyms (j17) and "…, und seit wann gilt das?" points to its own first clause when that one names two nouns and
  // no pointer (question-sentences.ts; w4): unseen-31 0.958 / 0.917 / 1.000, wrapped-29 1.000 / 0.917 / 1.000 (j5,
  // j8, w1 left).
  'test/fixtures/knowledge/unseen-31.jsonl': { kind: 'questions', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/typos-28.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-29.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-32 (28: 24 with a passage, 4 the knowledge base cannot answer), typos-29 (15), wrapped-30 (12): a
  // twenty-fourth round on 2026-12-07 (sixth session) by another helper (a week of traffic from many kinds of
  // writers), first measured on 19d7c88: unseen-32 hit@1 0.875 (MiniSearch 0.917), answered 0.875, precision 0.952,
  // wrong 1 (e7: since when and why Ukrainians may be advised, answered from faq#ukraine-zielgruppe, which gives the
  // date but not the reason; e8: the sum announced for 2025 and 2026, where the rates per post ranked before the
  // chronicle of those years; e9: the tasks at the start in 2017; e21: "Innerhalb welcher Frist …", the preposition
  // read as an unknown noun); typos-29 1.000 (0.733) / 0.933 / 1.000 (v5: counselling by phone only, which the
  // sources state for the Corona time); wrapped-30 1.000 (0.917) / 1.000 / 1.000. Then prepositions such as
  // innerhalb, gemäß and aufgrund are function words (german.ts; e21) and an amount asked for a year puts the year's
  // passage first when the best one mentions the year only in passing and is not about more of the question
  // (assess.ts breakTie; e8, and r1 of unseen-5, k24 of unseen-8 answered): unseen-32 0.917 (0.917) / 0.917 / 0.955
  // (e7 wrong, e9 left).
  'test/fixtures/knowledge/unseen-32.jsonl': { kind: 'questions', hit1: 0.91, answered: 0.91, precision: 0.95, maxWrong: 1 },
  'test/fixtures/knowledge/typos-29.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-30.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-33 (28: 24 with a passage, 4 the knowledge base cannot answer), typos-30 (15), wrapped-31 (12): a
  // twenty-fifth round on 2026-12-07 (sixth session) by another helper (the voices of a new integration manager, a
  // Kämmerer, an auditor and others, every passage at least once), first measured on 915d383: unseen-33 hit@1 0.917
  // (MiniSearch 0.875), answered 1.000, precision 0.917, wrong 2 (d10: whether each of three Träger writes its own
  // Sachbericht, answered from im#dritte, which says their parts go into one common Sachbericht; d22: since when and on
  // what basis Ukrainians may be advised, answered from faq#ukraine-zielgruppe, which states it as im#zielgruppe does:
  // labels corrected, so 1.000 (0.958) / 1.000 / 1.000); typos-30 1.000 (0.867) / 1.000 / 1.000; wrapped-31 1.000
  // (0.917) / 0.917 / 1.000 (g3: the rates of the first phase and whether the current ones are published, handed over
  // as a question about the present whose figures are unconfirmed). Then an earlier time asked beside the present
  // ("in der ersten Förderphase … aktuell") keeps the question from counting as one about the present years only
  // (non-answer.ts): wrapped-31 answered 1.000. Left: d10 leads with the passage's "Ja." for the choice of Träger.
  'test/fixtures/knowledge/unseen-33.jsonl': { kind: 'questions', hit1: 0.96, answered: 0.96, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/typos-30.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-31.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-34 (28: 24 with a passage, 4 the knowledge base cannot answer), typos-31 (15), wrapped-32 (12): a
  // twenty-sixth round on 2026-12-07 (sixth session) by another helper (deadlines, staff changes, planning, the
  // programme's history), first measured on e68ef8e: unseen-34 hit@1 0.875 (MiniSearch 0.875), answered 1.000,
  // precision 0.875, wrong 3 (f23: what the 2020 amendment changed in the longest approval period, answered from
  // aenderung-2020#inkrafttreten, which states "von 36 auf 60 Monate": label corrected, so 0.917 (0.917) / 1.000 /
  // 0.917; f10: the Landesmittel to plan for 2026, answered from the distribution from 2025, which names no sum; f15:
  // since when and why Ukrainians may be advised, answered from faq#ukraine-zielgruppe, which gives the date only, as
  // e7 of unseen-32); typos-31 1.000 (0.933) / 1.000 / 1.000; wrapped-32 0.917 (0.750) / 0.917 / 1.000 (b4: a
  // Gemeinderat's question forwarded as a quoted mail below "ich leite Ihnen eine Anfrage … weiter", taken for
  // history). Then a quote the writer says they pass on, with only "Können Sie uns dazu eine kurze Auskunft geben?" of
  // their own, is the question, its mail header lines left out (core/triage/text.ts unquoteIntroduced): wrapped-32
  // 1.000 / 1.000 / 1.000. Left: f10, f15 (confidently wrong, 7.1 %).
  'test/fixtures/knowledge/unseen-34.jsonl': { kind: 'questions', hit1: 0.91, answered: 0.91, precision: 0.91, maxWrong: 2 },
  'test/fixtures/knowledge/typos-31.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-32.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-35 (28: 24 with a passage, 4 the knowledge base cannot answer), typos-32 (15), wrapped-33 (12): a
  // twenty-seventh round on 2026-12-07 (sixth session) by another helper (terse and chatty writers, premises to
  // confirm, some wrong), first measured on eb478fb: unseen-35 hit@1 0.917 (MiniSearch 0.750), answered 0.958,
  // precision 0.875, wrong 3 (m12: since when and on what basis Ukrainians may be advised, stated word for word by
  // faq#ukraine-zielgruppe and im#zielgruppe: label corrected, so 0.958 (0.792) / 0.958 / 0.917; m1: where to post
  // original documents, answered from the page of forms, which gives no address; m27: whether variant (c) needs two
  // years of experience, which the sources call unknown, answered from the qualifications; m21 suggested); typos-32
  // 1.000 (0.933) / 1.000 / 1.000; wrapped-33 1.000 (1.000) / 1.000 / 1.000. Then a question where to send something
  // by post is not answered from a passage without postcode and town (deadline.ts missesAskedTimeOrPlace; m1
  // suggested): unseen-35 0.958 / 0.917 / 0.957 (m27 left).
  'test/fixtures/knowledge/unseen-35.jsonl': { kind: 'questions', hit1: 0.95, answered: 0.91, precision: 0.95, maxWrong: 1 },
  'test/fixtures/knowledge/typos-32.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-33.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-36 (28: 24 with a passage, 4 the knowledge base cannot answer), typos-33 (15), wrapped-34 (12): a
  // twenty-eighth round on 2026-12-07 (seventh session), first measured on 2846494: unseen-36 hit@1 0.958 (MiniSearch
  // 0.958), answered 0.958, precision 0.917, wrong 2 (n15: since when Ukrainians may be advised, stated word for word
  // by faq#ukraine-zielgruppe: label corrected, so 1.000 (0.958) / 0.958 / 0.958, wrong 1; n27: on which dates the
  // funds can be called and in how many instalments, which the sources do not say, answered from the chronicle of
  // 2017/2018 (60 % released first); n12 suggested); typos-33 1.000 (0.933) / 0.933 / 1.000 (t8: "corona: is es
  // foerderschaedlich …" lost its topic with its lower-case heading); wrapped-34 1.000 (0.917) / 1.000 / 1.000. Then
  // a passage about years wholly before the newest period (history.ts) is no answer to a question naming no year and
  // not speaking of the past, and a heading typed without capitals ("corona:") names the topic
  // (question-extract.ts): unseen-36 1.000 / 0.958 / 1.000, typos-33 1.000 / 1.000 / 1.000.
  'test/fixtures/knowledge/unseen-36.jsonl': { kind: 'questions', hit1: 0.95, answered: 0.91, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/typos-33.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-34.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-37 (28: 24 with a passage, 4 the knowledge base cannot answer; several about earlier years without naming
  // them, several about today), typos-34 (15), wrapped-35 (12): a twenty-ninth round on 2026-12-07 (seventh session),
  // first measured on f553f9b, no label corrected: unseen-37 hit@1 1.000 (MiniSearch 0.958) / 1.000 / 1.000; typos-34
  // 1.000 (0.933) / 1.000 / 1.000; wrapped-35 0.917 (0.833) / 0.750 / 1.000 (w2: who evaluated the programme and when,
  // with a Kreistag draft as context, the right passage first without confidence; w4: "Wann war die …?" after "es gab
  // nach den Regionalkonferenzen auch schon einmal eine Online-Konferenz", the Regionalkonferenzen first; w8: "Ab wann
  // gilt diese Änderung?" after "bei der Durchsicht unserer Unterlagen … auf die Änderung der VwV vom 11. November 2020
  // gestoßen", the writer's Unterlagen counted against the answer). Then "diese(r/s) + noun" takes the noun phrase its
  // context sentence gives the noun (core/triage/question-pointer.ts): wrapped-35 0.917 / 0.833 / 1.000 (w2, w4 left).
  'test/fixtures/knowledge/unseen-37.jsonl': { kind: 'questions', hit1: 0.95, answered: 0.91, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/typos-34.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-35.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.83, precision: 0.97, maxWrong: 0 },
  // unseen-38 (28: 24 with a passage, 4 the knowledge base cannot answer; many with a premise to confirm or correct,
  // several of them false), typos-35 (15), wrapped-36 (12): a thirtieth round on 2026-12-07 (seventh session), first
  // measured on be95ffc, no label corrected: unseen-38 hit@1 0.875 (MiniSearch 0.917) / 0.875 / 0.952, wrong 1 (g20:
  // the difference between the Landesmittel of 2017/2018 and those announced for 2025/2026, answered from the
  // distribution from 2025, which names no sum; g16 and g25: a question after a reported claim, "Unser neuer Kollege
  // meint, …" and "Ich habe gelesen, …", asked without it; g5 suggested); typos-35 1.000 (0.933) / 1.000 / 1.000;
  // wrapped-36 0.917 (0.833) / 0.667 / 1.000 (w7, w11: rule questions about 2017 and 2020/2021 taken for the writer's
  // own case by "wurden die Mittel 2017 … ausgezahlt" and "nachbesetzungsfähige Stellen"; w3: the rate of the first
  // phase by qualification, capped because im#qualifikation names "Qualifikation" in its title; w10). Then a question
  // after a sentence reporting a claim is asked with it (question-extract.ts), the funds are the writer's only with a
  // possessive and "nachbesetzungsfähig" is no personnel change (case-rules.ts, staff-rules.ts): unseen-38 0.958 /
  // 0.958 / 0.957 (g20 left), wrapped-36 0.917 / 0.833 / 1.000 (w3, w10 left).
  'test/fixtures/knowledge/unseen-38.jsonl': { kind: 'questions', hit1: 0.95, answered: 0.91, precision: 0.95, maxWrong: 1 },
  'test/fixtures/knowledge/typos-35.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-36.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.83, precision: 0.97, maxWrong: 0 },
  // unseen-39 (28: 24 with a passage, 4 the knowledge base cannot answer), typos-36 (15), wrapped-37 (12): a
  // thirty-first round on 2026-12-07 (seventh session) in everyday words that avoid the programme's terms ("Geld vom
  // Land", "Bericht am Jahresende"), first measured on f373765 and not fixed. Two labels corrected where another
  // passage states the answer word for word (f12: verwendungsnachweis#sachbericht, "spätestens drei Monate nach Ende
  // des Förderzeitraums"; f16: faq#ukraine-zielgruppe, the date of the Erlass); uncorrected hit@1 0.833 (MiniSearch
  // 0.667), precision 0.760, wrong 6. Corrected: unseen-39 0.917 (0.708) / 0.958 / 0.840, wrong 4 (f6: how many
  // refugees one full post may look after, answered from the counselling period "höchstens drei Jahre"; f13: carrying
  // money over into the next year, answered from the distribution from 2025; f24: "Hat mal jemand untersucht, ob die
  // Integrationsmanager etwas bringen?" and f28: extra money for people from Ukraine after 2022, both answered from
  // im#zielgruppe; f8 suggested); typos-36 1.000 (0.800) / 1.000 / 1.000; wrapped-37 1.000 (0.750) / 0.917 / 1.000.
  // Tried and dropped: a number of the noun counted for "Wie viele …?" (f6 stayed, four right answers lost).
  // Since the eighth session (4307346): 0.958 / 0.958 / 0.957, wrong 1 (f28; f6, f13, f24 fixed by counted.ts,
  // assess-condition.ts and the Evaluation synonyms).
  'test/fixtures/knowledge/unseen-39.jsonl': { kind: 'questions', hit1: 0.95, answered: 0.95, precision: 0.95, maxWrong: 1 },
  'test/fixtures/knowledge/typos-36.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-37.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-40 (24: 21 with a passage, 3 the knowledge base cannot answer), typos-37 (15), wrapped-38 (12): a
  // thirty-second round on 2026-12-07 (eighth session), half of unseen-40 in everyday words, first measured on
  // cba2ca8, no label corrected: unseen-40 hit@1 0.857 (MiniSearch 0.714) / 0.810 / 1.000, wrong 0 (q5, q11, q18 not
  // first; q6 suggested); typos-37 0.933 (0.933) / 0.933 / 0.929, wrong 1 (ty6: "wieviel monate nach ende
  // foerderzeitraum", verwendungsnachweis#frist capped because "drei Monate" in words counted as no number; ty13
  // suggested: "eur" for Euro); wrapped-38 1.000 (0.917) / 1.000 / 1.000. Then a number in words with what it counts
  // is a number (consistency.ts), EUR abbreviates Euro and "erstmals" meets "Antragsstart" (synonyme.yaml):
  // unseen-40 0.857 / 0.857 / 1.000 (q5, q11, q18 left: an everyday paraphrase, "Wie viele … tätig?" taken by the
  // first Paktlaufzeit's passage, "jemanden einstellen … Stelle später besetzen"), typos-37 1.000 / 1.000 / 1.000.
  'test/fixtures/knowledge/unseen-40.jsonl': { kind: 'questions', hit1: 0.85, answered: 0.85, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/typos-37.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-38.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.97, maxWrong: 0 },
  // unseen-41 (24: 20 with a passage, 4 the knowledge base cannot answer), typos-38 (15), wrapped-39 (12): a
  // thirty-third round on 2026-12-07 (eighth session: conditions, wrong premises, rule numbers, everyday words), first
  // measured on 9f18f0e, no label corrected: unseen-41 hit@1 0.850 (MiniSearch 0.950) / 0.950 / 0.850, wrong 3 (h6:
  // "Was regelt Nr. 7.4.2 der VwV …?" answered from the VwV's overview; h18: a Computerlösung for the DIM, answered
  // from dim#programm; h22: how many refugees one full post may look after, answered with the counselling period;
  // h9 suggested); typos-38 1.000 (0.733) / 1.000 / 1.000; wrapped-39 0.833 (0.583) / 0.833 / 0.900, wrong 1 (w1: one
  // Sachbericht for a Zusammenschluss, answered from faq#zusammenschluss-kreise; w8 declined for "Gemeinderat" in a
  // hearsay opening; w5 handed over). Then a hearsay opening may name its hearer in up to five words (question-text.ts),
  // a "Wie viele …?" question sinks a passage counting other things (counted.ts), a question about the beginning
  // ("anfangs") one about the newest period (history.ts), and "Was regelt Nr. …?" one not citing the number
  // (rule-number.ts): unseen-41 0.950 (0.950) / 1.000 / 0.905 (h18, h22 left), wrapped-39 0.917 / 0.917 / 0.909 (w1 left).
  'test/fixtures/knowledge/unseen-41.jsonl': { kind: 'questions', hit1: 0.94, answered: 0.95, precision: 0.9, maxWrong: 2 },
  'test/fixtures/knowledge/typos-38.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-39.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.9, maxWrong: 1 },
  // unseen-42 (24: 22 with a passage, 2 the knowledge base cannot answer), typos-39 (15), wrapped-40 (12): a
  // thirty-fourth round on 2026-12-07 (ninth session), first measured on c61133d, no label corrected: unseen-42 hit@1
  // 0.818 (MiniSearch 0.773) / 0.864 / 0.850, wrong 3 (j4: "Wenn wir die Beratung an drei Wohlfahrtsverbände vergeben
  // haben – schreibt dann jeder Verband …?" answered from faq#traeger by its condition clause; j8: how many were
  // employed at the end of the first Paktlaufzeit, answered from that period's funds; j23: carrying unspent funds
  // over, answered from im#festbetrag); typos-39 0.933 (0.933) / 1.000 / 0.933, wrong 1 (x14: "max
  // bewilligungszeitraum … nach der aenderung 2020", answered from the Änderung's entry into force); wrapped-40 0.917
  // (0.750) / 0.917 / 0.909, wrong 1 (v8: Förderung from the Bescheid or the first working day, "Zählt" read as
  // "zahlt"; v5 handed over). Then "Reicht es, wenn …?" is asked with the sentence it refers to, a question before a
  // colon stays a question (question-sentences.ts), a condition clause is not answered on its own (assess-parts.ts),
  // "max" means höchstens and "geflohen" meets Flüchtling (synonyme.yaml): unseen-42 0.864 / 0.909 / 0.905 (j8, j23
  // left), typos-39 1.000 / 1.000 / 1.000, wrapped-40 unchanged (v8 left). After round 35, a move "ins nächste Jahr"
  // is not answered from a passage that never speaks of a following year (deadline.ts): unseen-42 0.864 / 0.909 / 0.950
  // (j8 left).
  'test/fixtures/knowledge/unseen-42.jsonl': { kind: 'questions', hit1: 0.86, answered: 0.9, precision: 0.95, maxWrong: 1 },
  'test/fixtures/knowledge/typos-39.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-40.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.9, maxWrong: 1 },
  // unseen-43 (24: 22 with a passage, 2 the knowledge base cannot answer), typos-40 (15), wrapped-41 (12): a
  // thirty-fifth round on 2026-12-07 (ninth session), measured on 3dfd0e6 and not fixed, no label corrected: unseen-43
  // hit@1 0.909 (MiniSearch 0.909) / 0.864 / 0.950, wrong 1 (k23: carrying unspent Fördergeld into the next
  // Haushaltsjahr, which the sources do not cover, answered from vwv-2023#verteilung; k14, k19, k20 not answered);
  // typos-40 1.000 (0.733) / 0.933 / 1.000; wrapped-41 0.917 (0.833) / 0.917 / 0.909, wrong 1 (n10: from when the
  // Förderung runs, and which costs it covers, answered from faq#fortbildung; n7 handed over). Then a move "ins nächste
  // Jahr" is not answered from a passage that never speaks of a following year (deadline.ts): unseen-43 0.909 / 0.864 /
  // 1.000.
  'test/fixtures/knowledge/unseen-43.jsonl': { kind: 'questions', hit1: 0.9, answered: 0.86, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/typos-40.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.93, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-41.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.91, precision: 0.9, maxWrong: 1 },
  // unseen-44 (24: 22 with a passage, 2 the knowledge base cannot answer), typos-41 (15), wrapped-42 (12): a
  // thirty-sixth round on 2026-12-08 (ninth session), written as a newcomer asks, in plain words ("die Leute, die sich
  // um die Geflüchteten kümmern", "der Bericht am Ende"); measured on 3855baa, no label corrected, not fixed: unseen-44
  // hit@1 0.636 (MiniSearch 0.591) / 0.591 / 0.846, wrong 2 (r1: who at the Land is responsible and where to write,
  // answered from kontakt#ansprechpartner; r17: "der Bericht, den wir am Ende schreiben müssen" answered from
  // verwendungsnachweis#zahlenmaessig), nine more suggested or handed over; typos-41 1.000 (0.867) / 0.867 / 1.000;
  // wrapped-42 0.917 (0.833) / 0.833 / 0.900, wrong 1 (t1: a new Integrationsbeauftragte named in the context sentence
  // the extraction leaves out, answered from kontakt#bewilligungsstelle). The clearest gap of the session. Then
  // "gehört" names no topic ("Was gehört in den Bericht …?", r17) and "Sammelunterkunft" meets the vorläufige
  // Unterbringung (r5; synonyme.yaml): unseen-44 0.727 / 0.636 / 0.929 (r1 left).
  'test/fixtures/knowledge/unseen-44.jsonl': { kind: 'questions', hit1: 0.72, answered: 0.63, precision: 0.92, maxWrong: 1 },
  'test/fixtures/knowledge/typos-41.jsonl': { kind: 'questions', hit1: 0.93, answered: 0.86, precision: 0.97, maxWrong: 0 },
  'test/fixtures/knowledge/wrapped-42.jsonl': { kind: 'enquiries', hit1: 0.91, answered: 0.83, precision: 0.9, maxWrong: 1 },
  // measured hit@1 1.000 (MiniSearch 0.700), answered 1.000, precision 1.000, wrong 0 of 10
  'test/fixtures/knowledge/typos.jsonl': { kind: 'questions', hit1: 0.9, answered: 0.9, precision: 0.97, maxWrong: 0 },
  // Relabelled 2026-12-07 (third session): the questions about a Betreuungsschlüssel (f13, r33, p45, y8, a13, g30,
  // m23, n24, q8, u9, n21, r26, v9, m1, n2, x6, v4, w7) and v2 (a Sachkostenpauschale beside the Festbetrag) expect
  // no passage. The sources state only that neither is known or confirmed (FACTS.md, open questions 3 and 4), and
  // im#betreuungsschluessel is no binding id of IDS.md; by TRIAGE.md a rule question the knowledge base cannot answer
  // goes to a person, which the blind rounds' triage sets label so (t24, r5). Such questions are now handed over,
  // the passage that says so offered beside the hand-over (non-answer.ts).
  // Relabelled 2026-12-07 (sixth session) for the same reason: h49 (heldout-like), k7 (unseen-18) and x12 (wrapped-2)
  // ask for the Fördersatz under the VwV 2023 or "nach der aktuellen VwV"; for those years the sources give only the
  // municipalities' figures, which the Land has not confirmed (FACTS.md), and five blind triage sets label such
  // questions for a person (k18, q1, p24, n24, k23). They are now handed over with im#foerdersaetze offered. d2-28 of
  // test/eval/questions-2.jsonl (a copy of the shared development set) keeps its label and counts as not answered.
};

interface Scores {
  questions: number;
  hit1: number;
  answered: number;
  precision: number;
  confidentlyWrong: string[];
}
interface SetReport {
  file: string;
  engine: Scores;
  baseline: Scores;
}

const root = new URL('../../../', import.meta.url).pathname;
let dir: string;
let reports: Map<string, SetReport>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pakt-floors-'));
  const stdout: string[] = [];
  const stderr: string[] = [];
  const ctx: CliContext = {
    config: parseConfig({ KNOWLEDGE_DIR: join(root, 'knowledge'), INDEX_CACHE_DIR: join(dir, 'cache') }),
    logger: silentLogger,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
  };
  const args = Object.entries(FLOORS).flatMap(([file, floor]) => [`--${floor.kind}`, join(root, file)]);
  const code = await evalCommand([...args, '--json'], ctx);
  expect({ code, stderr: stderr.join('') }).toEqual({ code: 0, stderr: '' });
  const report = JSON.parse(stdout.join('')) as { sets: SetReport[]; errors: unknown[] };
  expect(report.errors).toEqual([]);
  reports = new Map(report.sets.map((s) => [s.file.slice(root.length), s]));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('judgement floors on every development set', () => {
  it('has a floor for every development set in the repository', async () => {
    const fixtures = (await readdir(join(root, 'test/fixtures/knowledge'))).filter((f) => f.endsWith('.jsonl')).map((f) => `test/fixtures/knowledge/${f}`);
    const devSets = (await readdir(join(root, 'test/eval'))).filter((f) => /^(questions|enquiries)(-\d+)?\.jsonl$/.test(f)).map((f) => `test/eval/${f}`);
    expect(Object.keys(FLOORS).sort()).toEqual([...fixtures, ...devSets].sort());
  });

  describe.each(Object.entries(FLOORS))('%s', (file, floor) => {
    const report = (): SetReport => reports.get(file)!;

    it('ranks the right passage first at least as often as MiniSearch defaults', () => {
      expect(report().engine.hit1).toBeGreaterThanOrEqual(report().baseline.hit1 - (floor.belowMiniSearch ?? 0));
    });

    it(`holds hit@1 ≥ ${floor.hit1} and answers ≥ ${floor.answered} of the questions with a passage`, () => {
      expect(report().engine.hit1).toBeGreaterThanOrEqual(floor.hit1);
      expect(report().engine.answered).toBeGreaterThanOrEqual(floor.answered);
    });

    it(`answers with precision ≥ ${floor.precision} and at most ${floor.maxWrong} confidently wrong`, () => {
      expect(report().engine.precision).toBeGreaterThanOrEqual(floor.precision);
      expect(report().engine.confidentlyWrong.length, report().engine.confidentlyWrong.join(', ')).toBeLessThanOrEqual(floor.maxWrong);
    });
  });
});
