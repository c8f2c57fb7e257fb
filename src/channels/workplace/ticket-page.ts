/**
 * The Vorgang page model: one ticket's details turned into what vorgang.hbs shows (enquiry, route with its
 * evidence, reasons, deadlines with working days left, history, earlier tickets, and the action forms).
 */
import type { StaffDirectory } from '../../core/routing.js';
import type { TicketDetails, TicketEventType, TicketRecord } from '../../core/ticket-model.js';
import { EVENT_LABELS as TICKET_EVENT_LABELS, deadlineChangeText } from '../../tickets/render-text.js';
import { mayAct, type StaffUser } from './access.js';
import { movableDeadlines } from './deadline-form.js';
import { CHANNEL_LABELS, STATUS_LABELS, TICKET_CATEGORY_LABELS, dueText, germanTime } from './labels.js';

// The workplace says which notes are internal (the CLI lists them plainly as 'Notiz').
const EVENT_LABELS: Record<TicketEventType, string> = { ...TICKET_EVENT_LABELS, noted: 'interne Notiz' };

const ROUTE_STATUS: Record<TicketRecord['requester']['routeStatus'], string> = {
  resolved: 'Die Gemeinde beziehungsweise der Kreis ist eindeutig zugeordnet.',
  ambiguous: 'Die Zuordnung ist nicht eindeutig; die anfragende Stelle wurde nach ihrer Gemeinde gefragt.',
  unknown: 'Gemeinde und Kreis sind unbekannt; der Vorgang liegt bei der zentralen Eingangsstelle.',
};

/** Values typed into the forms, kept when a form is refused. */
export interface FormValues {
  answer?: string;
  handoverNote?: string;
  handoverTo?: string;
  note?: string;
  closeNote?: string;
  deadline?: string;
  deadlineDate?: string;
  deadlineReason?: string;
}

/** Everything the page needs besides the ticket. */
export interface TicketPageInput {
  details: TicketDetails;
  related: TicketRecord[];
  user: StaffUser;
  staff: StaffDirectory;
  now: Date;
  form?: FormValues;
  /** The exact outgoing message, when the case worker asked for a preview. */
  preview?: string | null;
}

/** A staff id as people read it: the role name from the contacts file. */
function who(staff: StaffDirectory, id: string): string {
  if (id === 'system') return 'System';
  if (id === 'requester') return 'anfragende Stelle';
  return staff.findStaff(id)?.displayName ?? id;
}

/** Where an answer goes, in words. */
function replyRoute(t: TicketRecord): string {
  switch (t.replyHandle.channel) {
    case 'email':
      return `per E-Mail an ${t.replyHandle.to}, im selben Verlauf wie die Anfrage`;
    case 'teams':
      return 'als Teams-Nachricht in die Unterhaltung der Anfrage';
    case 'cli':
      return 'nirgendwohin (Anfrage über die Kommandozeile): sie wird nur im Vorgang gespeichert';
  }
}

