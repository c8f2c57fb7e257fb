import { describe, expect, it } from 'vitest';
import type { TicketDetails } from '../../../src/core/ticket-model.js';
import { prefillFromTicket } from '../../../src/knowledge-loop/proposal-prefill.js';

const details = (messages: TicketDetails['messages']): TicketDetails =>
  ({ ticket: { subject: 'Frage zum Mittelabruf' }, events: [], messages, attachments: [], outbox: [] }) as unknown as TicketDetails;

const ENQUIRY = {
  direction: 'in' as const,
  author: 'requester',
  at: '2026-12-01T09:00:00Z',
  enquiryKey: 'k',
  text: 'Sehr geehrte Damen und Herren,\nich bin Herr Jonas Becker vom Bürgeramt, Hauptstraße 12, 74072 Heilbronn (Tel. 07131 56-2345, jonas.becker@heilbronn.de), Az. 15.2-1234/2025.\nBis wann müssen wir die Mittel für 2026 abrufen?\nMit freundlichen Grüßen\nJonas Becker',
};

describe('pre-filled proposal', () => {
  it('takes the asking sentence of the enquiry, without names, addresses, phone numbers, mail addresses or file numbers', () => {
    const c = prefillFromTicket(details([ENQUIRY, { direction: 'out', author: 'sb-nord-1', at: '2026-12-02T09:00:00Z', enquiryKey: null, text: 'Sehr geehrter Herr Becker,\nbis zum 30. November.' }]), null, new Date('2026-12-05T10:00:00Z'));
    expect(c.question).toContain('Bis wann müssen wir die Mittel für 2026 abrufen?');
    for (const personal of ['Becker', 'Hauptstraße', '74072', '56-2345', '@heilbronn.de', '1234/2025']) {
      expect(c.question).not.toContain(personal);
      expect(c.answer).not.toContain(personal);
    }
    expect(c.answer).toContain('bis zum 30. November.');
    expect(c).toMatchObject({ alternatives: [], source: '', stand: '2026-12-05', sectionId: '' });
  });

  it('prefers the answer typed in the form over the last reply', () => {
    const c = prefillFromTicket(details([ENQUIRY, { direction: 'out', author: 'sb-nord-1', at: '2026-12-02T09:00:00Z', enquiryKey: null, text: 'alt' }]), 'Neu getippt.', new Date());
    expect(c.answer).toBe('Neu getippt.');
  });
});
