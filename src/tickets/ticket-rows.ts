/**
 * Row schemas of the ticket tables (STYLE G9): every row read from the database is validated with zod; a
 * row that does not parse is a DB_ERROR naming the table and field, never a half-read ticket.
 */
import { z } from 'zod';
import { ChannelSchema, OutboxChannelSchema } from '../core/channel.js';
import { AppError } from '../core/errors.js';
import { OUTBOUND_KINDS, TICKET_STATUSES, type OutboundMessage, type TicketView } from '../core/outcome.js';
import type { EscalationLevel, OutboxEntryView, TicketEvent, TicketMessage, TicketRecord } from '../core/ticket-model.js';
import { TICKET_CATEGORIES } from '../core/triage/index.js';

const status = z.enum(TICKET_STATUSES);

/** ReplyHandle as stored in JSON. */
export const replyHandleSchema = z.discriminatedUnion('channel', [
  z.object({
    channel: z.literal('email'),
    to: z.string(),
    messageId: z.string().nullable(),
    references: z.array(z.string()),
    subject: z.string(),
  }),
  z.object({
    channel: z.literal('teams'),
    conversationReference: z.record(z.string(), z.unknown()),
    fallbackEmail: z.string().optional(),
  }),
  z.object({ channel: z.literal('cli') }),
]);

const gemeinde = z.object({ ags: z.string(), name: z.string() }).nullable();
const kreis = z.object({ ags: z.string(), name: z.string(), typ: z.enum(['Landkreis', 'Stadtkreis']) }).nullable();
const routeJson = z.object({
  routeStatus: z.enum(['resolved', 'ambiguous', 'unknown']),
  gemeinde,
  kreis,
  evidence: z.array(z.string()),
  candidates: z.array(z.object({ gemeindeAgs: z.string().nullable(), kreisAgs: z.string(), label: z.string() })),
});
const teamJson = z.object({
  teamId: z.string(),
  team: z.string(),
  email: z.string(),
  phone: z.string(),
  deputyFor: z.string().optional(),
});

const ticketRow = z.object({
  number: z.string(),
  status,
  category: z.enum(TICKET_CATEGORIES),
  channel: ChannelSchema,
  subject: z.string(),
  requester_name: z.string().nullable(),
  requester_address: z.string(),
  route_json: z.string(),
  reply_handle: z.string(),
  team_json: z.string(),
  assignee: z.string().nullable(),
  first_response_due: z.string(),
  resolution_due: z.string(),
  first_responded_at: z.string().nullable(),
  escalation_level: z.number().int().min(0).max(2),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullable(),
  anonymised_at: z.string().nullable(),
  version: z.number().int(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, table: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('DB_ERROR', `tickets store: invalid row in ${table} at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`);
  }
  return result.data;
}

function json<T>(schema: z.ZodType<T>, text: string, table: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new AppError('DB_ERROR', `tickets store: invalid JSON in ${table}`, { cause });
  }
  return parse(schema, value, table);
}

/** Row of `tickets` → TicketRecord. */
export function ticketFromRow(raw: unknown): TicketRecord {
  const row = parse(ticketRow, raw, 'tickets');
  const route = json(routeJson, row.route_json, 'tickets.route_json');
  return {
    number: row.number,
    status: row.status,
    category: row.category,
    channel: row.channel,
    subject: row.subject,
    requester: { name: row.requester_name, address: row.requester_address, ...route },
    replyHandle: json(replyHandleSchema, row.reply_handle, 'tickets.reply_handle'),
    team: json(teamJson, row.team_json, 'tickets.team_json'),
    assignee: row.assignee,
    firstResponseDue: row.first_response_due,
    resolutionDue: row.resolution_due,
    firstRespondedAt: row.first_responded_at,
    escalationLevel: row.escalation_level as EscalationLevel,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    anonymisedAt: row.anonymised_at,
    version: row.version,
  };
}

/** TicketRecord → named parameters of the tickets table. */
export function ticketToParams(t: TicketRecord): Record<string, string | number | null> {
  const { name, address, ...route } = t.requester;
  return {
    number: t.number,
    status: t.status,
    category: t.category,
    channel: t.channel,
    subject: t.subject,
    requester_name: name,
    requester_address: address,
    gemeinde_ags: route.gemeinde?.ags ?? null,
    kreis_ags: route.kreis?.ags ?? null,
    route_json: JSON.stringify(route),
    reply_handle: JSON.stringify(t.replyHandle),
    team_id: t.team.teamId,
    team_json: JSON.stringify(t.team),
    assignee: t.assignee,
    first_response_due: t.firstResponseDue,
    resolution_due: t.resolutionDue,
    first_responded_at: t.firstRespondedAt,
    escalation_level: t.escalationLevel,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    closed_at: t.closedAt,
    anonymised_at: t.anonymisedAt,
    version: t.version,
  };
}

