/**
 * Read queries of the Eingang over the tickets database (issue #13): filter, search, sort by the next
 * deadline, paginate and count. Read-only; every change goes through the TicketService.
 */
import type Database from 'better-sqlite3';
import type { TicketStatus } from '../../core/outcome.js';
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
  page(filter: QueueFilter, viewer: QueueViewer, now: Date): QueuePage;
  /** Kreise that occur on tickets (for the filter), by name. */
  kreise(): { ags: string; label: string }[];
  /** Other tickets of the same sender address or municipality, newest first. */
  related(ticket: TicketRecord, limit?: number): TicketRecord[];
  /** Version and last change of one ticket (cheap; for live updates), null when unknown. */
  stamp(number: string): { version: number; updatedAt: string } | null;
  /** A stamp that moves on with every ticket change (the newest event id), for live updates of the queue. */
  lastChange(): string;
}

/** The due time that matters next: the first response until it happened, then the resolution. */
export const NEXT_DUE = 'CASE WHEN t.first_responded_at IS NULL THEN t.first_response_due ELSE t.resolution_due END';
/** Open statuses as an IN list: unlike `<> 'erledigt'` it can use the (status, created_at) index. */
export const OPEN = "t.status IN ('neu', 'zugewiesen', 'in_bearbeitung', 'wartet')";
const OVERDUE = `(${OPEN} AND ${NEXT_DUE} < @now)`;

type Params = Record<string, string | number>;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** WHERE parts for the filter; `omit` leaves out a dimension (for the per-view and per-status counts). */
function conditions(filter: QueueFilter, viewer: QueueViewer, now: string, omit: 'view' | 'status' | 'overdue' | null): { where: string; params: Params } {
  const parts: string[] = [];
  const params: Params = { now };
  if (omit !== 'view') {
    if (filter.view === 'meine') {
      parts.push('t.assignee = @staffId');
      params.staffId = viewer.staffId;
    } else if (filter.view === 'team') {
      parts.push('t.team_id = @teamId');
      params.teamId = viewer.teamId;
    }
  }
  if (omit !== 'status') {
    if (filter.status === 'offen') parts.push(OPEN);
    else if (filter.status !== 'alle') {
      parts.push('t.status = @status');
      params.status = filter.status;
    }
  }
  if (filter.kreisAgs !== null) {
    parts.push('t.kreis_ags = @kreis');
    params.kreis = filter.kreisAgs;
  }
  if (filter.category !== null) {
    parts.push('t.category = @category');
    params.category = filter.category;
  }
  if (filter.channel !== null) {
    parts.push('t.channel = @channel');
    params.channel = filter.channel;
  }
  if (filter.overdueOnly && omit !== 'overdue') parts.push(OVERDUE);
  if (filter.search !== '') {
    // Subject, ticket number, sender (address and name), municipality and Kreis (route), and the texts of the
    // messages, where file numbers (Aktenzeichen) are written.
    parts.push(
      `(t.number LIKE @q ESCAPE '\\' OR t.subject LIKE @q ESCAPE '\\' OR t.requester_address LIKE @q ESCAPE '\\'
        OR t.requester_name LIKE @q ESCAPE '\\' OR t.route_json LIKE @q ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM ticket_messages m WHERE m.ticket_number = t.number AND m.text LIKE @q ESCAPE '\\'))`,
    );
    params.q = likePattern(filter.search);
  }
  return { where: parts.length === 0 ? '1 = 1' : parts.join(' AND '), params };
}

/**
 * Creates the queue query over an open tickets database.
 *
 * @example
 * const page = createQueueQuery(db).page(filter, { staffId: 'sb-nord-1', teamId: 'team-nord' }, new Date());
 */
