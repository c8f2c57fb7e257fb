/**
 * The restify HTTP server: health, readiness and metrics. Channels add their routes (Teams: POST
 * /api/messages) through `routes` when the app is composed.
 */
import restify from 'restify';
import type { Logger } from '../core/ports.js';
import type { Metrics } from './metrics.js';

/** One readiness check: ready or not, with a detail for operators (never personal data). */
export interface ReadinessCheck {
  name: string;
  /** `role`: this replica's part where replicas differ (the mailbox: 'leader' reads it, 'standby' does not). */
  check(): { ready: boolean; detail?: unknown; role?: string };
}

export interface HttpOptions {
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  /** Whether intake is open (false while shutting down: /readyz answers 503). */
  isAcceptingWork(): boolean;
}

/** Creates the restify server with /healthz, /readyz and /metrics. */
export function createHttpServer(options: HttpOptions): restify.Server {
  const server = restify.createServer({ name: 'pakt-assistent', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser());

  server.get('/healthz', (_req, res, next) => {
    res.json(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', (_req, res, next) => {
    const checks = options.readiness.map((c) => ({ name: c.name, ...safeCheck(c) }));
    const accepting = options.isAcceptingWork();
    const ready = accepting && checks.every((c) => c.ready);
    res.json(ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', accepting, checks });
    next();
  });

  server.get('/metrics', async (_req, res) => {
    const body = await options.metrics.registry.metrics();
    res.setHeader('content-type', options.metrics.registry.contentType);
    res.writeHead(200);
    res.end(body);
  });

  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number }, cb: () => void) => {
    if ((err.statusCode ?? 500) >= 500) {
      options.logger.error({ component: 'http', path: req.path(), err: err.message }, 'request failed');
    }
    cb();
  });
  return server;
}

function safeCheck(c: ReadinessCheck): { ready: boolean; detail?: unknown } {
  try {
    return c.check();
  } catch (error) {
    return { ready: false, detail: (error as Error).message };
  }
}
