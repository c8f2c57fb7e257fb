/**
 * What the core needs from the knowledge base: a question in, an answer decision out.
 * Shapes follow ../shared/CONTRACTS.md §3 `ask` (extended compatibly with optional fields).
 */

/** One search hit, best first. */
export interface SearchHit {
  id: string;
  title: string;
  score: number;
}

/** The answer drawn from the best passage. */
export interface Answer {
  /** The passage trimmed to the sentences that matter (German). */
  text: string;
  /** Human citation, e.g. "VwV Integrationsmanagement Nr. 5.2" or "FAQ des RP Stuttgart". */
  citation: string;
  /** `<documentId>#<section>` */
  passageId: string;
  /** Passage title. */
  title?: string;
  /** Source URL(s) of the passage. */
  source?: string;
  /** "Stand" (date of the source), as written in the front matter. */
  stand?: string;
  /** Reminder that the VwV and the Zuwendungsbescheid are binding. */
  reminder?: string;
}

/**
 * The three outcomes of answering plus the two refusals:
 * - `answer`: confident, answer with citation;
 * - `suggest`: medium confidence, "Meinten Sie …" with the top three;
 * - `handover`: no confident answer, a person should take it;
 * - `out_of_scope`: not about the programme (Kita-Platz, Reisepass), politely declined with the contact;
 * - `invalid`: empty, only stopwords/punctuation, unusable input (message says why).
 */
export type AskOutcome = 'answer' | 'suggest' | 'handover' | 'out_of_scope' | 'invalid';

/** A suggested passage for "Meinten Sie …". */
export interface Suggestion {
  passageId: string;
  title: string;
  citation: string;
}

/** Result of `ask` (CONTRACTS §3). `answered` is true exactly when `outcome === 'answer'`. */
export interface AskResult {
  id?: string;
  question: string;
  answered: boolean;
  confidence: number;
  answer: Answer | null;
  hits: SearchHit[];
  outcome: AskOutcome;
  suggestions: Suggestion[];
  /** German explanation for `invalid` and `out_of_scope`. */
  message?: string;
  /** Set when the question is not in German: the language found (ISO 639-1, or 'other' for another script). */
  language?: string;
}

/** Port: answers questions from the knowledge base. Synchronous: the index lives in memory. */
export interface KnowledgeAnswerer {
  ask(question: string, options?: AskOptions): AskResult;
}

/** Options of {@link KnowledgeAnswerer.ask}. */
export interface AskOptions {
  /** Hits returned (default 5). */
  top?: number;
  /**
   * Places the enquiry names (the router's `places`): where the question names one only to locate itself
   * ("unsere Integrationsmanager in Nagold", a clause of context), and the knowledge base never mentions it, it is
   * no unknown topic.
   */
  places?: readonly string[];
}
