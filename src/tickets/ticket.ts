/**
 * The ticket lifecycle (STYLE G10): status and holder change only through {@link transition}, a pure
 * function returning the new ticket plus the audit event, or a refusal. Persisting happens elsewhere.
 *
 * Status meaning (see docs/TICKETS.md for the diagram):
 * - `neu`: in a team's queue, nobody holds it;
 * - `zugewiesen`: handed to a person who has not taken it up yet;
 * - `in_bearbeitung`: a person works on it (took it over, or the requester replied);
 * - `wartet`: answered, waiting for the requester;
 * - `erledigt`: closed (a requester reply or a staff reopen opens it again).
 */
import type { TicketStatus } from '../core/outcome.js';
import type { Contact, GemeindeRef, KreisRef } from '../core/routing.js';
import type { EscalationLevel, Refusal, TicketEvent, TicketEventType, TicketRecord } from '../core/ticket-model.js';
import type { NewTicketDraft } from '../core/enquiry-ledger-ports.js';
import { berlinDate } from '../core/berlin-time.js';
import { formatTicketNumber } from '../core/ticket-number.js';

/** The acting staff member as the lifecycle needs it. */
export interface Actor {
  id: string;
  teamId: string;
  isLead: boolean;
  /** Role "Lesen": may read tickets but change nothing. */
  readOnly?: boolean;
}

/** Everything that may change a ticket. */
export type TicketCommand =
  | { type: 'claim'; by: Actor }
  | { type: 'handover'; by: Actor; to: { team: Contact & { teamId: string }; person: string | null }; note: string }
  | { type: 'answer'; by: Actor; text: string }
  | { type: 'note'; by: Actor; text: string }
  | { type: 'close'; by: Actor; note?: string }
  | { type: 'reopen'; by: Actor; note?: string }
  | { type: 'requester_reply' }
  | {
      type: 'reroute';
      by: string;
      team: Contact & { teamId: string };
      gemeinde: GemeindeRef | null;
      kreis: KreisRef;
      reason: string;
    }
  | { type: 'escalate'; level: 1 | 2 }
  | { type: 'change_deadline'; by: Actor; deadline: Deadline; due: string; reason: string }
  | { type: 'anonymise' };

/** The two deadlines of a ticket: the first staff response and the resolution. */
export type Deadline = 'first_response' | 'resolution';

/** Result of {@link transition}. */
export type TransitionResult = { ok: true; ticket: TicketRecord; event: TicketEvent } | { ok: false; refusal: Refusal };

const refuse = (code: Refusal['code'], message: string, holder?: string): TransitionResult => ({
  ok: false,
  refusal: holder === undefined ? { code, message } : { code, message, holder },
});

/**
 * Applies `command` to `ticket` at `now`. Pure: no I/O, no clock; the caller persists the result.
 *
 * @example
 * const r = transition(ticket, { type: 'claim', by: actor }, clock.now());
 * if (!r.ok) console.log(r.refusal.message); // "Das Ticket wird bereits von … bearbeitet."
 */
export function transition(ticket: TicketRecord, command: TicketCommand, now: Date): TransitionResult {
  if (ticket.anonymisedAt !== null) return refuse('ANONYMISED', 'Das Ticket wurde anonymisiert und kann nicht mehr geändert werden.');
  if ('by' in command && typeof command.by === 'object' && command.by.readOnly === true) {
    return refuse('READ_ONLY', 'Mit der Rolle „Lesen“ können Vorgänge nur gelesen, nicht bearbeitet werden.');
  }
  switch (command.type) {
    case 'claim':
      return claim(ticket, command.by, now);
    case 'handover':
      return handover(ticket, command, now);
    case 'answer':
      return answer(ticket, command.by, command.text, now);
    case 'note':
      if (command.text.trim() === '') return refuse('TEXT_REQUIRED', 'Bitte geben Sie einen Text für die Notiz an.');
      return done(ticket, {}, now, 'noted', command.by.id, null, { staffId: command.by.id });
    case 'close':
      if (ticket.status === 'erledigt') return refuse('TICKET_CLOSED', 'Das Ticket ist bereits erledigt.');
      if (heldByOther(ticket, command.by)) return heldRefusal(ticket);
      return done(ticket, { status: 'erledigt', closedAt: now.toISOString() }, now, 'closed', command.by.id, command.note ?? null, {});
    case 'reopen':
      return reopen(ticket, command.by, command.note ?? null, now);
    case 'requester_reply':
      return requesterReply(ticket, now);
    case 'reroute':
      return reroute(ticket, command, now);
    case 'escalate':
      return escalate(ticket, command.level, now);
    case 'change_deadline':
      return changeDeadline(ticket, command, now);
    case 'anonymise':
      if (ticket.status !== 'erledigt') return refuse('NOT_CLOSED', 'Nur erledigte Tickets können anonymisiert werden.');
      return done(ticket, { anonymisedAt: now.toISOString() }, now, 'anonymised', 'system', null, {});
  }
}

