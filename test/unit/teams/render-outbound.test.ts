import { describe, expect, it } from 'vitest';
import { CardRenderer } from '../../../src/channels/teams/cards/render.js';
import { loadCardTemplates } from '../../../src/channels/teams/cards/template.js';
import type { TeamsContext } from '../../../src/channels/teams/context.js';
import { DEFAULT_CARD_TEMPLATES_DIR } from '../../../src/channels/teams/index.js';
import { renderOutbound } from '../../../src/channels/teams/render-outbound.js';
import type { OutboundMessage } from '../../../src/core/outcome.js';

const ctx = { cards: new CardRenderer(loadCardTemplates(DEFAULT_CARD_TEMPLATES_DIR)) } as unknown as TeamsContext;
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
  it('renders a confirmation that carries the ask-back as one activity with both cards', () => {
    const candidates = [{ gemeindeAgs: null, kreisAgs: '08115', label: 'Landkreis Böblingen' }];
    expect(renderOutbound(confirmation({ needsMunicipality: true, candidates }), ctx).attachments).toHaveLength(2);
    expect(renderOutbound(confirmation({ needsMunicipality: false, candidates: [] }), ctx).attachments).toHaveLength(1);
  });
});
