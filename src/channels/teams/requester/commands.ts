/**
 * Text commands (STYLE G4): the first word of a message, looked up in a table. Everything that is not a
 * command is a question for the core. Commands are listed in the app manifest's commandLists too
 * (templates/teams-app/manifest.template.json).
 */
import { MessageFactory, TurnContext, type ConversationReference } from 'botbuilder';
import type { TeamsContext } from '../context.js';
import { conversationType } from './inbound.js';
import { staffActor } from '../staff/staff-auth.js';
import { ALL_TEAMS } from '../store.js';
import { teamsText } from '../texts.js';

/** A text command: its handler gets the words after the command. */
export type TextCommand = (turn: TurnContext, ctx: TeamsContext, args: string[]) => Promise<void>;

const help: TextCommand = async (turn, ctx) => {
  await turn.sendActivity(MessageFactory.attachment(ctx.cards.welcome()));
};

/** `registrieren [team-id]`: makes this channel or group chat the staff channel (for one team or all) and queues the open tickets' cards. */
const register: TextCommand = async (turn, ctx, args) => {
  const actor = staffActor(turn.activity, ctx.config, ctx.staff);
  if (!actor) {
    await turn.sendActivity(teamsText.staffOnly);
    return;
  }
  if (conversationType(turn.activity) === 'personal') {
    await turn.sendActivity(teamsText.registerNeedsChannel);
    return;
  }
  const teamId = args[0];
  const team = teamId ? ctx.staff.findTeam(teamId) : null;
  if (teamId && !team) {
    await turn.sendActivity(teamsText.registerUnknownTeam(teamId));
    return;
  }
  const channelId = await staffChannelId(turn, ctx);
  await ctx.store.registerStaffChannel(team?.id ?? ALL_TEAMS, channelId, actor.id);
  ctx.logger.info({ component: 'teams', scope: team?.id ?? ALL_TEAMS }, 'staff channel registered');
  // The cards of the tickets already open come through the outbox, once per ticket and channel.
  await ctx.announceStaffChannel(team?.id ?? null, channelId);
  await turn.sendActivity(teamsText.registered(team?.name ?? ALL_TEAMS));
};

/**
 * The conversation to post new staff cards into. A command in a Teams channel arrives in the thread of
 * that message (`19:…@thread.tacv2;messageid=…`); cards belong at the channel's top level, so the
 * channel id is stored with its own reference (new posts there start new threads).
 */
async function staffChannelId(turn: TurnContext, ctx: TeamsContext): Promise<string> {
  const reference = TurnContext.getConversationReference(turn.activity) as Partial<ConversationReference>;
  const channelId = (turn.activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
  const conversation = reference.conversation;
  if (!channelId || !conversation || channelId === conversation.id) return turn.activity.conversation.id;
  await ctx.store.saveReference({ ...reference, conversation: { ...conversation, id: channelId } }, 'channel');
  return channelId;
}

/** Commands by their (lower-case) first word; the manifest lists `hilfe` and `registrieren`. */
export const TEXT_COMMANDS: ReadonlyMap<string, TextCommand> = new Map([
  ['hilfe', help],
  ['help', help],
  ['start', help],
  ['registrieren', register],
]);

/** The command a message names, with its arguments; null when the message is a question. */
export function findCommand(text: string): { command: TextCommand; args: string[] } | null {
  const words = text.trim().split(/\s+/);
  const first = (words[0] ?? '').toLowerCase().replace(/^\//, '');
  const command = TEXT_COMMANDS.get(first);
  // "Hilfe bei der Antragstellung?" is a question, not the command: commands are short.
  if (!command || words.length > 2) return null;
  return { command, args: words.slice(1) };
}
