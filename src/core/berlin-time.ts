/**
 * Calendar arithmetic in Europe/Berlin (deadlines and ticket-number years follow the office's calendar,
 * not UTC). Pure; uses Intl for the time-zone offset so summer time is handled.
 */

/** A calendar date (month 1–12). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * A Europe/Berlin formatter made on first use: the first one loads ICU's time-zone data (about 30 ms), which
 * start-up need not wait for.
 */
export function berlinFormat(locale: string, options: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
  let format: Intl.DateTimeFormat | null = null;
  return () => (format ??= new Intl.DateTimeFormat(locale, { ...options, timeZone: 'Europe/Berlin' }));
}

const parts = berlinFormat('en-GB', { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });

function formatted(instant: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of parts().formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

const HOUR_MS = 3_600_000;
/** From 1900 on, Berlin's offset to UTC is whole hours and changes only on a full UTC hour (tz database). */
const WHOLE_HOURS_SINCE = Date.UTC(1900, 0, 1);
/** Offsets found per UTC hour (a handful per day are in use: now, today's and tomorrow's midnight). */
const offsets = new Map<number, number>();
const MAX_OFFSETS = 64;

/** Berlin's offset to UTC (ms) in the UTC hour `hour` (hours since the epoch), from Intl once per hour. */
function offsetOfHour(hour: number): number {
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const f = formatted(new Date(start));
    offset = Date.UTC(f.year ?? 0, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0) - start;
    if (offsets.size >= MAX_OFFSETS) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/**
 * The Berlin wall-clock fields of an instant. Intl formatting costs tens of microseconds and a mail needs the
 * Berlin day several times, so the offset is looked up per UTC hour (constant within it, see above) and the
 * fields are read from the shifted instant.
 */
function fields(instant: Date): Record<string, number> {
  const t = instant.getTime();
  if (!(t >= WHOLE_HOURS_SINCE)) return formatted(instant); // before 1900, or an invalid date (Intl throws)
  const local = new Date(t + offsetOfHour(Math.floor(t / HOUR_MS)));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** The Berlin calendar date of an instant. */
export function berlinDate(instant: Date): CalendarDate {
  const f = fields(instant);
  return { year: f.year ?? 0, month: f.month ?? 0, day: f.day ?? 0 };
}

/** The instant of 00:00 Berlin time on `date`. */
export function berlinMidnight(date: CalendarDate): Date {
  const utcGuess = Date.UTC(date.year, date.month - 1, date.day);
  // Berlin is UTC+1 or UTC+2: find the offset at the guess and correct once (midnight is never in a DST gap).
  const f = fields(new Date(utcGuess));
  const asUtc = Date.UTC(f.year ?? 0, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
  const offset = asUtc - utcGuess;
  return new Date(utcGuess - offset);
}

/** `date` plus `days` calendar days. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** `YYYY-MM-DD`. */
export function isoDate(date: CalendarDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/**
 * The Berlin calendar day of an instant as `YYYY-MM-DD`: absences, the daily reply limit and deadlines are
 * written in the office's calendar, not UTC.
 *
 * @example berlinDay(new Date('2026-03-03T23:00:00Z')); // → '2026-03-04'
 */
export function berlinDay(instant: Date): string {
  return isoDate(berlinDate(instant));
}
