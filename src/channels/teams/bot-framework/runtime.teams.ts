/**
 * The half of the Teams channel that needs botbuilder (about 0.4 s of module loading): the adapters, the bot
 * and the outbox deliverer. The channel (../index.ts) loads it with a dynamic import: at creation when the
 * channel is authenticated (MicrosoftAppId set, production), else on the first request or delivery.
 */
import type restify from 'restify';
import type { Deliverer } from '../../../core/outcome.js';
import { PaktTeamsBot } from '../bot.js';
import type { TeamsAuthConfig, TeamsContext } from '../context.js';
import { MemberEmails } from '../requester/member-email.teams.js';
import { createAdapters } from './adapter.teams.js';
import { createTeamsDeliverer } from './deliverer.teams.js';

/** What the channel delegates to botbuilder. */
export interface TeamsRuntime {
  /** Runs one inbound request through the turn adapter and the bot. */
  process(req: restify.Request, res: restify.Response): Promise<void>;
  deliverer: Deliverer;
}

/**
 * Builds adapters, bot and deliverer over the channel's context (the member e-mail lookup is added here:
 * it calls the Teams roster through botbuilder).
 */
export function createTeamsRuntime(base: Omit<TeamsContext, 'emails'>, config: TeamsAuthConfig): TeamsRuntime {
  const ctx: TeamsContext = { ...base, emails: new MemberEmails(base.logger) };
  const adapters = createAdapters(config, base.logger);
  const bot = new PaktTeamsBot(ctx);
  return {
    process: (req, res) => adapters.turn.process(req, res, (context) => bot.run(context)),
    deliverer: createTeamsDeliverer(ctx, adapters),
  };
}
