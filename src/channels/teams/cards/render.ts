/**
 * Outcome / ticket → Adaptive Card. Pure functions over the loaded templates (templates/cards); German
 * wording lives in the templates, only labels and formatting here. Every card carries its actions' `verb`
 * in `data`, routed by the verb table (actions.ts).
 */
import type { Attachment } from 'botbuilder';
import type { AskResult } from '../../../core/knowledge.js';
import type { TicketStatus, TicketView } from '../../../core/outcome.js';
import type { RouteCandidate, StaffDirectory } from '../../../core/routing.js';
import { berlinFormat } from '../../../core/berlin-time.js';
import { TICKET_CATEGORY_LABELS } from '../../../core/triage/index.js';
import { expandTemplate, type CardTemplates, type Json } from './template.js';

/** The attachment content type of an Adaptive Card (botbuilder's `CardFactory.contentTypes.adaptiveCard`). */
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** German labels of the ticket statuses. */
export const STATUS_LABELS: Record<TicketStatus, string> = {
  neu: 'Neu',
  zugewiesen: 'Zugewiesen',
  in_bearbeitung: 'In Bearbeitung',
  wartet: 'Wartet auf Rückmeldung',
  erledigt: 'Erledigt',
};

/** Longest question carried in card data (for "An Sachbearbeitung übergeben"); Teams caps card size. */
export const MAX_QUESTION_IN_CARD = 4000;

const berlinDay = berlinFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric' });
const berlinTime = berlinFormat('de-DE', { hour: '2-digit', minute: '2-digit' });

/**
 * Formats a due time for German readers in Europe/Berlin: "02.12.2026, 14:00 Uhr"; a due time at
 * midnight means "by the end of the previous day" and reads "01.12.2026".
 */
export function formatDue(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = berlinTime().format(date);
  if (time === '00:00') return berlinDay().format(new Date(date.getTime() - 1));
  return `${berlinDay().format(date)}, ${time} Uhr`;
}

/** Renders card templates; one instance per channel. */
export class CardRenderer {
  /** `faqLinkOf`: the passage on the published FAQ site (PUBLIC_FAQ_URL, issue 14), or null. */
  constructor(
    private readonly templates: CardTemplates,
    private readonly faqLinkOf: (passageId: string) => string | null = () => null,
  ) {}

  /** Welcome and `hilfe`: what the bot can do, in three lines. */
  welcome(): Attachment {
    return this.card('welcome', {});
  }

  /** A confident answer with citation, Stand, reminder and the feedback / hand-over buttons. */
  answer(ask: AskResult, enquiryKey: string, question: string, truncationNote?: string): Attachment {
    const answer = ask.answer;
    return this.card('answer', {
      title: answer?.title ?? '',
      text: unwrapLines(answer?.text ?? ''),
      citation: answer?.citation ?? '',
      source: firstUrl(answer?.source),
      stand: answer?.stand ?? '',
      reminder: answer?.reminder ?? '',
      passageId: answer?.passageId ?? '',
      faqUrl: answer?.passageId ? (this.faqLinkOf(answer.passageId) ?? '') : '',
      enquiryKey,
      question: question.slice(0, MAX_QUESTION_IN_CARD),
      truncationNote: truncationNote ?? '',
    });
  }

  /** After "Hat nicht geholfen": asks for an optional comment (verb `feedbackComment`). */
  feedbackComment(enquiryKey: string, passageId: string | null): Attachment {
    return this.card('feedback-comment', { enquiryKey, passageId: passageId ?? '' });
  }

  /** "Meinten Sie …" with the top three passages and "Keine davon". */
  suggestions(ask: AskResult, enquiryKey: string, question: string, truncationNote?: string): Attachment {
    return this.card('suggestions', {
      suggestions: ask.suggestions.slice(0, 3).map((s) => ({ passageId: s.passageId, title: s.title || s.citation })),
      enquiryKey,
      question: question.slice(0, MAX_QUESTION_IN_CARD),
      truncationNote: truncationNote ?? '',
    });
  }

  /**
   * The near misses that accompany a ticket opened because the knowledge base had only suggestions: passages
   * to read while the case worker answers; no "Keine davon" (a person already has the question).
   */
  suggestionsWhileWaiting(ask: AskResult, enquiryKey: string): Attachment {
    return this.card('suggestions-while-waiting', {
      suggestions: ask.suggestions.slice(0, 3).map((s) => ({ passageId: s.passageId, title: s.title || s.citation })),
      enquiryKey,
    });
  }