export function createQueueQuery(db: Database.Database): QueueQuery {
  const newestEvent = db.prepare('SELECT max(id) AS id FROM ticket_events');
  // Every change of a ticket appends an event, so the newest event id is a cheap change stamp (primary key).
  const lastChange = (): string => String((newestEvent.get() as { id: number | null }).id ?? 0);
  const readKreise = (): { ags: string; label: string }[] => {
    const rows = db
      .prepare(
        `SELECT kreis_ags AS ags, json_extract(route_json, '$.kreis.name') AS name, json_extract(route_json, '$.kreis.typ') AS typ
         FROM tickets WHERE kreis_ags IS NOT NULL GROUP BY kreis_ags ORDER BY name`,
      )
      .all() as { ags: string; name: string | null; typ: string | null }[];
    return rows.map((r) => ({ ags: r.ags, label: r.name === null ? r.ags : `${r.typ ?? ''} ${r.name}`.trim() }));
  };
  let kreiseCache: { stamp: string; list: { ags: string; label: string }[] } | undefined;
  const earlier = (where: string): string =>
    `SELECT * FROM (SELECT * FROM tickets WHERE ${where} AND number <> @number AND anonymised_at IS NULL ORDER BY created_at DESC LIMIT @limit)`;
  const bySender = earlier('lower(requester_address) = lower(@address)');
  const relatedBySender = db.prepare(`${bySender} ORDER BY created_at DESC`);
  const relatedBySenderOrMunicipality = db.prepare(`${bySender} UNION ${earlier('gemeinde_ags = @gemeinde')} ORDER BY created_at DESC LIMIT @limit`);
  return {
    kreise() {
      // The list changes only when a ticket is created or re-routed, both of which append an event.
      const stamp = lastChange();
      if (kreiseCache?.stamp !== stamp) kreiseCache = { stamp, list: readKreise() };
      return kreiseCache.list;
    },

    stamp(number) {
      const row = db.prepare('SELECT version, updated_at AS updatedAt FROM tickets WHERE number = ?').get(number) as { version: number; updatedAt: string } | undefined;
      return row ?? null;
    },

    lastChange,

    related(ticket, limit = 10) {
      // Two index walks (sender address, municipality), each newest first and cut at the limit, merged.
      const params = { number: ticket.number, address: ticket.requester.address, limit };
      const gemeinde = ticket.requester.gemeinde?.ags;
      const rows = gemeinde === undefined ? relatedBySender.all(params) : relatedBySenderOrMunicipality.all({ ...params, gemeinde });
      return rows.map(ticketFromRow);
    },

    page(filter, viewer, now) {
      const at = now.toISOString();
      const main = conditions(filter, viewer, at, null);
      // Done tickets last; when only open tickets can match, the order is the open-deadline index's own.
      const onlyOpen = filter.status !== 'alle' && filter.status !== 'erledigt';
      // The open queue walks the open-deadline index in its order and stops after the page (workplace-001); the
      // planner, left alone, may sort all open tickets first. The index's condition is the query's OPEN term.
      const from = filter.status === 'offen' ? 'tickets t INDEXED BY tickets_open_due' : 'tickets t';
      const rows = db
        .prepare(
          `SELECT t.* FROM ${from} WHERE ${main.where}
           ORDER BY ${onlyOpen ? '' : "(t.status = 'erledigt'), "}${NEXT_DUE}, t.number LIMIT @limit OFFSET @offset`,
        )
        .all({ ...main.params, limit: PAGE_SIZE, offset: (filter.page - 1) * PAGE_SIZE });
      const count = (c: { where: string; params: Params }): number =>
        (db.prepare(`SELECT count(*) AS n FROM tickets t WHERE ${c.where}`).get(c.params) as { n: number }).n;

      const perView = { meine: 0, team: 0, alle: 0 } as Record<QueueView, number>;
      for (const view of ['meine', 'team', 'alle'] as const) perView[view] = count(conditions({ ...filter, view }, viewer, at, null));

      const byStatus = conditions(filter, viewer, at, 'status');
      const perStatus: Partial<Record<TicketStatus, number>> = {};
      for (const r of db.prepare(`SELECT t.status AS status, count(*) AS n FROM tickets t WHERE ${byStatus.where} GROUP BY t.status`).all(byStatus.params) as { status: TicketStatus; n: number }[]) {
        perStatus[r.status] = r.n;
      }
      const overdueCond = conditions(filter, viewer, at, 'overdue');
      return {
        tickets: rows.map(ticketFromRow),
        total: perView[filter.view],
        perView,
        perStatus,
        overdue: count({ where: `${overdueCond.where} AND ${OVERDUE}`, params: overdueCond.params }),
      };
    },
  };
}