function done(
  ticket: TicketRecord,
  patch: Partial<TicketRecord>,
  now: Date,
  type: TicketEventType,
  actor: string,
  note: string | null,
  data: Record<string, unknown>,
): TransitionResult {
  const at = now.toISOString();
  const next: TicketRecord = { ...ticket, ...patch, updatedAt: at, version: ticket.version + 1 };
  return {
    ok: true,
    ticket: next,
    event: { type, actor, at, fromStatus: ticket.status, toStatus: next.status, note, data },
  };
}

function heldByOther(ticket: TicketRecord, by: Actor): boolean {
  return ticket.assignee !== null && ticket.assignee !== by.id && !by.isLead;
}

function heldRefusal(ticket: TicketRecord): TransitionResult {
  return refuse('HELD_BY_OTHER', `Das Ticket wird von ${ticket.assignee ?? '?'} bearbeitet.`, ticket.assignee ?? undefined);
}

function claim(ticket: TicketRecord, by: Actor, now: Date): TransitionResult {
  if (ticket.status === 'erledigt') return refuse('TICKET_CLOSED', 'Das Ticket ist erledigt; öffnen Sie es zuerst wieder.');
  if (ticket.assignee !== null && ticket.assignee !== by.id) {
    return refuse('ALREADY_CLAIMED', `Das Ticket wird bereits von ${ticket.assignee} bearbeitet.`, ticket.assignee);
  }
  if (ticket.assignee === by.id && ticket.status !== 'zugewiesen') {
    return refuse('ALREADY_CLAIMED', 'Sie bearbeiten dieses Ticket bereits.', by.id);
  }
  const status: TicketStatus = ticket.status === 'wartet' ? 'wartet' : 'in_bearbeitung';
  return done(ticket, { assignee: by.id, status }, now, 'claimed', by.id, null, { staffId: by.id });
}

function handover(ticket: TicketRecord, command: Extract<TicketCommand, { type: 'handover' }>, now: Date): TransitionResult {
  const { by, to, note } = command;
  if (note.trim() === '') return refuse('NOTE_REQUIRED', 'Eine Übergabe braucht eine Notiz für die Kollegin oder den Kollegen.');
  if (ticket.status === 'erledigt') return refuse('TICKET_CLOSED', 'Das Ticket ist erledigt; öffnen Sie es zuerst wieder.');
  if (heldByOther(ticket, by)) return heldRefusal(ticket);
  if (to.team.teamId === ticket.team.teamId && to.person === ticket.assignee) {
    return refuse('SAME_ASSIGNEE', 'Das Ticket liegt bereits dort.');
  }
  const status: TicketStatus = to.person === null ? 'neu' : 'zugewiesen';
  return done(ticket, { team: to.team, assignee: to.person, status }, now, 'handed_over', by.id, note, {
    fromTeamId: ticket.team.teamId,
    toTeamId: to.team.teamId,
    fromStaffId: ticket.assignee,
    toStaffId: to.person,
  });
}

function answer(ticket: TicketRecord, by: Actor, text: string, now: Date): TransitionResult {
  if (ticket.status === 'erledigt') return refuse('TICKET_CLOSED', 'Ein erledigtes Ticket kann nicht beantwortet werden; öffnen Sie es zuerst wieder.');
  if (text.trim() === '') return refuse('TEXT_REQUIRED', 'Bitte geben Sie den Antworttext an.');
  if (heldByOther(ticket, by)) return heldRefusal(ticket);
  const at = now.toISOString();
  return done(
    ticket,
    { status: 'wartet', assignee: ticket.assignee ?? by.id, firstRespondedAt: ticket.firstRespondedAt ?? at },
    now,
    'answered',
    by.id,
    null,
    { staffId: by.id },
  );
}

function reopen(ticket: TicketRecord, by: Actor, note: string | null, now: Date): TransitionResult {
  if (ticket.status !== 'erledigt') return refuse('NOT_CLOSED', 'Das Ticket ist nicht erledigt und muss nicht wieder geöffnet werden.');
  const assignee = ticket.assignee ?? by.id;
  return done(ticket, { status: 'in_bearbeitung', assignee, closedAt: null }, now, 'reopened', by.id, note, { staffId: by.id });
}

function requesterReply(ticket: TicketRecord, now: Date): TransitionResult {
  const reopened = ticket.status === 'erledigt';
  const moves = reopened || ticket.status === 'wartet';
  const status: TicketStatus = !moves ? ticket.status : ticket.assignee === null ? 'neu' : 'in_bearbeitung';
  const patch: Partial<TicketRecord> = reopened ? { status, closedAt: null } : { status };
  return done(ticket, patch, now, reopened ? 'reopened' : 'requester_replied', 'requester', null, { reopened });
}

