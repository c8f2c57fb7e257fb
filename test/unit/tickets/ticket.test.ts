import { describe, expect, it } from 'vitest';
import type { TicketRecord } from '../../../src/core/ticket-model.js';
import { transition, type TicketCommand } from '../../../src/tickets/ticket.js';
import { ACTORS, makeTicket } from '../../fakes/factories.js';

const NOW = new Date('2026-06-02T09:00:00.000Z');
const SUED = { teamId: 'team-sued', team: 'Team Süd', email: 'team-sued@rp.example', phone: '0711 2' };
const NORD = { teamId: 'team-nord', team: 'Team Nord', email: 'team-nord@rp.example', phone: '0711 1' };

type Row = {
  name: string;
  given: Partial<TicketRecord>;
  command: TicketCommand;
  expect: { status: TicketRecord['status']; assignee?: string | null; event: string } | { refusal: string; holder?: string };
};

const ROWS: Row[] = [
  { name: 'claim from the team queue', given: {}, command: { type: 'claim', by: ACTORS.nord1 }, expect: { status: 'in_bearbeitung', assignee: 'sb-nord-1', event: 'claimed' } },
  { name: 'claim a ticket handed to me', given: { status: 'zugewiesen', assignee: 'sb-nord-1' }, command: { type: 'claim', by: ACTORS.nord1 }, expect: { status: 'in_bearbeitung', assignee: 'sb-nord-1', event: 'claimed' } },
  { name: 'claim a ticket someone else holds', given: { status: 'in_bearbeitung', assignee: 'sb-nord-2' }, command: { type: 'claim', by: ACTORS.nord1 }, expect: { refusal: 'ALREADY_CLAIMED', holder: 'sb-nord-2' } },
  { name: 'claim my own ticket again', given: { status: 'in_bearbeitung', assignee: 'sb-nord-1' }, command: { type: 'claim', by: ACTORS.nord1 }, expect: { refusal: 'ALREADY_CLAIMED', holder: 'sb-nord-1' } },
  { name: 'claim a closed ticket', given: { status: 'erledigt' }, command: { type: 'claim', by: ACTORS.nord1 }, expect: { refusal: 'TICKET_CLOSED' } },
  { name: 'hand over without a note', given: { status: 'in_bearbeitung', assignee: 'sb-nord-1' }, command: { type: 'handover', by: ACTORS.nord1, to: { team: SUED, person: null }, note: '  ' }, expect: { refusal: 'NOTE_REQUIRED' } },
  { name: 'hand over to a team', given: { status: 'in_bearbeitung', assignee: 'sb-nord-1' }, command: { type: 'handover', by: ACTORS.nord1, to: { team: SUED, person: null }, note: 'Zuständigkeit Süd' }, expect: { status: 'neu', assignee: null, event: 'handed_over' } },
  { name: 'hand over to a person', given: { status: 'in_bearbeitung', assignee: 'sb-nord-1' }, command: { type: 'handover', by: ACTORS.nord1, to: { team: NORD, person: 'sb-nord-2' }, note: 'Urlaub' }, expect: { status: 'zugewiesen', assignee: 'sb-nord-2', event: 'handed_over' } },
  { name: 'hand over a ticket someone else holds', given: { status: 'in_bearbeitung', assignee: 'sb-nord-2' }, command: { type: 'handover', by: ACTORS.nord1, to: { team: SUED, person: null }, note: 'x' }, expect: { refusal: 'HELD_BY_OTHER', holder: 'sb-nord-2' } },
  { name: 'the lead hands over any ticket', given: { status: 'in_bearbeitung', assignee: 'sb-nord-2' }, command: { type: 'handover', by: ACTORS.lead, to: { team: SUED, person: null }, note: 'Umverteilung' }, expect: { status: 'neu', assignee: null, event: 'handed_over' } },
  { name: 'hand over to where it already is', given: { status: 'zugewiesen', assignee: 'sb-nord-2' }, command: { type: 'handover', by: ACTORS.lead, to: { team: NORD, person: 'sb-nord-2' }, note: 'x' }, expect: { refusal: 'SAME_ASSIGNEE' } },
  { name: 'answer an unheld ticket (takes it)', given: {}, command: { type: 'answer', by: ACTORS.nord1, text: 'Antwort' }, expect: { status: 'wartet', assignee: 'sb-nord-1', event: 'answered' } },
  { name: 'answer a closed ticket', given: { status: 'erledigt' }, command: { type: 'answer', by: ACTORS.nord1, text: 'Antwort' }, expect: { refusal: 'TICKET_CLOSED' } },
  { name: 'answer with empty text', given: {}, command: { type: 'answer', by: ACTORS.nord1, text: '' }, expect: { refusal: 'TEXT_REQUIRED' } },
  { name: 'answer a ticket someone else holds', given: { status: 'in_bearbeitung', assignee: 'sb-nord-2' }, command: { type: 'answer', by: ACTORS.nord1, text: 'x' }, expect: { refusal: 'HELD_BY_OTHER' } },
  { name: 'internal note keeps the status', given: { status: 'wartet', assignee: 'sb-nord-1' }, command: { type: 'note', by: ACTORS.nord2, text: 'Rückruf erfolgt' }, expect: { status: 'wartet', assignee: 'sb-nord-1', event: 'noted' } },
  { name: 'close', given: { status: 'wartet', assignee: 'sb-nord-1' }, command: { type: 'close', by: ACTORS.nord1 }, expect: { status: 'erledigt', assignee: 'sb-nord-1', event: 'closed' } },
  { name: 'close twice', given: { status: 'erledigt' }, command: { type: 'close', by: ACTORS.nord1 }, expect: { refusal: 'TICKET_CLOSED' } },
  { name: 'reopen a closed ticket', given: { status: 'erledigt', assignee: 'sb-nord-1', closedAt: '2026-06-01T10:00:00.000Z' }, command: { type: 'reopen', by: ACTORS.nord2 }, expect: { status: 'in_bearbeitung', assignee: 'sb-nord-1', event: 'reopened' } },
  { name: 'reopen an open ticket', given: { status: 'in_bearbeitung' }, command: { type: 'reopen', by: ACTORS.nord1 }, expect: { refusal: 'NOT_CLOSED' } },
  { name: 'requester reply while waiting', given: { status: 'wartet', assignee: 'sb-nord-1' }, command: { type: 'requester_reply' }, expect: { status: 'in_bearbeitung', assignee: 'sb-nord-1', event: 'requester_replied' } },
  { name: 'requester reply reopens a closed ticket', given: { status: 'erledigt', assignee: 'sb-nord-1' }, command: { type: 'requester_reply' }, expect: { status: 'in_bearbeitung', assignee: 'sb-nord-1', event: 'reopened' } },
  { name: 'requester reply on an unheld closed ticket goes to the queue', given: { status: 'erledigt', assignee: null }, command: { type: 'requester_reply' }, expect: { status: 'neu', assignee: null, event: 'reopened' } },
  { name: 'requester reply to a new ticket keeps it new', given: {}, command: { type: 'requester_reply' }, expect: { status: 'neu', assignee: null, event: 'requester_replied' } },
  { name: 'escalate level 1', given: {}, command: { type: 'escalate', level: 1 }, expect: { status: 'neu', event: 'escalated' } },
  { name: 'escalate level 1 twice', given: { escalationLevel: 1 }, command: { type: 'escalate', level: 1 }, expect: { refusal: 'ALREADY_ESCALATED' } },
  { name: 'anonymise an open ticket', given: {}, command: { type: 'anonymise' }, expect: { refusal: 'NOT_CLOSED' } },
  { name: 'change an anonymised ticket', given: { status: 'erledigt', anonymisedAt: '2027-06-01T00:00:00.000Z' }, command: { type: 'reopen', by: ACTORS.nord1 }, expect: { refusal: 'ANONYMISED' } },
  {
    name: 'reroute to another Kreis releases the holder',
    given: { status: 'in_bearbeitung', assignee: 'sb-nord-1' },
    command: { type: 'reroute', by: 'requester', team: SUED, gemeinde: null, kreis: { ags: '08416', name: 'Tübingen', typ: 'Landkreis' }, reason: 'Landkreis Tübingen → Team Süd' },
    expect: { status: 'neu', assignee: null, event: 'rerouted' },
  },
];

