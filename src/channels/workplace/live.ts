/**
 * Live updates by server-sent events: a ticket page learns when the ticket's version moves on, the queue when
 * any ticket changes. The stream checks the database at a short interval (one indexed read), sends one
 * `geaendert` event and ends; each stream also ends after a while (EventSource reconnects by itself) and as
 * soon as the server stops listening, so a shutdown never waits for open pages.
 */
import type restify from 'restify';
import { requestState, type WorkplaceContext } from './context.js';

export interface LiveOptions {
  /** How often a stream looks for a change. */
  checkMs: number;
  /** How long one stream stays open before the browser reconnects. */
  lifetimeMs: number;
}

export const DEFAULT_LIVE: LiveOptions = { checkMs: 500, lifetimeMs: 25_000 };

/** Registers GET /arbeitsplatz/live?vorgang=<Nummer>&version=<n> or ?eingang=<last change>. */
export function registerLive(server: restify.Server, ctx: WorkplaceContext, options: LiveOptions = DEFAULT_LIVE): void {
  server.get('/arbeitsplatz/live', async (req: restify.Request, res: restify.Response) => {
    const state = await requestState(ctx, req, res);
    if (state.user === null) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Nicht angemeldet');
      return;
    }
    const query = (req.query ?? {}) as Record<string, unknown>;
    const number = typeof query.vorgang === 'string' ? query.vorgang : null;
    const version = Number(query.version);
    const since = typeof query.eingang === 'string' ? query.eingang : null;
    const changed = async (): Promise<string | null> => {
      if (number !== null) {
        const stamp = await ctx.queue.stamp(number);
        if (stamp === null || stamp.version === version) return null;
        const last = (await ctx.tickets.show(number)).events.at(-1);
        const by = last === undefined ? '' : ` durch ${ctx.staff.findStaff(last.actor)?.displayName ?? (last.actor === 'system' ? 'das System' : last.actor === 'requester' ? 'die anfragende Stelle' : last.actor)}`;
        return `Dieser Vorgang wurde soeben geändert${by}.`;
      }
      if (since !== null && (await ctx.queue.lastChange()) !== since) return 'Im Eingang hat sich etwas geändert.';
      return null;
    };
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 2000\n\n');
    const started = Date.now();
    // One check at a time: a slow store must not pile up checks (nor write after the stream ended).
    let checking = false;
    let ended = false;
    const check = async (): Promise<void> => {
      let text: string | null = null;
      try {
        text = await changed();
      } catch (error) {
        ctx.logger.warn({ err: (error as Error).message }, 'live update check failed');
      }
      if (ended) return;
      if (text !== null) res.write(`event: geaendert\ndata: ${JSON.stringify({ text })}\n\n`);
      if (text !== null || Date.now() - started > options.lifetimeMs || !server.server.listening) {
        ended = true;
        clearInterval(timer);
        res.end();
      }
    };
    const timer = setInterval(() => {
      if (checking || ended) return;
      checking = true;
      void check().finally(() => {
        checking = false;
      });
    }, options.checkMs);
    res.on('close', () => {
      ended = true;
      clearInterval(timer);
    });
  });
}
