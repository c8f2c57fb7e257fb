/**
 * Helpers for the composition root when it wires the Teams channel's optional collaborators.
 */
import type { Passage } from '../../../knowledge/types.js';

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
