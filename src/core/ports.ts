/**
 * Small ports owned by the core (STYLE G5, G6). Adapters implement them; tests pass plain objects.
 */

/** Source of the current time. Deadlines, timestamps and timers take `now` from here, never from `Date`. */
export interface Clock {
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Structured logger, pino-compatible: object first, then a short English message. Never log personal data. */
export interface Logger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** A logger that drops everything (tests, `logger: false`). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

/** Source of unique ids (enquiry ids, outbox keys). */
export interface IdSource {
  next(): string;
}

/**
 * A numbered schema migration. Modules export their own lists (ids namespaced, e.g. "tickets-001");
 * the storage adapter applies each exactly once, in order, recording it in `schema_migrations`.
 * SQL stays portable (SQLite now, PostgreSQL later): TEXT/INTEGER types, ISO-8601 UTC timestamps in TEXT.
 */
export interface Migration {
  id: string;
  sql: string;
}

/**
 * Results derived from input files and kept between starts (in INDEX_CACHE_DIR): parsed data, or the fact that a
 * set of templates passed its start-up check. An entry counts only under the exact key it was stored with, a hash
 * of every input and of the deriving code's format, so a changed file is parsed and checked again (STYLE G15).
 *
 * @example
 * if (cache.get('templates-workplace', key) !== true) { checkTemplates(sources); cache.put('templates-workplace', key, true); }
 */
export interface DerivedCache {
  /** The value stored for `name` under exactly this `key`; null when there is none, it is stale or unreadable. */
  get(name: string, key: string): unknown;
  /** Stores `value` for `name` under `key`, replacing the entry before; a failed write only costs the next start. */
  put(name: string, key: string, value: unknown): void;
}

/** No cache: everything is derived and checked on every start (tests, one-shot tools). */
export const noDerivedCache: DerivedCache = { get: () => null, put: () => undefined };
