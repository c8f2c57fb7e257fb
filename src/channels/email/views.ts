/**
 * View models of the mail templates, and the conversion of outbox payloads into them (each payload read with
 * its kind's schema from core/messages.ts, STYLE G9). Every key of a view model is always present (null or [] when empty), so the
 * templates can be compiled in Handlebars' strict mode: a template naming an unknown variable fails at load.
 */
import { readPayload, type TicketPayload } from '../../core/messages.js';
import { MAIL_KINDS, type MailKind, type OutboundKind, type OutboundMessage } from '../../core/outcome.js';
import { berlinFormat } from '../../core/berlin-time.js';
import { AppError } from '../../core/errors.js';
import { TICKET_CATEGORY_LABELS, type TicketCategory } from '../../core/triage/index.js';

/** The binding reminder under every automatic mail: one wording with the knowledge base's answers. */
import { REMINDER } from '../../knowledge/messages.js';
export const BINDING_REMINDER = REMINDER;

/** The view model of each outbound kind (besides the common `subject` and `automatic`). */
export interface ViewModels {
  auto_answer: { answerText: string; citation: string; stand: string | null; source: string | null; reminder: string };
  suggestions: { items: { title: string; citation: string }[]; reminder: string };
  declined: { message: string; contactTeam: string | null; contactEmail: string | null; contactPhone: string | null };
  ticket_confirmation: {
    ticketNumber: string;
    teamName: string;
    teamPhone: string | null;
    categoryLabel: string;
    firstResponseDue: string;
    /** The route is open: the same mail asks for the municipality (one mail in, one mail out). */
    askMunicipality: boolean;
    candidates: { label: string }[];
    /** The enquiry was not in German: a line in German and English says a person answers in German. */
    notGerman: boolean;
  };
  ask_municipality: { ticketNumber: string | null; candidates: { label: string }[] };
  staff_answer: { text: string; staffName: string; ticketNumber: string | null };
  staff_notification: {
    headline: string;
    ticketNumber: string;
    ticketSubject: string;
    categoryLabel: string;
    teamName: string;
    kreisName: string | null;
    firstResponseDue: string;
    note: string | null;
  };
  escalation: {
    ticketNumber: string;
    levelText: string;
    ticketSubject: string;
    teamName: string;
    assignee: string | null;
    dueText: string;
  };
}

/** Fields every template may use. */
export interface CommonView {
  subject: string;
  automatic: boolean;
  /** Signed "War die Antwort hilfreich?" link and the passage on the published FAQ (auto answers; issue 14). */
  feedbackUrl?: string | null;
  faqUrl?: string | null;
}

export type View<K extends MailKind> = ViewModels[K] & CommonView;

// Built once: an Intl formatter costs far more to create than to use (one mail renders several dates).
const germanDay = berlinFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const germanTime = berlinFormat('de-DE', { hour: '2-digit', minute: '2-digit' });

/** Formats an ISO time as German local date and time ("Dienstag, 3. März 2026, 10:00 Uhr"; date only at midnight). */
export function germanDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = germanDay().format(date);
  const time = germanTime().format(date);
  // Deadlines at midnight are whole days: show the date only.
  return time === '00:00' ? day : `${day}, ${time} Uhr`;
}

function categoryLabel(category: string): string {
  return TICKET_CATEGORY_LABELS[category as TicketCategory] ?? 'Sonstiges';
}

/** The ticket a staff or confirmation mail is about; the store adds it to every ticket-bound message. */
function ticketOf(ticket: TicketPayload | undefined, kind: OutboundKind): TicketPayload {
  if (ticket === undefined) throw new AppError('INPUT_INVALID', `email render: payload of ${kind} lacks a valid ticket`, { details: { kind, field: 'ticket' } });
  return ticket;
}

type Builders = { [K in MailKind]: (m: OutboundMessage) => ViewModels[K] };

const BUILDERS: Builders = {
  auto_answer: (m) => {
    const { answer } = readPayload('auto_answer', m.payload);
    return { answerText: answer.text, citation: answer.citation, stand: answer.stand, source: answer.source, reminder: answer.reminder ?? BINDING_REMINDER };
  },
  suggestions: (m) => ({
    items: readPayload('suggestions', m.payload).suggestions.map((s) => ({ title: s.title, citation: s.citation })),
    reminder: BINDING_REMINDER,
  }),
  declined: (m) => {
    const { message, contact } = readPayload('declined', m.payload);
    return {
      message: message ?? 'Dazu können wir Ihnen leider keine Auskunft geben.',
      contactTeam: contact?.team ?? null,
      contactEmail: contact?.email ?? null,
      contactPhone: contact?.phone ?? null,
    };
  },
  ticket_confirmation: (m) => {
    const p = readPayload('ticket_confirmation', m.payload);
    const t = ticketOf(p.ticket, m.kind);
    return {
      ticketNumber: t.number,
      teamName: t.team.team,
      teamPhone: t.team.phone,
      categoryLabel: categoryLabel(t.category),
      firstResponseDue: germanDateTime(t.firstResponseDue),
      // Rows queued before the merge carry no `candidates`: their ask-back is a row of its own, so not here too.
      askMunicipality: p.needsMunicipality && p.candidates !== undefined,
      candidates: (p.candidates ?? []).map((c) => ({ label: c.label })),
      notGerman: p.notGerman,
    };
  },
  ask_municipality: (m) => {
    const p = readPayload('ask_municipality', m.payload);
    return { ticketNumber: m.ticketNumber ?? p.ticket?.number ?? null, candidates: p.candidates.map((c) => ({ label: c.label })) };
  },
  staff_answer: (m) => {
    const p = readPayload('staff_answer', m.payload);
    return { text: p.text, staffName: p.staffName, ticketNumber: m.ticketNumber ?? p.ticket?.number ?? null };
  },
  staff_notification: (m) => {
    const p = readPayload('staff_notification', m.payload);
    const t = ticketOf(p.ticket, m.kind);
    return {
      headline: p.headline,
      ticketNumber: t.number,
      ticketSubject: t.subject,
      categoryLabel: categoryLabel(t.category),
      teamName: t.team.team,
      kreisName: t.kreis?.name ?? null,
      firstResponseDue: germanDateTime(t.firstResponseDue),
      note: p.note,
    };
  },
  escalation: (m) => {
    const p = readPayload('escalation', m.payload);
    const t = ticketOf(p.ticket, m.kind);
    return {
      ticketNumber: t.number,
      levelText: p.level >= 2 ? 'die Bearbeitungsfrist ist überschritten' : 'die Frist für die erste Rückmeldung ist überschritten',
      ticketSubject: t.subject,
      teamName: t.team.team,
      assignee: t.assignee,
      dueText: germanDateTime(p.level >= 2 && t.resolutionDue ? t.resolutionDue : t.firstResponseDue),
    };
  },
};

