/**
 * Bot Framework plumbing in the BotBuilder order (STYLE G2): authentication → adapters → onTurnError.
 * Two CloudAdapters share one authentication configuration:
 * - the turn adapter answers inbound activities; its connector client keeps the SDK's own retries
 *   (a reply inside a turn has no outbox to fall back on);
 * - the delivery adapter sends outbox messages proactively with the client's retry policy removed, so a
 *   429/5xx returns at once and the outbox schedules the retry (honouring Retry-After) instead of a
 *   worker sleeping inside the SDK.
 */
import { errorCode } from '../../../core/error-code.js';
import { randomUUID } from 'node:crypto';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Logger } from '../../../core/ports.js';
import { GuardedCloudAdapter } from './guarded-adapter.teams.js';
import type { TeamsAuthConfig } from '../context.js';
import { teamsText } from '../texts.js';


type ClaimsIdentityArg = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactoryT = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClientT = Awaited<ReturnType<ConnectorFactoryT['create']>>;
type UserTokenClientT = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

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

/** The bot a claims identity speaks for (audience/app id claims): the key of the per-bot caches. */
function botOf(claimsIdentity: ClaimsIdentityArg): string {
  const claims = (claimsIdentity as { claims?: { type: string; value: string }[] }).claims ?? [];
  return claims.filter((c) => c.type === 'aud' || c.type === 'appid' || c.type === 'azp').map((c) => c.value).join('|');
}

/**
 * Authentication whose connector factories reuse one client per bot, service URL and audience (as the
 * old BotFrameworkAdapter did). The SDK otherwise builds a new client per turn: a new HTTP pipeline with its
 * own keep-alive agent, so a new TCP connection for every reply. Inbound turns get their factory from
 * `authenticateRequest`, proactive turns from
 * `createConnectorFactory`; both are wrapped. With `noRetry`, the clients' retry policy is removed.
 * The user token client (OAuth sign-in, unused by this bot but built by the SDK for every turn, a full HTTP
 * pipeline each time) is likewise kept once per bot.
 */
class CachingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClientT>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClientT>>();

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

  override createUserTokenClient(claimsIdentity: ClaimsIdentityArg): Promise<UserTokenClientT> {
    const key = botOf(claimsIdentity);
    const hit = this.userTokenClients.get(key);
    if (hit) return hit;
    const created = super.createUserTokenClient(claimsIdentity);
    created.catch(() => this.userTokenClients.delete(key));
    if (this.userTokenClients.size >= CLIENT_CACHE_SIZE) this.userTokenClients.delete(this.userTokenClients.keys().next().value as string);
    this.userTokenClients.set(key, created);
    return created;
  }

  private cached(inner: ConnectorFactoryT, claimsIdentity: ClaimsIdentityArg): ConnectorFactoryT {
    // The factory is bound to the identity's bot (audience claim); key the cache on it as well.
    const bot = botOf(claimsIdentity);
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
    { component: 'teams', errorId, code: errorCode(error) ?? 'INTERNAL', err: error.message, activityType: context.activity.type },
    'teams turn failed',
  );
  try {
    await context.sendActivity(teamsText.turnError(errorId));
  } catch (sendError) {
    logger.warn({ component: 'teams', errorId, err: (sendError as Error).message }, 'could not send the error notice');
  }
}
