/**
 * Proactive sends. `continueConversationAsync` + `turn.sendActivity` would address the message as a reply
 * to the synthetic continuation activity (a random id as replyToId); a proactive message is a new message
 * in the conversation instead: `POST /v3/conversations/{id}/activities` through the turn's connector client.
 */
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { TeamsAdapters } from './adapter.teams.js';

interface ConnectorClientLike {
  conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
    updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  };
}

/**
 * Sends `activity` as a new message into the referenced conversation; returns the new activity id.
 * Throws the connector client's error (mapped by the caller with `mapConnectorError`).
 *
 * @example
 * const id = await sendProactive(adapters, reference, MessageFactory.text('Hallo'));
 */
export async function sendProactive(
  adapters: Pick<TeamsAdapters, 'delivery' | 'appId'>,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity>,
): Promise<string | undefined> {
  return withClient(adapters, reference, activity, (client, conversationId, outgoing) =>
    client.conversations.sendToConversation(conversationId, outgoing),
  );
}

/**
 * Replaces an activity the bot posted earlier (a staff card) in the referenced conversation.
 *
 * @example
 * await updateProactive(adapters, reference, cardId, MessageFactory.attachment(card));
 */
export async function updateProactive(
  adapters: Pick<TeamsAdapters, 'delivery' | 'appId'>,
  reference: Partial<ConversationReference>,
  activityId: string,
  activity: Partial<Activity>,
): Promise<string | undefined> {
  return withClient(adapters, reference, { ...activity, id: activityId }, async (client, conversationId, outgoing) => {
    await client.conversations.updateActivity(conversationId, activityId, outgoing);
    return { id: activityId };
  });
}

async function withClient(
  adapters: Pick<TeamsAdapters, 'delivery' | 'appId'>,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity>,
  call: (client: ConnectorClientLike, conversationId: string, outgoing: Partial<Activity>) => Promise<{ id?: string }>,
): Promise<string | undefined> {
  let sentId: string | undefined;
  await adapters.delivery.continueConversationAsync(adapters.appId, reference, async (turn) => {
    const client = turn.turnState.get<ConnectorClientLike | undefined>(turn.adapter.ConnectorClientKey);
    if (!client) throw new Error('teams proactive: no connector client on the turn');
    const outgoing = TurnContext.applyConversationReference({ ...activity }, reference, false);
    delete outgoing.replyToId;
    sentId = (await call(client, outgoing.conversation?.id ?? '', outgoing)).id;
  });
  return sentId;
}
