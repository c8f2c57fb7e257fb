/**
 * Read queries of the Übersicht (team lead): open and overdue tickets per team and status, the median time to
 * the first staff response, enquiries per week by channel and outcome, open tickets per Kreis.
 */
import type Database from 'better-sqlite3';
import type { TicketStatus } from '../../core/outcome.js';
import { NEXT_DUE_COLUMNS, OPEN_COLUMNS } from './migrations.js';

/** The overview's figures. */
export interface OverviewFigures {
  teams: { teamId: string; team: string; perStatus: Partial<Record<TicketStatus, number>>; open: number; overdue: number }[];
  /** Median hours from creation to the first staff response, over the tickets of the last `weeks` weeks that had one; null when none. */
  medianFirstResponseHours: number | null;
  /** How many tickets of the last `weeks` weeks had a first response. */
  firstResponses: number;
  /** ISO week (`2026-W49`) → channel → outcome → count, for the last `weeks` weeks. */
  weeks: { week: string; channel: string; outcome: string; count: number }[];
  kreise: { ags: string; name: string; open: number }[];
}

// The open tickets are read through the open-deadline index (workplace-001): 10 % of the table, where the
// planner's statistics would otherwise walk the whole Kreis index to save a sort.
const NEXT_DUE = NEXT_DUE_COLUMNS;

/**
 * Creates the overview query.
 *
 * @example createOverviewQuery(db).figures(new Date(), 12).teams
 */
export function createOverviewQuery(db: Database.Database): { figures(now: Date, weeks: number): OverviewFigures } {
  const responded = 'FROM tickets WHERE created_at >= @since AND first_responded_at IS NOT NULL';
  const countResponded = db.prepare(`SELECT count(*) AS n ${responded}`);
  const medianResponded = db.prepare(`SELECT (julianday(first_responded_at) - julianday(created_at)) * 24 AS h ${responded} ORDER BY h LIMIT 1 OFFSET @mid`);
  return {
    figures(now, weeks) {
      const at = now.toISOString();
      const rows = db
        .prepare(
          `SELECT team_id AS teamId, json_extract(team_json, '$.team') AS team, status, count(*) AS n,
                  sum(CASE WHEN ${NEXT_DUE} < @at THEN 1 ELSE 0 END) AS overdue
           FROM tickets INDEXED BY tickets_open_due WHERE ${OPEN_COLUMNS} GROUP BY team_id, status ORDER BY team`,
        )
        .all({ at }) as { teamId: string; team: string; status: TicketStatus; n: number; overdue: number }[];
      const teams = new Map<string, OverviewFigures['teams'][number]>();
      for (const r of rows) {
        const t = teams.get(r.teamId) ?? { teamId: r.teamId, team: r.team, perStatus: {}, open: 0, overdue: 0 };
        t.perStatus[r.status] = r.n;
        t.open += r.n;
        t.overdue += r.overdue;
        teams.set(r.teamId, t);
      }
      // First responses of the tickets received within the window (the team's recent pace, and an index range
      // instead of the whole history).
      const since = new Date(now.getTime() - weeks * 7 * 86_400_000).toISOString();
      const firstResponses = (countResponded.get({ since }) as { n: number }).n;
      const median =
        firstResponses === 0 ? null : (medianResponded.get({ since, mid: Math.floor((firstResponses - 1) / 2) }) as { h: number }).h;
      const weekRows = db
        .prepare(
          `SELECT strftime('%Y', received_at) || '-W' || strftime('%W', received_at) AS week, channel, outcome, count(*) AS count
           FROM enquiries WHERE received_at >= @since GROUP BY week, channel, outcome ORDER BY week, channel, outcome`,
        )
        .all({ since }) as OverviewFigures['weeks'];
      const kreise = db
        .prepare(
          `SELECT kreis_ags AS ags, json_extract(route_json, '$.kreis.name') AS name, count(*) AS open FROM tickets INDEXED BY tickets_open_due
           WHERE ${OPEN_COLUMNS} AND kreis_ags IS NOT NULL GROUP BY kreis_ags ORDER BY open DESC, name`,
        )
        .all() as OverviewFigures['kreise'];
      return {
        teams: [...teams.values()],
        medianFirstResponseHours: median === null ? null : Math.round(median * 10) / 10,
        firstResponses,
        weeks: weekRows,
        kreise,
      };
    },
  };
}
