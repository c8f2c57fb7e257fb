/**
 * The case-worker actions on a staff card: Übernehmen, Antworten, Weitergeben an, Interne Notiz, Erledigt,
 * Wieder öffnen. Each is one ticket-service call; refusals ("bereits übernommen von …") come back as values,
 * and the card is brought up to date through the outbox (staff-card.ts).
 */
import { z } from 'zod';
import { TicketNumberSchema } from '../../../core/ticket-number.js';
import { applyStaffOp } from './staff-card.js';
import { defineAction, type ActionCall } from '../action-types.js';

const TicketNumber = TicketNumberSchema;
const TicketRef = z.object({ ticketNumber: TicketNumber });
const WithText = z.object({ ticketNumber: TicketNumber, text: z.string().trim().min(1).max(8000) });
const HandOver = z.object({
  ticketNumber: TicketNumber,
  target: z.string().regex(/^(team|staff):[\w.-]{1,100}$/),
  note: z.string().trim().min(1).max(4000),
});

function actorOf(call: ActionCall): { id: string; displayName: string } {
  if (!call.actor) throw new Error('teams actions: staff-only verb dispatched without an actor');
  return call.actor;
}

export const takeOverAction = defineAction({
  verb: 'takeOver',
  staffOnly: true,
  schema: TicketRef,
  run: (call, d) => {
    const actor = actorOf(call);
    return applyStaffOp(call, d.ticketNumber, () => call.ctx.tickets.claim(d.ticketNumber, actor.id));
  },
});

export const replyAction = defineAction({
  verb: 'reply',
  staffOnly: true,
  schema: WithText,
  run: (call, d) => {
    const actor = actorOf(call);
    const op = () => call.ctx.tickets.answer(d.ticketNumber, { text: d.text, by: actor.id });
    return applyStaffOp(call, d.ticketNumber, op);
  },
});

export const handOverAction = defineAction({
  verb: 'handOver',
  staffOnly: true,
  schema: HandOver,
  run: (call, d) => {
    const actor = actorOf(call);
    const id = d.target.slice(d.target.indexOf(':') + 1);
    const op = () =>
      call.ctx.tickets.handover(d.ticketNumber, { to: id, note: d.note, by: actor.id });
    return applyStaffOp(call, d.ticketNumber, op);
  },
});

export const noteAction = defineAction({
  verb: 'note',
  staffOnly: true,
  schema: WithText,
  run: (call, d) => {
    const actor = actorOf(call);
    const op = () => call.ctx.tickets.note(d.ticketNumber, { text: d.text, by: actor.id });
    return applyStaffOp(call, d.ticketNumber, op);
  },
});

export const resolveAction = defineAction({
  verb: 'resolve',
  staffOnly: true,
  schema: TicketRef,
  run: (call, d) => {
    const actor = actorOf(call);
    return applyStaffOp(call, d.ticketNumber, () => call.ctx.tickets.close(d.ticketNumber, { by: actor.id }));
  },
});

export const reopenAction = defineAction({
  verb: 'reopen',
  staffOnly: true,
  schema: TicketRef,
  run: (call, d) => {
    const actor = actorOf(call);
    return applyStaffOp(call, d.ticketNumber, () => call.ctx.tickets.reopen(d.ticketNumber, { by: actor.id }));
  },
});