/** Builds the view model for an outbox message; throws AppError INPUT_INVALID when the payload lacks data. */
export function buildView<K extends OutboundKind>(message: OutboundMessage & { kind: K }, common: CommonView): View<K & MailKind> {
  if (!isMailKind(message.kind)) throw new AppError('INPUT_INVALID', `email render: ${message.kind} is not sent by mail`, { details: { kind: message.kind } });
  const builder = BUILDERS[message.kind] as (m: OutboundMessage) => ViewModels[K & MailKind];
  return { ...builder(message), feedbackUrl: null, faqUrl: null, ...common } as View<K & MailKind>;
}

function isMailKind(kind: OutboundKind): kind is MailKind {
  return (MAIL_KINDS as readonly string[]).includes(kind);
}

const SAMPLE_TICKET_TEXT = { ticketNumber: 'IM-2026-000123', ticketSubject: 'Frage zur Förderung', teamName: 'Team Nord' };

/**
 * Sample view models used at load to prove each template renders in strict mode: `full` has every optional
 * value set (so conditional blocks are checked), `empty` has them all null/empty (so else-paths are checked).
 */
export function sampleViews(kind: MailKind): { full: Record<string, unknown>; empty: Record<string, unknown> } {
  const common = { subject: 'AW: [IM-2026-000123] Frage', automatic: true, feedbackUrl: 'https://example.org/rueckmeldung/t', faqUrl: 'https://example.org/faq/faq.html#a' };
  const full: { [K in MailKind]: ViewModels[K] } = {
    auto_answer: { answerText: 'Text', citation: 'VwV Nr. 5.2', stand: '01.01.2026', source: 'https://example.org', reminder: BINDING_REMINDER },
    suggestions: { items: [{ title: 'Frist', citation: 'VwV Nr. 7' }], reminder: BINDING_REMINDER },
    declined: { message: 'Nein.', contactTeam: 'Team', contactEmail: 'a@b.de', contactPhone: '0711' },
    ticket_confirmation: {
      ticketNumber: 'IM-2026-000123',
      teamName: 'Team Nord',
      teamPhone: '0711',
      categoryLabel: 'Antrag',
      firstResponseDue: 'Montag',
      askMunicipality: true,
      candidates: [{ label: 'Altdorf (Landkreis Böblingen)' }],
      notGerman: true,
    },
    ask_municipality: { ticketNumber: 'IM-2026-000123', candidates: [{ label: 'Altdorf (Landkreis Böblingen)' }] },
    staff_answer: { text: 'Antwort', staffName: 'Sachbearbeitung', ticketNumber: 'IM-2026-000123' },
    staff_notification: { ...SAMPLE_TICKET_TEXT, headline: 'Neu', categoryLabel: 'Antrag', kreisName: 'Böblingen', firstResponseDue: 'Montag', note: 'x' },
    escalation: { ...SAMPLE_TICKET_TEXT, levelText: 'die Bearbeitungsfrist ist überschritten', assignee: 'sb-1', dueText: 'Montag' },
  };
  const f = { ...full[kind], ...common };
  const empty: Record<string, unknown> = { ...f, automatic: false, feedbackUrl: null, faqUrl: null, ...('askMunicipality' in f ? { askMunicipality: false, notGerman: false } : {}) };
  for (const key of NULLABLE[kind]) empty[key] = key === 'candidates' || key === 'items' ? [] : null;
  return { full: f, empty };
}

/** Keys that may be null (or empty lists) per kind; the `empty` sample sets exactly these. */
const NULLABLE: Record<MailKind, string[]> = {
  auto_answer: ['stand', 'source'],
  suggestions: [],
  declined: ['contactTeam', 'contactEmail', 'contactPhone'],
  ticket_confirmation: ['teamPhone', 'candidates'],
  ask_municipality: ['ticketNumber', 'candidates'],
  staff_answer: ['ticketNumber'],
  staff_notification: ['kreisName', 'note'],
  escalation: ['assignee'],
};
