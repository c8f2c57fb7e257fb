/**
 * The Eingang page model: the parsed filter and one queue page turned into what eingang.hbs shows.
 */
import { TICKET_STATUSES } from '../../core/outcome.js';
import { TICKET_CATEGORIES } from '../../core/triage/index.js';
import type { StaffUser } from './access.js';
import { CHANNEL_LABELS, STATUS_LABELS, TICKET_CATEGORY_LABELS, germanTime, isOverdue, nextDue } from './labels.js';
import { filterQuery, PAGE_SIZE, type QueueFilter, type QueueView } from './queue-filter.js';
import type { QueuePage } from './queue.js';

const VIEW_LABELS: Record<QueueView, string> = { meine: 'Meine Vorgänge', team: 'Mein Team', alle: 'Alle' };

interface Option {
  value: string;
  label: string;
  selected: boolean;
}

const options = (entries: [string, string][], current: string | null, anyLabel: string | null): Option[] => [
  ...(anyLabel === null ? [] : [{ value: '', label: anyLabel, selected: current === null }]),
  ...entries.map(([value, label]) => ({ value, label, selected: value === current })),
];

/**
 * Builds the model of eingang.hbs.
 *
 * @example render('eingang', { ...layout, ...queueModel(filter, page, kreise, user, now) })
 */
export function queueModel(filter: QueueFilter, page: QueuePage, kreise: { ags: string; label: string }[], user: StaffUser, now: Date): object {
  const href = (patch: Partial<QueueFilter>): string => `/arbeitsplatz/eingang?${filterQuery(filter, { page: 1, ...patch })}`;
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  const statusCounts = TICKET_STATUSES.map((s) => `${STATUS_LABELS[s]}: ${page.perStatus[s] ?? 0}`).join(', ');
  const from = page.total === 0 ? 0 : (filter.page - 1) * PAGE_SIZE + 1;
  const to = Math.min(page.total, filter.page * PAGE_SIZE);
  return {
    title: 'Eingang',
    navEingang: true,
    view: filter.view,
    views: (['meine', 'team', 'alle'] as const).map((v) => ({
      label: v === 'team' ? `${VIEW_LABELS.team} (${user.teamName})` : VIEW_LABELS[v],
      href: href({ view: v }),
      count: page.perView[v],
      current: v === filter.view,
    })),
    search: filter.search,
    statusOptions: options(
      [['offen', 'Alle offenen'], ...TICKET_STATUSES.map((s): [string, string] => [s, `${STATUS_LABELS[s]} (${page.perStatus[s] ?? 0})`]), ['alle', 'Alle, auch erledigte']],
      filter.status,
      null,
    ),
    kreisOptions: options(kreise.map((k): [string, string] => [k.ags, k.label]), filter.kreisAgs, 'Alle Kreise'),
    categoryOptions: options(TICKET_CATEGORIES.map((c): [string, string] => [c, TICKET_CATEGORY_LABELS[c]]), filter.category, 'Alle Kategorien'),
    channelOptions: options(Object.entries(CHANNEL_LABELS), filter.channel, 'Alle Kanäle'),
    overdueOnly: filter.overdueOnly,
    summary:
      page.total === 0
        ? 'Keine Vorgänge gefunden.'
        : `${page.total} ${page.total === 1 ? 'Vorgang' : 'Vorgänge'} (${from}–${to} angezeigt), davon ${page.overdue} überfällig. Nach Status: ${statusCounts}.`,
    rows: page.tickets.map((t) => ({
      number: t.number,
      href: `/arbeitsplatz/vorgang/${t.number}`,
      subject: t.subject,
      statusLabel: STATUS_LABELS[t.status],
      categoryLabel: TICKET_CATEGORY_LABELS[t.category],
      kreis: t.requester.kreis === null ? 'unbekannt' : `${t.requester.kreis.typ} ${t.requester.kreis.name}`,
      holder: t.assignee ?? `Team-Warteschlange (${t.team.team})`,
      channelLabel: CHANNEL_LABELS[t.channel],
      due: germanTime(nextDue(t)),
      overdue: isOverdue(t, now),
    })),
    page: filter.page,
    pages: pages > 1 ? pages : 0,
    prev: filter.page > 1 ? href({ page: filter.page - 1 }) : null,
    next: filter.page < pages ? href({ page: filter.page + 1 }) : null,
  };
}
