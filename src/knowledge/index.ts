/**
 * The knowledge module: German search over the programme's rules with cited answers.
 *
 * Design note (STYLE G14).
 * - Goal: answer the recurring programme questions of municipal staff from `knowledge/` with the passage that
 *   says so (citation, source, Stand, reminder), and say honestly when there is no good answer: "Meinten Sie …"
 *   (suggest), hand-over to a person, or a polite refusal for questions outside the programme.
 * - Pipeline: sources (Markdown/PDF/DOCX, sources.fs.ts) → passages → German analysis (german.ts, tokenize.ts,
 *   analyzer.ts: folding, gender forms, stopwords, Snowball stems, Stelle (noun) apart from stellen (verb),
 *   compound splitting against the corpus vocabulary in both directions, with compound heads learned from the
 *   corpus) → two MiniSearch indexes (passages with field boosts; each typical question on its own, with its
 *   function words as a low-weight frame) → query plan with synonyms, abbreviations, answer types, derivational
 *   relatives (Teilung ↔ teilen) and the parts of unknown compounds (query.ts) → consistency of question and
 *   passage (years, programme IM/DIM/Ukraine/Corona, amount asked, narrower title: consistency.ts) re-ranks and
 *   caps → confidence from idf-weighted coverage (an unknown compound counts part by part) and the words-only
 *   margin (answer.ts) → the answer text leads with the answering sentence, keeps qualifiers and caveats,
 *   completes two-part questions and a yes/no lead only with the question's polarity (compose*.ts).
 * - The question arrives already extracted (src/core/question-extract.ts strips greeting, lead-ins, courtesy,
 *   signature, disclaimer and places, for every channel); a question not in German gets a bilingual note
 *   (language.ts).
 * - Outcomes: out of scope only for off-topic subjects (synonyme.yaml `themenfremd`, also inside compounds) or
 *   questions without any programme vocabulary (titles, typical questions, synonyms) and little coverage; a
 *   programme question no passage answers is handed over; a question naming things the corpus never mentions
 *   (Supervisionskosten) gets suggestions at most.
 * - Per-query work is one plan and two MiniSearch queries; everything else (analysis, document frequencies,
 *   synonym compilation) happens at build time. Typos are matched fuzzily only for words the index does not know.
 * - Non-goals: semantic embeddings or a language model (no network, predictable answers); answering questions
 *   about a requester's own application (that is triage's job, a person decides); legal interpretation beyond
 *   the passage text.
 *
 * Open it with `openKnowledgeBase` (knowledge-base.fs.ts); everything else here is pure.
 */
export type { KnowledgeBase, KnowledgeProblem, KnowledgeStatus, Passage } from './types.js';
export { answerQuestion, THRESHOLDS } from './answer.js';
export { evaluate, matchesReference, score, type EvalQuestion, type EvalReport, type EvalScores } from './evaluate.js';
export { buildState, type KnowledgeState } from './build.js';
export { buildDefaultIndex, buildIndex, SEARCH_SETTINGS } from './index.minisearch.js';
export { MESSAGES, PROGRAMME_CONTACT, REMINDER } from './messages.js';
