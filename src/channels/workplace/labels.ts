/**
 * German labels and dates for the workplace pages (shared by the Eingang and the Vorgang).
 */
import type { Channel } from '../../core/enquiry.js';
import type { TicketRecord } from '../../core/ticket-model.js';
import { addDays, berlinDate } from '../../core/berlin-time.js';
import { isWorkingDay } from '../../tickets/deadlines.js';
import { germanTime } from '../../tickets/render-text.js';

export { STATUS_LABELS, germanTime } from '../../tickets/render-text.js';
export { TICKET_CATEGORY_LABELS } from '../../core/triage/index.js';

export const CHANNEL_LABELS: Record<Channel, string> = { email: 'E-Mail', teams: 'Teams', cli: 'Kommandozeile' };

/** The due time that matters next: first response until it happened, then resolution. */
export function nextDue(t: TicketRecord): string {
  return t.firstRespondedAt === null ? t.firstResponseDue : t.resolutionDue;
}

/** Whether the next deadline of an open ticket has passed. */
export function isOverdue(t: TicketRecord, now: Date): boolean {
  return t.status !== 'erledigt' && nextDue(t) < now.toISOString();
}

/**
 * Working days (Mon–Fri without Baden-Württemberg holidays, Berlin calendar) from today until the day of
 * `dueIso`; negative when it lies in the past. Today counts only when the due day is today (0).
 */
export function workingDaysLeft(now: Date, dueIso: string): number {
  const today = berlinDate(now);
  const dueDay = berlinDate(new Date(dueIso));
  const key = (d: { year: number; month: number; day: number }): number => d.year * 10_000 + d.month * 100 + d.day;
  const forward = key(dueDay) >= key(today);
  let cursor = today;
  let count = 0;
  // Bounded walk: deadlines are weeks away, never years.
  for (let i = 0; i < 800 && key(cursor) !== key(dueDay); i += 1) {
    cursor = addDays(cursor, forward ? 1 : -1);
    if (isWorkingDay(cursor)) count += 1;
  }
  return forward ? count : -count;
}

/** "bis 05.12.2026, 16:00 – noch 3 Arbeitstage" / "– seit 2 Arbeitstagen überfällig". */
export function dueText(now: Date, dueIso: string, done: string | null): string {
  const when = `bis ${germanTime(dueIso)}`;
  if (done !== null) return `${when} – erledigt am ${germanTime(done)}`;
  if (dueIso < now.toISOString()) {
    const days = -workingDaysLeft(now, dueIso);
    return `${when} – überfällig${days > 0 ? ` seit ${days} ${days === 1 ? 'Arbeitstag' : 'Arbeitstagen'}` : ''}`;
  }
  const left = workingDaysLeft(now, dueIso);
  return `${when} – ${left === 0 ? 'heute fällig' : `noch ${left} ${left === 1 ? 'Arbeitstag' : 'Arbeitstage'}`}`;
}
