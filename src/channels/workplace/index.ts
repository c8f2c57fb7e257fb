/**
 * The staff workplace door (issue #13): server-rendered German pages under `/arbeitsplatz` on the same restify
 * server, working without JavaScript. A door onto tickets like Teams and mail: it reads through the queue
 * query and acts only through the TicketService (the core never knows it exists).
 */
import { randomBytes } from 'node:crypto';
import restify from 'restify';
import type { Clock, DerivedCache, Logger } from '../../core/ports.js';
import type { SqlDb } from '../../core/sql.js';
import type { StaffDirectory } from '../../core/routing.js';
import type { TicketService } from '../../tickets/ticket-service.js';
import type { AnswerPreview } from './actions.js';
import { createAnswerPreview } from './answer-preview.fs.js';
import { createOidcSignIn } from './auth.oidc.js';
import { workplaceMode, type WorkplaceEnv } from './config.js';
import { requestState, sendError, type WorkplaceContext } from './context.js';
import type { KreisShape } from './kreis-map.fs.js';
import { registerLive } from './live.js';
import type { ProposalService } from '../../knowledge-loop/proposal-service.js';
import { registerProposalPages } from './proposal-routes.js';
import { registerGapsPage } from './gaps-page.js';
import { registerOverview } from './overview-page.js';
import { createOverviewQuery, OVERVIEW_WEEKS } from './overview-query.js';
import { createQueueQuery } from './queue.js';
import { createSessions } from './session.js';
import { registerSignIn } from './signin-routes.js';
import { registerTicketPages } from './ticket-routes.js';
import { loadWorkplaceViews } from './views.fs.js';

export { workplaceCrossChecks, workplaceEnvShape, type WorkplaceEnv } from './config.js';

/** Largest form body accepted (an answer of about 20,000 characters plus fields); larger → 413. */
export const MAX_FORM_BYTES = 128 * 1024;

/** What the workplace needs from the composition root. */
export interface WorkplaceDeps {
  config: WorkplaceEnv & { TEMPLATES_DIR: string; HOST: string };
  /** The tickets database (SQLite or PostgreSQL) the queue, overview and gap report read. */
  sql: SqlDb;
  tickets: TicketService;
  staff: StaffDirectory;
  readAttachment: (sha256: string) => Buffer;
  /** GeoJSON of the 44 Kreise for the overview map; default resources/geo/bw-kreise.geojson. */
  kreisMapFile?: string;
  /** The exact outgoing answer for the preview; default: rendered by the mail templates and Teams cards the outbox uses. */
  previewAnswer?: AnswerPreview;
  /** FAQ proposals (issue 14): the "Vorschläge" pages; without it the routes are not mounted. */
  proposals?: ProposalService;
  /** Remembers template sets that passed their start-up check (INDEX_CACHE_DIR); default: check on every start. */
  derivedCache?: DerivedCache;
  clock: Clock;
  logger: Logger;
}

/** The mounted workplace. */
export interface Workplace {
  /** 'oidc', 'local' or 'off' (off: no routes but a German page saying so). */
  mode: 'oidc' | 'local' | 'off';
  register(server: restify.Server): void;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Builds the workplace. Local mode is refused (off, with a warning) when the server listens beyond loopback.
 *
 * @example
 * const workplace = createWorkplace({ config, sql, tickets, staff, readAttachment, clock, logger });
 * workplace.register(server);
 */
export function createWorkplace(deps: WorkplaceDeps): Workplace {
  const logger = deps.logger.child({ component: 'workplace' });
  let mode = workplaceMode(deps.config);
  if (mode.kind === 'local' && !LOOPBACK_HOSTS.has(deps.config.HOST)) {
    logger.warn({ host: deps.config.HOST }, 'workplace local mode needs HOST on loopback: workplace off (set WORKPLACE_OIDC_* for sign-in)');
    mode = { kind: 'off' };
  }
  const views = loadWorkplaceViews(deps.config.TEMPLATES_DIR, deps.derivedCache);
  if (mode.kind === 'off') {
    return {
      mode: 'off',
      register(server) {
        server.get('/arbeitsplatz/*', (_req: restify.Request, res: restify.Response, next: restify.Next) => {
          res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
          res.end(views.render('fehler', { title: 'Arbeitsplatz nicht eingerichtet', heading: 'Arbeitsplatz nicht eingerichtet', message: 'Die Anmeldung ist nicht konfiguriert. Bitte setzen Sie WORKPLACE_OIDC_ISSUER, WORKPLACE_OIDC_CLIENT_ID, WORKPLACE_BASE_URL und WORKPLACE_SESSION_SECRET (siehe README).' }));
          next();
        });
      },
    };
  }
  const secret = deps.config.WORKPLACE_SESSION_SECRET ?? randomBytes(32).toString('hex');
  const ctx: WorkplaceContext = {
    mode,
    oidc: mode.kind === 'oidc' ? createOidcSignIn(mode) : null,
    views,
    sessions: createSessions({ secret, secure: mode.kind === 'oidc' && mode.redirectUri.protocol === 'https:', idleMinutes: deps.config.WORKPLACE_IDLE_MINUTES, now: () => deps.clock.now() }),
    staff: deps.staff,
    tickets: deps.tickets,
    queue: createQueueQuery(deps.sql),
    previewAnswer: deps.previewAnswer ?? createAnswerPreview({ templatesDir: deps.config.TEMPLATES_DIR, staff: deps.staff }),
    readAttachment: deps.readAttachment,
    clock: deps.clock,
    logger,
  };
  return {
    mode: mode.kind,
    register(server) {
      const tooLarge = (req: restify.Request, res: restify.Response, next: restify.Next): void => {
        if (Number(req.headers['content-length'] ?? 0) <= MAX_FORM_BYTES) return next();
        requestState(ctx, req, res)
          .then((state) => sendError(ctx, res, state, 413, 'Eingabe zu groß', 'Das Formular ist zu groß. Bitte kürzen Sie den Text; Anhänge können hier nicht hochgeladen werden.'))
          .then(() => next(false), (error: unknown) => next(error as Error));
      };
      const bodyParser = [tooLarge, ...(restify.plugins.bodyParser({ maxBodySize: MAX_FORM_BYTES, mapParams: false }) as restify.RequestHandler[])];
      registerSignIn(server, ctx, bodyParser);
      registerTicketPages(server, ctx, bodyParser);
      registerLive(server, ctx);
      if (deps.proposals !== undefined) registerProposalPages(server, ctx, bodyParser, deps.proposals, deps.config.TEMPLATES_DIR, deps.derivedCache);
      const overview = createOverviewQuery(deps.sql);
      // The map is drawn on the first visit of the Übersicht; without the boundaries file the page shows tables only.
      let shapes: KreisShape[] | null = null;
      const kreisShapes = async (): Promise<KreisShape[]> => {
        if (shapes !== null) return shapes;
        try {
          const { loadKreisShapes } = await import('./kreis-map.fs.js');
          shapes = loadKreisShapes(deps.kreisMapFile ?? 'resources/geo/bw-kreise.geojson');
        } catch (error) {
          logger.warn({ err: (error as Error).message }, 'Kreis map not available');
          shapes = [];
        }
        return shapes;
      };
      registerOverview(server, ctx, (now) => overview.figures(now, OVERVIEW_WEEKS), kreisShapes);
      registerGapsPage(server, ctx, deps.sql);
      logger.info({ mode: mode.kind }, 'workplace mounted at /arbeitsplatz');
    },
  };
}
