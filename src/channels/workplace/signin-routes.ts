/**
 * Sign-in and sign-out: OpenID Connect (authorization code with PKCE) or, in local mode, the choice of a staff
 * entry. Either way the person must be in the staff directory; unknown accounts are refused with a German page.
 */
import type restify from 'restify';
import { matchStaff, staffUser } from './access.js';
import { requestState, sendError, sendPage, type WorkplaceContext } from './context.js';
import { formBody, isLoopbackRequest, redirect, safeReturnTo } from './http.js';

/** Signs the session in as `staffId` (a fresh CSRF secret: tokens from before sign-in stop working). */
function signIn(ctx: WorkplaceContext, session: Awaited<ReturnType<typeof requestState>>['session'], staffId: string): void {
  session.staffId = staffId;
  session.seenAt = ctx.clock.now().getTime();
  delete session.csrfSecret;
  delete session.login;
}

/** Registers the sign-in routes. */
export function registerSignIn(server: restify.Server, ctx: WorkplaceContext, bodyParser: restify.RequestHandler[]): void {
  server.get('/arbeitsplatz/anmelden', async (req: restify.Request, res: restify.Response) => {
    const state = await requestState(ctx, req, res);
    const query = (req.query ?? {}) as Record<string, unknown>;
    const returnTo = safeReturnTo(query.ziel);
    if (state.user !== null) return redirect(res, returnTo, 302);
    if (ctx.mode.kind === 'local' && !isLoopbackRequest(req)) {
      return sendError(ctx, res, state, 403, 'Nur auf diesem Rechner', 'Im lokalen Modus ist der Arbeitsplatz nur vom Server selbst aus erreichbar.');
    }
    const staff = ctx.staff.staff().map((s) => staffUser(ctx.staff, s.id)).filter((s) => s !== null);
    const expired = query.abgelaufen === '1' ? 'Ihre Sitzung ist wegen Inaktivität abgelaufen. Bitte melden Sie sich erneut an.' : null;
    return sendPage(ctx, res, state, 200, 'anmelden', { title: 'Anmelden', oidc: ctx.mode.kind === 'oidc', staff, returnTo: encodeURIComponent(returnTo), error: expired });
  });

  server.get('/arbeitsplatz/anmelden/start', async (req: restify.Request, res: restify.Response) => {
    const state = await requestState(ctx, req, res);
    if (ctx.oidc === null) return redirect(res, '/arbeitsplatz/anmelden', 302);
    let started;
    try {
      started = await ctx.oidc.start();
    } catch (error) {
      ctx.logger.error({ component: 'workplace', err: (error as Error).message }, 'OIDC discovery failed');
      return sendError(ctx, res, state, 503, 'Anmeldung zurzeit nicht möglich', 'Der Anmeldedienst ist nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.');
    }
    state.session.login = { ...started.checks, returnTo: safeReturnTo(((req.query ?? {}) as Record<string, unknown>).ziel) };
    await state.session.save();
    return redirect(res, started.url.href, 302);
  });

  server.get('/arbeitsplatz/anmeldung', async (req: restify.Request, res: restify.Response) => {
    const state = await requestState(ctx, req, res);
    const login = state.session.login;
    if (ctx.oidc === null || ctx.mode.kind !== 'oidc' || login === undefined) {
      return sendError(ctx, res, state, 400, 'Anmeldung nicht begonnen', 'Diese Anmeldung wurde nicht hier begonnen oder ist abgelaufen. Bitte melden Sie sich erneut an.');
    }
    let identity;
    try {
      identity = await ctx.oidc.finish(new URL(req.url ?? '', ctx.mode.redirectUri), login);
    } catch (error) {
      ctx.logger.warn({ component: 'workplace', err: (error as Error).message }, 'OIDC callback refused');
      delete state.session.login;
      return sendError(ctx, res, state, 401, 'Anmeldung fehlgeschlagen', 'Die Anmeldung konnte nicht bestätigt werden. Bitte melden Sie sich erneut an.');
    }
    const member = matchStaff(ctx.staff, identity);
    if (member === null) {
      delete state.session.login;
      ctx.logger.warn({ component: 'workplace', code: 'STAFF_UNKNOWN' }, 'sign-in refused: account not in the staff directory');
      return sendError(ctx, res, state, 403, 'Kein Zugang', 'Ihr Konto ist im Arbeitsplatz nicht freigeschaltet. Bitte wenden Sie sich an die Referatsleitung, damit Ihre Rolle in der Kontaktdatei eingetragen wird.');
    }
    signIn(ctx, state.session, member.id);
    await state.session.save();
    ctx.logger.info({ component: 'workplace', staffId: member.id }, 'signed in');
    return redirect(res, login.returnTo, 303);
  });

  server.post('/arbeitsplatz/anmelden/lokal', ...bodyParser, async (req: restify.Request, res: restify.Response) => {
    const state = await requestState(ctx, req, res);
    const body = formBody(req);
    if (ctx.mode.kind !== 'local' || !isLoopbackRequest(req)) return sendError(ctx, res, state, 403, 'Nicht erlaubt', 'Diese Anmeldung gibt es nur im lokalen Modus auf diesem Rechner.');
    if (!ctx.sessions.verifyCsrf(state.session, body._csrf)) return sendError(ctx, res, state, 403, 'Formular abgelaufen', 'Das Formular war nicht mehr gültig. Bitte laden Sie die Seite neu.');
    const user = typeof body.staffId === 'string' ? staffUser(ctx.staff, body.staffId) : null;
    if (user === null) return sendError(ctx, res, state, 403, 'Kein Zugang', 'Diese Rolle steht nicht in der Kontaktdatei.');
    signIn(ctx, state.session, user.id);
    await state.session.save();
    return redirect(res, safeReturnTo(typeof body.ziel === 'string' ? decodeURIComponent(body.ziel) : undefined), 303);
  });

  server.post('/arbeitsplatz/abmelden', ...bodyParser, async (req: restify.Request, res: restify.Response) => {
    const state = await requestState(ctx, req, res);
    if (!ctx.sessions.verifyCsrf(state.session, formBody(req)._csrf)) return sendError(ctx, res, state, 403, 'Formular abgelaufen', 'Das Formular war nicht mehr gültig. Bitte laden Sie die Seite neu.');
    state.session.destroy();
    return redirect(res, '/arbeitsplatz/anmelden', 303);
  });
}
