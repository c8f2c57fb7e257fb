/**
 * Helpers for the composition root when it wires the Teams channel's optional collaborators.
 */
import type { KnowledgeAnswerer } from '../../core/knowledge.js';
import type { Passage } from '../../knowledge/types.js';

/**
 * Wraps an answerer so that every question counts as "a person should take it" (`handover`). Composing
 * `handleEnquiry` with it yields the channel's `escalate` dependency: the requester pressed
 * "An Sachbearbeitung übergeben" or "Keine davon", so triage must open a ticket even for a question the
 * knowledge base could answer.
 *
 * @example
 * escalate: async (e) => handleEnquiry(e, { ...deps, inlineReply: true, answerer: handoverAnswerer(kb) })
 */
export function handoverAnswerer(answerer: KnowledgeAnswerer): KnowledgeAnswerer {
  return {
    ask(question, options) {
      const result = answerer.ask(question, options);
      if (result.outcome === 'invalid') return result;
      return { ...result, outcome: 'handover', answered: false, answer: null };
    },
  };
}

/**
 * A passage lookup by id over a knowledge base's passages, rebuilt when the passage list changes
 * (the knowledge base re-indexes with an atomic swap, so identity of the array tells).
 *
 * @example
 * passages: passageLookup(() => kb.passages())
 */
export function passageLookup(source: () => Passage[]): (id: string) => Passage | null {
  let seen: Passage[] | null = null;
  let byId = new Map<string, Passage>();
  return (id) => {
    const current = source();
    if (current !== seen) {
      seen = current;
      byId = new Map(current.map((p) => [p.id, p]));
    }
    return byId.get(id) ?? null;
  };
}