/** The read-only view channels render. */
export function toView(t: TicketRecord): TicketView {
  return {
    number: t.number,
    status: t.status,
    category: t.category,
    channel: t.channel,
    subject: t.subject,
    gemeinde: t.requester.gemeinde,
    kreis: t.requester.kreis,
    team: t.team,
    assignee: t.assignee,
    firstResponseDue: t.firstResponseDue,
    resolutionDue: t.resolutionDue,
    createdAt: t.createdAt,
  };
}

const triageRow = z.object({ triage_reasons: z.string().nullable().optional() });

/** `tickets.triage_reasons` (a JSON array of German reasons) → the reasons, or null when none were kept. */
export function triageReasonsFromRow(raw: unknown): string[] | null {
  const row = parse(triageRow, raw ?? {}, 'tickets');
  if (row.triage_reasons === null || row.triage_reasons === undefined) return null;
  return json(z.array(z.string()), row.triage_reasons, 'tickets.triage_reasons');
}

const eventRow = z.object({
  type: z.string(),
  actor: z.string(),
  at: z.string(),
  from_status: status.nullable(),
  to_status: status,
  note: z.string().nullable(),
  data_json: z.string(),
});

/** Row of `ticket_events` → TicketEvent. */
export function eventFromRow(raw: unknown): TicketEvent {
  const row = parse(eventRow, raw, 'ticket_events');
  return {
    type: row.type as TicketEvent['type'],
    actor: row.actor,
    at: row.at,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    note: row.note,
    data: json(z.record(z.string(), z.unknown()), row.data_json, 'ticket_events.data_json'),
  };
}

const messageRow = z.object({
  direction: z.enum(['in', 'out', 'note']),
  author: z.string(),
  text: z.string(),
  at: z.string(),
  enquiry_key: z.string().nullable(),
  suppressed: z.number(),
});

/** Row of `ticket_messages` → TicketMessage. */
export function messageFromRow(raw: unknown): TicketMessage {
  const row = parse(messageRow, raw, 'ticket_messages');
  const message: TicketMessage = { direction: row.direction, author: row.author, text: row.text, at: row.at, enquiryKey: row.enquiry_key };
  if (row.suppressed === 1) message.suppressed = true;
  return message;
}

/** The addressee of a staff message (outbox channel 'staff'), fanned out by the outbox worker. */
const staffHandleSchema = z.object({
  channel: z.literal('staff'),
  to: z.union([z.object({ team: z.string() }), z.object({ person: z.string() }), z.object({ lead: z.literal(true) })]),
  subject: z.string(),
});

const outboxRow = z.object({
  id: z.number().int(),
  key: z.string(),
  channel: OutboxChannelSchema,
  kind: z.enum(OUTBOUND_KINDS),
  ticket_number: z.string().nullable(),
  reply_handle: z.string(),
  payload: z.string(),
  attempts: z.number().int(),
  created_at: z.string(),
});

/** Row of `outbox` → OutboundMessage. */
export function outboundFromRow(raw: unknown): OutboundMessage {
  const row = parse(outboxRow, raw, 'outbox');
  return {
    id: row.id,
    key: row.key,
    channel: row.channel,
    kind: row.kind,
    ticketNumber: row.ticket_number,
    replyHandle: json(z.union([replyHandleSchema, staffHandleSchema]), row.reply_handle, 'outbox.reply_handle'),
    payload: json(z.record(z.string(), z.unknown()), row.payload, 'outbox.payload'),
    attempts: row.attempts,
    createdAt: row.created_at,
  };
}

/** An outbox row as staff see it on a ticket (both stores select the same columns). */
export function outboxView(r: Record<string, unknown>): OutboxEntryView {
  return {
    key: String(r.key),
    channel: r.channel as OutboxEntryView['channel'],
    kind: r.kind as OutboxEntryView['kind'],
    status: r.status as OutboxEntryView['status'],
    attempts: Number(r.attempts),
    lastError: r.last_error === null ? null : String(r.last_error),
    createdAt: String(r.created_at),
    sentAt: r.sent_at === null ? null : String(r.sent_at),
  };
}
