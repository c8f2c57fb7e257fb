/**
 * Outbox message → Teams activity, by kind (exhaustive). Payloads are read tolerantly (several known paths,
 * validated with zod) because they are written by the tickets side and evolve compatibly.
 */
import { MessageFactory, type Activity } from 'botbuilder';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { AskResult } from '../../core/knowledge.js';
import { payloadAt, STAFF_KINDS, type OutboundMessage, type TicketView } from '../../core/outcome.js';
import type { RouteCandidate } from '../../core/routing.js';
import { staffCardFor } from './actions/staff-card.js';
import type { TeamsContext } from './context.js';
import { teamsText } from './texts.js';

const TicketViewSchema = z.looseObject({
  number: z.string().min(1),
  status: z.string(),
  category: z.string(),
  subject: z.string().default(''),
  team: z.looseObject({ team: z.string() }),
  assignee: z.string().nullable().default(null),
  firstResponseDue: z.string(),
  resolutionDue: z.string().default(''),
});

/** The ticket carried in a payload (`payload.ticket`, added by the store for ticket-bound messages). */
export function payloadTicket(message: OutboundMessage): TicketView | null {
  const parsed = TicketViewSchema.safeParse(message.payload['ticket']);
  return parsed.success ? (parsed.data as unknown as TicketView) : null;
}

/** True for the kinds addressed to staff (posted into a staff channel). */
export function isStaffKind(kind: OutboundMessage['kind']): boolean {
  return STAFF_KINDS.includes(kind);
}

/**
 * Renders an outbox message. Throws AppError INPUT_INVALID when the payload lacks what the kind needs
 * (the deliverer turns that into `dead`: retrying cannot fix a payload).
 */
export function renderOutbound(message: OutboundMessage, ctx: TeamsContext): Partial<Activity> {
  const p = message.payload;
  const ticket = payloadTicket(message);
  switch (message.kind) {
    case 'staff_notification':
    case 'escalation': {
      const t = need(ticket, message, 'ticket');
      const banner = message.kind === 'escalation' ? teamsText.escalationBanner : undefined;
      const card = staffCardFor(ctx, t, banner ? { banner } : {});
      return { ...MessageFactory.attachment(card), summary: teamsText.newTicketSummary(t.number) };
    }
    case 'staff_card': {
      const t = need(ticket, message, 'ticket');
      const lastAction = lastActionOf(str(p['event']), str(p['actor']), t, ctx);
      const card = staffCardFor(ctx, t, lastAction === null ? {} : { lastAction });
      return { ...MessageFactory.attachment(card), summary: teamsText.newTicketSummary(t.number) };
    }
    case 'staff_answer': {
      const text = need(str(p['text']), message, 'text');
      const number = message.ticketNumber ?? ticket?.number ?? '';
      const card = ctx.cards.staffAnswer(number, text, ticket?.team.team ?? str(p['staffName']));
      return { ...MessageFactory.attachment(card), summary: teamsText.staffAnswerSummary(number) };
    }
    case 'ticket_confirmation': {
      const confirmation = ctx.cards.ticketConfirmation(need(ticket, message, 'ticket'));
      // Since issue 10 the confirmation carries the ask-back (one message): both cards in one activity.
      if (p['needsMunicipality'] !== true || !Array.isArray(p['candidates'])) return MessageFactory.attachment(confirmation);
      return MessageFactory.list([confirmation, ctx.cards.askMunicipality(message.ticketNumber ?? ticket?.number ?? '', candidatesOf(p))]);
    }
    case 'ask_municipality': {
      const number = need(message.ticketNumber ?? ticket?.number ?? null, message, 'ticketNumber');
      return MessageFactory.attachment(ctx.cards.askMunicipality(number, candidatesOf(p)));
    }
    case 'auto_answer':
    case 'suggestions': {
      const ask = need(askResult(p), message, 'answer');
      const question = str(p['question']) ?? ask.question;
      const key = str(p['enquiryKey']) ?? message.key;
      const card = message.kind === 'auto_answer' ? ctx.cards.answer(ask, key, question) : ctx.cards.suggestions(ask, key, question);
      return MessageFactory.attachment(card);
    }
    case 'declined':
      return MessageFactory.text(str(p['message']) ?? str(at(p, 'triage.answer.message')) ?? 'Dazu kann ich Ihnen leider keine Auskunft geben.');
    default:
      return assertNever(message.kind);
  }
}

/** The card's "last action" line for the ticket event a card update reports (as the card action writes it). */
function lastActionOf(event: string | null, actor: string | null, ticket: TicketView, ctx: TeamsContext): string | null {
  if (event === null || actor === null) return null;
  const who = ctx.staff.findStaff(actor)?.displayName ?? actor;
  const done = teamsText.staffDone;
  switch (event) {
    case 'claimed':
      return done.takeOver(who);
    case 'answered':
      return done.reply(who);
    case 'noted':
      return done.note(who);
    case 'closed':
      return done.resolve(who);
    case 'reopened':
      return done.reopen(who);
    default:
      return null;
  }
}

function candidatesOf(p: Record<string, unknown>): RouteCandidate[] {
  return z.array(z.looseObject({ kreisAgs: z.string(), label: z.string() })).catch([]).parse(p['candidates']) as unknown as RouteCandidate[];
}

function askResult(p: Record<string, unknown>): AskResult | null {
  const candidate = at(p, 'triage.answer') ?? p['ask'] ?? null;
  const parsed = z.looseObject({ question: z.string(), suggestions: z.array(z.unknown()) }).safeParse(candidate);
  return parsed.success ? (parsed.data as unknown as AskResult) : null;
}

function need<T>(value: T | null | undefined, message: OutboundMessage, field: string): T {
  if (value === null || value === undefined) {
    throw new AppError('INPUT_INVALID', `teams deliverer: payload of ${message.kind} lacks ${field}`, {
      details: { kind: message.kind, field, key: message.key },
    });
  }
  return value;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

const at = payloadAt;

function assertNever(kind: never): never {
  throw new Error(`teams deliverer: unhandled kind ${String(kind)}`);
}
