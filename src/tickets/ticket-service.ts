/**
 * Staff operations on tickets (STYLE G1, G10): take over, hand over with a note, answer the requester,
 * internal note, close, reopen, and the municipality ask-back. Driven by the CLI now and Teams cards later.
 * Each operation reads the ticket, applies the pure `transition()` and saves with a version check
 * (a conditional UPDATE), retrying on a lost race so the loser gets a refusal naming the holder.
 */
import { assignTeam } from '../core/assignment.js';
import { AppError } from '../core/errors.js';
import { isTicketNumber } from '../core/ticket-number.js';
import type { Clock, Logger } from '../core/ports.js';
import type { GemeindeRef, KreisRef, StaffDirectory, StaffMember } from '../core/routing.js';
import type { TicketView } from '../core/outcome.js';
import { payloadOf } from '../core/messages.js';
import { staffDraft } from '../core/staff-messages.js';
import type {
  OutboxDraft,
  Refusal,
  TicketDetails,
  TicketEvent,
  TicketFilter,
  TicketMessage,
  TicketRecord,
  TicketStore,
} from '../core/ticket-model.js';
import { transition, type Actor, type Deadline, type TicketCommand } from './ticket.js';
import { toView } from './ticket-rows.js';

/** Collaborators of the ticket service. */
export interface TicketServiceDeps {
  store: TicketStore;
  staff: StaffDirectory;
  clock: Clock;
  logger: Logger;
}

/** Result of a staff operation: the changed ticket and its event, or a refusal (an expected outcome). */
export type TicketOpResult = { ok: true; ticket: TicketView; event: TicketEvent } | { ok: false; refusal: Refusal };

/** Staff operations; throw AppError TICKET_NOT_FOUND, STAFF_UNKNOWN, TEAM_UNKNOWN, INPUT_INVALID or DB_*. */
export interface TicketService {
  /** Takes a ticket over. Of two staff at once exactly one wins; the other gets ALREADY_CLAIMED naming the holder. */
  claim(number: string, by: string): Promise<TicketOpResult>;
  /** Hands over to a team id or a staff id, with a required note. */
  handover(number: string, input: { to: string; note: string; by: string }): Promise<TicketOpResult>;
  /** Answers the requester through the ticket's channel (outbox 'staff_answer'); status → wartet. */
  answer(number: string, input: { text: string; by: string }): Promise<TicketOpResult>;
  /** Adds an internal note (never sent to the requester). */
  note(number: string, input: { text: string; by: string }): Promise<TicketOpResult>;
  close(number: string, input: { by: string; note?: string }): Promise<TicketOpResult>;
  reopen(number: string, input: { by: string; note?: string }): Promise<TicketOpResult>;
  /**
   * The answer to the municipality ask-back: an 8-digit Gemeinde AGS or a 5-digit Kreis AGS. Names and the
   * Kreis type come from `gemeinde`/`kreis` (a route) or else from the ticket's candidates; never from the AGS
   * (INPUT_INVALID when neither names it). Re-routes and reassigns (event 'rerouted'); the requester's evidence
   * becomes who settled it plus `evidence` (the routing evidence of a free-text answer). `by` is a staff id or
   * 'requester'.
   */
  resolveMunicipality(number: string, input: MunicipalityInput): Promise<TicketOpResult>;
  /**
   * Moves the first-response or the resolution deadline to `due` (ISO-8601) with a required reason; event
   * `deadline_changed` with the old and new time. INPUT_INVALID when `due` is no date.
   */
  changeDeadline(number: string, input: { deadline: Deadline; due: string; reason: string; by: string }): Promise<TicketOpResult>;
  show(number: string): Promise<TicketDetails>;
  list(filter: TicketFilter): Promise<TicketView[]>;
}

/** Input of {@link TicketService.resolveMunicipality}. */
export interface MunicipalityInput {
  ags: string;
  by: string;
  gemeinde?: GemeindeRef | null;
  kreis?: KreisRef;
  /** Routing evidence in German words (free-text answers); recorded after the line naming who settled it. */
  evidence?: string[];
}

const MAX_RACE_RETRIES = 3;

