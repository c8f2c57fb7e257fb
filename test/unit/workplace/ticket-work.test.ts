/** Pure parts of the Vorgang additions: the deadline form's dates, the reader role, the answer preview. */
import { describe, expect, it } from 'vitest';
import { mayAct, maySeeOverview, staffUser } from '../../../src/channels/workplace/access.js';
import { cardText, createAnswerPreview } from '../../../src/channels/workplace/answer-preview.fs.js';
import { berlinDayOf, endOfBerlinDay, movableDeadlines } from '../../../src/channels/workplace/deadline-form.js';
import { makeTicket } from '../../fakes/factories.js';
import { createFakeStaffDirectory, FAKE_STAFF } from '../../fakes/staff-directory.js';

describe(endOfBerlinDay.name, () => {
  it.each([
    ['2026-06-22', '2026-06-22T21:59:59.999Z'],
    ['2026-12-31', '2026-12-31T22:59:59.999Z'],
    ['2026-03-29', '2026-03-29T21:59:59.999Z'],
  ])('ends %s at its last Berlin millisecond', (day, iso) => {
    expect(endOfBerlinDay(day)).toBe(iso);
    expect(berlinDayOf(iso)).toBe(day);
  });

  it.each(['', '2026-02-30', '22.06.2026', '2026-13-01', 'morgen'])('rejects %j', (value) => {
    expect(endOfBerlinDay(value)).toBeNull();
  });
});

describe(movableDeadlines.name, () => {
  it('offers the first response only while none went out, resolution preselected', () => {
    expect(movableDeadlines(makeTicket(), undefined).map((d) => [d.value, d.selected])).toEqual([
      ['first_response', false],
      ['resolution', true],
    ]);
    expect(movableDeadlines(makeTicket({ firstRespondedAt: '2026-06-02T08:00:00.000Z' }), 'first_response').map((d) => d.value)).toEqual(['resolution']);
  });
});

describe('role Lesen', () => {
  const staff = createFakeStaffDirectory({ staff: [...FAKE_STAFF, { id: 'lesen-1', displayName: 'Controlling (nur Lesen)', teamId: 'team-nord', readOnly: true }] });
  it('reads every ticket and the overview and acts on none, not even its own team\'s', () => {
    const reader = staffUser(staff, 'lesen-1');
    expect(reader?.role).toBe('lesen');
    expect(mayAct(reader!, makeTicket())).toBe(false);
    expect(maySeeOverview(reader!)).toBe(true);
    expect(maySeeOverview(staffUser(staff, 'sb-nord-1')!)).toBe(false);
  });
});

describe(createAnswerPreview.name, () => {
  const preview = createAnswerPreview({ templatesDir: 'templates', staff: createFakeStaffDirectory() });
  const draft = { text: 'Der Bescheid geht heute raus.', staffName: 'Sachbearbeitung Team Nord (1)', staffId: 'sb-nord-1' };

  it('renders a mail ticket as the mail: recipient, reply subject with the number, body with signature', async () => {
    const t = makeTicket();
    const lines = (await preview(t, draft)).split('\n');
    expect(lines.slice(0, 3)).toEqual(['An: erika@gemeinde.example', `Betreff: AW: [${t.number}] Unser Antrag`, '']);
    expect(lines).toContain('Der Bescheid geht heute raus.');
    expect(lines).toContain('Sachbearbeitung Team Nord (1)');
  });

  it('renders a Teams ticket as the card text render-outbound sends', async () => {
    const t = makeTicket({ channel: 'teams', replyHandle: { channel: 'teams', conversationReference: { conversation: { id: 'c1' } } } });
    const text = await preview(t, draft);
    expect(text).toContain('An: Teams-Unterhaltung der Anfrage');
    expect(text).toContain(`Antwort zu Ticket ${t.number}`);
    expect(text).toContain('Der Bescheid geht heute raus.');
    expect(text).toContain(`Rückfragen schreiben Sie bitte mit der Ticketnummer ${t.number} hier in den Chat.`);
  });

  it('collects text blocks also inside containers and columns', () => {
    expect(cardText({ body: [{ type: 'Container', items: [{ type: 'TextBlock', text: 'a' }] }, { type: 'ColumnSet', columns: [{ items: [{ type: 'TextBlock', text: 'b' }] }] }] })).toEqual(['a', 'b']);
  });
});
