/**
 * Readable German text for tickets (CLI output; usable by any plain-text door). Pure functions.
 */
import type { AppError } from '../core/errors.js';
import type { TicketStatus, TicketView } from '../core/outcome.js';
import type { TicketDetails, TicketEvent, TicketEventType } from '../core/ticket-model.js';
import { berlinFormat } from '../core/berlin-time.js';
import { TICKET_CATEGORY_LABELS } from '../core/triage/index.js';

/** German status labels. */
export const STATUS_LABELS: Record<TicketStatus, string> = {
  neu: 'neu',
  zugewiesen: 'zugewiesen',
  in_bearbeitung: 'in Bearbeitung',
  wartet: 'wartet auf Rückmeldung',
  erledigt: 'erledigt',
};

/** German names of the ticket events, as staff read them in the CLI and the workplace. */
export const EVENT_LABELS: Record<TicketEventType, string> = {
  created: 'angelegt',
  assigned: 'zugeordnet',
  claimed: 'übernommen',
  handed_over: 'übergeben',
  answered: 'beantwortet',
  noted: 'Notiz',
  requester_replied: 'Rückmeldung eingegangen',
  reopened: 'wieder geöffnet',
  closed: 'erledigt',
  rerouted: 'neu zugeordnet',
  escalated: 'eskaliert',
  deadline_changed: 'Frist geändert',
  anonymised: 'anonymisiert',
};

const dateTime = berlinFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' });

