/**
 * Typed outbound messages (issue 11 item 3): one zod schema per outbound kind, the payload type inferred from
 * it. Producers (handleEnquiry, the ticket service, the escalation job) build payloads of these types; the
 * renderers (mail templates, Teams cards) read them with {@link readPayload}, never through string paths.
 *
 * Rows written by earlier versions carry older shapes (the whole triage result, `reason` for `headline`,
 * `author` for `staffName`, …): {@link readPayload} lifts those into today's shape before parsing, so an old
 * database still delivers. `ticket` is added by the outbox store when it hands a ticket-bound row out.
 */
import { z } from 'zod';
import { AppError } from './errors.js';
import type { OutboundKind } from './outcome.js';

const text = z.string();
const optionalText = z.string().nullish().transform((v) => (v === undefined || v === null || v.trim() === '' ? null : v));

/** The ticket as the renderers need it (a TicketView; read leniently: older rows lack some fields). */
export const TicketPayloadSchema = z.looseObject({
  number: z.string().min(1),
  status: z.string().default('neu'),
  subject: z.string().default(''),
  category: z.string().default('sonstiges'),
  team: z.looseObject({ team: z.string(), teamId: z.string().optional(), phone: optionalText, email: z.string().optional() }),
  kreis: z.looseObject({ name: z.string() }).nullish(),
  assignee: optionalText,
  firstResponseDue: z.string(),
  resolutionDue: z.string().optional(),
});
export type TicketPayload = z.infer<typeof TicketPayloadSchema>;

const AnswerSchema = z.object({
  text: z.string().min(1),
  citation: z.string().min(1),
  passageId: z.string().optional(),
  title: z.string().optional(),
  source: optionalText,
  stand: optionalText,
  reminder: optionalText,
});
const SuggestionSchema = z.object({ passageId: z.string().optional(), title: z.string(), citation: z.string() });
const CandidateSchema = z.object({ gemeindeAgs: z.string().nullable().optional(), kreisAgs: z.string(), label: z.string() });
const ContactSchema = z.object({ team: z.string(), email: optionalText, phone: optionalText }).nullable();
const withTicket = { ticket: TicketPayloadSchema.optional() };

/** The payload schema of every outbound kind. */
export const PAYLOAD_SCHEMAS = {
  auto_answer: z.object({ answer: AnswerSchema, question: z.string().nullish(), confidence: z.number().nullish() }),
  suggestions: z.object({ suggestions: z.array(SuggestionSchema).min(1), question: z.string().nullish() }),
  declined: z.object({ message: optionalText, contact: ContactSchema.default(null) }),
  ticket_confirmation: z.object({
    needsMunicipality: z.boolean().default(false),
    candidates: z.array(CandidateSchema).optional(),
    /** The enquiry was not in German: the confirmation says in German and English that a person answers in German. */
    notGerman: z.boolean().default(false),
    ...withTicket,
  }),
  ask_municipality: z.object({ candidates: z.array(CandidateSchema).default([]), ...withTicket }),
  staff_answer: z.object({ text: text.min(1), staffName: z.string().default('Team Integrationsmanagement'), staffId: z.string().optional(), ...withTicket }),
  staff_notification: z.object({
    headline: z.string().default('ein neuer Vorgang wartet auf Bearbeitung.'),
    note: optionalText.default(null),
    teamId: z.string().nullish(),
    /** The ticket event behind the notice and who caused it (a hand-over), for the Teams card's last-action line. */
    event: z.string().optional(),
    actor: z.string().optional(),
    ...withTicket,
  }),
  escalation: z.object({ level: z.coerce.number().int().min(1).max(2).default(1), recipient: z.string().optional(), teamId: z.string().nullish(), ...withTicket }),
  staff_card: z.object({ event: z.string().optional(), actor: z.string().optional(), ...withTicket }),
} satisfies Record<OutboundKind, z.ZodType>;

/** The payload of one kind, as renderers read it. */
export type Payload<K extends OutboundKind> = z.output<(typeof PAYLOAD_SCHEMAS)[K]>;
/** The payload of one kind, as producers write it (defaults may be left out; `ticket` is added by the store). */
export type PayloadInput<K extends OutboundKind> = Omit<z.input<(typeof PAYLOAD_SCHEMAS)[K]>, 'ticket'>;

type Raw = Record<string, unknown>;
const obj = (value: unknown): Raw => (value !== null && typeof value === 'object' ? (value as Raw) : {});
const present = (...values: unknown[]): unknown => values.find((v) => v !== undefined && v !== null);

/** Older payload shapes lifted into today's (rows queued before this version). */
const LEGACY: Partial<Record<OutboundKind, (p: Raw) => Raw>> = {
  auto_answer: (p) => ({ ...p, answer: present(p['answer'], obj(obj(p['triage'])['answer'])['answer'], obj(p['ask'])['answer']) }),
  suggestions: (p) => ({ ...p, suggestions: present(p['suggestions'], obj(obj(p['triage'])['answer'])['suggestions'], obj(p['ask'])['suggestions']) }),
  declined: (p) => ({ ...p, message: present(p['message'], obj(obj(p['triage'])['answer'])['message']), contact: present(p['contact'], obj(obj(p['triage'])['route'])['contact']) }),
  ask_municipality: (p) => ({ ...p, candidates: present(p['candidates'], obj(p['route'])['candidates']) }),
  staff_answer: (p) => ({ ...p, staffName: present(p['staffName'], p['author'], obj(p['staff'])['displayName']) }),
  staff_notification: (p) => ({ ...p, headline: present(p['headline'], p['reason']) }),
  escalation: (p) => ({ ...p, level: present(p['level'], p['escalationLevel']) }),
};

/**
 * Reads the payload of an outbox message of `kind` (older shapes lifted first). Throws AppError INPUT_INVALID
 * naming the field when it lacks what the kind needs: retrying cannot fix a payload.
 *
 * @example
 * const { headline, ticket } = readPayload('staff_notification', message.payload);
 */
export function readPayload<K extends OutboundKind>(kind: K, payload: unknown): Payload<K> {
  const raw = obj(payload);
  const lifted = LEGACY[kind]?.(raw) ?? raw;
  const result = (PAYLOAD_SCHEMAS[kind] as z.ZodType).safeParse(lifted);
  if (!result.success) {
    const fields = result.error.issues.map((i) => i.path.join('.'));
    throw new AppError('INPUT_INVALID', `outbox payload of ${kind} lacks a valid ${fields[0] ?? 'value'}`, { details: { kind, fields } });
  }
  return result.data as Payload<K>;
}

/**
 * A typed payload for a producer: the type checker holds the producer to the kind's schema.
 *
 * @example
 * payloadOf('staff_notification', { headline: 'ein neuer Vorgang wartet auf Bearbeitung.', note, teamId });
 */
export function payloadOf<K extends OutboundKind>(_kind: K, payload: PayloadInput<K>): Record<string, unknown> {
  return payload as Record<string, unknown>;
}
