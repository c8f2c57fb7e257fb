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
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Logger } from '../../core/ports.js';
import { teamsText } from './texts.js';

/** The Bot Framework settings (env names as in Microsoft's samples, CONTRACTS §1). */
export interface TeamsAuthConfig {
  MicrosoftAppId?: string | undefined;
  MicrosoftAppPassword?: string | undefined;
  MicrosoftAppType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' | undefined;
  MicrosoftAppTenantId?: string | undefined;
}

type ClaimsIdentityArg = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactoryT = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClientT = Awaited<ReturnType<ConnectorFactoryT['create']>>;

/** Authentication whose connector clients do not retry by themselves (see file comment). */
class NoRetryAuthentication extends ConfigurationBotFrameworkAuthentication {
  override createConnectorFactory(claimsIdentity: ClaimsIdentityArg): ConnectorFactoryT {
    const inner = super.createConnectorFactory(claimsIdentity);
    return {
      create: async (serviceUrl: string, audience?: string): Promise<ConnectorClientT> => {
        const client = await inner.create(serviceUrl, audience);
        const pipeline = (client as unknown as { client?: { pipeline?: { removePolicy(o: { phase: string }): unknown } } })
          .client?.pipeline;
        pipeline?.removePolicy({ phase: 'Retry' });
        return client;
      },
    } as ConnectorFactoryT;
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
  const settings = {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType ?? 'MultiTenant',
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  };
  const turn = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings));
  const delivery = new CloudAdapter(new NoRetryAuthentication(settings));
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
