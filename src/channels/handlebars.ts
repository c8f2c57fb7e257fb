/**
 * Handlebars, loaded on first use (about 30 ms of start-up when imported eagerly): the doors read and check
 * their templates at start-up, but a start whose templates passed the same check before (DerivedCache) need not
 * load the compiler until the first page is rendered. `templatesKey` names one template set and check.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';

/** The handlebars module, and what its `create()` returns (an isolated environment). */
export type HandlebarsModule = typeof Handlebars;

const require = createRequire(import.meta.url);
let loaded: HandlebarsModule | undefined;

/** The handlebars module (required synchronously on the first call; the same instance `import` would give). */
export function handlebars(): HandlebarsModule {
  loaded ??= require('handlebars') as HandlebarsModule;
  return loaded;
}

/**
 * The cache key of a template set under one check: the check's name and version, the installed handlebars
 * version (a newer parser may reject what the old one accepted) and every file's name and text.
 *
 * @example templatesKey('workplace-parse-1', new Map([['layout.hbs', '…'], ['eingang.hbs', '…']]))
 */
export function templatesKey(check: string, sources: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256').update(`${check}\0${(require('handlebars/package.json') as { version: string }).version}`);
  for (const [file, text] of sources) hash.update(`\0${file}\0${text.length}\0${text}`);
  return hash.digest('hex');
}
