/**
 * The preview of a staff answer (issue 13: "a preview of exactly what the municipality will receive"): the
 * outbox message the answer will become, rendered by the renderers the outbox uses — the mail templates with
 * the reply subject for e-mail, render-outbound's card for Teams — and shown as text.
 */
import { payloadOf } from '../../core/messages.js';
import type { OutboundMessage } from '../../core/outcome.js';
import type { StaffDirectory } from '../../core/routing.js';
import type { TicketRecord } from '../../core/ticket-model.js';
import { toView } from '../../tickets/ticket-rows.js';
import type { MailTemplates } from '../email/templates.fs.js';
import { replySubject } from '../email/threading.js';
import { buildView } from '../email/views.js';
import { CardRenderer } from '../teams/cards/render.js';
import { loadCardTemplates } from '../teams/cards/template.js';
import type { TeamsContext } from '../teams/context.js';
import { DEFAULT_CARD_TEMPLATES_DIR } from '../teams/index.js';
import type { AnswerPreview } from './actions.js';

/** Where the renderers' templates live. */
export interface AnswerPreviewDeps {
  /** The server's TEMPLATES_DIR (mail templates under `mail/`), as the mail channel loads them. */
  templatesDir: string;
  /** The Teams card templates, as the Teams channel loads them (default: its DEFAULT_CARD_TEMPLATES_DIR). */
  cardTemplatesDir?: string;
  staff: StaffDirectory;
}

/** The outbox message TicketService.answer queues for this text (the store adds `payload.ticket` the same way). */
export function staffAnswerMessage(ticket: TicketRecord, draft: { text: string; staffName: string; staffId: string }): OutboundMessage {
  return {
    id: 0,
    key: `${ticket.number}:staff_answer:preview`,
    channel: ticket.channel,
    kind: 'staff_answer',
    ticketNumber: ticket.number,
    replyHandle: ticket.replyHandle,
    payload: { ...payloadOf('staff_answer', { text: draft.text, staffName: draft.staffName, staffId: draft.staffId }), ticket: toView(ticket) },
    attempts: 0,
    createdAt: new Date(0).toISOString(),
  };
}

type CardNode = { type?: unknown; text?: unknown; [key: string]: unknown };

/** The visible text of an Adaptive Card, block by block (TextBlocks, also inside containers and columns). */
export function cardText(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(cardText);
  if (node === null || typeof node !== 'object') return [];
  const n = node as CardNode;
  const own = n.type === 'TextBlock' && typeof n.text === 'string' && n.text.trim() !== '' ? [n.text] : [];
  return [...own, ...['body', 'items', 'columns', 'inlines'].flatMap((key) => cardText(n[key]))];
}

/**
 * Creates the preview renderer (templates are loaded and checked once, on the first preview).
 *
 * @example
 * const preview = createAnswerPreview({ templatesDir: './templates', staff });
 * await preview(ticket, { text: 'Guten Tag …', staffName: 'Sachbearbeitung Team Nord (1)', staffId: 'sb-nord-1' });
 */
export function createAnswerPreview(deps: AnswerPreviewDeps): AnswerPreview {
  // Loaded on the first preview: compiling the mail templates costs about a third of a second, which start-up
  // need not pay for a page nobody has opened. The mail channel, when configured, checks the same templates at
  // start-up; the Teams channel the cards.
  // The mail templates' module (with handlebars) is imported then too.
  let renderers: { mail: MailTemplates; teams: TeamsContext } | undefined;
  const load = async () => {
    if (renderers === undefined) {
      const { loadMailTemplates } = await import('../email/templates.fs.js');
      const cards = new CardRenderer(loadCardTemplates(deps.cardTemplatesDir ?? DEFAULT_CARD_TEMPLATES_DIR));
      // render-outbound reads only the card renderer and the staff directory for a staff answer.
      renderers ??= { mail: loadMailTemplates(deps.templatesDir), teams: { cards, staff: deps.staff } as unknown as TeamsContext };
    }
    return renderers;
  };
  return async (ticket, draft) => {
    const { mail, teams } = await load();
    const message = staffAnswerMessage(ticket, draft);
    const handle = ticket.replyHandle;
    switch (handle.channel) {
      case 'email': {
        const subject = replySubject(handle.subject, ticket.number);
        const bodies = mail.render('staff_answer', buildView(message, { subject, automatic: false }) as unknown as Record<string, unknown>);
        return [`An: ${handle.to}`, `Betreff: ${subject}`, '', bodies.text.trimEnd()].join('\n');
      }
      case 'teams': {
        // Imported here: render-outbound needs botbuilder (about 0.4 s to load), which a start need not pay for.
        const { renderOutbound } = await import('../teams/render-outbound.js');
        const activity = await renderOutbound(message, teams);
        const blocks = (activity.attachments ?? []).flatMap((a) => cardText(a.content));
        return ['An: Teams-Unterhaltung der Anfrage', `Hinweis in Teams: ${activity.summary ?? ''}`, '', ...blocks.flatMap((b, i) => (i === 0 ? [b] : ['', b]))].join('\n');
      }
      case 'cli':
        return ['Keine Nachricht: die Anfrage kam über die Kommandozeile. Die Antwort wird nur im Vorgang gespeichert.', '', draft.text].join('\n');
    }
  };
}
