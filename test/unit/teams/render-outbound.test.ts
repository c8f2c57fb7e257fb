import { describe, expect, it } from 'vitest';
import { CardRenderer } from '../../../src/channels/teams/cards/render.js';
import { loadCardTemplates } from '../../../src/channels/teams/cards/template.js';
import type { TeamsContext } from '../../../src/channels/teams/context.js';
import { DEFAULT_CARD_TEMPLATES_DIR } from '../../../src/channels/teams/index.js';
import { lastActionOf, renderOutbound } from '../../../src/channels/teams/render-outbound.js';
import type { OutboundMessage, TicketView } from '../../../src/core/outcome.js';
import { createFakeStaffDirectory } from '../../fakes/staff-directory.js';

const staff = createFakeStaffDirectory();
const ctx = {
  cards: new CardRenderer(loadCardTemplates(DEFAULT_CARD_TEMPLATES_DIR)),
  staff,
  tickets: { show: () => ({ ticket: { requester: { name: 'Frau Test' } }, messages: [{ direction: 'in', text: 'Wo bleibt der Bescheid?' }] }) },
} as unknown as TeamsContext;
const ticket = {
  number: 'IM-2026-000007',
  status: 'neu',
  category: 'antrag',
  subject: 'Frage',
  team: { teamId: 'zentrale', team: 'Zentrale Eingangsstelle', email: 'z@rp.example', phone: null },
  assignee: null,
  firstResponseDue: '2026-03-05T23:00:00.000Z',
  resolutionDue: '2026-03-12T23:00:00.000Z',
};

function confirmation(payload: Record<string, unknown>): OutboundMessage {
  return {
    id: 1,
    key: 'teams:a1:ticket_confirmation',
    channel: 'teams',
    kind: 'ticket_confirmation',
    ticketNumber: ticket.number,
    replyHandle: { channel: 'teams', conversationReference: {} },
    payload: { ticket, ...payload },
    attempts: 1,
    createdAt: '2026-03-03T09:00:00.000Z',
  };
}

describe(renderOutbound.name, () => {
  it('renders a confirmation that carries the ask-back as one activity with both cards', async () => {
    const candidates = [{ gemeindeAgs: null, kreisAgs: '08115', label: 'Landkreis Böblingen' }];
    expect((await renderOutbound(confirmation({ needsMunicipality: true, candidates }), ctx)).attachments).toHaveLength(2);
    expect((await renderOutbound(confirmation({ needsMunicipality: false, candidates: [] }), ctx)).attachments).toHaveLength(1);
  });

  it('adds the German and English line to the confirmation of an enquiry not in German, and only there', async () => {
    const foreign = JSON.stringify((await renderOutbound(confirmation({ notGerman: true }), ctx)).attachments?.[0]?.content);
    expect(foreign).toContain('Your message is not written in German.');
    const german = JSON.stringify((await renderOutbound(confirmation({}), ctx)).attachments?.[0]?.content);
    expect(german).not.toContain('not written in German');
  });

  it('renders a staff card update with the last action, and the subject from the first message when it has none', async () => {
    const message: OutboundMessage = {
      ...confirmation({}),
      channel: 'teams',
      kind: 'staff_card',
      payload: { ticket: { ...ticket, subject: '' }, event: 'claimed', actor: 'sb-nord-1' },
    };
    const card = JSON.stringify((await renderOutbound(message, ctx)).attachments?.[0]?.content);
    expect(card).toContain('Übernommen von Sachbearbeitung Team Nord (1).');
    expect(card).toContain('Wo bleibt der Bescheid?');
  });
});

describe(lastActionOf.name, () => {
  const view = ticket as unknown as TicketView;
  it('names where a hand-over went: the person it was handed to, else the team', () => {
    expect(lastActionOf('handed_over', 'sb-nord-1', view, ctx)).toBe('Weitergegeben von Sachbearbeitung Team Nord (1) an Zentrale Eingangsstelle.');
    expect(lastActionOf('handed_over', 'sb-nord-1', { ...view, assignee: 'sb-sued-1' }, ctx)).toBe('Weitergegeben von Sachbearbeitung Team Nord (1) an Sachbearbeitung Team Süd (1).');
  });

  it('has no line for events without an actor or without a wording', () => {
    expect(lastActionOf('handed_over', null, view, ctx)).toBeNull();
    expect(lastActionOf('rerouted', 'requester', view, ctx)).toBeNull();
  });
});