/** "03.06.2026, 10:00" in Berlin time. */
export function germanTime(iso: string | null): string {
  if (iso === null) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime().format(d);
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** A table of tickets, one per line. */
export function renderTicketList(tickets: TicketView[]): string {
  if (tickets.length === 0) return 'Keine Tickets gefunden.\n';
  const head = `${pad('Nummer', 16)} ${pad('Status', 24)} ${pad('Kategorie', 20)} ${pad('Kreis', 18)} ${pad('Team', 22)} ${pad('Bearbeitung', 14)} Erste Antwort bis`;
  const rows = tickets.map(
    (t) =>
      `${pad(t.number, 16)} ${pad(STATUS_LABELS[t.status], 24)} ${pad(TICKET_CATEGORY_LABELS[t.category], 20)} ${pad(t.kreis?.name ?? '–', 18)} ${pad(t.team.team, 22)} ${pad(t.assignee ?? '–', 14)} ${germanTime(t.firstResponseDue)}`,
  );
  return `${[head, ...rows].join('\n')}\n${tickets.length} Ticket(s)\n`;
}

/** German names of the two deadlines, as event data names them. */
export const DEADLINE_LABELS: Record<string, string> = { first_response: 'erste Antwort', resolution: 'Erledigung' };

/** "erste Antwort: 05.06.2026, 23:59 → 12.06.2026, 23:59" for a `deadline_changed` event, else null. */
export function deadlineChangeText(e: TicketEvent): string | null {
  if (e.type !== 'deadline_changed') return null;
  const from = typeof e.data.from === 'string' ? e.data.from : null;
  const to = typeof e.data.to === 'string' ? e.data.to : null;
  return `${DEADLINE_LABELS[String(e.data.deadline)] ?? String(e.data.deadline)}: ${germanTime(from)} → ${germanTime(to)}`;
}

function eventLine(e: TicketEvent): string {
  const change = e.fromStatus !== null && e.fromStatus !== e.toStatus ? ` (${STATUS_LABELS[e.fromStatus]} → ${STATUS_LABELS[e.toStatus]})` : '';
  const level = e.type === 'escalated' ? ` Stufe ${String(e.data.level)}` : '';
  const deadline = deadlineChangeText(e);
  return `  ${germanTime(e.at)}  ${EVENT_LABELS[e.type]}${level}${deadline === null ? '' : ` (${deadline})`}${change} – ${e.actor}${e.note === null ? '' : `: ${e.note}`}`;
}

/** Everything on one ticket: header, history, messages, attachments, outgoing messages. */
export function renderTicketDetails(d: TicketDetails): string {
  const t = d.ticket;
  const place = [t.requester.gemeinde?.name, t.requester.kreis === null ? null : `${t.requester.kreis.typ} ${t.requester.kreis.name}`].filter(Boolean).join(', ');
  const lines = [
    `Ticket ${t.number} – ${STATUS_LABELS[t.status]}`,
    `Betreff:        ${t.subject}`,
    `Kategorie:      ${TICKET_CATEGORY_LABELS[t.category]}`,
    `Kanal:          ${t.channel === 'email' ? 'E-Mail' : t.channel === 'teams' ? 'Teams' : 'Kommandozeile'}`,
    `Anfragende:     ${t.requester.name ?? '–'} <${t.requester.address}>`,
    `Ort:            ${place || 'unbekannt'}${t.requester.routeStatus === 'resolved' ? '' : ` (Zuordnung ${t.requester.routeStatus === 'ambiguous' ? 'nicht eindeutig' : 'unbekannt'})`}`,
    `Team:           ${t.team.team}${t.team.deputyFor === undefined ? '' : ` (Vertretung für ${t.team.deputyFor})`}`,
    `Bearbeitung:    ${t.assignee ?? '– (Team-Warteschlange)'}`,
    `Erste Antwort:  bis ${germanTime(t.firstResponseDue)}${t.firstRespondedAt === null ? '' : `, erfolgt ${germanTime(t.firstRespondedAt)}`}`,
    `Erledigung:     bis ${germanTime(t.resolutionDue)}${t.escalationLevel > 0 ? ` – eskaliert (Stufe ${t.escalationLevel})` : ''}`,
    '',
    'Verlauf:',
    ...d.events.map(eventLine),
    '',
    'Nachrichten:',
    ...d.messages.map((m) => {
      const who = m.direction === 'in' ? 'Eingang' : m.direction === 'out' ? `Antwort von ${m.author}` : `Notiz von ${m.author}`;
      return `  ${germanTime(m.at)}  ${who}${m.suppressed === true ? ' (automatische Antwort, ohne Reaktion)' : ''}:\n    ${m.text.replace(/\n/g, '\n    ')}`;
    }),
  ];
  if (d.attachments.length > 0) {
    lines.push('', 'Anhänge:', ...d.attachments.map((a) => `  ${a.filename} (${a.contentType}, ${a.size} Bytes, sha256 ${a.sha256.slice(0, 12)}…)`));
  }
  const OUT: Record<string, string> = { pending: 'ausstehend', sent: 'versendet', dead: 'nicht zustellbar' };
  lines.push('', 'Ausgang:', ...d.outbox.map((o) => `  ${o.kind} über ${o.channel}: ${OUT[o.status] ?? o.status}, ${o.attempts} Versuch(e)${o.lastError === null ? '' : ` – ${o.lastError}`}`));
  return `${lines.join('\n')}\n`;
}

/** German text for an AppError in the CLI ("Fehler [CODE]: …"). */
export function germanError(error: AppError, subject = ''): string {
  const text: Partial<Record<AppError['code'], string>> = {
    TICKET_NOT_FOUND: `Das Ticket ${subject} gibt es nicht.`,
    STAFF_UNKNOWN: `Unbekannte Person „${String(error.details.staffId ?? subject)}“: bitte die Rollen-Kennung aus der Kontaktdatei angeben (z. B. sb-nord-1).`,
    TEAM_UNKNOWN: `„${String(error.details.to ?? subject)}“ ist weder ein Team noch eine Person aus der Kontaktdatei.`,
    DB_LOCKED: 'Die Datenbank ist gerade gesperrt (ein anderer Prozess schreibt). Bitte versuchen Sie es gleich noch einmal.',
    DB_READONLY: 'Die Datenbank ist schreibgeschützt; Änderungen sind nicht möglich.',
    DB_FULL: 'Der Datenträger der Datenbank ist voll; es wurde nichts geändert.',
  };
  return `Fehler [${error.code}]: ${text[error.code] ?? error.message}`;
}
