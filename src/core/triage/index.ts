/**
 * Triage, the whole decision for one enquiry without side effects, and the reading it rests on (question
 * extraction, umlaut folding). The one entry point of this folder: code outside `core/triage/` imports from
 * here, never from the files behind it, so the rule tables can be split or merged without touching callers.
 */
export { OUTCOME_POLICY, triage, type TriageDeps } from './triage.js';
export { TICKET_CATEGORIES, TICKET_CATEGORY_LABELS, type Intent, type TicketCategory, type TriageInput, type TriageResult } from './types.js';
export { extractQuestion, type EnquiryText, type ExtractedQuestion, type ExtractOptions } from './question-extract.js';
export { askInContext } from './ask-in-context.js';
export { DISCLAIMER_START } from './question-lines.js';
export { cleanSubject, foldPlain, foldText, forwardedMessage, isForwardSubject, joinFoldedLines, newMessagePart, originalSlice, unquoteIntroduced, type FoldedText } from './text.js';
