/**
 * Read queries of the Eingang over the tickets database (issue #13): filter, search, sort by the next
 * deadline, paginate and count. Read-only; every change goes through the TicketService. Written once over the
 * SqlDb port: the same statements on SQLite and PostgreSQL (issue 15).
 */
import type { TicketStatus } from '../../core/outcome.js';
import { jsonText, type SqlDb } from '../../core/sql.js';
import type { TicketRecord } from '../../core/ticket-model.js';
import { ticketFromRow } from '../../tickets/ticket-rows.js';
import { PAGE_SIZE, type QueueFilter, type QueueView } from './queue-filter.js';

/** Who asks (the queue views depend on it). */
export interface QueueViewer {
  staffId: string;
  teamId: string;
}

/** One page of the queue plus its counts. */
export interface QueuePage {
  tickets: TicketRecord[];
  /** Tickets matching the whole filter (all pages). */
  total: number;
  /** Matching tickets per view (the other filters applied). */
  perView: Record<QueueView, number>;
  /** Matching tickets per status within the chosen view (status filter not applied). */
  perStatus: Partial<Record<TicketStatus, number>>;
  /** Overdue tickets within the chosen view and filters. */
  overdue: number;
}

/** Read queries of the workplace. */
export interface QueueQuery {
  /** One page of the queue for `filter`, with counts. */
  page(filter: QueueFilter, viewer: QueueViewer, now: Date): Promise<QueuePage>;
  /** Kreise that occur on tickets (for the filter), by name. */
  kreise(): Promise<{ ags: string; label: string }[]>;
  /** Other tickets of the same sender address or municipality, newest first. */
  related(ticket: TicketRecord, limit?: number): Promise<TicketRecord[]>;
  /** Version and last change of one ticket (cheap; for live updates), null when unknown. */
  stamp(number: string): Promise<{ version: number; updatedAt: string } | null>;
  /** A stamp that moves on with every ticket change (the newest event id), for live updates of the queue. */
  lastChange(): Promise<string>;
}

/** The due time that matters next: the first response until it happened, then the resolution. */
export const NEXT_DUE = 'CASE WHEN t.first_responded_at IS NULL THEN t.first_response_due ELSE t.resolution_due END';
/** Open statuses as an IN list: unlike `<> 'erledigt'` it can use the (status, created_at) index. */
export const OPEN = "t.status IN ('neu', 'zugewiesen', 'in_bearbeitung', 'wartet')";
/** Overdue at the one parameter `now` (ISO-8601 text, compared as text on both databases). */
const OVERDUE = `(${OPEN} AND ${NEXT_DUE} < ?)`;

/** A WHERE clause with its `?` parameters in order. */
interface Condition {
  where: string;
  params: unknown[];
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The search over subject, ticket number, sender (address and name), municipality and Kreis (route), and the
 * texts of the messages, where file numbers (Aktenzeichen) are written. Case-insensitive the same way on both
 * databases: both sides through the database's lower() (SQLite's LIKE alone folds ASCII, PostgreSQL's none).
 */
const SEARCH = (() => {
  const like = (column: string): string => `lower(${column}) LIKE lower(?) ESCAPE '\\'`;
  const columns = ['t.number', 't.subject', 't.requester_address', 't.requester_name', 't.route_json'];
  return `(${columns.map(like).join(' OR ')}
        OR EXISTS (SELECT 1 FROM ticket_messages m WHERE m.ticket_number = t.number AND ${like('m.text')}))`;
})();
const SEARCH_PARAMS = 6;

/** WHERE parts for the filter; `omit` leaves out a dimension (for the per-view and per-status counts). */
function conditions(filter: QueueFilter, viewer: QueueViewer, now: string, omit: 'view' | 'status' | 'overdue' | null): Condition {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]): void => {
    parts.push(sql);
    params.push(...values);
  };
  if (omit !== 'view') {
    if (filter.view === 'meine') add('t.assignee = ?', viewer.staffId);
    else if (filter.view === 'team') add('t.team_id = ?', viewer.teamId);
  }
  if (omit !== 'status') {
    if (filter.status === 'offen') add(OPEN);
    else if (filter.status !== 'alle') add('t.status = ?', filter.status);
  }
  if (filter.kreisAgs !== null) add('t.kreis_ags = ?', filter.kreisAgs);
  if (filter.category !== null) add('t.category = ?', filter.category);
  if (filter.channel !== null) add('t.channel = ?', filter.channel);
  if (filter.overdueOnly && omit !== 'overdue') add(OVERDUE, now);
  if (filter.search !== '') add(SEARCH, ...Array<string>(SEARCH_PARAMS).fill(likePattern(filter.search)));
  return { where: parts.length === 0 ? '1 = 1' : parts.join(' AND '), params };
}

/**
 * Creates the queue query over the tickets database (SQLite or PostgreSQL).
 *
 * @example
 * const page = await createQueueQuery(sql).page(filter, { staffId: 'sb-nord-1', teamId: 'team-nord' }, new Date());
 */
