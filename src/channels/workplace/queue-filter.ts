/**
 * The Eingang's filter as it arrives in the query string (a plain GET form, so it works without JavaScript).
 * Unknown or malformed values fall back to their default instead of failing the page: a stale bookmark still
 * opens the queue.
 */
import { z } from 'zod';
import { ChannelSchema, type Channel } from '../../core/channel.js';
import { TICKET_STATUSES, type TicketStatus } from '../../core/outcome.js';
import { TICKET_CATEGORIES, type TicketCategory } from '../../core/triage/index.js';

/** Whose tickets: mine, my team's, or all. */
export const QUEUE_VIEWS = ['meine', 'team', 'alle'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** `offen` = every status but erledigt; `alle` = every status. */
export type StatusFilter = TicketStatus | 'offen' | 'alle';

/** The parsed filter (defaults applied). */
export interface QueueFilter {
  view: QueueView;
  status: StatusFilter;
  kreisAgs: string | null;
  category: TicketCategory | null;
  channel: Channel | null;
  overdueOnly: boolean;
  search: string;
  page: number;
}

export const PAGE_SIZE = 25;

const QuerySchema = z.object({
  ansicht: z.enum(QUEUE_VIEWS).optional().catch(undefined),
  status: z.enum([...TICKET_STATUSES, 'offen', 'alle']).optional().catch(undefined),
  kreis: z.string().regex(/^08\d{3}$/).optional().catch(undefined),
  kategorie: z.enum(TICKET_CATEGORIES).optional().catch(undefined),
  kanal: ChannelSchema.optional().catch(undefined),
  ueberfaellig: z.enum(['1', 'ja', 'on']).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  seite: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

/**
 * Reads the filter from a query object; `defaultView` applies when none is chosen (team for case workers,
 * all for the team lead).
 *
 * @example parseQueueFilter({ ansicht: 'meine', status: 'neu' }, 'team')
 */
export function parseQueueFilter(query: unknown, defaultView: QueueView): QueueFilter {
  const input = typeof query === 'object' && query !== null ? query : {};
  const q = QuerySchema.parse(Object.fromEntries(Object.entries(input).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  return {
    view: q.ansicht ?? defaultView,
    status: q.status ?? 'offen',
    kreisAgs: q.kreis ?? null,
    category: q.kategorie ?? null,
    channel: q.kanal ?? null,
    overdueOnly: q.ueberfaellig !== undefined,
    search: q.q ?? '',
    page: q.seite ?? 1,
  };
}

/** The filter as query parameters (for links that keep it, e.g. pagination); defaults left out. */
export function filterQuery(filter: QueueFilter, patch: Partial<QueueFilter> = {}): string {
  const f = { ...filter, ...patch };
  const params = new URLSearchParams();
  params.set('ansicht', f.view);
  if (f.status !== 'offen') params.set('status', f.status);
  if (f.kreisAgs !== null) params.set('kreis', f.kreisAgs);
  if (f.category !== null) params.set('kategorie', f.category);
  if (f.channel !== null) params.set('kanal', f.channel);
  if (f.overdueOnly) params.set('ueberfaellig', '1');
  if (f.search !== '') params.set('q', f.search);
  if (f.page > 1) params.set('seite', String(f.page));
  return params.toString();
}
