/**
 * Threading and follow-ups through the real stack: the ticket number in the subject (as Outlook keeps it) or a
 * reply to one of our Message-IDs joins the ticket; a staff answer sent from Outlook, an out-of-office reply
 * and a bounce of our confirmation are recorded on the ticket but never answered; the daily limit of
 * automatic replies per sender (beyond it: a ticket for staff, no reply).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, mail, startEmailHarness, type EmailHarness } from './harness.js';
import { waitUntil } from './wait.js';

const CASE = 'Guten Tag,\r\n\r\nunser Bescheid vom 3. März 2026 nennt eine falsche Fördersumme. Bitte prüfen Sie das (Aktenzeichen 14-2026-0815).\r\n\r\nMit freundlichen Grüßen\r\nStefan Roth\r\nStadt Sindelfingen';
const FROM = '"Roth, Stefan" <s.roth@sindelfingen.example>';

function enquiry(h: EmailHarness, key: string): { outcome: string; ticket_number: string | null; suppressed_reason: string | null } | undefined {
  return h.db.prepare('SELECT outcome, ticket_number, suppressed_reason FROM enquiries WHERE key = ?').get(key) as never;
}

async function settle(h: EmailHarness, processed: number): Promise<void> {
  await h.waitForFolder('Bearbeitet', processed);
  await waitUntil(() => (h.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n, (n) => n === 0);
}

describe('threading and follow-ups', () => {
  let h: EmailHarness;
  let ticket: string;
  let confirmationId: string;

  beforeAll(async () => {
    h = await startEmailHarness({ config: { MAIL_AUTO_REPLIES_PER_DAY: 3 } });
    await h.append(mail('case-1@sindelfingen.example', FROM, 'AW: AW: Falsche Fördersumme im Bescheid', CASE));
    await settle(h, 1);
    const confirmation = h.sink.messages.find((m) => m.parsed.inReplyTo === '<case-1@sindelfingen.example>' && /\[IM-/.test(m.parsed.subject ?? ''));
    ticket = /\[(IM-\d{4}-\d{6})\]/.exec(confirmation?.parsed.subject ?? '')?.[1] ?? '';
    confirmationId = confirmation?.parsed.messageId ?? '';
  });

  afterAll(async () => {
    await h?.close();
  });

  it('confirms a ticket with one "AW:" and the number in the subject', () => {
    expect(ticket).toMatch(/^IM-\d{4}-\d{6}$/);
    const confirmation = h.sink.messages.find((m) => m.parsed.messageId === confirmationId);
    expect(confirmation?.parsed.subject).toBe(`AW: [${ticket}] Falsche Fördersumme im Bescheid`);
    expect(confirmation?.parsed.text).toContain(ticket);
    expect(enquiry(h, 'email:case-1@sindelfingen.example')?.ticket_number).toBe(ticket);
  });

  it('joins a reply from Outlook with only the ticket number in the subject to the ticket', async () => {
    const before = h.sink.messages.length;
    await h.append(mail('outlook-reply@sindelfingen.example', FROM, `AW: [${ticket}] Falsche Fördersumme im Bescheid`, 'Anbei noch der Bescheid als PDF.\r\n\r\nGruß\r\nStefan Roth'));
    await settle(h, 2);
    expect(enquiry(h, 'email:outlook-reply@sindelfingen.example')).toMatchObject({ outcome: 'follow_up', ticket_number: ticket });
    const toRequester = h.sink.messages.slice(before).filter((m) => m.envelopeTo.includes('s.roth@sindelfingen.example'));
    expect(toRequester).toHaveLength(0);
  });

  it('joins a reply to our Message-ID whose subject lost the number', async () => {
    await h.append(
      mail('lost-subject@sindelfingen.example', FROM, 'Re: Rückfrage', 'Noch eine Ergänzung zum Vorgang.', [`In-Reply-To: ${confirmationId}`, `References: ${confirmationId}`]),
    );
    await settle(h, 3);
    expect(enquiry(h, 'email:lost-subject@sindelfingen.example')).toMatchObject({ outcome: 'follow_up', ticket_number: ticket });
  });

  it('records a staff answer sent from Outlook on the ticket without answering it', async () => {
    const before = h.sink.messages.length;
    await h.append(
      mail('staff-answer@rps.bwl.de', 'Team Nord <team-nord@rps.bwl.de>', `AW: [${ticket}] Falsche Fördersumme im Bescheid`, 'Sehr geehrter Herr Roth,\r\nwir korrigieren den Bescheid.', [
        'Cc: integrationsmanagement@rps.bwl.de',
      ]),
    );
    await settle(h, 4);
    expect(enquiry(h, 'email:staff-answer@rps.bwl.de')).toMatchObject({ outcome: 'suppressed', ticket_number: ticket, suppressed_reason: 'staff_sender' });
    expect(h.sink.messages.slice(before).filter((m) => m.envelopeTo.includes('team-nord@rps.bwl.de') && m.parsed.inReplyTo)).toHaveLength(0);
  });

  it('records an out-of-office reply to our confirmation on the ticket without answering it', async () => {
    const before = h.sink.messages.length;
    await h.append(
      mail('oof@sindelfingen.example', FROM, `Automatische Antwort: AW: [${ticket}] Falsche Fördersumme`, 'Ich bin bis 13.03. nicht im Büro.', [
        'Auto-Submitted: auto-replied',
        `In-Reply-To: ${confirmationId}`,
      ]),
    );
    await settle(h, 5);
    expect(enquiry(h, 'email:oof@sindelfingen.example')).toMatchObject({ outcome: 'suppressed', ticket_number: ticket, suppressed_reason: 'auto_submitted' });
    expect(h.sink.messages.length).toBe(before);
  });

  it('records a bounce of our confirmation on the ticket without answering it', async () => {
    const before = h.sink.messages.length;
    const dsn = readFileSync(FIXTURES + '15-dsn-bounce.eml', 'utf8')
      .replace('<pakt.0123456789abcdef0123456789abcdef@rps.bwl.de>', confirmationId)
      .replace('<20260303091206.ABC@mx.kommune.example>', '<dsn-of-confirmation@mx.kommune.example>');
    await h.append(dsn);
    await settle(h, 6);
    expect(enquiry(h, 'email:dsn-of-confirmation@mx.kommune.example')).toMatchObject({ outcome: 'suppressed', ticket_number: ticket, suppressed_reason: 'mailer_daemon' });
    expect(h.sink.messages.length).toBe(before);
  });

  it('sends a staff answer as a person would, threaded, and joins the reply to it to the ticket', async () => {
    const { routing, tickets: service } = h.services;
    const teamId = (await service.show(ticket)).ticket.team.teamId;
    const worker = routing.staff.staff().find((s) => s.teamId === teamId);
    expect(worker).toBeDefined();
    expect((await service.claim(ticket, worker!.id)).ok).toBe(true);
    expect((await service.answer(ticket, { text: 'Sehr geehrter Herr Roth,\n\nwir korrigieren den Bescheid.', by: worker!.id })).ok).toBe(true);
    const answer = await waitUntil(
      () => h.sink.messages.find((m) => m.parsed.text?.includes('wir korrigieren den Bescheid')),
      (m) => m !== undefined,
    );
    expect(answer!.parsed.subject).toBe(`AW: [${ticket}] Falsche Fördersumme im Bescheid`);
    expect(answer!.parsed.inReplyTo).toBe('<case-1@sindelfingen.example>');
    expect(answer!.headers['auto-submitted']).toBeUndefined();
    await h.append(mail('thanks@sindelfingen.example', FROM, `AW: ${answer!.parsed.subject}`, 'Vielen Dank!', [`In-Reply-To: ${answer!.parsed.messageId}`]));
    await settle(h, 7);
    expect(enquiry(h, 'email:thanks@sindelfingen.example')).toMatchObject({ outcome: 'follow_up', ticket_number: ticket });
  });

  it('reopens a closed ticket when the requester writes again with its number', async () => {
    const service = h.services.tickets;
    const holder = (await service.show(ticket)).ticket.assignee ?? 'leitung';
    expect((await service.close(ticket, { by: holder })).ok).toBe(true);
    expect((await service.show(ticket)).ticket.status).toBe('erledigt');
    await h.append(mail('reopen@sindelfingen.example', FROM, `AW: [${ticket}] Falsche Fördersumme im Bescheid`, 'Der neue Bescheid ist leider immer noch falsch.'));
    await settle(h, 8);
    expect(enquiry(h, 'email:reopen@sindelfingen.example')).toMatchObject({ outcome: 'follow_up', ticket_number: ticket });
    expect((await service.show(ticket)).ticket.status).not.toBe('erledigt');
  });

  it('gives one sender at most MAIL_AUTO_REPLIES_PER_DAY automatic replies, and puts the rest on one ticket for staff', async () => {
    const before = h.sink.messages.length;
    for (let i = 0; i < 5; i += 1) {
      await h.append(mail(`many-${i}@weil.example`, 'Weil <info@weil.example>', `Frage ${i}`, 'Wie hoch ist der Fördersatz pro Vollzeitstelle im Integrationsmanagement?'));
    }
    await settle(h, 13);
    const rows = h.db.prepare("SELECT key, outcome, ticket_number FROM enquiries WHERE key LIKE 'email:many-%' ORDER BY key").all() as { key: string; outcome: string; ticket_number: string | null }[];
    expect(rows.map((r) => r.outcome)).toEqual(['answered', 'answered', 'answered', 'ticket_created', 'follow_up']);
    // Nothing dropped: both mails beyond the limit are on one ticket, with their text, for staff to answer.
    const limited = rows[3]!.ticket_number;
    expect(limited).not.toBeNull();
    expect(rows[4]!.ticket_number).toBe(limited);
    const texts = h.db.prepare("SELECT enquiry_key FROM ticket_messages WHERE ticket_number = ? AND direction = 'in' ORDER BY id").all(limited) as { enquiry_key: string }[];
    expect(texts.map((t) => t.enquiry_key)).toEqual(['email:many-3@weil.example', 'email:many-4@weil.example']);
    const replied = new Set(h.sink.messages.slice(before).filter((m) => m.envelopeTo.includes('info@weil.example')).map((m) => m.parsed.inReplyTo));
    expect(replied.size).toBe(3);
    expect(h.sink.messages.slice(before).some((m) => m.parsed.subject?.includes(limited!) && !m.envelopeTo.includes('info@weil.example'))).toBe(true);
  });
});
