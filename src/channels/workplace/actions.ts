/**
 * The Vorgang's actions as a table (STYLE G4): form action name → handler. Every handler goes through the
 * TicketService (the same use cases as Teams cards and the CLI), so every action is a ticket event with the
 * staff identity. Refusals are values the page shows next to the kept input, never silent overwrites.
 */
import { z } from 'zod';
import { isAppError } from '../../core/errors.js';
import type { StaffDirectory } from '../../core/routing.js';
import type { TicketRecord } from '../../core/ticket-model.js';
import type { TicketOpResult, TicketService } from '../../tickets/ticket-service.js';
import type { StaffUser } from './access.js';
import { endOfBerlinDay } from './deadline-form.js';
import type { FormValues } from './ticket-page.js';

/** What an action leads to: back to the page with a message, the page again with a refusal, or a preview. */
export type ActionResult =
  | { kind: 'done'; flash: string }
  | { kind: 'refused'; status: 409 | 422; message: string; form: FormValues }
  | { kind: 'preview'; preview: string; form: FormValues };

/** Renders the exact outgoing answer for the preview. */
export type AnswerPreview = (ticket: TicketRecord, draft: { text: string; staffName: string; staffId: string }) => Promise<string>;

/** Collaborators of the action handlers. */
export interface ActionDeps {
  tickets: TicketService;
  staff: StaffDirectory;
  previewAnswer: AnswerPreview;
}

interface ActionInput {
  ticket: TicketRecord;
  body: Record<string, unknown>;
  user: StaffUser;
}

type Handler = (input: ActionInput, deps: ActionDeps) => Promise<ActionResult>;

const MAX_TEXT = 20_000;
const text = z.string().max(MAX_TEXT).default('');
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The holder in words: the loser of a take-over race sees who was faster. */
const holderName = (deps: ActionDeps, id: string | undefined): string => (id === undefined ? 'jemand anderes' : (deps.staff.findStaff(id)?.displayName ?? id));

function outcome(result: TicketOpResult, deps: ActionDeps, flash: string, form: FormValues): ActionResult {
  if (result.ok) return { kind: 'done', flash };
  const r = result.refusal;
  if (r.code === 'ALREADY_CLAIMED' && r.holder !== undefined) {
    return { kind: 'refused', status: 409, message: `Sie waren nicht die Ersten: ${holderName(deps, r.holder)} hat den Vorgang bereits übernommen.`, form };
  }
  if (r.code === 'HELD_BY_OTHER') {
    return { kind: 'refused', status: 409, message: `Der Vorgang wird von ${holderName(deps, r.holder)} bearbeitet; nur diese Person oder die Teamleitung kann das.`, form };
  }
  const status = r.code === 'NOTE_REQUIRED' || r.code === 'TEXT_REQUIRED' || r.code === 'REASON_REQUIRED' || r.code === 'DEADLINE_INVALID' ? 422 : 409;
  return { kind: 'refused', status, message: r.message, form };
}

