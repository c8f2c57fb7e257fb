/**
 * The knowledge module: German search over the programme's rules with cited answers.
 * Open it with `openKnowledgeBase` (knowledge-base.fs.ts); everything else here is pure.
 */
export type { KnowledgeBase, KnowledgeProblem, KnowledgeStatus, Passage } from './types.js';
export { answerQuestion, THRESHOLDS } from './answer.js';
export { evaluate, matchesReference, score, type EvalQuestion, type EvalReport, type EvalScores } from './evaluate.js';
export { buildState, type KnowledgeState } from './build.js';
export { buildDefaultIndex, buildIndex, SEARCH_SETTINGS } from './index.minisearch.js';
export { MESSAGES, PROGRAMME_CONTACT, REMINDER } from './messages.js';
