/**
 * The Übersicht for the team lead: the overview query turned into accessible tables (each figure as a number
 * in a table with caption and headers, nothing by colour alone). Other roles get 403.
 */
import type restify from 'restify';
import { maySeeOverview } from './access.js';
import { requireUser, sendError, sendPage, type WorkplaceContext } from './context.js';
import type { KreisShape } from './kreis-map.fs.js';
import type { OverviewFigures } from './overview-query.js';

/** Registers GET /arbeitsplatz/uebersicht. */
export function registerOverview(server: restify.Server, ctx: WorkplaceContext, figures: (now: Date) => Promise<OverviewFigures>, shapes: () => Promise<KreisShape[]>): void {
  server.get('/arbeitsplatz/uebersicht', async (req: restify.Request, res: restify.Response) => {
    const state = await requireUser(ctx, req, res);
    if (state === null) return;
    if (!maySeeOverview(state.user)) {
      return sendError(ctx, res, state, 403, 'Keine Berechtigung', 'Die Übersicht ist der Teamleitung und der Rolle „Lesen“ vorbehalten.');
    }
    const now = ctx.clock.now();
    const { overviewModel } = await import('./overview-model.js');
    await sendPage(ctx, res, state, 200, 'uebersicht', overviewModel(await figures(now), now, await shapes()));
  });
}
