/**
 * Bot Framework plumbing in the BotBuilder order (STYLE G2): authentication → adapters → onTurnError.
 * Two CloudAdapters share one authentication configuration:
 * - the turn adapter answers inbound activities; its connector client keeps the SDK's own retries
 *   (a reply inside a turn has no outbox to fall back on);
 * - the delivery adapter sends outbox messages proactively with the client's retry policy removed, so a
 *   429/5xx returns at once and the outbox schedules the retry (honouring Retry-After) instead of a
 *   worker sleeping inside the SDK.
 */
import { randomUUID } from 'node:crypto';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type Request, type Response, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../../core/ports.js';
import { teamsText } from './texts.js';

/** The Bot Framework settings (env names as in Microsoft's samples, CONTRACTS §1). */
export interface TeamsAuthConfig {
  MicrosoftAppId?: string | undefined;
  MicrosoftAppPassword?: string | undefined;
  MicrosoftAppType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' | undefined;
  MicrosoftAppTenantId?: string | undefined;
  /**
   * Where the Bot Framework's signing keys are published (botbuilder's setting of this name; default the
   * public cloud's). Sovereign clouds and offline tests point it elsewhere.
   */
  ToBotFromChannelOpenIdMetadataUrl?: string | undefined;
}

type ClaimsIdentityArg = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactoryT = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClientT = Awaited<ReturnType<ConnectorFactoryT['create']>>;

/** The public Azure cloud's Bot Framework endpoints (botframework-connector's AuthenticationConstants). */
const PUBLIC_CLOUD = {
  ValidateAuthority: 'true',
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
} as const;

/** How many connector clients (one per bot, service URL and audience) each adapter keeps. */
const CLIENT_CACHE_SIZE = 64;

type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

interface PipelineLike {
  removePolicy(options: { phase: string }): unknown;
}

/**
 * Authentication whose connector factories reuse one client per bot, service URL and audience (as the
 * old BotFrameworkAdapter did). The SDK otherwise builds a new client per turn: a new HTTP pipeline with its
 * own keep-alive agent, so a new TCP connection for every reply. Inbound turns get their factory from
 * `authenticateRequest`, proactive turns from
 * `createConnectorFactory`; both are wrapped. With `noRetry`, the clients' retry policy is removed.
 */
class CachingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClientT>>();

  constructor(settings: Record<string, string>, private readonly noRetry: boolean) {
    super(settings);
  }

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>): Promise<AuthResult> {
    const result = await super.authenticateRequest(...args);
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: this.cached(result.connectorFactory, result.claimsIdentity) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentityArg): ConnectorFactoryT {
    return this.cached(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  private cached(inner: ConnectorFactoryT, claimsIdentity: ClaimsIdentityArg): ConnectorFactoryT {
    // The factory is bound to the identity's bot (audience claim); key the cache on it as well.
    const claims = (claimsIdentity as { claims?: { type: string; value: string }[] }).claims ?? [];
    const bot = claims.filter((c) => c.type === 'aud' || c.type === 'appid' || c.type === 'azp').map((c) => c.value).join('|');
    return {
      create: (serviceUrl: string, audience?: string): Promise<ConnectorClientT> => {
        const key = `${bot}\n${serviceUrl}\n${audience ?? ''}`;
        const hit = this.clients.get(key);
        if (hit) return hit;
        const created = inner.create(serviceUrl, audience).then((client) => this.tune(client));
        created.catch(() => this.clients.delete(key));
        if (this.clients.size >= CLIENT_CACHE_SIZE) this.clients.delete(this.clients.keys().next().value as string);
        this.clients.set(key, created);
        return created;
      },
    } as ConnectorFactoryT;
  }

  private tune(client: ConnectorClientT): ConnectorClientT {
    const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
    if (!pipeline) return client;
    if (this.noRetry) pipeline.removePolicy({ phase: 'Retry' });
    return client;
  }
}

/** The adapters of one channel instance. */
export interface TeamsAdapters {
  turn: CloudAdapter;
  delivery: CloudAdapter;
  /** Bot app id for proactive messages ('' in local mode). */
  appId: string;
  /** True when inbound requests must carry a valid Bot Framework token. */
  isAuthenticated: boolean;
}

/**
 * Builds both adapters from the Bot Framework settings. Without `MicrosoftAppId` the endpoint accepts
 * unauthenticated local traffic (Agents Playground, tests): bind the server to localhost then.
 *
 * @example
 * const { turn } = createAdapters({ MicrosoftAppId: undefined }, logger);
 */
export function createAdapters(config: TeamsAuthConfig, logger: Logger): TeamsAdapters {
  const appId = config.MicrosoftAppId ?? '';
  const settings = {
    MicrosoftAppId: appId,
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    // Without an app id (local trial) the app type is irrelevant; SingleTenant would demand an id and tenant.
    MicrosoftAppType: appId === '' ? 'MultiTenant' : (config.MicrosoftAppType ?? 'MultiTenant'),
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  };
  if (config.ToBotFromChannelOpenIdMetadataUrl !== undefined) {
    // Naming one endpoint switches botbuilder to "everything given explicitly": the rest of the public cloud.
    Object.assign(settings, PUBLIC_CLOUD, { ToBotFromChannelOpenIdMetadataUrl: config.ToBotFromChannelOpenIdMetadataUrl });
  }
  const turn = new GuardedCloudAdapter(new CachingAuthentication(settings, false), logger);
  const delivery = new CloudAdapter(new CachingAuthentication(settings, true));
  turn.onTurnError = (context, error) => onTurnError(context, error, logger);
  delivery.onTurnError = async (_context, error) => {
    throw error; // the deliverer maps it to a DeliveryResult
  };
  return { turn, delivery, appId: settings.MicrosoftAppId, isAuthenticated: settings.MicrosoftAppId !== '' };
}

/** Logs with an error id and answers politely in German, never with internals. */
async function onTurnError(context: TurnContext, error: Error, logger: Logger): Promise<void> {
  const errorId = randomUUID().slice(0, 8);
  logger.error(
    { component: 'teams', errorId, code: (error as { code?: string }).code ?? 'INTERNAL', err: error.message, activityType: context.activity.type },
    'teams turn failed',
  );
  try {
    await context.sendActivity(teamsText.turnError(errorId));
  } catch (sendError) {
    logger.warn({ component: 'teams', errorId, err: (sendError as Error).message }, 'could not send the error notice');
  }
}

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
class GuardedCloudAdapter extends CloudAdapter {
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
      this.logger.error({ errorId, code: (error as { code?: string }).code ?? 'INTERNAL', err: (error as Error).message }, 'teams request failed');
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
