import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTicketService, placeFromLabel } from '../../../src/tickets/ticket-service.js';
import { makeEnquiry } from '../../fakes/factories.js';
import { APPLICATION_TEXT, openStack, tempDir, type Stack } from './stack.js';

let tmp: ReturnType<typeof tempDir>;
let s: Stack;
let number: string;

beforeEach(async () => {
  tmp = tempDir();
  s = openStack(join(tmp.dir, 'pakt.db'));
  const created = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
  if (created.kind !== 'ticket_created') throw new Error(created.kind);
  number = created.ticket.number;
});
afterEach(() => {
  s.close();
  tmp.remove();
});

const outboxKinds = async (): Promise<string[]> => (await s.service.show(number)).outbox.map((o) => o.kind);

describe(createTicketService.name, async () => {
  it('runs the lifecycle claim → note → handover → answer → close → reopen with audit events', async () => {
    expect(await s.service.claim(number, 'sb-nord-1')).toMatchObject({ ok: true, ticket: { status: 'in_bearbeitung', assignee: 'sb-nord-1' } });
    expect((await s.service.note(number, { text: 'Rückruf vereinbart', by: 'sb-nord-1' })).ok).toBe(true);
    expect(await s.service.handover(number, { to: 'sb-nord-2', note: 'Bitte übernehmen, ich bin im Urlaub', by: 'sb-nord-1' })).toMatchObject({
      ok: true,
      ticket: { status: 'zugewiesen', assignee: 'sb-nord-2' },
    });
    expect(await s.service.answer(number, { text: 'Der Bescheid geht heute raus.', by: 'sb-nord-2' })).toMatchObject({ ok: true, ticket: { status: 'wartet' } });
    expect(await s.service.close(number, { by: 'sb-nord-2' })).toMatchObject({ ok: true, ticket: { status: 'erledigt' } });
    expect(await s.service.reopen(number, { by: 'sb-nord-1', note: 'Rückfrage' })).toMatchObject({ ok: true, ticket: { status: 'in_bearbeitung' } });

    const shown = await s.service.show(number);
    expect(shown.events.map((e) => [e.type, e.actor])).toEqual([
      ['created', 'system'],
      ['assigned', 'system'],
      ['claimed', 'sb-nord-1'],
      ['noted', 'sb-nord-1'],
      ['handed_over', 'sb-nord-1'],
      ['answered', 'sb-nord-2'],
      ['closed', 'sb-nord-2'],
      ['reopened', 'sb-nord-1'],
    ]);
    expect(shown.events[4]?.note).toBe('Bitte übernehmen, ich bin im Urlaub');
    expect(shown.messages.map((m) => m.direction)).toEqual(['in', 'note', 'out']);
    // Every change keeps the staff card current: a notice where someone is told, else a card update.
    expect(await outboxKinds()).toEqual([
      'ticket_confirmation',
      'staff_notification',
      'staff_card',
      'staff_card',
      'staff_notification',
      'staff_answer',
      'staff_card',
      'staff_card',
      'staff_card',
    ]);
    const handover = s.db.prepare("SELECT reply_handle FROM outbox WHERE kind = 'staff_notification' ORDER BY id DESC LIMIT 1").get() as { reply_handle: string };
    expect(JSON.parse(handover.reply_handle)).toMatchObject({ channel: 'staff', to: { person: 'sb-nord-2' } });
    const claimed = await s.stores.outbox.claimDue({ now: s.clock.now(), channels: ['email'], limit: 10, leaseMs: 1000, owner: 't' });
    const answer = claimed.find((m) => m.kind === 'staff_answer')!;
    expect(answer.channel).toBe('email');
    expect(answer.replyHandle).toMatchObject({ to: 'erika@gemeinde.example', messageId: expect.stringMatching(/^<e\d+@gemeinde\.example>$/) });
    expect(answer.payload).toMatchObject({ text: 'Der Bescheid geht heute raus.', staffName: 'Sachbearbeitung Team Nord (2)', ticket: { number, status: 'in_bearbeitung' } });
    expect(answer.ticketNumber).toBe(number);
  });

  it('refuses without partial state: answering a closed ticket, handing over without a note', async () => {
    await s.service.close(number, { by: 'sb-nord-1' });
    const version = (await s.stores.tickets.find(number))!.version;
    expect(await s.service.answer(number, { text: 'x', by: 'sb-nord-1' })).toMatchObject({ ok: false, refusal: { code: 'TICKET_CLOSED' } });
    await s.service.reopen(number, { by: 'sb-nord-1' });
    expect(await s.service.handover(number, { to: 'team-sued', note: ' ', by: 'sb-nord-1' })).toMatchObject({ ok: false, refusal: { code: 'NOTE_REQUIRED' } });
    expect((await s.stores.tickets.find(number))!.version).toBe(version + 1);
    // Only the close and the reopen changed the ticket (one card update each); the refusals queued nothing.
    expect(await outboxKinds()).toEqual(['ticket_confirmation', 'staff_notification', 'staff_card', 'staff_card']);
  });

  it('updates the card of the old team when a hand-over moves the ticket to another team, not within a team', async () => {
    const staffDrafts = () =>
      (s.db.prepare("SELECT kind, reply_handle FROM outbox WHERE kind IN ('staff_card', 'staff_notification') ORDER BY id").all() as { kind: string; reply_handle: string }[])
        .map((o) => ({ kind: o.kind, to: (JSON.parse(o.reply_handle) as { to?: unknown }).to }));
    await s.service.claim(number, 'sb-nord-1');
    await s.service.handover(number, { to: 'sb-nord-2', note: 'Urlaub', by: 'sb-nord-1' });
    const within = staffDrafts().length;
    expect((await s.service.handover(number, { to: 'team-sued', note: 'Zuständigkeit Süd', by: 'sb-nord-2' })).ok).toBe(true);
    const added = staffDrafts().slice(within);
    expect(added).toEqual(expect.arrayContaining([
      { kind: 'staff_notification', to: { team: 'team-sued' } },
      { kind: 'staff_card', to: { team: 'team-nord' } },
    ]));
    expect(added).toHaveLength(2);
  });

  it('throws coded errors for unknown tickets, staff and teams and malformed numbers', async () => {
    await expect(s.service.claim('IM-2026-999999', 'sb-nord-1')).rejects.toThrow(expect.objectContaining({ code: 'TICKET_NOT_FOUND' }));
    await expect(s.service.claim('IM-26-1', 'sb-nord-1')).rejects.toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    await expect(s.service.claim(number, 'nobody')).rejects.toThrow(expect.objectContaining({ code: 'STAFF_UNKNOWN' }));
    await expect(s.service.handover(number, { to: 'team-mond', note: 'x', by: 'sb-nord-1' })).rejects.toThrow(expect.objectContaining({ code: 'TEAM_UNKNOWN' }));
  });

  it('re-routes a ticket when the requester names the municipality', async () => {
    const ambiguous = await s.enquire(makeEnquiry({ text: 'Unser Antrag: wann kommt der Bescheid? Gemeinde Altdorf' }));
    if (ambiguous.kind !== 'ticket_created') throw new Error(ambiguous.kind);
    expect(ambiguous.ticket.team.teamId).toBe('zentral');
    const result = await s.service.resolveMunicipality(ambiguous.ticket.number, { ags: '08115002', by: 'requester' });
    expect(result).toMatchObject({
      ok: true,
      ticket: { team: { teamId: 'team-nord' }, kreis: { ags: '08115', name: 'Böblingen', typ: 'Landkreis' }, gemeinde: { ags: '08115002', name: 'Altdorf' } },
      event: { type: 'rerouted', actor: 'requester' },
    });
    expect((await s.service.show(ambiguous.ticket.number)).ticket.requester.evidence).toEqual(['Gemeinde vom Anfragenden angegeben: Altdorf (Landkreis Böblingen)']);
    await expect(s.service.resolveMunicipality(ambiguous.ticket.number, { ags: 'Altdorf', by: 'requester' })).rejects.toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
  });

  it('never takes an AGS for a name: a municipality outside the candidates needs its names', async () => {
    const ambiguous = await s.enquire(makeEnquiry({ text: 'Unser Antrag: wann kommt der Bescheid? Gemeinde Altdorf' }));
    if (ambiguous.kind !== 'ticket_created') throw new Error(ambiguous.kind);
    const number = ambiguous.ticket.number;
    await expect(s.service.resolveMunicipality(number, { ags: '08115001', by: 'requester' })).rejects.toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    await expect(s.service.resolveMunicipality(number, { ags: '08421', by: 'requester' })).rejects.toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    const ulm = { ags: '08421000', by: 'requester', gemeinde: { ags: '08421000', name: 'Ulm' }, kreis: { ags: '08421', name: 'Ulm', typ: 'Stadtkreis' as const } };
    expect(await s.service.resolveMunicipality(number, ulm)).toMatchObject({ ok: true, ticket: { gemeinde: ulm.gemeinde, kreis: ulm.kreis } });
  });

  it('lists with filters, newest first', async () => {
    await s.enquire(makeEnquiry({ text: 'Unser Antrag: wann kommt der Bescheid? Stadt Tübingen' }));
    await s.service.claim(number, 'sb-nord-1');
    expect((await s.service.list({ kreisAgs: '08416' })).map((t) => t.kreis?.ags)).toEqual(['08416']);
    expect((await s.service.list({ status: 'in_bearbeitung' })).map((t) => t.number)).toEqual([number]);
    expect((await s.service.list({})).map((t) => t.number)).toEqual(['IM-2026-000002', number]);
  });
});

