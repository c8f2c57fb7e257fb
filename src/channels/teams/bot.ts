/**
 * The Teams bot: thin (STYLE G1, A1). A message is a card submit (→ verb table), a text command (→ command
 * table), the answer to a pending municipality ask-back (ask-back.ts) or a question (→ core → card). Every inbound activity's ConversationReference is persisted, and
 * each activity is handled at most once: questions by the core's ledger (enquiry key), card submits by the
 * verb table's action keys, commands and the welcome by the processed-key table.
 */
import { MessageFactory, TeamsActivityHandler, TurnContext, type ConversationReference } from 'botbuilder';
import { dispatchAction, isCardSubmit } from './actions.js';
import { pendingAskBack } from './requester/ask-back.js';
import { findCommand } from './requester/commands.js';
import type { TeamsContext } from './context.js';
import { handleTeamsRequest } from './requester/enquiry-turn.js';
import { activityKey, conversationType, messageText } from './requester/inbound.js';
import { teamsText } from './texts.js';

/** The bot of one channel instance. */
export class PaktTeamsBot extends TeamsActivityHandler {
  constructor(private readonly ctx: TeamsContext) {
    super();
    this.onMessage(async (turn, next) => {
      await this.remember(turn);
      await this.handleMessage(turn);
      await next();
    });
    this.onMembersAdded(async (turn, next) => {
      await this.remember(turn);
      await this.once(turn, () => this.welcome(turn));
      await next();
    });
  }

  /** Persists the conversation reference of every inbound activity (unchanged ones are not rewritten). */
  private async remember(turn: TurnContext): Promise<void> {
    const reference = TurnContext.getConversationReference(turn.activity) as Partial<ConversationReference>;
    await this.ctx.store.saveReference(reference, conversationType(turn.activity));
  }

  /**
   * Runs `work` unless this activity was handled before; forgets the key again when `work` fails. Questions
   * do not need it (the core's ledger records each enquiry key once, atomically), nor do card submits (the
   * verb table keys each action): it guards the replies that touch no other store (commands, welcome).
   */
  private async once(turn: TurnContext, work: () => Promise<void>): Promise<void> {
    const key = `activity:${activityKey(turn.activity)}`;
    if (!(await this.ctx.store.claimKey(key))) {
      this.ctx.logger.debug({ component: 'teams', activityType: turn.activity.type }, 'duplicate activity ignored');
      return;
    }
    try {
      await work();
    } catch (error) {
      await this.ctx.store.releaseKey(key);
      throw error;
    }
  }

  private async handleMessage(turn: TurnContext): Promise<void> {
    const value: unknown = turn.activity.value;
    if (isCardSubmit(value)) {
      await dispatchAction(turn, this.ctx, value);
      return;
    }
    const text = messageText(turn.activity);
    const command = findCommand(text);
    if (command) {
      await this.once(turn, () => command.command(turn, this.ctx, command.args));
      return;
    }
    if (text === '') {
      await this.once(turn, async () => void (await turn.sendActivity(teamsText.empty)));
      return;
    }
    await this.answer(turn, text);
  }

  /**
   * While the requester's ticket awaits its municipality, a message goes to the core as an answer to the
   * ask-back (the core treats it as a question when it names no place or asks something new); otherwise it is
   * a question. A Teams retry of a message that settled nothing is recognised by its activity key.
   */
  private async answer(turn: TurnContext, text: string): Promise<void> {
    if (await this.ctx.store.hasKey(`activity:${activityKey(turn.activity)}`)) return;
    const number = await pendingAskBack(this.ctx, turn.activity);
    if (number === null) {
      await handleTeamsRequest(turn, this.ctx, { kind: 'question', text });
      return;
    }
    await handleTeamsRequest(turn, this.ctx, { kind: 'municipality_answer', text, askBack: { ticketNumber: number, via: 'message' } });
  }

  /** Welcome when the bot is installed or a person starts a personal chat; not for every new team member. */
  private async welcome(turn: TurnContext): Promise<void> {
    const added = turn.activity.membersAdded ?? [];
    const botId = turn.activity.recipient?.id;
    const isBotAdded = added.some((m) => m.id === botId);
    const isPersonal = conversationType(turn.activity) === 'personal';
    if (!isBotAdded && !isPersonal) return;
    await turn.sendActivity(MessageFactory.attachment(this.ctx.cards.welcome()));
  }
}