  /** Ticket number, responsible team and expected response time for the requester. */
  ticketConfirmation(ticket: TicketView, truncationNote?: string, notGerman = false): Attachment {
    return this.card('ticket-confirmation', {
      notGerman,
      number: ticket.number,
      team: ticket.team.team,
      category: TICKET_CATEGORY_LABELS[ticket.category] ?? ticket.category,
      firstResponseDue: formatDue(ticket.firstResponseDue),
      truncationNote: truncationNote ?? '',
    });
  }

  /** Asks the requester for the municipality: choices from the candidates, or free text. */
  askMunicipality(ticketNumber: string, candidates: RouteCandidate[]): Attachment {
    const choices = candidates.slice(0, 8).map((c) => ({ label: c.label, value: c.gemeindeAgs ?? c.kreisAgs }));
    return this.card('ask-municipality', { number: ticketNumber, candidates: choices, hasCandidates: choices.length > 0 });
  }

  /** A case worker's answer, delivered proactively into the requester's conversation. */
  staffAnswer(ticketNumber: string, text: string, team: string | null): Attachment {
    return this.card('staff-answer', { number: ticketNumber, text, team: team ?? '' });
  }

  /** The staff card of a ticket (posted on creation/escalation, updated in place after each action). */
  staffTicket(view: StaffCardData, staff: StaffDirectory): Attachment {
    const t = view.ticket;
    const assignee = t.assignee ? (staff.findStaff(t.assignee)?.displayName ?? t.assignee) : 'noch niemand';
    return this.card('staff-ticket', {
      banner: view.banner ?? '',
      number: t.number,
      statusLabel: STATUS_LABELS[t.status] ?? t.status,
      subject: t.subject || '(ohne Betreff)',
      requester: view.requester ?? 'unbekannt',
      kreis: t.kreis ? `${t.kreis.typ} ${t.kreis.name}` : 'unbekannt',
      gemeinde: t.gemeinde?.name ?? 'unbekannt',
      category: TICKET_CATEGORY_LABELS[t.category] ?? t.category,
      team: t.team.team,
      assignee,
      firstResponseDue: formatDue(t.firstResponseDue),
      resolutionDue: formatDue(t.resolutionDue),
      lastAction: view.lastAction ?? '',
      isOpen: t.status !== 'erledigt',
      targets: handOverTargets(staff),
    });
  }

  private card(name: string, data: Record<string, unknown>): Attachment {
    const template = this.templates.get(name);
    if (template === undefined) throw new Error(`teams cards: template ${name} missing`);
    // What botbuilder's CardFactory.adaptiveCard returns; built here so rendering a card (also the workplace's
    // answer preview) does not load botbuilder.
    return { contentType: ADAPTIVE_CARD, content: expandTemplate(template, data) as Record<string, Json> };
  }
}

/** What the staff card shows besides the ticket itself. */
export interface StaffCardData {
  ticket: TicketView;
  /** Requester label for staff (name or "Teams-Nutzer"); shown in Teams only, never logged. */
  requester?: string | null;
  /** "Übernommen von …", "Weitergegeben an …" (German). */
  lastAction?: string;
  /** "Eskaliert: Frist überschritten" etc. */
  banner?: string;
}

/** Hand-over targets: every team (`team:<id>`) and every staff member (`staff:<id>`). */
export function handOverTargets(staff: StaffDirectory): { title: string; value: string }[] {
  const teams = staff.teams().map((t) => ({ title: `Team: ${t.name}`, value: `team:${t.id}` }));
  const people = staff.staff().map((s) => ({ title: `Person: ${s.displayName}`, value: `staff:${s.id}` }));
  return [...teams, ...people];
}

/**
 * Joins hard-wrapped lines of a passage (Markdown sources wrap at ~110 characters) so Teams shows flowing
 * text; paragraph breaks and list items stay on their own lines.
 */
export function unwrapLines(text: string): string {
  return text.replace(/([^\n])\n(?!\n|\s*(?:[-*•]|\d+[.)])\s)/g, '$1 ');
}

function firstUrl(source: string | undefined): string {
  if (!source) return '';
  const match = /https?:\/\/\S+/.exec(source);
  return match ? match[0].replace(/[),.;]+$/, '') : '';
}