describe(placeFromLabel.name, () => {
  it('reads names and Kreis type from the router\'s candidate labels and refuses to invent any', () => {
    expect(placeFromLabel('Altdorf (Landkreis Böblingen)', '08115002', '08115')).toEqual({ gemeinde: { ags: '08115002', name: 'Altdorf' }, kreis: { ags: '08115', name: 'Böblingen', typ: 'Landkreis' } });
    expect(placeFromLabel('Ulm (Stadtkreis)', '08421000', '08421')).toEqual({ gemeinde: { ags: '08421000', name: 'Ulm' }, kreis: { ags: '08421', name: 'Ulm', typ: 'Stadtkreis' } });
    expect(placeFromLabel('Welzheim (Rems-Murr-Kreis)', '08119079', '08119')).toEqual({ gemeinde: { ags: '08119079', name: 'Welzheim' }, kreis: { ags: '08119', name: 'Rems-Murr-Kreis', typ: 'Landkreis' } });
    expect(placeFromLabel('Stadtkreis Karlsruhe', null, '08212')).toEqual({ gemeinde: null, kreis: { ags: '08212', name: 'Karlsruhe', typ: 'Stadtkreis' } });
    expect(placeFromLabel('08115', null, '08115')).toBeNull();
    expect(placeFromLabel('Altdorf (08115)', '08115002', '08115')).toBeNull();
    expect(placeFromLabel('Landkreis Böblingen', '08115002', '08115')).toBeNull();
  });
});
