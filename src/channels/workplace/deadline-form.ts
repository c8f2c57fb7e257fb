/**
 * Frist ändern (issue 13): the form's date (`YYYY-MM-DD`, a Berlin calendar day) ↔ the stored due instant. A
 * deadline set to a day ends at that day's last millisecond in Berlin, as the working-day deadlines do.
 */
import { addDays, berlinDate, berlinMidnight, isoDate } from '../../core/berlin-time.js';
import type { TicketRecord } from '../../core/ticket-model.js';
import type { Deadline } from '../../tickets/ticket.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The end of a Berlin calendar day as an ISO instant, or null when `value` is no real date.
 *
 * @example endOfBerlinDay('2026-06-22') // '2026-06-22T21:59:59.999Z'
 */
export function endOfBerlinDay(value: string): string | null {
  const m = DAY.exec(value.trim());
  if (m === null) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (check.getUTCFullYear() !== date.year || check.getUTCMonth() !== date.month - 1 || check.getUTCDate() !== date.day) return null;
  return new Date(berlinMidnight(addDays(date, 1)).getTime() - 1).toISOString();
}

/** The Berlin day of an instant as the date input shows it (`YYYY-MM-DD`). */
export function berlinDayOf(iso: string): string {
  return isoDate(berlinDate(new Date(iso)));
}

/** The deadlines staff may move: the first response only while none went out. */
export function movableDeadlines(t: TicketRecord, selected: string | undefined): { value: Deadline; label: string; selected: boolean; current: string }[] {
  const all: { value: Deadline; label: string; due: string }[] = [
    ...(t.firstRespondedAt === null ? [{ value: 'first_response' as const, label: 'Frist für die erste Antwort', due: t.firstResponseDue }] : []),
    { value: 'resolution', label: 'Frist für die Erledigung', due: t.resolutionDue },
  ];
  const chosen = all.some((d) => d.value === selected) ? selected : 'resolution';
  return all.map((d) => ({ value: d.value, label: d.label, selected: d.value === chosen, current: berlinDayOf(d.due) }));
}
