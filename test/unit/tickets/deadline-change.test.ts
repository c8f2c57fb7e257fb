/** Frist ändern (issue 13) and the read-only role in the pure lifecycle. */
import { describe, expect, it } from 'vitest';
import { transition } from '../../../src/tickets/ticket.js';
import { deadlineChangeText, renderTicketDetails } from '../../../src/tickets/render-text.js';
import { ACTORS, makeTicket } from '../../fakes/factories.js';

const NOW = new Date('2026-06-02T09:00:00.000Z');
const change = (due: string, reason = 'Unterlagen werden nachgereicht', deadline: 'first_response' | 'resolution' = 'resolution') =>
  ({ type: 'change_deadline', by: ACTORS.nord1, deadline, due, reason }) as const;

describe('change_deadline', () => {
  it('moves the resolution deadline and records old, new, reason and the staff identity', () => {
    const r = transition(makeTicket({ status: 'in_bearbeitung', assignee: 'sb-nord-1' }), change('2026-06-22T21:59:59.999Z'), NOW);
    if (!r.ok) throw new Error(r.refusal.message);
    expect(r.ticket.resolutionDue).toBe('2026-06-22T21:59:59.999Z');
    expect(r.ticket.status).toBe('in_bearbeitung');
    expect(r.event).toMatchObject({ type: 'deadline_changed', actor: 'sb-nord-1', note: 'Unterlagen werden nachgereicht', data: { deadline: 'resolution', from: '2026-06-15T22:00:00.000Z', to: '2026-06-22T21:59:59.999Z', staffId: 'sb-nord-1' } });
    expect(deadlineChangeText(r.event)).toBe('Erledigung: 16.06.2026, 00:00 → 22.06.2026, 23:59');
  });

  it.each([
    ['an empty reason', makeTicket(), change('2026-06-22T21:59:59.999Z', '  '), 'REASON_REQUIRED'],
    ['a date in the past', makeTicket(), change('2026-06-01T21:59:59.999Z'), 'DEADLINE_INVALID'],
    ['the same date', makeTicket(), change('2026-06-15T22:00:00.000Z'), 'DEADLINE_INVALID'],
    ['first response after resolution', makeTicket(), change('2026-06-20T21:59:59.999Z', 'x', 'first_response'), 'DEADLINE_INVALID'],
    ['resolution before the open first response', makeTicket(), change('2026-06-03T10:00:00.000Z'), 'DEADLINE_INVALID'],
    ['first response already given', makeTicket({ firstRespondedAt: '2026-06-02T08:00:00.000Z' }), change('2026-06-05T21:59:59.999Z', 'x', 'first_response'), 'DEADLINE_INVALID'],
    ['a closed ticket', makeTicket({ status: 'erledigt' }), change('2026-06-22T21:59:59.999Z'), 'TICKET_CLOSED'],
    ['a ticket someone else holds', makeTicket({ status: 'in_bearbeitung', assignee: 'sb-nord-2' }), change('2026-06-22T21:59:59.999Z'), 'HELD_BY_OTHER'],
  ])('refuses %s', (_name, ticket, command, code) => {
    const r = transition(ticket, command, NOW);
    expect(r.ok ? 'ok' : r.refusal.code).toBe(code);
  });

  it('takes back the escalation of the moved deadline only', () => {
    const first = transition(makeTicket({ escalationLevel: 1 }), change('2026-06-05T21:59:59.999Z', 'x', 'first_response'), NOW);
    expect(first.ok && first.ticket.escalationLevel).toBe(0);
    const resolution = transition(makeTicket({ escalationLevel: 2 }), change('2026-06-22T21:59:59.999Z'), NOW);
    expect(resolution.ok && resolution.ticket.escalationLevel).toBe(1);
    const other = transition(makeTicket({ escalationLevel: 1 }), change('2026-06-22T21:59:59.999Z'), NOW);
    expect(other.ok && other.ticket.escalationLevel).toBe(1);
  });

  it('shows the change in the plain-text history', () => {
    const r = transition(makeTicket(), change('2026-06-22T21:59:59.999Z'), NOW);
    if (!r.ok) throw new Error(r.refusal.message);
    const text = renderTicketDetails({ ticket: r.ticket, events: [r.event], messages: [], attachments: [], outbox: [] });
    expect(text).toContain('Frist geändert (Erledigung: 16.06.2026, 00:00 → 22.06.2026, 23:59) – sb-nord-1: Unterlagen werden nachgereicht');
  });
});

describe('read-only actor (role Lesen)', () => {
  it.each([
    { type: 'claim', by: { ...ACTORS.nord1, readOnly: true } },
    { type: 'note', by: { ...ACTORS.nord1, readOnly: true }, text: 'x' },
    { type: 'close', by: { ...ACTORS.nord1, readOnly: true } },
  ] as const)('refuses $type', (command) => {
    const r = transition(makeTicket(), command, NOW);
    expect(r.ok ? 'ok' : r.refusal.code).toBe('READ_ONLY');
  });
});
