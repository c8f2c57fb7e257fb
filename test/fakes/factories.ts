/** Factories for test data: tickets, enquiries, actors. */
import type { Enquiry } from '../../src/core/enquiry.js';
import type { EnquiryRequest } from '../../src/core/enquiry-request.js';
import type { TicketRecord } from '../../src/core/ticket-model.js';
import type { Actor } from '../../src/tickets/ticket.js';

/** A ticket in the team queue of Team Nord, overridable. */
export function makeTicket(overrides: Partial<TicketRecord> = {}): TicketRecord {
  return {
    number: 'IM-2026-000001',
    status: 'neu',
    category: 'antrag',
    channel: 'email',
    subject: 'Unser Antrag',
    requester: {
      name: 'Erika Muster',
      address: 'erika@gemeinde.example',
      gemeinde: { ags: '08115045', name: 'Sindelfingen' },
      kreis: { ags: '08115', name: 'Böblingen', typ: 'Landkreis' },
      routeStatus: 'resolved',
      evidence: [],
      candidates: [],
    },
    replyHandle: { channel: 'email', to: 'erika@gemeinde.example', messageId: '<m1@gemeinde.example>', references: [], subject: 'Unser Antrag' },
    team: { teamId: 'team-nord', team: 'Team Nord', email: 'team-nord@rp.example', phone: '0711 1' },
    assignee: null,
    firstResponseDue: '2026-06-03T22:00:00.000Z',
    resolutionDue: '2026-06-15T22:00:00.000Z',
    firstRespondedAt: null,
    escalationLevel: 0,
    createdAt: '2026-06-01T08:00:00.000Z',
    updatedAt: '2026-06-01T08:00:00.000Z',
    closedAt: null,
    anonymisedAt: null,
    version: 1,
    ...overrides,
  };
}

/** Staff actors matching the fake StaffDirectory. */
export const ACTORS = {
  nord1: { id: 'sb-nord-1', teamId: 'team-nord', isLead: false },
  nord2: { id: 'sb-nord-2', teamId: 'team-nord', isLead: false },
  lead: { id: 'lead-1', teamId: 'zentral', isLead: true },
} satisfies Record<string, Actor>;

let counter = 0;

/** A mail enquiry with a fresh key unless given. */
export function makeEnquiry(overrides: Partial<Enquiry> = {}): Enquiry {
  counter += 1;
  const messageId = `<e${counter}@gemeinde.example>`;
  return {
    key: `email:${messageId}`,
    channel: 'email',
    from: 'erika@gemeinde.example',
    fromName: 'Erika Muster',
    subject: 'Frage',
    text: 'Wie hoch ist die Förderung?',
    receivedAt: new Date('2026-06-01T08:00:00.000Z'),
    replyHandle: { channel: 'email', to: 'erika@gemeinde.example', messageId, references: [], subject: 'Frage' },
    attachments: [],
    ...overrides,
  };
}

/** A request for the core: a question whose reply goes by the outbox unless `options` say otherwise. */
export function makeRequest(enquiry: Enquiry, options: Partial<Omit<EnquiryRequest, 'enquiry'>> = {}): EnquiryRequest {
  return { kind: 'question', enquiry, reply: 'outbox', ...options };
}
