/**
 * The Eingang (queue) and the Vorgang (one ticket with its actions). Reads go through the queue query and
 * `TicketService.show`; every change goes through the TicketService via the action table.
 */
import type restify from 'restify';
import { isAppError } from '../../core/errors.js';
import type { TicketDetails } from '../../core/ticket-model.js';
import { READ_ONLY_MESSAGE, mayAct, type StaffUser } from './access.js';
import { ACTIONS, VERSION_FREE } from './actions.js';
import { requireUser, sendError, sendPage, type RequestState, type WorkplaceContext } from './context.js';
import { formBody, redirect } from './http.js';
import { germanTime } from './labels.js';
import { parseQueueFilter } from './queue-filter.js';
import { queueModel } from './queue-page.js';
import { ticketModel, type FormValues } from './ticket-page.js';

/** The ticket's details, or null after a 404 page (unknown or malformed number). */
async function loadTicket(ctx: WorkplaceContext, res: restify.Response, state: RequestState, number: string): Promise<TicketDetails | null> {
  try {
    return await ctx.tickets.show(number);
  } catch (error) {
    if (isAppError(error, 'TICKET_NOT_FOUND') || isAppError(error, 'INPUT_INVALID')) {
      await sendError(ctx, res, state, 404, 'Vorgang nicht gefunden', `Einen Vorgang „${number}“ gibt es nicht.`);
      return null;
    }
    throw error;
  }
}

async function showTicket(
  ctx: WorkplaceContext,
  res: restify.Response,
  state: RequestState & { user: StaffUser },
  details: TicketDetails,
  extra: { status?: number; error?: string | null; flash?: string | null; form?: FormValues; preview?: string | null },
): Promise<void> {
  const model = ticketModel({
    details,
    related: await ctx.queue.related(details.ticket),
    user: state.user,
    staff: ctx.staff,
    now: ctx.clock.now(),
    ...(extra.form === undefined ? {} : { form: extra.form }),
    preview: extra.preview ?? null,
  });
  const live = `/arbeitsplatz/live?vorgang=${details.ticket.number}&version=${details.ticket.version}`;
  await sendPage(ctx, res, state, extra.status ?? 200, 'vorgang', { ...model, live, error: extra.error ?? null, flash: extra.flash ?? null });
}

/** "… geändert: übernommen von X um 10:02" – what happened since the form was loaded. */
function staleMessage(ctx: WorkplaceContext, details: TicketDetails): string {
  const last = details.events.at(-1);
  const by = last === undefined ? '' : ` (zuletzt ${germanTime(last.at)} durch ${ctx.staff.findStaff(last.actor)?.displayName ?? last.actor})`;
  return `Der Vorgang wurde inzwischen geändert${by}. Ihre Aktion wurde nicht ausgeführt, damit nichts überschrieben wird. Bitte prüfen Sie den aktuellen Stand; Ihre Eingabe ist unten erhalten.`;
}