export const ACTIONS: Record<string, Handler> = {
  uebernehmen: async ({ ticket, user }, deps) => outcome(await deps.tickets.claim(ticket.number, user.id), deps, 'Sie haben den Vorgang übernommen.', {}),

  weitergeben: async ({ ticket, body, user }, deps) => {
    const form: FormValues = { handoverNote: str(body.note), handoverTo: str(body.to) };
    const input = z.object({ to: z.string().min(1).max(100), note: text }).safeParse(body);
    if (!input.success) return { kind: 'refused', status: 422, message: 'Bitte wählen Sie aus, an wen der Vorgang gehen soll.', form };
    if (input.data.note.trim() === '') return { kind: 'refused', status: 422, message: 'Bitte schreiben Sie eine Notiz für die Übergabe; sie ist Pflicht.', form };
    try {
      const target = deps.staff.findTeam(input.data.to)?.name ?? deps.staff.findStaff(input.data.to)?.displayName ?? input.data.to;
      return outcome(await deps.tickets.handover(ticket.number, { to: input.data.to, note: input.data.note, by: user.id }), deps, `Der Vorgang wurde an ${target} übergeben.`, form);
    } catch (error) {
      if (isAppError(error, 'TEAM_UNKNOWN')) return { kind: 'refused', status: 422, message: 'Dieses Ziel gibt es nicht (weder Team noch Person).', form };
      throw error;
    }
  },

  notiz: async ({ ticket, body, user }, deps) => {
    const form: FormValues = { note: str(body.text) };
    const input = z.object({ text }).parse({ text: str(body.text) });
    return outcome(await deps.tickets.note(ticket.number, { text: input.text, by: user.id }), deps, 'Die interne Notiz wurde gespeichert.', form);
  },

  antworten: async ({ ticket, body, user }, deps) => {
    const form: FormValues = { answer: str(body.text) };
    const input = z.object({ text, schritt: z.enum(['vorschau', 'senden']).default('vorschau'), bestaetigt: z.string().optional() }).parse({
      text: str(body.text),
      schritt: body.schritt === 'senden' ? 'senden' : 'vorschau',
      bestaetigt: typeof body.bestaetigt === 'string' ? body.bestaetigt : undefined,
    });
    if (input.text.trim() === '') return { kind: 'refused', status: 422, message: 'Bitte geben Sie den Antworttext an.', form };
    // Sent only after a preview of exactly this text was shown (the send button exists only on the preview).
    if (input.schritt === 'vorschau' || input.bestaetigt !== '1') {
      return { kind: 'preview', preview: await deps.previewAnswer(ticket, { text: input.text, staffName: user.displayName, staffId: user.id }), form };
    }
    const flash = ticket.channel === 'cli' ? 'Die Antwort wurde im Vorgang gespeichert.' : 'Die Antwort wurde in den Versand gegeben.';
    return outcome(await deps.tickets.answer(ticket.number, { text: input.text, by: user.id }), deps, flash, form);
  },

  zustaendigkeit: async ({ ticket, body, user }, deps) => {
    const ags = str(body.ags);
    const candidate = ticket.requester.candidates.find((c) => (c.gemeindeAgs ?? c.kreisAgs) === ags);
    if (candidate === undefined) return { kind: 'refused', status: 422, message: 'Bitte wählen Sie eine der vorgeschlagenen Gemeinden.', form: {} };
    const result = await deps.tickets.resolveMunicipality(ticket.number, { ags, by: user.id });
    const team = result.ok ? result.ticket.team.team : '';
    return outcome(result, deps, `Zuständigkeit festgelegt: ${candidate.label}. Der Vorgang liegt jetzt bei ${team}.`, {});
  },

  frist: async ({ ticket, body, user }, deps) => {
    const deadline = body.frist === 'first_response' ? 'first_response' : 'resolution';
    const form: FormValues = { deadline, deadlineDate: str(body.datum), deadlineReason: str(body.grund) };
    const reason = str(body.grund).trim().slice(0, MAX_TEXT);
    if (reason === '') return { kind: 'refused', status: 422, message: 'Bitte geben Sie einen Grund für die Friständerung an; er ist Pflicht.', form };
    const due = endOfBerlinDay(str(body.datum));
    if (due === null) return { kind: 'refused', status: 422, message: 'Bitte geben Sie das neue Datum der Frist an.', form };
    const label = deadline === 'first_response' ? 'Die Frist für die erste Antwort' : 'Die Frist für die Erledigung';
    return outcome(await deps.tickets.changeDeadline(ticket.number, { deadline, due, reason, by: user.id }), deps, `${label} wurde geändert.`, form);
  },

  schliessen: async ({ ticket, body, user }, deps) => {
    const note = str(body.note).trim().slice(0, MAX_TEXT);
    return outcome(await deps.tickets.close(ticket.number, { by: user.id, ...(note === '' ? {} : { note }) }), deps, 'Der Vorgang wurde geschlossen.', { closeNote: note });
  },

  'wieder-oeffnen': async ({ ticket, body, user }, deps) => {
    const note = str(body.note).trim().slice(0, MAX_TEXT);
    return outcome(await deps.tickets.reopen(ticket.number, { by: user.id, ...(note === '' ? {} : { note }) }), deps, 'Der Vorgang wurde wieder geöffnet.', { closeNote: note });
  },
};

/** Actions that need no version check: a take-over is settled by the service itself (the loser learns who won). */
export const VERSION_FREE = new Set(['uebernehmen']);
