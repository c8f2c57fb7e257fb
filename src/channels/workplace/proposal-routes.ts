/**
 * FAQ proposals in the workplace (issue 14 item 2): "Als FAQ vorschlagen" from the Vorgang's answer form, the
 * "Vorschläge" list and the review page (approve, edit, return with a comment; the author revises). Every
 * change goes through the ProposalService; forms carry the CSRF token; Sachbearbeitung and Teamleitung may
 * propose and review, other roles only read.
 */
import type restify from 'restify';
import { isAppError } from '../../core/errors.js';
import type { DerivedCache } from '../../core/ports.js';
import type { TicketDetails } from '../../core/ticket-model.js';
import { prefillFromTicket } from '../../knowledge-loop/proposal-prefill.js';
import type { ProposalService, Refused } from '../../knowledge-loop/proposal-service.js';
import { mayAct, ROLE_LABELS, type StaffUser } from './access.js';
import { requireUser, sendError, type RequestState, type WorkplaceContext } from './context.js';
import { formBody, redirect, sendHtml } from './http.js';
import { contentOf, formFrom, formOf, listModel, reviewModel, type ProposalForm } from './proposal-page.js';
import { loadProposalViews, type ProposalPage, type ProposalViews } from './proposal-views.js';

/** Roles that may propose and review (a read-only role, when the directory knows one, may only look). */
const WRITING_ROLES: ReadonlySet<string> = new Set(['sachbearbeitung', 'teamleitung']);
const mayWrite = (user: StaffUser): boolean => WRITING_ROLES.has(user.role);

type Signed = RequestState & { user: StaffUser };

async function send(ctx: WorkplaceContext, views: ProposalViews, res: restify.Response, state: Signed, status: number, page: ProposalPage, model: object): Promise<void> {
  const csrf = ctx.sessions.csrfToken(state.session);
  await state.session.save();
  const layout = { csrf, user: state.user, roleLabel: ROLE_LABELS[state.user.role], isLead: state.user.role === 'teamleitung', isReader: !mayWrite(state.user), localMode: ctx.mode.kind === 'local' };
  sendHtml(res, status, views(page, { ...layout, ...model }));
}

async function done(res: restify.Response, state: RequestState, location: string, flash: string): Promise<void> {
  state.session.flash = flash;
  await state.session.save();
  redirect(res, location, 303);
}

/** The signed-in user of a form post with a valid CSRF token and a writing role; null after an error page. */
async function writer(ctx: WorkplaceContext, req: restify.Request, res: restify.Response): Promise<Signed | null> {
  const state = await requireUser(ctx, req, res);
  if (state === null) return null;
  if (!ctx.sessions.verifyCsrf(state.session, formBody(req)._csrf)) {
    await sendError(ctx, res, state, 403, 'Formular nicht gültig', 'Das Formular war nicht mehr gültig (Sicherheitsprüfung). Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.');
    return null;
  }
  if (!mayWrite(state.user)) {
    await sendError(ctx, res, state, 403, 'Keine Berechtigung', 'FAQ-Vorschläge anlegen und prüfen können nur Sachbearbeitung und Teamleitung.');
    return null;
  }
  return state;
}

async function loadTicket(ctx: WorkplaceContext, number: string): Promise<TicketDetails | null> {
  try {
    return await ctx.tickets.show(number);
  } catch (error) {
    if (isAppError(error, 'TICKET_NOT_FOUND') || isAppError(error, 'INPUT_INVALID')) return null;
    throw error;
  }
}

const takeFlash = (state: RequestState): string | null => {
  const flash = state.session.flash ?? null;
  delete state.session.flash;
  return flash;
};

