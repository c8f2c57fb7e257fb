import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../src/core/outcome.js';
import { fanOutLegs, staffDraft } from '../../../src/core/staff-messages.js';
import { createFakeStaffDirectory } from '../../fakes/staff-directory.js';

const staff = createFakeStaffDirectory();
const ticket = { number: 'IM-2026-000001', status: 'neu', subject: 'Frage', category: 'antrag', team: { teamId: 'team-sued', team: 'Team Süd' }, assignee: null, firstResponseDue: '2026-06-08T22:00:00.000Z' };

/** A staff message as the outbox hands it to the fan-out (with the ticket's current view). */
function claimed(kind: OutboundMessage['kind'], to: { team: string } | { person: string }, payload: Record<string, unknown> = {}): OutboundMessage {
  const draft = staffDraft(`${ticket.number}:${kind}:v2`, kind, to, 'Frage', payload);
  return { id: 1, key: draft.key, channel: 'staff', kind, ticketNumber: ticket.number, replyHandle: draft.replyHandle, payload: { ...draft.payload, ticket }, attempts: 0, createdAt: '2026-06-03T08:00:00.000Z' };
}

describe(fanOutLegs.name, () => {
  it('sends a notification to the team mailbox and the Teams channel serving the team', () => {
    const legs = fanOutLegs(claimed('staff_notification', { team: 'team-sued' }), { staff, teamsChannel: () => '19:shared' });
    expect(legs.map((l) => l.channel)).toEqual(['email', 'teams']);
  });

  it('skips the card of the team a ticket left when the ticket\'s team is served by the same Teams channel', () => {
    const leftCard = claimed('staff_card', { team: 'team-nord' }, { event: 'handed_over', actor: 'sb-nord-1' });
    expect(fanOutLegs(leftCard, { staff, teamsChannel: () => '19:shared' })).toEqual([]);
    const own = { 'team-nord': '19:nord', 'team-sued': '19:sued' } as Record<string, string>;
    expect(fanOutLegs(leftCard, { staff, teamsChannel: (id) => own[id] ?? null })).toEqual([
      expect.objectContaining({ suffix: 'teams', replyHandle: { channel: 'teams', conversationReference: { conversation: { id: '19:nord' } } } }),
    ]);
  });

  it('keeps the card update of the ticket\'s own team', () => {
    const card = claimed('staff_card', { team: 'team-sued' }, { event: 'claimed', actor: 'sb-sued-1' });
    expect(fanOutLegs(card, { staff, teamsChannel: () => '19:shared' }).map((l) => l.channel)).toEqual(['teams']);
  });
});
