import { describe, expect, it } from 'vitest';
import { PAYLOAD_SCHEMAS, readPayload } from '../../../src/core/messages.js';
import { OUTBOUND_KINDS } from '../../../src/core/outcome.js';

const ticket = { number: 'IM-2026-000001', status: 'neu', category: 'antrag', subject: 'Bescheid', team: { team: 'Team Nord', phone: '0711' }, kreis: null, assignee: null, firstResponseDue: '2026-06-08T21:59:59.999Z' };

describe(readPayload.name, () => {
  it('has one schema per outbound kind', () => {
    expect(Object.keys(PAYLOAD_SCHEMAS).sort()).toEqual([...OUTBOUND_KINDS].sort());
  });

  it('reads the payloads producers write today', () => {
    expect(readPayload('staff_notification', { headline: 'ein neuer Vorgang wartet auf Bearbeitung.', note: 'x', teamId: 'team-nord', ticket })).toMatchObject({ headline: expect.any(String), note: 'x', ticket: { number: ticket.number } });
    expect(readPayload('escalation', { level: 2, recipient: 'team', teamId: 'team-nord', ticket }).level).toBe(2);
    expect(readPayload('declined', { message: null, contact: null })).toEqual({ message: null, contact: null });
    expect(readPayload('auto_answer', { answer: { text: 'T', citation: 'VwV Nr. 5', passageId: 'vwv-im#5' }, question: 'Q', confidence: 0.9 }).answer.citation).toBe('VwV Nr. 5');
  });

  it('lifts the shapes of rows queued by earlier versions (an old database still delivers)', () => {
    const triage = { answer: { answer: { text: 'Alt', citation: 'FAQ' }, message: 'Nicht zuständig', suggestions: [{ title: 'Frist', citation: 'VwV Nr. 7' }] }, route: { contact: { team: 'Team Süd', email: 's@rp.example', phone: '1' } } };
    expect(readPayload('auto_answer', { triage }).answer.text).toBe('Alt');
    expect(readPayload('declined', { triage })).toMatchObject({ message: 'Nicht zuständig', contact: { team: 'Team Süd' } });
    expect(readPayload('suggestions', { triage }).suggestions).toEqual([{ title: 'Frist', citation: 'VwV Nr. 7' }]);
    expect(readPayload('staff_notification', { reason: 'Alter Titel', ticket }).headline).toBe('Alter Titel');
    expect(readPayload('staff_answer', { text: 'Hallo', author: 'Sachbearbeitung' }).staffName).toBe('Sachbearbeitung');
    expect(readPayload('escalation', { escalationLevel: 2, ticket }).level).toBe(2);
    expect(readPayload('ask_municipality', { route: { candidates: [{ gemeindeAgs: null, kreisAgs: '08115', label: 'Landkreis Böblingen' }] } }).candidates).toHaveLength(1);
  });

  it('refuses a payload that lacks what its kind needs, with a code', () => {
    expect(() => readPayload('auto_answer', { answer: null })).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    expect(() => readPayload('staff_answer', {})).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
  });
});