/** What an operation wants to apply to the current ticket. */
interface Step {
  command: TicketCommand;
  message?: (at: string) => TicketMessage;
  outbox?: (next: TicketRecord) => OutboxDraft[];
  /** Adjusts the transitioned ticket before it is saved (e.g. the requester's routing evidence). */
  finish?: (next: TicketRecord) => TicketRecord;
}

/**
 * Names from a candidate label as the router writes them: "Altdorf (Landkreis Böblingen)", "Ulm (Stadtkreis)",
 * "Weissach im Tal (Rems-Murr-Kreis)", "Landkreis Böblingen", "Stadtkreis Karlsruhe". Null when the label names
 * no Kreis (e.g. a bare AGS): names are never invented.
 */
export function placeFromLabel(label: string, gemeindeAgs: string | null, kreisAgs: string): { gemeinde: GemeindeRef | null; kreis: KreisRef } | null {
  const m = /^(.+?)\s*\(([^()]+)\)\s*$/.exec(label.trim());
  const gemeindeName = m === null ? null : m[1]!.trim();
  const kreisPart = (m === null ? label : m[2]!).trim();
  let kreis: KreisRef | null = null;
  if (kreisPart === 'Stadtkreis' && gemeindeName !== null) kreis = { ags: kreisAgs, name: gemeindeName, typ: 'Stadtkreis' };
  const typed = /^(Landkreis|Stadtkreis)\s+(.+)$/.exec(kreisPart);
  if (typed !== null) kreis = { ags: kreisAgs, name: typed[2]!.trim(), typ: typed[1] as KreisRef['typ'] };
  else if (kreis === null && /\S-?kreis$/i.test(kreisPart) && !/^\d+$/.test(kreisPart)) kreis = { ags: kreisAgs, name: kreisPart, typ: 'Landkreis' };
  if (kreis === null) return null;
  if (gemeindeAgs === null) return { gemeinde: null, kreis };
  return gemeindeName === null ? null : { gemeinde: { ags: gemeindeAgs, name: gemeindeName }, kreis };
}

/** Gemeinde and Kreis of an ask-back answer: the given route's, else the matching candidate's; else INPUT_INVALID. */
function placeOf(ticket: TicketRecord, input: MunicipalityInput): { gemeinde: GemeindeRef | null; kreis: KreisRef } {
  const kreisAgs = input.ags.slice(0, 5);
  const isGemeinde = input.ags.length === 8;
  const given = input.kreis !== undefined && input.kreis.ags === kreisAgs ? input.kreis : null;
  const givenGemeinde = isGemeinde && input.gemeinde?.ags === input.ags ? input.gemeinde : null;
  if (given !== null && (!isGemeinde || givenGemeinde !== null)) return { gemeinde: givenGemeinde, kreis: given };
  const candidate = ticket.requester.candidates.find((c) => (isGemeinde ? c.gemeindeAgs === input.ags : c.kreisAgs === kreisAgs && c.gemeindeAgs === null));
  const place = candidate === undefined ? null : placeFromLabel(candidate.label, candidate.gemeindeAgs, candidate.kreisAgs);
  if (place === null) {
    throw new AppError('INPUT_INVALID', `tickets: municipality ${input.ags} is not among the ticket's candidates; pass its gemeinde and kreis`, { details: { ags: input.ags } });
  }
  return { gemeinde: givenGemeinde ?? place.gemeinde, kreis: given ?? place.kreis };
}

/** Who settled the route, in German: the first evidence line of a resolved ask-back. */
function settledBy(by: string, place: { gemeinde: GemeindeRef | null; kreis: KreisRef }): string {
  const kreis = `${place.kreis.typ} ${place.kreis.name}`;
  const label = place.gemeinde === null ? kreis : `${place.gemeinde.name} (${kreis})`;
  return by === 'requester' ? `Gemeinde vom Anfragenden angegeben: ${label}` : `Gemeinde von ${by} zugeordnet: ${label}`;
}

/**
 * Keeps the ticket's Teams card current after a change that notifies nobody (claim, answer, note, close,
 * reopen): a `staff_card` to the ticket's team, which the outbox sends to Teams only. A notification already
 * updates the card in its Teams leg.
 */