/** Builds the model of vorgang.hbs. */
export function ticketModel(input: TicketPageInput): object {
  const { details, user, staff, now } = input;
  const t = details.ticket;
  const place = [t.requester.gemeinde?.name, t.requester.kreis === null ? null : `${t.requester.kreis.typ} ${t.requester.kreis.name}`].filter(Boolean).join(', ');
  const triageReasons = details.triageReasons ?? [];
  // Assignment reasons, and system notes that do not repeat a triage reason (a forced reason is both).
  const reasons = [
    ...details.events.filter((e) => e.type === 'assigned' && e.note !== null).map((e) => e.note as string),
    ...details.messages.filter((m) => m.direction === 'note' && m.author === 'system' && !triageReasons.includes(m.text)).map((m) => m.text),
  ];
  const form = input.form ?? {};
  const closed = t.status === 'erledigt';
  return {
    title: `Vorgang ${t.number}`,
    t: {
      number: t.number,
      subject: t.subject,
      version: t.version,
      statusLabel: STATUS_LABELS[t.status],
      categoryLabel: TICKET_CATEGORY_LABELS[t.category],
      channelLabel: CHANNEL_LABELS[t.channel],
      requester: t.anonymisedAt !== null ? 'anonymisiert' : `${t.requester.name ?? ''} <${t.requester.address}>`.trim(),
      place: place === '' ? 'unbekannt' : place,
      team: `${t.team.team}${t.team.deputyFor === undefined ? '' : ` (Vertretung für ${t.team.deputyFor})`}`,
      holder: t.assignee === null ? 'niemand – liegt in der Team-Warteschlange' : who(staff, t.assignee),
      firstDue: dueText(now, t.firstResponseDue, t.firstRespondedAt),
      resolutionDue: dueText(now, t.resolutionDue, t.closedAt),
      replyRoute: replyRoute(t),
    },
    isClosed: closed,
    messages: details.messages.map((m) => ({
      kind: m.direction,
      heading:
        m.direction === 'in'
          ? `Eingang${m.suppressed === true ? ' (automatische Nachricht, ohne Reaktion)' : ''}`
          : m.direction === 'out'
            ? `Antwort von ${who(staff, m.author)}`
            : `Interne Notiz von ${who(staff, m.author)}`,
      at: germanTime(m.at),
      text: m.text,
    })),
    attachments: details.attachments.map((a, i) => ({
      filename: a.filename,
      size: a.size < 1024 ? `${a.size} Bytes` : `${Math.round(a.size / 1024)} KB`,
      href: `/arbeitsplatz/vorgang/${t.number}/anhang/${i}`,
    })),
    routeStatus: ROUTE_STATUS[t.requester.routeStatus],
    evidence: t.requester.evidence,
    candidates: t.requester.candidates.map((c) => c.label),
    // Zuständigkeit festlegen: while the municipality is open, staff pick one of the router's candidates.
    placeChoices: t.requester.routeStatus === 'resolved' ? [] : t.requester.candidates.map((c) => ({ value: c.gemeindeAgs ?? c.kreisAgs, label: c.label })),
    triageReasons,
    reasons,
    events: details.events.map((e) => ({
      at: germanTime(e.at),
      label: `${EVENT_LABELS[e.type]}${e.type === 'escalated' ? ` (Stufe ${String(e.data.level)})` : ''}`,
      deadline: deadlineChangeText(e),
      change: e.fromStatus !== null && e.fromStatus !== e.toStatus ? `${STATUS_LABELS[e.fromStatus]} → ${STATUS_LABELS[e.toStatus]}` : null,
      actor: who(staff, e.actor),
      note: e.note,
    })),
    related: input.related.map((r) => ({
      number: r.number,
      href: `/arbeitsplatz/vorgang/${r.number}`,
      subject: r.subject,
      statusLabel: STATUS_LABELS[r.status],
      createdAt: germanTime(r.createdAt),
    })),
    canAct: t.anonymisedAt === null && mayAct(user, t),
    canClaim: !closed && t.assignee !== user.id,
    handoverTargets: handoverTargets(staff, t, form.handoverTo),
    deadlines: deadlineModel(t, form),
    form,
    preview: input.preview ?? null,
  };
}

/** Teams first (their queue), then people; the ticket's current place is left out. */
function handoverTargets(staff: StaffDirectory, t: TicketRecord, selected: string | undefined): { value: string; label: string; selected: boolean }[] {
  const teams = staff.teams().map((team) => ({ value: team.id, label: `Team-Warteschlange: ${team.name}`, selected: team.id === selected }));
  const people = staff
    .staff()
    .filter((s) => s.id !== t.assignee && s.readOnly !== true)
    .map((s) => ({ value: s.id, label: `Person: ${s.displayName}`, selected: s.id === selected }));
  return [...teams.filter((x) => !(x.value === t.team.teamId && t.assignee === null)), ...people];
}

/** The Frist ändern form: which deadlines may move, and the date shown (typed, else the current one). */
function deadlineModel(t: TicketRecord, form: FormValues): { choices: object[]; date: string; reason: string } {
  const choices = movableDeadlines(t, form.deadline);
  const chosen = choices.find((c) => c.selected);
  return {
    choices: choices.map((c) => ({ value: c.value, label: `${c.label} (bisher ${c.current.split('-').reverse().join('.')})`, selected: c.selected })),
    date: form.deadlineDate ?? chosen?.current ?? '',
    reason: form.deadlineReason ?? '',
  };
}
