/**
 * Read queries of the Übersicht (team lead): open and overdue tickets per team and status, the median time to
 * the first staff response, enquiries per week by channel and outcome, open tickets per Kreis. Written once over
 * the SqlDb port (issue 15); the two expressions the dialects write differently (hours between two timestamps,
 * the week key) come from a table.
 */
import type { TicketStatus } from '../../core/outcome.js';
import { jsonText, type SqlDb, type SqlDialect } from '../../core/sql.js';
import { NEXT_DUE_COLUMNS, OPEN_COLUMNS } from './migrations.js';

/** How many weeks the Übersicht looks back. */
export const OVERVIEW_WEEKS = 12;

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

/** The overview query. */
export interface OverviewQuery {
  figures(now: Date, weeks: number): Promise<OverviewFigures>;
}

const NEXT_DUE = NEXT_DUE_COLUMNS;

/** The timestamps are ISO-8601 UTC text; PostgreSQL reads them as timestamptz and works in UTC. */
const utc = (column: string): string => `(${column}::timestamptz AT TIME ZONE 'UTC')`;

/** Expressions per dialect. */
const DIALECT: Record<SqlDialect, { hours: (from: string, to: string) => string; week: (column: string) => string; openTickets: string }> = {
  sqlite: {
    hours: (from, to) => `(julianday(${to}) - julianday(${from})) * 24`,
    // Weeks start on Monday; the days before the first Monday are week 00 (overview-charts.ts `sqliteWeek`).
    week: (column) => `strftime('%Y', ${column}) || '-W' || strftime('%W', ${column})`,
    // The open tickets are read through the open-deadline index (workplace-001): 10 % of the table, where the
    // planner's statistics would otherwise walk the whole Kreis index to save a sort.
    openTickets: 'tickets INDEXED BY tickets_open_due',
  },
  postgres: {
    hours: (from, to) => `EXTRACT(EPOCH FROM (${to}::timestamptz - ${from}::timestamptz)) / 3600`,
    // SQLite's %W: (day of year, 0-based, + 7 - weekday with Monday = 0) / 7.
    week: (column) =>
      `to_char(${utc(column)}, 'YYYY') || '-W' || lpad(((EXTRACT(DOY FROM ${utc(column)})::int + 7 - EXTRACT(ISODOW FROM ${utc(column)})::int) / 7)::text, 2, '0')`,
    openTickets: 'tickets',
  },
};

/**
 * Creates the overview query over the tickets database (SQLite or PostgreSQL).
 *
 * @example (await createOverviewQuery(sql).figures(new Date(), 12)).teams
 */
export function createOverviewQuery(db: SqlDb): OverviewQuery {
  const d = DIALECT[db.dialect];
  const responded = 'FROM tickets WHERE created_at >= ? AND first_responded_at IS NOT NULL';
  const teamsSql = `SELECT team_id AS "teamId", min(${jsonText(db.dialect, 'team_json', ['team'])}) AS team, status, count(*) AS n,
          sum(CASE WHEN ${NEXT_DUE} < ? THEN 1 ELSE 0 END) AS overdue
     FROM ${d.openTickets} WHERE ${OPEN_COLUMNS} GROUP BY team_id, status ORDER BY team, "teamId", status`;
  const medianSql = `SELECT ${d.hours('created_at', 'first_responded_at')} AS h ${responded} ORDER BY h LIMIT 1 OFFSET ?`;
  const weekSql = `SELECT week, channel, outcome, count(*) AS count
     FROM (SELECT ${d.week('received_at')} AS week, channel, outcome FROM enquiries WHERE received_at >= ?) AS received
     GROUP BY week, channel, outcome ORDER BY week, channel, outcome`;
  const kreiseSql = `SELECT kreis_ags AS ags, min(${jsonText(db.dialect, 'route_json', ['kreis', 'name'])}) AS name, count(*) AS open
     FROM ${d.openTickets} WHERE ${OPEN_COLUMNS} AND kreis_ags IS NOT NULL GROUP BY kreis_ags ORDER BY open DESC, name`;
  return {
    async figures(now, weeks) {
      const rows = await db.all<{ teamId: string; team: string; status: TicketStatus; n: number | string; overdue: number | string }>(teamsSql, [now.toISOString()]);
      const teams = new Map<string, OverviewFigures['teams'][number]>();
      for (const r of rows) {
        const t = teams.get(r.teamId) ?? { teamId: r.teamId, team: r.team, perStatus: {}, open: 0, overdue: 0 };
        t.perStatus[r.status] = Number(r.n);
        t.open += Number(r.n);
        t.overdue += Number(r.overdue);
        teams.set(r.teamId, t);
      }
      // First responses of the tickets received within the window (the team's recent pace, and an index range
      // instead of the whole history).
      const since = new Date(now.getTime() - weeks * 7 * 86_400_000).toISOString();
      const firstResponses = Number((await db.get<{ n: number | string }>(`SELECT count(*) AS n ${responded}`, [since]))?.n ?? 0);
      const middle = firstResponses === 0 ? undefined : await db.get<{ h: number | string }>(medianSql, [since, Math.floor((firstResponses - 1) / 2)]);
      const median = middle === undefined ? null : Number(middle.h);
      const weekRows = await db.all<{ week: string; channel: string; outcome: string; count: number | string }>(weekSql, [since]);
      const kreise = await db.all<{ ags: string; name: string; open: number | string }>(kreiseSql);
      return {
        teams: [...teams.values()],
        medianFirstResponseHours: median === null ? null : Math.round(median * 10) / 10,
        firstResponses,
        weeks: weekRows.map((r) => ({ week: r.week, channel: r.channel, outcome: r.outcome, count: Number(r.count) })),
        kreise: kreise.map((k) => ({ ags: k.ags, name: k.name, open: Number(k.open) })),
      };
    },
  };
}