/** Registers the queue and ticket routes. */
export function registerTicketPages(server: restify.Server, ctx: WorkplaceContext, bodyParser: restify.RequestHandler[]): void {
  server.get('/arbeitsplatz', (_req: restify.Request, res: restify.Response, next: restify.Next) => {
    redirect(res, '/arbeitsplatz/eingang', 302);
    next();
  });

  server.get('/arbeitsplatz/static/arbeitsplatz.css', (_req: restify.Request, res: restify.Response, next: restify.Next) => {
    res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=300' });
    res.end(ctx.views.stylesheet);
    next();
  });

  server.get('/arbeitsplatz/static/live.js', (_req: restify.Request, res: restify.Response, next: restify.Next) => {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'max-age=300' });
    res.end(ctx.views.script);
    next();
  });

  server.get('/arbeitsplatz/eingang', async (req: restify.Request, res: restify.Response) => {
    const state = await requireUser(ctx, req, res);
    if (state === null) return;
    const filter = parseQueueFilter(req.query, state.user.role === 'sachbearbeitung' ? 'team' : 'alle');
    const now = ctx.clock.now();
    // The change stamp first: a change while the page is read shows up as a live update, never gets lost.
    const stamp = await ctx.queue.lastChange();
    const page = await ctx.queue.page(filter, { staffId: state.user.id, teamId: state.user.teamId }, now);
    const live = `/arbeitsplatz/live?eingang=${encodeURIComponent(stamp)}`;
    await sendPage(ctx, res, state, 200, 'eingang', { ...queueModel(filter, page, await ctx.queue.kreise(), state.user, now), live });
  });

  server.get('/arbeitsplatz/vorgang/:number', async (req: restify.Request, res: restify.Response) => {
    const state = await requireUser(ctx, req, res);
    if (state === null) return;
    const details = await loadTicket(ctx, res, state, String(req.params.number));
    if (details === null) return;
    // The confirmation of the action just done, shown once.
    const flash = state.session.flash ?? null;
    delete state.session.flash;
    const draft = state.session.draft?.ticket === details.ticket.number ? state.session.draft : undefined;
    delete state.session.draft;
    if (draft !== undefined) {
      const { ticket: _ticket, ...form } = draft;
      const error = 'Ihre Sitzung war abgelaufen; die Aktion wurde nicht ausgeführt. Ihre Eingabe ist unten wiederhergestellt: bitte prüfen und erneut absenden.';
      return showTicket(ctx, res, state, details, { flash, form, error });
    }
    await showTicket(ctx, res, state, details, { flash });
  });

  server.get('/arbeitsplatz/vorgang/:number/anhang/:index', async (req: restify.Request, res: restify.Response) => {
    const state = await requireUser(ctx, req, res);
    if (state === null) return;
    const details = await loadTicket(ctx, res, state, String(req.params.number));
    if (details === null) return;
    const attachment = details.attachments[Number(req.params.index)];
    let content: Buffer | null = null;
    try {
      content = attachment === undefined ? null : ctx.readAttachment(attachment.sha256);
    } catch {
      content = null;
    }
    if (attachment === undefined || content === null) return sendError(ctx, res, state, 404, 'Anhang nicht gefunden', 'Dieser Anhang ist nicht (mehr) gespeichert.');
    // Always a download with a neutral type: a stored file never runs in the workplace's origin.
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(content);
  });

  server.post('/arbeitsplatz/vorgang/:number/:action', ...bodyParser, async (req: restify.Request, res: restify.Response) => {
    const state = await requireUser(ctx, req, res);
    if (state === null) return;
    if (state.user.role === 'lesen') return sendError(ctx, res, state, 403, 'Nur Lesezugriff', READ_ONLY_MESSAGE);
    const body = formBody(req);
    if (!ctx.sessions.verifyCsrf(state.session, body._csrf)) {
      return sendError(ctx, res, state, 403, 'Formular nicht gültig', 'Das Formular war nicht mehr gültig (Sicherheitsprüfung). Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.');
    }
    const name = String(req.params.action);
    const handler = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (handler === undefined) return sendError(ctx, res, state, 404, 'Unbekannte Aktion', `Die Aktion „${name}“ gibt es nicht.`);
    const details = await loadTicket(ctx, res, state, String(req.params.number));
    if (details === null) return;
    const ticket = details.ticket;
    if (!mayAct(state.user, ticket)) {
      return sendError(ctx, res, state, 403, 'Keine Berechtigung', `Dieser Vorgang gehört zu ${ticket.team.team}. Sachbearbeitung kann nur Vorgänge des eigenen Teams bearbeiten.`);
    }
    if (!VERSION_FREE.has(name) && String(body.version ?? '') !== String(ticket.version)) {
      const form: FormValues = { answer: String(body.text ?? ''), note: String(body.text ?? ''), handoverNote: String(body.note ?? ''), handoverTo: String(body.to ?? '') };
      const kept: FormValues =
        name === 'antworten' ? { answer: form.answer }
        : name === 'notiz' ? { note: form.note }
        : name === 'weitergeben' ? { handoverNote: form.handoverNote, handoverTo: form.handoverTo }
        : name === 'frist' ? { deadline: String(body.frist ?? ''), deadlineDate: String(body.datum ?? ''), deadlineReason: String(body.grund ?? '') }
        : {};
      return showTicket(ctx, res, state, details, { status: 409, error: staleMessage(ctx, details), form: kept });
    }
    const result = await handler({ ticket, body, user: state.user }, { tickets: ctx.tickets, staff: ctx.staff, previewAnswer: ctx.previewAnswer });
    switch (result.kind) {
      case 'done': {
        await sendAfterAction(res, state, ticket.number, result.flash);
        return;
      }
      case 'refused':
        return showTicket(ctx, res, state, await ctx.tickets.show(ticket.number), { status: result.status, error: result.message, form: result.form });
      case 'preview':
        return showTicket(ctx, res, state, details, { form: result.form, preview: result.preview });
    }
  });
}

/** After a change: back to the ticket (303, so a reload never repeats it) with the confirmation shown once. */
async function sendAfterAction(res: restify.Response, state: RequestState, number: string, flash: string): Promise<void> {
  state.session.flash = flash;
  await state.session.save();
  redirect(res, `/arbeitsplatz/vorgang/${number}`, 303);
}
