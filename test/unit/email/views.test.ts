import { describe, expect, it } from 'vitest';
import { buildView, BINDING_REMINDER } from '../../../src/channels/email/views.js';
import type { OutboundMessage } from '../../../src/core/outcome.js';

const common = { subject: 'AW: Frage', automatic: true };
const handle = { channel: 'email' as const, to: 'a@b.de', messageId: null, references: [], subject: 'Frage' };

function msg(kind: OutboundMessage['kind'], payload: Record<string, unknown>, ticketNumber: string | null = null): OutboundMessage {
  return { id: 1, key: 'k', channel: 'email', kind, ticketNumber, replyHandle: handle, payload, attempts: 1, createdAt: '2026-03-03T09:00:00Z' };
}

describe(buildView.name, () => {
  it('takes the answer, citation and Stand of an automatic answer and adds the binding-text reminder', () => {
    const view = buildView(msg('auto_answer', { answer: { text: 'T', citation: 'VwV Nr. 5', passageId: 'vwv-im#5', stand: '2026-01-01' } }), common);
    expect(view).toMatchObject({ answerText: 'T', citation: 'VwV Nr. 5', stand: '2026-01-01', source: null, reminder: BINDING_REMINDER });
  });

  it('refuses an automatic answer without an answer (INPUT_INVALID)', () => {
    expect(() => buildView(msg('auto_answer', { answer: null }), common)).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
  });

  it('lists the candidates of an ask-back and keeps the ticket number', () => {
    const view = buildView(msg('ask_municipality', { candidates: [{ gemeindeAgs: null, kreisAgs: '08115', label: 'Landkreis Böblingen' }] }, 'IM-2026-000001'), common);
    expect(view).toMatchObject({ ticketNumber: 'IM-2026-000001', candidates: [{ label: 'Landkreis Böblingen' }] });
  });

  it('carries the ask-back in the ticket confirmation when the route is open', () => {
    const ticket = { number: 'IM-2026-000003', subject: 'S', category: 'antrag', team: { team: 'Zentrale Eingangsstelle', phone: null }, firstResponseDue: '2026-03-03T09:00:00Z' };
    const candidates = [{ gemeindeAgs: '08115002', kreisAgs: '08115', label: 'Altdorf (Landkreis Böblingen)' }];
    const asking = buildView(msg('ticket_confirmation', { ticket, needsMunicipality: true, candidates }, ticket.number), common);
    expect(asking).toMatchObject({ ticketNumber: 'IM-2026-000003', askMunicipality: true, candidates: [{ label: 'Altdorf (Landkreis Böblingen)' }] });
    expect(buildView(msg('ticket_confirmation', { ticket, needsMunicipality: false, candidates: [] }), common)).toMatchObject({ askMunicipality: false, notGerman: false });
    expect(buildView(msg('ticket_confirmation', { ticket, needsMunicipality: false, candidates: [], notGerman: true }), common)).toMatchObject({ notGerman: true });
    // Rows queued before the merge carry no candidates: their ask-back is an ask_municipality row of its own.
    expect(buildView(msg('ticket_confirmation', { ticket, needsMunicipality: true }), common)).toMatchObject({ askMunicipality: false, candidates: [] });
  });

  it('falls back to a polite decline text and no contact', () => {
    expect(buildView(msg('declined', { message: null, contact: null }), common)).toMatchObject({ contactTeam: null, message: expect.stringContaining('keine Auskunft') });
  });

  it('names the escalation level and the due time in Berlin time', () => {
    const ticket = { number: 'IM-2026-000002', subject: 'S', category: 'frist', team: { team: 'Team Süd', phone: '1' }, assignee: 'sb-1', firstResponseDue: '2026-03-03T09:00:00Z', resolutionDue: '2026-03-10T09:00:00Z' };
    const view = buildView(msg('escalation', { ticket, level: 2 }), common);
    expect(view).toMatchObject({ levelText: 'die Bearbeitungsfrist ist überschritten', dueText: 'Dienstag, 10. März 2026, 10:00 Uhr', assignee: 'sb-1' });
  });
});
