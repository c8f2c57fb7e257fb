/**
 * Outbox message → Teams activity, by kind (exhaustive). Each payload is read with its kind's schema
 * (core/messages.ts), which also lifts the shapes of rows written by earlier versions.
 */
import { MessageFactory, type Activity } from 'botbuilder';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { Answer, AskResult } from '../../core/knowledge.js';
import { readPayload } from '../../core/messages.js';
import { STAFF_KINDS, type OutboundMessage, type TicketView } from '../../core/outcome.js';
import type { RouteCandidate } from '../../core/routing.js';
import { staffCardFor } from './staff/staff-card.js';
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
export async function renderOutbound(message: OutboundMessage, ctx: TeamsContext): Promise<Partial<Activity>> {
  const ticket = payloadTicket(message);
  const number = message.ticketNumber ?? ticket?.number ?? null;
  switch (message.kind) {
    case 'escalation': {
      const t = need(ticket, message, 'ticket');
      const card = await staffCardFor(ctx, t, { banner: teamsText.escalationBanner });
      return { ...MessageFactory.attachment(card), summary: teamsText.newTicketSummary(t.number) };
    }
    case 'staff_notification':
    case 'staff_card': {
      const t = need(ticket, message, 'ticket');
      const p = readPayload(message.kind, message.payload);
      const lastAction = lastActionOf(p.event ?? null, p.actor ?? null, t, ctx);
      const card = await staffCardFor(ctx, t, lastAction === null ? {} : { lastAction });
      return { ...MessageFactory.attachment(card), summary: teamsText.newTicketSummary(t.number) };
    }
    case 'staff_answer': {
      const p = readPayload('staff_answer', message.payload);
      const card = ctx.cards.staffAnswer(number ?? '', p.text, ticket?.team.team ?? p.staffName);
      return { ...MessageFactory.attachment(card), summary: teamsText.staffAnswerSummary(number ?? '') };
    }
    case 'ticket_confirmation': {
      const p = readPayload('ticket_confirmation', message.payload);
      const confirmation = ctx.cards.ticketConfirmation(need(ticket, message, 'ticket'), undefined, p.notGerman);
      // Since issue 10 the confirmation carries the ask-back (one message): both cards in one activity.
      if (!p.needsMunicipality || p.candidates === undefined) return MessageFactory.attachment(confirmation);
      return MessageFactory.list([confirmation, ctx.cards.askMunicipality(number ?? '', candidates(p.candidates))]);
    }
    case 'ask_municipality': {
      const p = readPayload('ask_municipality', message.payload);
      return MessageFactory.attachment(ctx.cards.askMunicipality(need(number, message, 'ticketNumber'), candidates(p.candidates)));
    }
    case 'auto_answer': {
      const p = readPayload('auto_answer', message.payload);
      const question = p.question ?? p.answer.title ?? '';
      const answer = { ...p.answer, passageId: p.answer.passageId ?? '', source: p.answer.source ?? undefined, stand: p.answer.stand ?? undefined, reminder: p.answer.reminder ?? undefined };
      const ask: AskResult = { question, answered: true, confidence: p.confidence ?? 1, outcome: 'answer', answer: answer as Answer, hits: [], suggestions: [] };
      return MessageFactory.attachment(ctx.cards.answer(ask, message.key, question));
    }
    case 'suggestions': {
      const p = readPayload('suggestions', message.payload);
      const question = p.question ?? '';
      const suggestions = p.suggestions.map((s) => ({ passageId: s.passageId ?? '', title: s.title, citation: s.citation }));
      const ask: AskResult = { question, answered: false, confidence: 0.5, outcome: 'suggest', answer: null, hits: [], suggestions };
      return MessageFactory.attachment(ctx.cards.suggestions(ask, message.key, question));
    }
    case 'declined':
      return MessageFactory.text(readPayload('declined', message.payload).message ?? 'Dazu kann ich Ihnen leider keine Auskunft geben.');
    default:
      return assertNever(message.kind);
  }
}

/**
 * The card's "last action" line for the ticket event a card update or notification reports; a hand-over names
 * where the ticket went (the person it was handed to, else the team) as the ticket now shows it.
 */
export function lastActionOf(event: string | null, actor: string | null, ticket: TicketView, ctx: Pick<TeamsContext, 'staff'>): string | null {
  if (event === null || actor === null) return null;
  const who = ctx.staff.findStaff(actor)?.displayName ?? actor;
  const done = teamsText.staffDone;
  switch (event) {
    case 'claimed':
      return done.takeOver(who);
    case 'answered':
      return done.reply(who);
    case 'handed_over': {
      const to = ticket.assignee === null ? ticket.team.team : (ctx.staff.findStaff(ticket.assignee)?.displayName ?? ticket.assignee);
      return done.handOver(who, to);
    }
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

function candidates(list: { gemeindeAgs?: string | null | undefined; kreisAgs: string; label: string }[]): RouteCandidate[] {
  return list.map((c) => ({ gemeindeAgs: c.gemeindeAgs ?? null, kreisAgs: c.kreisAgs, label: c.label }));
}

function need<T>(value: T | null | undefined, message: OutboundMessage, field: string): T {
  if (value === null || value === undefined) {
    throw new AppError('INPUT_INVALID', `teams deliverer: payload of ${message.kind} lacks ${field}`, {
      details: { kind: message.kind, field, key: message.key },
    });
  }
  return value;
}

function assertNever(kind: never): never {
  throw new Error(`teams deliverer: unhandled kind ${String(kind)}`);
}
