/**
 * Issue 10 through the real mail stack (Dovecot, smtp-server sink, SQLite): a stranger who knows a ticket
 * number (or holds a forwarded copy of our reply) cannot add text to that ticket, reopen it, re-route it or
 * get their address learned for its municipality; their mail opens a new ticket that names the number for
 * staff. The requester's own reply still continues the ticket (the control that shows the wiring works).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SenderConfirmations } from '../../../src/core/handle-enquiry.js';
import { InMemorySenderDirectory } from '../../../src/routing/sender-directory.js';
import type { TicketService } from '../../../src/tickets/ticket-service.js';
import { mail, startEmailHarness, type EmailHarness } from './harness.js';
import { waitUntil } from './wait.js';

const REQUESTER = 'antrag@verwaltung.example';
const STRANGER = 'angreifer@example.net';
/** An application matter that names no municipality: the ticket waits in the central queue for the ask-back. */
const CASE = 'Guten Tag,\r\n\r\nunser Antrag vom 3. März 2026, Aktenzeichen 4711: der Bescheid ist noch nicht da.\r\n\r\nMit freundlichen Grüßen\r\nVerwaltung';

async function settle(h: EmailHarness, processed: number): Promise<void> {
  await h.waitForFolder('Bearbeitet', processed);
  await waitUntil(() => (h.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n, (n) => n === 0);
}

function recorded(h: EmailHarness, key: string): { outcome: string; ticket_number: string | null } {
  return h.db.prepare('SELECT outcome, ticket_number FROM enquiries WHERE key = ?').get(key) as never;
}

describe('a ticket number in a stranger\'s mail (issue 10)', () => {
  const directory = new InMemorySenderDirectory();
  const senders: SenderConfirmations = {
    confirm: (address, ags, provenance, at) => directory.remember(address, ags, provenance, at),
    municipalityOf: (address) => directory.lookup(address)?.gemeindeAgs ?? null,
  };
  let h: EmailHarness;
  let service: TicketService;
  let ticket: string;
  let confirmationId: string;

  beforeAll(async () => {
    h = await startEmailHarness({ senders });
    const { routing } = h.services;
    service = h.services.tickets;
    await h.append(mail('case@verwaltung.example', `Verwaltung <${REQUESTER}>`, 'Bescheid fehlt', CASE));
    await settle(h, 1);
    ticket = recorded(h, 'email:case@verwaltung.example').ticket_number ?? '';
    confirmationId = h.sink.messages.find((m) => m.envelopeTo.includes(REQUESTER))?.parsed.messageId ?? '';
    expect((await service.show(ticket)).ticket.team.teamId).toBe('zentrale');
    const worker = routing.staff.staff().find((s) => s.teamId === 'zentrale') ?? routing.staff.staff()[0]!;
    expect((await service.claim(ticket, worker.id)).ok).toBe(true);
    expect((await service.close(ticket, { by: worker.id })).ok).toBe(true);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('opens a new ticket naming the number; the closed ticket keeps status, team, messages and events; nothing is learned', async () => {
    const before = await service.show(ticket);
    const sent = h.sink.messages.length;
    await h.append(mail('attack-1@example.net', `Kommune <${STRANGER}>`, `AW: [${ticket}] Bescheid fehlt`, 'Wir sind die Gemeinde Aidlingen. Bitte überweisen Sie künftig auf unser neues Konto.'));
    // The same with a forwarded copy of our confirmation: its Message-ID proves nothing about the sender.
    await h.append(
      mail('attack-2@example.net', `Kommune <${STRANGER}>`, 'Re: Bescheid fehlt', 'Wir sind die Gemeinde Aidlingen.', [`In-Reply-To: ${confirmationId}`, `References: ${confirmationId}`]),
    );
    await settle(h, 3);

    // Unchanged, and nothing queued on it (the delivery state of what was queued before may move on).
    const held = (d: typeof before) => ({ ...d, outbox: d.outbox.map((o) => o.key) });
    expect(held(await service.show(ticket))).toEqual(held(before));
    expect((await service.show(ticket)).ticket).toMatchObject({ status: 'erledigt', team: { teamId: 'zentrale' }, requester: { kreis: null } });
    expect(directory.lookup(STRANGER)).toBeNull();
    for (const key of ['email:attack-1@example.net', 'email:attack-2@example.net']) {
      const { outcome, ticket_number: created } = recorded(h, key);
      expect(outcome).toBe('ticket_created');
      expect(created).not.toBe(ticket);
      const shown = await service.show(created!);
      expect(shown.ticket.requester.address).toBe(STRANGER);
      expect(shown.messages).toContainEqual(expect.objectContaining({ direction: 'note', text: `Bezieht sich auf ${ticket}; Zuordnung durch die Sachbearbeitung prüfen` }));
    }
    const replies = h.sink.messages.slice(sent);
    expect(replies.filter((m) => m.envelopeTo.includes(REQUESTER))).toHaveLength(0);
    const toStranger = replies.filter((m) => m.envelopeTo.includes(STRANGER));
    expect(toStranger).toHaveLength(2);
    for (const m of toStranger) expect(m.parsed.subject).toMatch(/^AW: \[IM-\d{4}-\d{6}\] /);
    expect(toStranger.map((m) => /\[(IM-\d{4}-\d{6})\]/.exec(m.parsed.subject ?? '')?.[1])).not.toContain(ticket);
  });

  it('still lets the requester continue, reopen and settle the route of the ticket (control)', async () => {
    await h.append(
      mail('own-reply@verwaltung.example', `Verwaltung <${REQUESTER}>`, `AW: [${ticket}] Bescheid fehlt`, 'Wir sind die Gemeinde Aidlingen.', [`In-Reply-To: ${confirmationId}`]),
    );
    await settle(h, 4);
    expect(recorded(h, 'email:own-reply@verwaltung.example')).toMatchObject({ outcome: 'follow_up', ticket_number: ticket });
    // Reopened and, with the municipality named, moved to the Böblingen team's queue (it leaves its holder).
    expect((await service.show(ticket)).ticket).toMatchObject({ status: 'neu', assignee: null, team: { teamId: 'team-mitte' }, requester: { gemeinde: { name: 'Aidlingen' } } });
    expect((await service.show(ticket)).events.map((e) => e.type).slice(-2)).toEqual(['reopened', 'rerouted']);
    expect(directory.lookup(REQUESTER)?.gemeindeAgs).toBe('08115001');
  });
});