export function createQueueQuery(db: SqlDb): QueueQuery {
  // Every change of a ticket appends an event, so the newest event id is a cheap change stamp (primary key).
  const lastChange = async (): Promise<string> => String((await db.get<{ id: number | string | null }>('SELECT max(id) AS id FROM ticket_events'))?.id ?? 0);
  const kreisField = (field: string): string => jsonText(db.dialect, 'route_json', ['kreis', field]);
  // One name per Kreis (the same on every ticket of it); min() keeps the GROUP BY valid on PostgreSQL.
  const kreiseSql = `SELECT kreis_ags AS ags, min(${kreisField('name')}) AS name, min(${kreisField('typ')}) AS typ
     FROM tickets WHERE kreis_ags IS NOT NULL GROUP BY kreis_ags ORDER BY name, ags`;
  const readKreise = async (): Promise<{ ags: string; label: string }[]> => {
    const rows = await db.all<{ ags: string; name: string | null; typ: string | null }>(kreiseSql);
    return rows.map((r) => ({ ags: r.ags, label: r.name === null ? r.ags : `${r.typ ?? ''} ${r.name}`.trim() }));
  };
  let kreiseCache: { stamp: string; list: { ags: string; label: string }[] } | undefined;
  const earlier = (where: string, alias: string): string =>
    `SELECT * FROM (SELECT * FROM tickets WHERE ${where} AND number <> ? AND anonymised_at IS NULL ORDER BY created_at DESC LIMIT ?) AS ${alias}`;
  const bySender = earlier('lower(requester_address) = lower(?)', 'by_sender');
  const relatedBySender = `${bySender} ORDER BY created_at DESC`;
  const relatedBySenderOrMunicipality = `${bySender} UNION ${earlier('gemeinde_ags = ?', 'by_gemeinde')} ORDER BY created_at DESC LIMIT ?`;
  // SQLite's planner, left alone, may sort all open tickets first: the open queue names the open-deadline index
  // (workplace-001), whose condition is the query's OPEN term. PostgreSQL's planner picks it by itself.
  const openTickets = db.dialect === 'sqlite' ? 'tickets t INDEXED BY tickets_open_due' : 'tickets t';
  const count = async (c: Condition): Promise<number> => Number((await db.get<{ n: number | string }>(`SELECT count(*) AS n FROM tickets t WHERE ${c.where}`, c.params))?.n ?? 0);
  return {
    async kreise() {
      // The list changes only when a ticket is created or re-routed, both of which append an event.
      const stamp = await lastChange();
      if (kreiseCache?.stamp !== stamp) kreiseCache = { stamp, list: await readKreise() };
      return kreiseCache.list;
    },

    async stamp(number) {
      const row = await db.get<{ version: number | string; updatedAt: string }>('SELECT version, updated_at AS "updatedAt" FROM tickets WHERE number = ?', [number]);
      return row === undefined ? null : { version: Number(row.version), updatedAt: row.updatedAt };
    },

    lastChange,

    async related(ticket, limit = 10) {
      // Two index walks (sender address, municipality), each newest first and cut at the limit, merged.
      const sender = [ticket.requester.address, ticket.number, limit];
      const gemeinde = ticket.requester.gemeinde?.ags;
      const rows =
        gemeinde === undefined
          ? await db.all(relatedBySender, sender)
          : await db.all(relatedBySenderOrMunicipality, [...sender, gemeinde, ticket.number, limit, limit]);
      return rows.map(ticketFromRow);
    },

    async page(filter, viewer, now) {
      const at = now.toISOString();
      const main = conditions(filter, viewer, at, null);
      // Done tickets last; when only open tickets can match, the order is the open-deadline index's own.
      const onlyOpen = filter.status !== 'alle' && filter.status !== 'erledigt';
      const from = filter.status === 'offen' ? openTickets : 'tickets t';
      const rows = await db.all(
        `SELECT t.* FROM ${from} WHERE ${main.where}
         ORDER BY ${onlyOpen ? '' : "(t.status = 'erledigt'), "}${NEXT_DUE}, t.number LIMIT ? OFFSET ?`,
        [...main.params, PAGE_SIZE, (filter.page - 1) * PAGE_SIZE],
      );
      const perView = { meine: 0, team: 0, alle: 0 } as Record<QueueView, number>;
      for (const view of ['meine', 'team', 'alle'] as const) perView[view] = await count(conditions({ ...filter, view }, viewer, at, null));

      const byStatus = conditions(filter, viewer, at, 'status');
      const perStatus: Partial<Record<TicketStatus, number>> = {};
      const statusRows = await db.all<{ status: TicketStatus; n: number | string }>(`SELECT t.status AS status, count(*) AS n FROM tickets t WHERE ${byStatus.where} GROUP BY t.status`, byStatus.params);
      for (const r of statusRows) perStatus[r.status] = Number(r.n);
      const overdueCond = conditions(filter, viewer, at, 'overdue');
      return {
        tickets: rows.map(ticketFromRow),
        total: perView[filter.view],
        perView,
        perStatus,
        overdue: await count({ where: `${overdueCond.where} AND ${OVERDUE}`, params: [...overdueCond.params, at] }),
      };
    },
  };
}
