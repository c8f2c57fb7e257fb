/**
 * Übersicht → Wissenslücken (issue 14 item 1), for the team lead: the knowledge-gap report of the last
 * weeks (knowledge-loop/gaps-report.ts) as accessible tables (caption, headers, numbers as text), the topics
 * with their anonymised example questions and comments, and the passages listed for review after repeated
 * "Hat nicht geholfen". Other roles get 403. Reads only: the same report as `pakt knowledge gaps`.
 */
import type restify from 'restify';
import { addDays, berlinDate, berlinMidnight } from '../../core/berlin-time.js';
import type { SqlDb } from '../../core/sql.js';
import { TREND_LABELS, topicLabel } from '../../knowledge-loop/gaps-format.js';
import { buildGapReport, type GapReport } from '../../knowledge-loop/gaps-report.js';
import { createGapsStore, gapReportInput } from '../../knowledge-loop/gaps-store.js';
import { requireUser, sendError, sendPage, type WorkplaceContext } from './context.js';
import { germanTime } from './labels.js';

/** Weeks the page covers. */
export const GAP_WEEKS = 12;
/** Topics shown (the most frequent first). */
export const GAP_TOPICS_SHOWN = 30;

/** The model of wissensluecken.hbs. */
export function gapsModel(report: GapReport, now: Date): object {
  return {
    title: 'Wissenslücken',
    navUebersicht: true,
    stand: germanTime(now.toISOString()),
    weekCount: GAP_WEEKS,
    totals: report.totals,
    weeks: report.weeks,
    topics: report.topics.slice(0, GAP_TOPICS_SHOWN).map((t, n) => ({
      n: n + 1,
      label: topicLabel(t),
      passageId: t.passageId,
      terms: t.terms.join(', '),
      count: t.count,
      suggested: t.suggested,
      handover: t.handover,
      notHelpful: t.notHelpful,
      trend: TREND_LABELS[t.trend],
      recent: t.weeks.slice(-4).map((w) => w.count).join(' · '),
      examples: t.examples,
      comments: t.comments,
    })),
    moreTopics: Math.max(0, report.topics.length - GAP_TOPICS_SHOWN),
    review: report.review,
  };
}

/** Registers GET /arbeitsplatz/uebersicht/wissensluecken. */
export function registerGapsPage(server: restify.Server, ctx: WorkplaceContext, db: SqlDb): void {
  const store = createGapsStore(db);
  server.get('/arbeitsplatz/uebersicht/wissensluecken', async (req: restify.Request, res: restify.Response) => {
    const state = await requireUser(ctx, req, res);
    if (state === null) return;
    if (state.user.role !== 'teamleitung') {
      return sendError(ctx, res, state, 403, 'Keine Berechtigung', 'Die Wissenslücken sind der Teamleitung vorbehalten.');
    }
    const now = ctx.clock.now();
    const since = berlinMidnight(addDays(berlinDate(now), -7 * GAP_WEEKS));
    const from = since.toISOString();
    const report = buildGapReport({ ...(await gapReportInput(store, from)), since, now });
    await sendPage(ctx, res, state, 200, 'wissensluecken', gapsModel(report, now));
  });
}
