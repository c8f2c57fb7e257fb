/**
 * Deadlines in working days (Mon–Fri without Baden-Württemberg public holidays, package feiertagejs).
 * A target of N working days for an enquiry received on day T (Berlin local date) ends at the end of the
 * N-th working day after T (23:59:59.999 Europe/Berlin). Defaults per category in {@link DEFAULT_DEADLINE_RULES}.
 */
import { getHolidays } from 'feiertagejs';
import type { DeadlinePolicy } from '../core/ticket-model.js';
import type { TicketCategory } from '../core/triage/index.js';
import { addDays, berlinDate, berlinMidnight, isoDate, weekday, type CalendarDate } from '../core/berlin-time.js';

/** Targets in working days. */
export interface DeadlineRule {
  firstResponseDays: number;
  resolutionDays: number;
}

/** Defaults: 2 / 10 working days; Frist and Widerspruch 1 / 5 (legal deadlines run). */
export const DEFAULT_DEADLINE_RULES: Record<TicketCategory, DeadlineRule> = {
  antrag: { firstResponseDays: 2, resolutionDays: 10 },
  aenderung: { firstResponseDays: 2, resolutionDays: 10 },
  auszahlung: { firstResponseDays: 2, resolutionDays: 10 },
  verwendungsnachweis: { firstResponseDays: 2, resolutionDays: 10 },
  frist: { firstResponseDays: 1, resolutionDays: 5 },
  personal: { firstResponseDays: 2, resolutionDays: 10 },
  widerspruch: { firstResponseDays: 1, resolutionDays: 5 },
  sonstiges: { firstResponseDays: 2, resolutionDays: 10 },
};

/** Holiday dates (`YYYY-MM-DD`) per year; feiertagejs' isHoliday recomputes the year on every call (ms each). */
const holidaysByYear = new Map<number, Set<string>>();

function holidays(year: number): Set<string> {
  let set = holidaysByYear.get(year);
  if (set === undefined) {
    set = new Set(getHolidays(year, 'BW').map((h) => h.dateString));
    holidaysByYear.set(year, set);
  }
  return set;
}

/** Due instants by `<Berlin date>+<days>`: the result depends only on those two (bounded, cleared when full). */
const dueCache = new Map<string, number>();

/** True for Monday–Friday that is not a public holiday in Baden-Württemberg. */
export function isWorkingDay(date: CalendarDate): boolean {
  const dow = weekday(date);
  if (dow === 0 || dow === 6) return false;
  return !holidays(date.year).has(isoDate(date));
}

/**
 * The end (23:59:59.999 Berlin) of the `days`-th working day after the Berlin date of `receivedAt`.
 * The day of receipt never counts, whether or not it is a working day; 0 days means the end of that day.
 *
 * @example
 * // Received Wed 3 June 2026; Thu 4 June is Fronleichnam: 2 working days → end of Mon 8 June.
 * addWorkingDays(new Date('2026-06-03T08:00:00Z'), 2).toISOString(); // '2026-06-08T21:59:59.999Z'
 */
export function addWorkingDays(receivedAt: Date, days: number): Date {
  const start = berlinDate(receivedAt);
  const key = `${isoDate(start)}+${days}`;
  const cached = dueCache.get(key);
  if (cached !== undefined) return new Date(cached);
  let date = start;
  for (let counted = 0; counted < days; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) counted += 1;
  }
  // The last millisecond of the day: shown to people as "23:59", never as the next day's "00:00".
  const due = new Date(berlinMidnight(addDays(date, 1)).getTime() - 1);
  if (dueCache.size >= 4096) dueCache.clear();
  dueCache.set(key, due.getTime());
  return due;
}

/**
 * Creates the deadline policy; `overrides` replace the defaults of single categories.
 *
 * @example
 * const deadlines = createDeadlinePolicy({ frist: { firstResponseDays: 1, resolutionDays: 3 } });
 * deadlines.due('antrag', new Date('2026-06-03T10:00:00Z'));
 */
export function createDeadlinePolicy(overrides: Partial<Record<TicketCategory, DeadlineRule>> = {}): DeadlinePolicy {
  const rules: Record<TicketCategory, DeadlineRule> = { ...DEFAULT_DEADLINE_RULES, ...overrides };
  return {
    due(category, receivedAt) {
      const rule = rules[category];
      return {
        firstResponseDue: addWorkingDays(receivedAt, rule.firstResponseDays).toISOString(),
        resolutionDue: addWorkingDays(receivedAt, rule.resolutionDays).toISOString(),
      };
    },
  };
}