describe(transition.name, () => {
  it.each(ROWS)('$name', ({ given, command, expect: want }) => {
    const before = makeTicket(given);
    const result = transition(before, command, NOW);
    if ('refusal' in want) {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.refusal.code).toBe(want.refusal);
      expect(result.refusal.message).not.toBe('');
      if (want.holder !== undefined) expect(result.refusal.holder).toBe(want.holder);
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ticket.status).toBe(want.status);
    if (want.assignee !== undefined) expect(result.ticket.assignee).toBe(want.assignee);
    expect(result.event.type).toBe(want.event);
    expect(result.event.fromStatus).toBe(before.status);
    expect(result.event.toStatus).toBe(want.status);
    expect(result.event.at).toBe(NOW.toISOString());
    expect(result.ticket.version).toBe(before.version + 1);
    expect(before.version).toBe(1);
  });

  it('records the hand-over note and both teams in the event', () => {
    const r = transition(makeTicket({ status: 'in_bearbeitung', assignee: 'sb-nord-1' }), { type: 'handover', by: ACTORS.nord1, to: { team: SUED, person: null }, note: 'Zuständigkeit Süd' }, NOW);
    expect(r.ok && r.event.note).toBe('Zuständigkeit Süd');
    expect(r.ok && r.event.data).toMatchObject({ fromTeamId: 'team-nord', toTeamId: 'team-sued', fromStaffId: 'sb-nord-1' });
  });

  it('sets the first response time once and keeps it on later answers', () => {
    const first = transition(makeTicket(), { type: 'answer', by: ACTORS.nord1, text: 'a' }, NOW);
    if (!first.ok) throw new Error('refused');
    const again = transition({ ...first.ticket, status: 'in_bearbeitung' }, { type: 'answer', by: ACTORS.nord1, text: 'b' }, new Date('2026-06-05T09:00:00.000Z'));
    expect(first.ticket.firstRespondedAt).toBe(NOW.toISOString());
    expect(again.ok && again.ticket.firstRespondedAt).toBe(NOW.toISOString());
  });

  it('sets and clears closedAt on close and reopen', () => {
    const closed = transition(makeTicket({ status: 'in_bearbeitung', assignee: 'sb-nord-1' }), { type: 'close', by: ACTORS.nord1 }, NOW);
    if (!closed.ok) throw new Error('refused');
    expect(closed.ticket.closedAt).toBe(NOW.toISOString());
    const reopened = transition(closed.ticket, { type: 'requester_reply' }, NOW);
    expect(reopened.ok && reopened.ticket.closedAt).toBeNull();
  });
});