function cardUpdate(next: TicketRecord, event: TicketEvent, drafts: OutboxDraft[]): OutboxDraft[] {
  if (drafts.some((d) => d.kind === 'staff_notification')) return [];
  const payload = { event: event.type, actor: event.actor };
  return [staffDraft(`${next.number}:staff_card:v${next.version}`, 'staff_card', { team: next.team.teamId }, next.subject, payload)];
}

/**
 * When a hand-over moves a ticket to another team, the old team's Teams card is brought up to date too (the
 * notification only reaches the new team), so it no longer shows the ticket as theirs to work on.
 */
function leftTeamCard(before: TicketRecord, next: TicketRecord, actor: string): OutboxDraft[] {
  const from = before.team.teamId;
  if (from === null || from === next.team.teamId) return [];
  return [staffDraft(`${next.number}:staff_card:v${next.version}:${from}`, 'staff_card', { team: from }, next.subject, { event: 'handed_over', actor })];
}

/**
 * Creates the ticket service.
 *
 * @example
 * const service = createTicketService({ store, staff, clock, logger });
 * const r = await service.claim('IM-2026-000001', 'sb-nord-1');
 */
export function createTicketService(deps: TicketServiceDeps): TicketService {
  const log = deps.logger.child({ component: 'ticket-service' });

  const member = (id: string): StaffMember => {
    const found = deps.staff.findStaff(id);
    if (found === null) throw new AppError('STAFF_UNKNOWN', `tickets: unknown staff member "${id}"`, { details: { staffId: id } });
    return found;
  };
  const actor = (id: string): Actor => {
    const s = member(id);
    return { id: s.id, teamId: s.teamId, isLead: s.isLead === true, ...(s.readOnly === true ? { readOnly: true } : {}) };
  };
  const load = async (number: string): Promise<TicketRecord> => {
    if (!isTicketNumber(number)) throw new AppError('INPUT_INVALID', `tickets: "${number}" is not a ticket number (IM-<Jahr>-<6 Ziffern>)`);
    const ticket = await deps.store.find(number);
    if (ticket === null) throw new AppError('TICKET_NOT_FOUND', `tickets: no ticket ${number}`, { details: { number } });
    return ticket;
  };

  /** Read → transition → conditional save; on a lost race read again (the next transition sees the winner). */
  const run = async (number: string, step: (ticket: TicketRecord) => Step): Promise<TicketOpResult> => {
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt += 1) {
      const ticket = await load(number);
      const { command, message, outbox, finish } = step(ticket);
      const result = transition(ticket, command, deps.clock.now());
      if (!result.ok) {
        log.info({ ticketNumber: number, command: command.type, refusal: result.refusal.code }, 'ticket operation refused');
        return result;
      }
      const next = finish === undefined ? result.ticket : finish(result.ticket);
      const drafts = outbox?.(next) ?? [];
      const saved = await deps.store.save({
        expectedVersion: ticket.version,
        ticket: next,
        event: result.event,
        ...(message === undefined ? {} : { message: message(result.event.at) }),
        outbox: [...drafts, ...cardUpdate(next, result.event, drafts)],
      });
      if (saved === 'saved') {
        log.info({ ticketNumber: number, event: result.event.type, status: next.status }, 'ticket changed');
        return { ok: true, ticket: toView(next), event: result.event };
      }
    }
    throw new AppError('DB_LOCKED', `tickets: ${number} keeps changing concurrently; try again`);
  };

  /** A staff notification to the ticket's holder (else its team); the outbox fans it out to their channels. */
  const notify = (next: TicketRecord, key: string, headline: string, note: string | null, cause: { event: string; actor: string } | null = null): OutboxDraft[] => {
    const person = next.assignee === null ? null : deps.staff.findStaff(next.assignee);
    const to = person === null ? { team: next.team.teamId } : { person: person.id };
    return [staffDraft(key, 'staff_notification', to, next.subject, { headline, note, teamId: next.team.teamId, ...cause })];
  };

  return {
    claim: async (number, by) => run(number, () => ({ command: { type: 'claim', by: actor(by) } })),

    async handover(number, { to, note, by }) {
      const who = actor(by);
      const team = deps.staff.findTeam(to);
      const person = team === null ? deps.staff.findStaff(to) : null;
      if (team === null && person === null) {
        throw new AppError('TEAM_UNKNOWN', `tickets: "${to}" is neither a team nor a staff member`, { details: { to } });
      }
      const target = team ?? deps.staff.findTeam(person!.teamId);
      if (target === null) throw new AppError('TEAM_UNKNOWN', `tickets: staff member "${to}" has no known team`);
      if (person?.readOnly === true) return { ok: false, refusal: { code: 'READ_ONLY', message: `${person.displayName} hat nur Leserechte und kann keinen Vorgang übernehmen.` } };
      const contact = { teamId: target.id, team: target.name, email: target.email, phone: target.phone };
      return run(number, (ticket) => ({
        command: { type: 'handover', by: who, to: { team: contact, person: person?.id ?? null }, note },
        outbox: (next) => [
          ...notify(next, `${number}:handover:v${next.version}`, 'Ihnen wurde ein Vorgang übergeben.', note, { event: 'handed_over', actor: who.id }),
          ...leftTeamCard(ticket, next, who.id),
        ],
      }));
    },

    async answer(number, { text, by }) {
      const who = member(by);
      return run(number, () => ({
        command: { type: 'answer', by: actor(by), text },
        message: (at) => ({ direction: 'out', author: who.id, text, at, enquiryKey: null }),
        outbox: (next) => [
          {
            key: `${number}:staff_answer:v${next.version}`,
            channel: next.channel,
            kind: 'staff_answer',
            replyHandle: next.replyHandle,
            payload: payloadOf('staff_answer', { text, staffName: who.displayName, staffId: who.id }),
            withTicket: true,
          },
        ],
      }));
    },

    note: async (number, { text, by }) =>
      run(number, () => ({
        command: { type: 'note', by: actor(by), text },
        message: (at) => ({ direction: 'note', author: by, text, at, enquiryKey: null }),
      })),

    close: async (number, { by, note }) => run(number, () => ({ command: { type: 'close', by: actor(by), ...(note === undefined ? {} : { note }) } })),
    reopen: async (number, { by, note }) => run(number, () => ({ command: { type: 'reopen', by: actor(by), ...(note === undefined ? {} : { note }) } })),

    async resolveMunicipality(number, input) {
      if (input.by !== 'requester') member(input.by);
      if (!/^\d{5}(\d{3})?$/.test(input.ags)) throw new AppError('INPUT_INVALID', `tickets: "${input.ags}" is no Gemeinde (8 digits) or Kreis (5 digits) AGS`);
      return run(number, (ticket) => {
        const { gemeinde, kreis } = placeOf(ticket, input);
        const evidence = [settledBy(input.by, { gemeinde, kreis }), ...(input.evidence ?? [])];
        const assignment = assignTeam({ status: 'resolved', kreis }, deps.staff, deps.clock.now());
        const team = { teamId: assignment.team.id, team: assignment.team.name, email: assignment.team.email, phone: assignment.team.phone, ...(assignment.deputyFor === null ? {} : { deputyFor: assignment.deputyFor }) };
        return {
          command: { type: 'reroute', by: input.by, team, gemeinde, kreis, reason: assignment.reason },
          finish: (next) => ({ ...next, requester: { ...next.requester, evidence } }),
          outbox: (next) =>
            next.team.teamId === ticket.team.teamId ? [] : notify(next, `${number}:reroute:v${next.version}`, 'ein Vorgang wurde Ihrem Team zugeordnet.', assignment.reason),
        };
      });
    },

    async changeDeadline(number, { deadline, due, reason, by }) {
      if (Number.isNaN(Date.parse(due))) throw new AppError('INPUT_INVALID', `tickets: "${due}" is no date (ISO-8601)`);
      return run(number, () => ({ command: { type: 'change_deadline', by: actor(by), deadline, due, reason } }));
    },

    async show(number) {
      await load(number);
      const details = await deps.store.details(number);
      if (details === null) throw new AppError('TICKET_NOT_FOUND', `tickets: no ticket ${number}`);
      return details;
    },

    list: async (filter) => (await deps.store.list(filter)).map(toView),
  };
}
