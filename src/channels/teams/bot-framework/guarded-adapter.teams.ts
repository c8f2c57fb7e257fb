/**
 * The HTTP side of the turn adapter: a CloudAdapter whose `process` answers every failure itself, in JSON,
 * and logs through our logger (400 for an activity without type, 401 for a forged or invalid token, 503
 * when the signing keys cannot be fetched). The stock `process` answers these with 500, the library's
 * internal message as body and a `console.error` stack.
 */
import { errorCode } from '../../../core/error-code.js';
import { randomUUID } from 'node:crypto';
import { CloudAdapter, type Activity, type ConfigurationBotFrameworkAuthentication, type Request, type Response, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../../../core/ports.js';

/** Signing algorithms the Bot Framework uses (botframework-connector's allowed list). */
const TOKEN_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);

/** The least an inbound activity must carry before anything else looks at it. */
const InboundActivity = z.looseObject({ type: z.string().trim().min(1) });

/** Network failures while fetching the signing keys: the token cannot be checked now (503), not "invalid". */
const KEY_FETCH_FAILURES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

type Logic = (context: TurnContext) => Promise<void>;

/** How a failed `authenticateRequest` is answered. */
export type AuthFailure = { status: 401; reason: string } | { status: 503; reason: string };

/**
 * Classifies an error of botframework-connector's `authenticateRequest`. Its `AuthenticationError` carries
 * a status (401/403 for a bad token, 500 when the signing keys could not be loaded); a forged token also
 * surfaces as a plain jsonwebtoken error (alg none, HS256, bad signature) or a SyntaxError, all 401. When the
 * keys cannot be downloaded, nobody can tell a real Teams request from a forged one: 503 (retry later), so a
 * genuine message is retried by the Bot Framework instead of being refused for good.
 */
export function classifyAuthError(error: unknown): AuthFailure {
  const e = error as { statusCode?: unknown; code?: unknown; name?: unknown; type?: unknown; errno?: unknown };
  const code = typeof e.code === 'string' ? e.code : typeof e.errno === 'string' ? e.errno : '';
  if (KEY_FETCH_FAILURES.has(code) || e.name === 'FetchError' || e.type === 'system') return { status: 503, reason: code || 'key download failed' };
  if (typeof e.statusCode === 'number' && e.statusCode >= 500) return { status: 503, reason: 'signing keys unavailable' };
  return { status: 401, reason: typeof e.name === 'string' ? e.name : 'invalid token' };
}

/**
 * Checks the JWT's header before botbuilder sees it: a token that is not `Bearer <header>.<payload>.<sig>`
 * with an RSA algorithm is refused at once (no key download, no library console output).
 */
export function tokenShapeProblem(authorization: string): string | null {
  if (authorization === '') return null; // the library decides: allowed only without MicrosoftAppId
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(authorization.trim());
  if (match === null) return 'not a Bearer JWT';
  try {
    const header = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as { alg?: unknown };
    if (typeof header.alg !== 'string' || !TOKEN_ALGORITHMS.has(header.alg)) return `algorithm ${String(header.alg)} not allowed`;
  } catch {
    return 'unreadable token header';
  }
  if (match[3] === '') return 'unsigned token';
  return null;
}

/**
 * CloudAdapter whose HTTP `process` answers every failure itself with JSON and logs through our logger:
 * an activity without `type` → 400, a forged or invalid token → 401, signing keys unreachable → 503 (with
 * Retry-After). The stock `process` answers these with 500, the library's internal message as the body and
 * a `console.error` stack. Streaming (web socket) calls go to the stock implementation.
 */
export class GuardedCloudAdapter extends CloudAdapter {
  constructor(
    private readonly authentication: ConfigurationBotFrameworkAuthentication,
    private readonly logger: Logger,
  ) {
    super(authentication);
  }

  override async process(req: Request, ...rest: unknown[]): Promise<void> {
    if (rest.length !== 2) {
      return (CloudAdapter.prototype.process as (...args: unknown[]) => Promise<void>).apply(this, [req, ...rest]);
    }
    const res = rest[0] as Response;
    const logic = rest[1] as Logic;
    const end = (status: number, body?: unknown): void => {
      res.status(status);
      if (body !== undefined) res.send(body);
      res.end();
    };
    if (req.method !== 'POST') return end(405, { error: 'method_not_allowed' });
    const parsed = InboundActivity.safeParse(req.body);
    if (!parsed.success) {
      this.logger.warn({ code: 'TEAMS_ACTIVITY_INVALID' }, 'teams request rejected: not an activity with a type');
      return end(400, { error: 'invalid_activity', message: 'The request body must be a Bot Framework activity with a "type".' });
    }
    const activity = withDates(parsed.data);
    const headers = req.headers ?? {};
    const header = headers['authorization'] ?? headers['Authorization'] ?? '';
    const authorization = typeof header === 'string' ? header : '';
    const shape = tokenShapeProblem(authorization);
    if (shape !== null) {
      this.logger.warn({ code: 'TEAMS_AUTH_REJECTED', reason: shape }, 'teams request rejected: invalid token');
      return end(401, { error: 'unauthorized' });
    }
    let auth: Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
    try {
      auth = await this.authentication.authenticateRequest(activity, authorization);
    } catch (error) {
      const failure = classifyAuthError(error);
      if (failure.status === 503) {
        this.logger.error({ code: 'TEAMS_AUTH_UNAVAILABLE', reason: failure.reason }, 'cannot verify the Bot Framework token: signing keys unavailable');
        res.header('Retry-After', '30');
        return end(503, { error: 'authentication_unavailable' });
      }
      this.logger.warn({ code: 'TEAMS_AUTH_REJECTED', reason: failure.reason }, 'teams request rejected: invalid token');
      return end(401, { error: 'unauthorized' });
    }
    try {
      const invoke = await this.processActivity(auth, activity, logic);
      return end(invoke?.status ?? 200, invoke?.body);
    } catch (error) {
      const errorId = randomUUID().slice(0, 8);
      this.logger.error({ errorId, code: errorCode(error) ?? 'INTERNAL', err: (error as Error).message }, 'teams request failed');
      return end(500, { error: 'internal_error', errorId });
    }
  }
}

/** Timestamps arrive as strings; botbuilder works with Date objects (as its own validateAndFixActivity does). */
function withDates(body: Record<string, unknown>): Activity {
  const activity = { ...body } as Record<string, unknown>;
  for (const key of ['timestamp', 'localTimestamp', 'expiration']) {
    const value = activity[key];
    if (typeof value === 'string') activity[key] = new Date(value);
  }
  if (typeof body['localTimestamp'] === 'string') activity['rawLocalTimestamp'] = body['localTimestamp'];
  if (typeof body['timestamp'] === 'string') activity['rawTimestamp'] = body['timestamp'];
  if (typeof body['expiration'] === 'string') activity['rawExpiration'] = body['expiration'];
  return activity as unknown as Activity;
}