/** Registers the proposal routes under /arbeitsplatz/vorschlaege. */
export function registerProposalPages(server: restify.Server, ctx: WorkplaceContext, bodyParser: restify.RequestHandler[], service: ProposalService, templatesDir: string, cache?: DerivedCache): void {
  const views = loadProposalViews(templatesDir, cache);

  const newPage = async (res: restify.Response, state: Signed, status: number, ticket: string | null, form: ProposalForm, extra: { error?: string; problems?: string[] } = {}): Promise<void> =>
    send(ctx, views, res, state, status, 'proposal-neu', { title: 'Als FAQ vorschlagen', navVorschlaege: true, ticket, form, error: extra.error ?? null, problems: extra.problems ?? [] });

  const reviewPage = async (res: restify.Response, state: Signed, id: number, status: number, extra: Partial<Parameters<typeof reviewModel>[0]> & { error?: string | null; flash?: string | null } = {}): Promise<void> => {
    const found = await service.find(id);
    if (found === null) return sendError(ctx, res, state, 404, 'Vorschlag nicht gefunden', `Einen Vorschlag Nr. ${id} gibt es nicht.`);
    const { error, flash, ...rest } = extra;
    const model = reviewModel({ ...found, user: state.user, staff: ctx.staff, mayWrite: mayWrite(state.user), ...rest });
    await send(ctx, views, res, state, status, 'proposal-pruefen', { ...model, error: error ?? null, flash: flash ?? null });
  };

  server.get('/arbeitsplatz/vorschlaege', async (req: restify.Request, res: restify.Response) => {
    const state = await requireUser(ctx, req, res);
    if (state === null) return;
    await send(ctx, views, res, state, 200, 'proposal-liste', { ...listModel(await service.list(), ctx.staff), flash: takeFlash(state) });
  });

  // From the Vorgang: the answer form's "Als FAQ vorschlagen" posts the typed answer here (a GET link works too).
  const prefill = async (req: restify.Request, res: restify.Response, state: Signed, draft: string | null): Promise<void> => {
    const number = String(req.params.number);
    const details = await loadTicket(ctx, number);
    if (details === null) return sendError(ctx, res, state, 404, 'Vorgang nicht gefunden', `Einen Vorgang „${number}“ gibt es nicht.`);
    if (!mayAct(state.user, details.ticket)) return sendError(ctx, res, state, 403, 'Keine Berechtigung', `Dieser Vorgang gehört zu ${details.ticket.team.team}.`);
    await newPage(res, state, 200, number, formFrom(prefillFromTicket(details, draft, ctx.clock.now())));
  };
  server.get('/arbeitsplatz/vorschlaege/neu/:number', async (req: restify.Request, res: restify.Response) => {
    const state = await requireUser(ctx, req, res);
    if (state === null) return;
    if (!mayWrite(state.user)) return sendError(ctx, res, state, 403, 'Keine Berechtigung', 'FAQ-Vorschläge anlegen können nur Sachbearbeitung und Teamleitung.');
    await prefill(req, res, state, null);
  });
  server.post('/arbeitsplatz/vorschlaege/neu/:number', ...bodyParser, async (req: restify.Request, res: restify.Response) => {
    const state = await writer(ctx, req, res);
    if (state === null) return;
    const text = formBody(req).text;
    await prefill(req, res, state, typeof text === 'string' ? text : null);
  });

  server.post('/arbeitsplatz/vorschlaege', ...bodyParser, async (req: restify.Request, res: restify.Response) => {
    const state = await writer(ctx, req, res);
    if (state === null) return;
    const body = formBody(req);
    const form = formOf(body);
    const number = typeof body.vorgang === 'string' && body.vorgang !== '' ? body.vorgang : null;
    if (number !== null) {
      const details = await loadTicket(ctx, number);
      if (details === null) return sendError(ctx, res, state, 404, 'Vorgang nicht gefunden', `Einen Vorgang „${number}“ gibt es nicht.`);
      if (!mayAct(state.user, details.ticket)) return sendError(ctx, res, state, 403, 'Keine Berechtigung', `Dieser Vorgang gehört zu ${details.ticket.team.team}.`);
    }
    const r = await service.propose({ ticketNumber: number, content: contentOf(form), by: state.user.id });
    if (!r.ok) return newPage(res, state, r.status, number, form, { error: r.message, ...(r.problems === undefined ? {} : { problems: r.problems }) });
    await done(res, state, `/arbeitsplatz/vorschlaege/${r.proposal.id}`, `Ihr Vorschlag Nr. ${r.proposal.id} liegt jetzt zur Prüfung vor. Freigeben kann ihn nur eine zweite Person.`);
  });

  server.get('/arbeitsplatz/vorschlaege/:id', async (req: restify.Request, res: restify.Response) => {
    const state = await requireUser(ctx, req, res);
    if (state === null) return;
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id)) return sendError(ctx, res, state, 404, 'Vorschlag nicht gefunden', 'Diesen Vorschlag gibt es nicht.');
    await reviewPage(res, state, id, 200, { flash: takeFlash(state) });
  });

  server.post('/arbeitsplatz/vorschlaege/:id', ...bodyParser, async (req: restify.Request, res: restify.Response) => {
    const state = await writer(ctx, req, res);
    if (state === null) return;
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || (await service.find(id)) === null) return sendError(ctx, res, state, 404, 'Vorschlag nicht gefunden', 'Diesen Vorschlag gibt es nicht.');
    const body = formBody(req);
    const form = formOf(body);
    const content = contentOf(form);
    const version = Number(body.version);
    const by = state.user.id;
    const refusedPage = (r: Refused): Promise<void> => reviewPage(res, state, id, r.status, { error: r.message, form, ...(r.problems === undefined ? {} : { problems: r.problems }) });
    switch (body.aktion) {
      case 'freigeben': {
        const confirm = typeof body.bestaetigt === 'string' ? body.bestaetigt : undefined;
        const r = await service.approve({ id, version, content, by, ...(confirm === undefined ? {} : { confirm }) });
        if (r.ok === true) {
          const where = r.recordedIn === 'git' ? 'als Commit festgehalten' : 'im Änderungsprotokoll vermerkt';
          return done(res, state, `/arbeitsplatz/vorschlaege/${id}`, `Freigegeben: Der Eintrag steht als ${r.passageId} in der Wissensbasis (${where}) und wird nach dem nächsten Neuladen beantwortet.`);
        }
        if (r.ok === 'confirm') {
          const error = 'Mit diesem Eintrag werden Fragen der Entwicklungssätze schlechter beantwortet (siehe unten). Nichts wurde gespeichert. Bitte prüfen Sie die betroffenen Fragen und bestätigen Sie ausdrücklich, wenn Sie den Eintrag trotzdem übernehmen wollen.';
          return reviewPage(res, state, id, 409, { error, form: { ...formFrom(r.content), kommentar: form.kommentar ?? '' }, impact: r.impact, fingerprint: r.fingerprint });
        }
        return refusedPage(r);
      }
      case 'zurueckgeben': {
        const r = await service.returnToAuthor({ id, version, content, comment: form.kommentar ?? '', by });
        if (!r.ok) return refusedPage(r);
        return done(res, state, `/arbeitsplatz/vorschlaege/${id}`, 'Der Vorschlag wurde mit Ihrem Kommentar zur Überarbeitung zurückgegeben.');
      }
      case 'vorlegen': {
        const r = await service.revise({ id, version, content, by });
        if (!r.ok) return refusedPage(r);
        return done(res, state, `/arbeitsplatz/vorschlaege/${id}`, 'Der überarbeitete Vorschlag liegt wieder zur Prüfung vor.');
      }
      default:
        return sendError(ctx, res, state, 404, 'Unbekannte Aktion', 'Diese Aktion gibt es für Vorschläge nicht.');
    }
  });
}
