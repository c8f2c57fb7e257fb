/**
 * "Enquiry → core → reply" in Teams, once (issue 11 item 2): a typed question, "An Sachbearbeitung
 * übergeben" / "Keine davon", a "Meinten Sie …" title asked as a question and an answer to the municipality
 * ask-back all go through this one call, so they share the e-mail fallback, the metrics, the ask-back memory
 * and the rendering. Staff cards follow from the outbox (the core's staff notification), not from here.
 */
import type { TurnContext } from 'botbuilder';
import type { AskBackAnswer, EnquiryKind } from '../../../core/enquiry-request.js';
import type { Outcome } from '../../../core/outcome.js';
import { afterAskBack, rememberAskBack } from './ask-back.js';
import type { TeamsContext } from '../context.js';
import { toEnquiry } from './inbound.js';
import { renderOutcome } from './render-outcome.js';
import { teamsText } from '../texts.js';

/** What the requester did: asked (a message), chose a "Meinten Sie …" title, asked for a person, or answered the ask-back. */
export interface TeamsRequest {
  kind: EnquiryKind;
  text: string;
  /** Enquiry key; default the activity's key. Derived keys make a double click or a retry one enquiry. */
  key?: string;
  /** With `municipality_answer`: the ask-back answered (the core reads and settles it). */
  askBack?: AskBackAnswer;
}

/**
 * Hands one request to the core and answers in the same turn; returns what the core decided.
 *
 * @example
 * await handleTeamsRequest(turn, ctx, { kind: 'escalation', text: question, key: `${enquiryKey}:handover` });
 */
export async function handleTeamsRequest(turn: TurnContext, ctx: TeamsContext, request: TeamsRequest): Promise<Outcome> {
  const started = performance.now();
  const fallbackEmail = await ctx.emails.of(turn);
  const { enquiry, truncatedTo } = toEnquiry(turn.activity, request.text, ctx.clock.now(), request.key, fallbackEmail);
  const outcome = await ctx.handle({ kind: request.kind, enquiry, reply: 'inline', ...(request.askBack === undefined ? {} : { askBack: request.askBack }) });
  ctx.metrics?.enquiries.inc({ channel: 'teams', outcome: outcome.kind });
  ctx.metrics?.answerLatency.observe({ channel: 'teams' }, (performance.now() - started) / 1000);
  const truncationNote = truncatedTo === null ? undefined : teamsText.truncated(truncatedTo);
  const askBack = request.askBack !== undefined;
  const replies = renderOutcome(outcome, { cards: ctx.cards, question: enquiry.text, askBack, ...(truncationNote ? { truncationNote } : {}) });
  await rememberAskBack(ctx, turn.activity, outcome);
  if (askBack && !(await afterAskBack(ctx, turn.activity, request.askBack, outcome))) return outcome;
  if (replies.length > 0) await turn.sendActivities(replies);
  return outcome;
}
