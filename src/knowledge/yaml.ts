/**
 * The YAML parser, loaded on first use: a start that restores the index from its cache parses no YAML, and
 * importing the parser eagerly cost about 25 ms of start-up.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const require = createRequire(import.meta.url);
let loaded: typeof Yaml | undefined;

/** The yaml module (required synchronously on the first call; the same instance `import` would give). */
export function yaml(): typeof Yaml {
  loaded ??= require('yaml') as typeof Yaml;
  return loaded;
}
