/**
 * The ledger plan of one synthetic ticket for the benches that fill a database through the real ticket module
 * (tickets.bench.ts, workplace.bench.ts, postgres.bench.ts): an e-mail enquiry from a municipality in one Kreis,
 * routed to a team, ticket created. Only what differs between the benches is passed in.
 */
import type { EnquiryPlan } from '../../src/core/enquiry-ledger-ports.js';
import type { Team } from '../../src/core/routing.js';
import type { TicketCategory } from '../../src/core/triage/types.js';

/** What one synthetic ticket is made of. */
export interface SyntheticTicket {
  i: number;
  at: Date;
  kreis: string;
  team: Team;
  category: TicketCategory;
  address: string;
  messageId: string;
  /** The enquiry's text, and the ticket's (the part kept as the request). */
  text: string;
  ticketText: string;
  due: { firstResponseDue: string; resolutionDue: string };
  outbox: EnquiryPlan['outbox'];
}

/** The plan of one synthetic ticket. */
export function syntheticTicketPlan(t: SyntheticTicket): EnquiryPlan {
  const replyHandle = { channel: 'email' as const, to: t.address, messageId: t.messageId, references: [], subject: `Antrag ${t.i}` };
  return {
    enquiry: { key: `email:${t.messageId}`, channel: 'email', from: t.address, fromName: `Person ${t.i}`, subject: replyHandle.subject, text: t.text, receivedAt: t.at, replyHandle, attachments: [] },
    outcome: 'ticket_created',
    at: t.at.toISOString(),
    suppressedReason: null,
    ticket: {
      kind: 'create',
      draft: {
        category: t.category,
        channel: 'email',
        subject: replyHandle.subject,
        requester: { name: `Person ${t.i}`, address: t.address, gemeinde: null, kreis: { ags: t.kreis, name: `Kreis ${t.kreis}`, typ: 'Landkreis' }, routeStatus: 'resolved', evidence: ['Ortsname in der Signatur'], candidates: [] },
        replyHandle,
        team: t.team,
        deputyFor: null,
        assignmentReason: `Landkreis ${t.kreis} → ${t.team.name}`,
        due: t.due,
        text: t.ticketText,
      },
    },
    outbox: t.outbox,
  };
}

/**
 * The plan of a municipality asking about its own application by e-mail (ticket created, confirmation and the
 * team's notice queued), as tickets.bench.ts and postgres.bench.ts create them.
 */
export function askedTicketPlan(i: number, at: Date, kreis: string, team: Team, category: TicketCategory, due: SyntheticTicket['due']): EnquiryPlan {
  const messageId = `<bench-${i}@gemeinde.example>`;
  const address = `person${i}@gemeinde.example`;
  const replyHandle = { channel: 'email' as const, to: address, messageId, references: [], subject: `Antrag ${i}` };
  return syntheticTicketPlan({
    i,
    at,
    kreis,
    team,
    category,
    address,
    messageId,
    text: `Unser Antrag ${i}: wann kommt der Bescheid? Mit freundlichen Grüßen, Gemeinde ${kreis}`,
    ticketText: `Unser Antrag ${i}: wann kommt der Bescheid?`,
    due,
    outbox: [
      { key: `email:${messageId}:ticket_confirmation`, channel: 'email', kind: 'ticket_confirmation', replyHandle, payload: {}, withTicket: true },
      { key: `email:${messageId}:staff_notification`, channel: 'email', kind: 'staff_notification', replyHandle: { ...replyHandle, to: team.email }, payload: { headline: 'neu' }, withTicket: true },
    ],
  });
}