function reroute(ticket: TicketRecord, command: Extract<TicketCommand, { type: 'reroute' }>, now: Date): TransitionResult {
  if (ticket.status === 'erledigt') return refuse('TICKET_CLOSED', 'Das Ticket ist erledigt.');
  const teamChanged = command.team.teamId !== ticket.team.teamId;
  const requester = { ...ticket.requester, gemeinde: command.gemeinde, kreis: command.kreis, routeStatus: 'resolved' as const, candidates: [] };
  const patch: Partial<TicketRecord> = teamChanged
    ? { requester, team: command.team, assignee: null, status: 'neu' }
    : { requester };
  return done(ticket, patch, now, 'rerouted', command.by, command.reason, {
    kreisAgs: command.kreis.ags,
    fromTeamId: ticket.team.teamId,
    toTeamId: command.team.teamId,
  });
}

function escalate(ticket: TicketRecord, level: 1 | 2, now: Date): TransitionResult {
  if (ticket.status === 'erledigt') return refuse('TICKET_CLOSED', 'Das Ticket ist erledigt.');
  if (ticket.escalationLevel >= level) return refuse('ALREADY_ESCALATED', `Eskalationsstufe ${level} wurde bereits gemeldet.`);
  const escalationLevel: EscalationLevel = level;
  const why = level === 1 ? 'Frist für die erste Antwort überschritten' : 'Frist für die Erledigung überschritten';
  return done(ticket, { escalationLevel }, now, 'escalated', 'system', why, { level });
}

/**
 * Moves one deadline (with a required reason). The first-response deadline only while no answer went out;
 * the new due time lies in the future and keeps first response no later than resolution. An escalation of the
 * moved deadline is taken back, so the job reports it again if the new time passes too.
 */
function changeDeadline(ticket: TicketRecord, command: Extract<TicketCommand, { type: 'change_deadline' }>, now: Date): TransitionResult {
  const { by, deadline, due, reason } = command;
  if (reason.trim() === '') return refuse('REASON_REQUIRED', 'Bitte geben Sie einen Grund für die Friständerung an.');
  if (ticket.status === 'erledigt') return refuse('TICKET_CLOSED', 'Das Ticket ist erledigt; öffnen Sie es zuerst wieder.');
  if (heldByOther(ticket, by)) return heldRefusal(ticket);
  const first = deadline === 'first_response';
  if (first && ticket.firstRespondedAt !== null) return refuse('DEADLINE_INVALID', 'Die erste Antwort ist bereits erfolgt; ändern Sie die Frist für die Erledigung.');
  const old = first ? ticket.firstResponseDue : ticket.resolutionDue;
  if (Number.isNaN(Date.parse(due))) return refuse('DEADLINE_INVALID', 'Bitte geben Sie ein gültiges Datum an.');
  const at = new Date(due).toISOString();
  if (at <= now.toISOString()) return refuse('DEADLINE_INVALID', 'Die neue Frist muss in der Zukunft liegen.');
  if (at === old) return refuse('DEADLINE_INVALID', 'Die Frist ist bereits so gesetzt.');
  if (first ? at > ticket.resolutionDue : ticket.firstRespondedAt === null && at < ticket.firstResponseDue) {
    return refuse('DEADLINE_INVALID', 'Die Frist für die erste Antwort darf nicht nach der Frist für die Erledigung liegen.');
  }
  const escalationLevel: EscalationLevel = first ? (ticket.escalationLevel === 1 ? 0 : ticket.escalationLevel) : ticket.escalationLevel === 2 ? 1 : ticket.escalationLevel;
  const patch: Partial<TicketRecord> = first ? { firstResponseDue: at, escalationLevel } : { resolutionDue: at, escalationLevel };
  return done(ticket, patch, now, 'deadline_changed', by.id, reason.trim(), { deadline, from: old, to: at, staffId: by.id });
}

/**
 * A new ticket from its draft: number `IM-<year>-<6 digits>` from the per-year sequence value (the year is
 * the Berlin calendar year of `at`), status `neu`, version 1. Stores only allocate `seq` and persist.
 *
 * @example newTicketRecord(draft, ticketYear(now), 17, now).number // "IM-2026-000017"
 */
export function newTicketRecord(draft: NewTicketDraft, seq: number, at: Date): TicketRecord {
  const iso = at.toISOString();
  const team = { teamId: draft.team.id, team: draft.team.name, email: draft.team.email, phone: draft.team.phone };
  return {
    number: formatTicketNumber(ticketYear(at), seq),
    status: 'neu',
    category: draft.category,
    channel: draft.channel,
    subject: draft.subject,
    requester: draft.requester,
    replyHandle: draft.replyHandle,
    team: draft.deputyFor === null ? team : { ...team, deputyFor: draft.deputyFor },
    assignee: null,
    firstResponseDue: draft.due.firstResponseDue,
    resolutionDue: draft.due.resolutionDue,
    firstRespondedAt: null,
    escalationLevel: 0,
    createdAt: iso,
    updatedAt: iso,
    closedAt: null,
    anonymisedAt: null,
    version: 1,
  };
}

/** The year a ticket number counts in (Berlin calendar year). */
export function ticketYear(at: Date): number {
  return berlinDate(at).year;
}
