/**
 * A small subset of Adaptive Card Templating, enough for the German card templates in templates/cards:
 * - `${path}` inside strings (dotted paths, `$root.` for the outer data); a string that is exactly one
 *   `${path}` takes the value as is (booleans stay booleans);
 * - `"$when": "${path}"` / `"${!path}"` keeps an element only when the value is truthy / falsy;
 * - `"$data": "${path}"` on an array element repeats it for every item of that array (item as scope).
 * Designers can keep using the Adaptive Cards designer; no expression language, no eval.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../core/errors.js';

/** JSON value of a card template. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The loaded templates by name (file name without `.json`). */
export type CardTemplates = ReadonlyMap<string, Json>;

const PLACEHOLDER = /\$\{(!?)([$\w.]+)\}/g;
const WHOLE = /^\$\{(!?)([$\w.]+)\}$/;

/** Loads every `*.json` in `dir`; throws TEMPLATE_INVALID naming the file when one does not parse. */
export function loadCardTemplates(dir: string): CardTemplates {
  const templates = new Map<string, Json>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    try {
      templates.set(file.slice(0, -'.json'.length), JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json);
    } catch (cause) {
      throw new AppError('TEMPLATE_INVALID', `teams cards: cannot read template ${file}`, { cause });
    }
  }
  return templates;
}

/**
 * Expands a template with `data`.
 *
 * @example
 * expandTemplate({ type: 'TextBlock', text: 'Ticket ${number}' }, { number: 'IM-2026-000001' });
 */
export function expandTemplate(template: Json, data: Record<string, unknown>): Json {
  return expand(template, data, data) ?? null;
}

function expand(node: Json, scope: unknown, root: unknown): Json | undefined {
  if (typeof node === 'string') return interpolate(node, scope, root);
  if (Array.isArray(node)) return expandArray(node, scope, root);
  if (node === null || typeof node !== 'object') return node;
  if ('$when' in node && !condition(node.$when, scope, root)) return undefined;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$when' || key === '$data') continue;
    const expanded = expand(value, scope, root);
    if (expanded !== undefined) out[key] = expanded;
  }
  return out;
}

function expandArray(nodes: Json[], scope: unknown, root: unknown): Json[] {
  const out: Json[] = [];
  for (const item of nodes) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && typeof item.$data === 'string') {
      const bound = resolveBinding(item.$data, scope, root);
      const items = Array.isArray(bound) ? bound : bound == null ? [] : [bound];
      for (const element of items) {
        const expanded = expand(item, element, root);
        if (expanded !== undefined) out.push(expanded);
      }
      continue;
    }
    const expanded = expand(item, scope, root);
    if (expanded !== undefined) out.push(expanded);
  }
  return out;
}

function condition(expr: Json | undefined, scope: unknown, root: unknown): boolean {
  if (typeof expr !== 'string') return Boolean(expr);
  const match = WHOLE.exec(expr.trim());
  if (!match) return expr !== '';
  const value = truthy(lookup(match[2] ?? '', scope, root));
  return match[1] === '!' ? !value : value;
}

function resolveBinding(expr: string, scope: unknown, root: unknown): unknown {
  const match = WHOLE.exec(expr.trim());
  return match ? lookup(match[2] ?? '', scope, root) : undefined;
}

function interpolate(text: string, scope: unknown, root: unknown): Json {
  // Most strings of a card ("TextBlock", "Medium", …) hold no placeholder: no regular expression for them.
  if (!text.includes('${')) return text;
  const whole = WHOLE.exec(text);
  if (whole) {
    const value = lookup(whole[2] ?? '', scope, root);
    if (whole[1] === '!') return !truthy(value);
    return toJson(value);
  }
  return text.replace(PLACEHOLDER, (_m, neg: string, path: string) => {
    const value = lookup(path, scope, root);
    if (neg === '!') return String(!truthy(value));
    return value == null ? '' : String(value);
  });
}

function toJson(value: unknown): Json {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.parse(JSON.stringify(value)) as Json;
}

function lookup(path: string, scope: unknown, root: unknown): unknown {
  const parts = path.split('.');
  let current: unknown = scope;
  if (parts[0] === '$root') {
    current = root;
    parts.shift();
  }
  for (const part of parts) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}
