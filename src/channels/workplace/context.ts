/**
 * What every workplace route shares: collaborators, the session of the request, the signed-in user, and
 * rendering a page inside the layout (CSRF token, user, "Lokaler Modus" banner).
 */
import type restify from 'restify';
import type { Clock, Logger } from '../../core/ports.js';
import type { StaffDirectory } from '../../core/routing.js';
import type { TicketService } from '../../tickets/ticket-service.js';
import { ROLE_LABELS, staffUser, type StaffUser } from './access.js';
import type { AnswerPreview } from './actions.js';
import type { OidcSignIn } from './auth.oidc.js';
import type { WorkplaceMode } from './config.js';
import { formBody, redirect, sendHtml } from './http.js';
import type { QueueQuery } from './queue.js';
import type { Sessions, WorkplaceSession } from './session.js';
import type { PageName, WorkplaceViews } from './views.fs.js';

/** The collaborators of the workplace routes. */
export interface WorkplaceContext {
  mode: Exclude<WorkplaceMode, { kind: 'off' }>;
  oidc: OidcSignIn | null;
  views: WorkplaceViews;
  sessions: Sessions;
  staff: StaffDirectory;
  tickets: TicketService;
  queue: QueueQuery;
  previewAnswer: AnswerPreview;
  /** Bytes of a stored attachment by sha256 (throws when gone). */
  readAttachment: (sha256: string) => Buffer;
  clock: Clock;
  logger: Logger;
}

/** A request with its session and (when signed in) its staff user. */
export interface RequestState {
  session: WorkplaceSession;
  user: StaffUser | null;
  expired: boolean;
}

/** Opens the session and resolves the signed-in user (an entry removed from the directory signs out). */
export async function requestState(ctx: WorkplaceContext, req: restify.Request, res: restify.Response): Promise<RequestState> {
  const { session, expired } = await ctx.sessions.open(req, res);
  const user = session.staffId === undefined ? null : staffUser(ctx.staff, session.staffId);
  if (user === null) delete session.staffId;
  return { session, user, expired };
}

/**
 * The signed-in state, or null after redirecting to sign-in (remembering where the person wanted to go; a GET
 * target only, so a form is never replayed).
 */
export async function requireUser(ctx: WorkplaceContext, req: restify.Request, res: restify.Response): Promise<(RequestState & { user: StaffUser }) | null> {
  const state = await requestState(ctx, req, res);
  if (state.user !== null) return state as RequestState & { user: StaffUser };
  let target = req.url ?? '/arbeitsplatz/eingang';
  if (req.method !== 'GET') {
    // A form sent after the session expired: keep what was typed and come back to the ticket after sign-in
    // (only with the expired session's valid CSRF token, so another site cannot plant a draft).
    const ticket = /^\/arbeitsplatz\/vorgang\/([^/]+)\//.exec(target)?.[1];
    target = ticket === undefined ? '/arbeitsplatz/eingang' : `/arbeitsplatz/vorgang/${ticket}`;
    if (ticket !== undefined && ctx.sessions.verifyCsrf(state.session, formBody(req)._csrf)) state.session.draft = { ticket, ...draftOf(req) };
  }
  const path = target;
  await state.session.save();
  redirect(res, `/arbeitsplatz/anmelden?ziel=${encodeURIComponent(path)}${state.expired ? '&abgelaufen=1' : ''}`);
  return null;
}

const DRAFT_MAX = 2_500;

/** The typed texts of a refused form, capped to fit the cookie. */
function draftOf(req: restify.Request): { answer?: string; note?: string; handoverNote?: string; deadlineReason?: string } {
  const body = formBody(req);
  const cap = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.slice(0, DRAFT_MAX) : undefined);
  const action = /\/([a-z-]+)$/.exec(req.url ?? '')?.[1];
  const text = cap(body.text);
  const out: { answer?: string; note?: string; handoverNote?: string; deadlineReason?: string } = {};
  if (action === 'antworten' && text !== undefined) out.answer = text;
  if (action === 'notiz' && text !== undefined) out.note = text;
  const note = cap(body.note);
  if (action === 'weitergeben' && note !== undefined) out.handoverNote = note;
  const reason = cap(body.grund);
  if (action === 'frist' && reason !== undefined) out.deadlineReason = reason;
  return out;
}

/** Renders `page` inside the layout and sends it (saving the session first: the cookie travels in the headers). */
export async function sendPage(ctx: WorkplaceContext, res: restify.Response, state: RequestState, status: number, page: PageName, model: object): Promise<void> {
  const csrf = ctx.sessions.csrfToken(state.session);
  await state.session.save();
  const layout = {
    csrf,
    user: state.user,
    roleLabel: state.user === null ? null : ROLE_LABELS[state.user.role],
    isLead: state.user?.role === 'teamleitung',
    isReader: state.user?.role === 'lesen',
    localMode: ctx.mode.kind === 'local',
  };
  sendHtml(res, status, ctx.views.render(page, { ...layout, ...model }));
}

/** A German error page (404, 403, 413 …). */
export async function sendError(ctx: WorkplaceContext, res: restify.Response, state: RequestState, status: number, heading: string, message: string): Promise<void> {
  await sendPage(ctx, res, state, status, 'fehler', { title: heading, heading, message, link: { href: '/arbeitsplatz/eingang', text: 'Zum Eingang' } });
}
