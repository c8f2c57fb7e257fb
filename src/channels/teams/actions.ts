/**
 * The verb table (STYLE G4): card `data.verb` → handler. Unknown verbs get a clear reply, staff-only verbs
 * from non-staff are refused, data is validated before a handler runs, and the same action on the same
 * card with the same inputs runs once (a double click or a Teams retry is dropped).
 */
import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { TeamsContext } from './context.js';
import { staffActor } from './staff/staff-auth.js';
import { teamsText } from './texts.js';
import { askPassageAction } from './requester/ask-passage.js';
import { escalateAction } from './requester/escalate.js';
import { feedbackAction, feedbackCommentAction } from './requester/feedback.js';
import { setMunicipalityAction } from './requester/set-municipality.js';
import { handOverAction, noteAction, reopenAction, replyAction, resolveAction, takeOverAction } from './staff/staff-ops.js';
import type { ActionHandler } from './action-types.js';

/** Every card action by verb. */
export const ACTIONS: ReadonlyMap<string, ActionHandler> = new Map(
  [
    feedbackAction,
    feedbackCommentAction,
    escalateAction,
    askPassageAction,
    setMunicipalityAction,
    takeOverAction,
    replyAction,
    handOverAction,
    noteAction,
    resolveAction,
    reopenAction,
  ].map((a) => [a.verb, a]),
);

/** Result of dispatching one card submit (for logs and tests). */
export type DispatchResult = 'handled' | 'unknown_verb' | 'refused' | 'invalid' | 'duplicate';

/** True when an activity's `value` looks like a card submit (an object carrying a string `verb`). */
export function isCardSubmit(value: unknown): value is Record<string, unknown> & { verb: string } {
  return typeof value === 'object' && value !== null && typeof (value as { verb?: unknown }).verb === 'string';
}

/**
 * Routes a card submit to its handler.
 *
 * @example
 * if (isCardSubmit(turn.activity.value)) await dispatchAction(turn, ctx, turn.activity.value);
 */
export async function dispatchAction(
  turn: TurnContext,
  ctx: TeamsContext,
  value: Record<string, unknown> & { verb: string },
  table: ReadonlyMap<string, ActionHandler> = ACTIONS,
): Promise<DispatchResult> {
  const handler = table.get(value.verb);
  if (!handler) {
    await turn.sendActivity(teamsText.unknownAction);
    return 'unknown_verb';
  }
  const actor = staffActor(turn.activity, ctx.config, ctx.staff);
  if (handler.staffOnly && !actor) {
    ctx.logger.warn({ component: 'teams', verb: handler.verb }, 'staff action refused for non-staff sender');
    await turn.sendActivity(teamsText.staffOnly);
    return 'refused';
  }
  const parsed = handler.schema.safeParse(value);
  if (!parsed.success) {
    ctx.logger.info({ component: 'teams', verb: handler.verb, issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'card data invalid');
    await turn.sendActivity(teamsText.invalidAction);
    return 'invalid';
  }
  const key = actionKey(turn, value);
  if (!(await ctx.store.claimKey(key))) return 'duplicate';
  try {
    await handler.run({ turn, ctx, actor, key }, parsed.data);
  } catch (error) {
    await ctx.store.releaseKey(key);
    throw error;
  }
  return 'handled';
}

/** `action:<card activity id>:<verb>:<hash of the submitted data>`: same card, verb and inputs → same key. */
export function actionKey(turn: TurnContext, value: Record<string, unknown>): string {
  const card = turn.activity.replyToId ?? turn.activity.id ?? '';
  const sender = turn.activity.from?.aadObjectId ?? turn.activity.from?.id ?? '';
  const digest = createHash('sha256')
    .update(`${turn.activity.conversation?.id ?? ''}\n${card}\n${sender}\n${stableJson(value)}`)
    .digest('hex')
    .slice(0, 24);
  return `action:${String(value['verb'])}:${digest}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
