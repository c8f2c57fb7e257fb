/** An in-memory DerivedCache that counts its writes, so tests can tell a remembered check from a fresh one. */
import type { DerivedCache } from '../../src/core/ports.js';

/** Creates the cache; `puts` lists the names written, in order. */
export function createMemoryDerivedCache(): DerivedCache & { puts: string[]; entries: Map<string, { key: string; value: unknown }> } {
  const entries = new Map<string, { key: string; value: unknown }>();
  const puts: string[] = [];
  return {
    entries,
    puts,
    get: (name, key) => (entries.get(name)?.key === key ? entries.get(name)!.value : null),
    put: (name, key, value) => {
      puts.push(name);
      entries.set(name, { key, value });
    },
  };
}
