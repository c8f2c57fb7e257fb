import { CardFactory } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { ADAPTIVE_CARD, CardRenderer, formatDue, handOverTargets, unwrapLines } from '../../../src/channels/teams/cards/render.js';
import { loadCardTemplates } from '../../../src/channels/teams/cards/template.js';
import { DEFAULT_CARD_TEMPLATES_DIR } from '../../../src/channels/teams/index.js';
import type { AskResult } from '../../../src/core/knowledge.js';
import type { TicketView } from '../../../src/core/outcome.js';
import { createFakeStaffDirectory } from '../../fakes/staff-directory.js';

const cards = new CardRenderer(loadCardTemplates(DEFAULT_CARD_TEMPLATES_DIR));
const staff = createFakeStaffDirectory();

const ask: AskResult = {
  question: 'Wie lang darf der Sachbericht sein?',
  answered: true,
  confidence: 0.9,
  outcome: 'answer',
  hits: [],
  suggestions: [
    { passageId: 'faq#sachbericht', title: 'Sachbericht', citation: 'FAQ' },
    { passageId: 'vwv-im#5.2', title: 'Verwendungsnachweis', citation: 'VwV Nr. 5.2' },
    { passageId: 'vwv-im#5.3', title: 'Fristen', citation: 'VwV Nr. 5.3' },
    { passageId: 'vwv-im#6', title: 'Viertens', citation: 'VwV Nr. 6' },
  ],
  answer: {
    text: 'Höchstens drei Seiten.',
    citation: 'FAQ des RP Stuttgart',
    passageId: 'faq#sachbericht',
    title: 'Sachbericht',
    source: 'https://rp.example/faq, https://rp.example/other',
    stand: '2024-05-01',
    reminder: 'Verbindlich sind die VwV und Ihr Zuwendungsbescheid.',
  },
};

const ticket: TicketView = {
  number: 'IM-2026-000042',
  status: 'neu',
  category: 'auszahlung',
  channel: 'teams',
  subject: 'Mittelabruf 2026',
  gemeinde: { ags: '08115002', name: 'Altdorf' },
  kreis: { ags: '08115', name: 'Böblingen', typ: 'Landkreis' },
  team: { teamId: 'team-nord', team: 'Team Nord', email: 'team-nord@rp.example', phone: '0711 1' },
  assignee: null,
  firstResponseDue: '2026-06-08T22:00:00.000Z',
  resolutionDue: '2026-06-17T12:30:00.000Z',
  createdAt: '2026-06-03T08:00:00.000Z',
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const content = (a: { content?: unknown }): any => a.content;
const texts = (card: { body: { text?: string }[] }): string[] => card.body.map((b) => b.text ?? '');

describe(CardRenderer.name, () => {
  it('renders an answer with a linked citation (first URL), Stand, reminder and the three buttons carrying verbs', () => {
    const card = content(cards.answer(ask, 'teams:1:abc', ask.question));
    expect(texts(card)).toContain('Quelle: [FAQ des RP Stuttgart](https://rp.example/faq)');
    expect(texts(card)).toContain('Stand: 2024-05-01');
    expect(card.actions.map((a: { data: { verb: string } }) => a.data.verb)).toEqual(['feedback', 'feedback', 'escalate']);
    expect(card.actions[0].data).toEqual({ verb: 'feedback', helpful: true, enquiryKey: 'teams:1:abc', passageId: 'faq#sachbericht' });
    expect(card.actions[2].data.question).toBe(ask.question);
  });

  it('renders an unlinked citation when the passage has no URL', () => {
    const card = content(cards.answer({ ...ask, answer: { ...ask.answer!, source: '' } }, 'k', 'q'));
    expect(texts(card)).toContain('Quelle: FAQ des RP Stuttgart');
    expect(texts(card).some((t) => t.includes(']('))).toBe(false);
  });

  it('offers at most three suggestions plus "Keine davon"', () => {
    const card = content(cards.suggestions(ask, 'k', 'q'));
    expect(card.actions.map((a: { title: string }) => a.title)).toEqual(['Sachbericht', 'Verwendungsnachweis', 'Fristen', 'Keine davon']);
    expect(card.actions[0].data).toEqual({ verb: 'askPassage', passageId: 'faq#sachbericht', title: 'Sachbericht', enquiryKey: 'k' });
  });

  it('confirms a ticket with number, team, category and the due date (midnight reads as the previous day)', () => {
    const facts = content(cards.ticketConfirmation(ticket)).body.find((b: { type: string }) => b.type === 'FactSet').facts;
    expect(facts).toEqual([
      { title: 'Ticketnummer', value: 'IM-2026-000042' },
      { title: 'Zuständig', value: 'Team Nord' },
      { title: 'Kategorie', value: 'Auszahlung/Mittelabruf' },
      { title: 'Rückmeldung bis', value: '08.06.2026' },
    ]);
  });

  it('asks for the municipality with the candidates as choices, or with free text only', () => {
    const withChoices = content(cards.askMunicipality('IM-2026-000042', [{ gemeindeAgs: '08115002', kreisAgs: '08115', label: 'Altdorf (Landkreis Böblingen)' }]));
    expect(withChoices.body.find((b: { id?: string }) => b.id === 'choice').choices).toEqual([{ title: 'Altdorf (Landkreis Böblingen)', value: '08115002' }]);
    const freeText = content(cards.askMunicipality('IM-2026-000042', []));
    expect(freeText.body.map((b: { type: string }) => b.type)).toEqual(['TextBlock', 'TextBlock', 'Input.Text']);
    expect(freeText.actions[0].data).toEqual({ verb: 'setMunicipality', ticketNumber: 'IM-2026-000042' });
  });

  it('renders the staff card of an open ticket with the five actions and hand-over targets', () => {
    const card = content(cards.staffTicket({ ticket, requester: 'Frau Test' }, staff));
    expect(card.actions.map((a: { title: string }) => a.title)).toEqual(['Übernehmen', 'Antworten', 'Weitergeben an', 'Interne Notiz', 'Erledigt']);
    const handOver = card.actions[2].card;
    expect(handOver.body[0].choices).toEqual(handOverTargets(staff));
    expect(handOver.body[1]).toMatchObject({ id: 'note', isRequired: true });
    const facts = card.body.find((b: { type: string }) => b.type === 'FactSet').facts;
    expect(facts).toContainEqual({ title: 'Bearbeitet von', value: 'noch niemand' });
    expect(facts).toContainEqual({ title: 'Kreis', value: 'Landkreis Böblingen' });
  });

  it('shows the assignee by role name and only "Wieder öffnen" once the ticket is done', () => {
    const card = content(cards.staffTicket({ ticket: { ...ticket, status: 'erledigt', assignee: 'sb-nord-1' }, lastAction: 'Erledigt durch X.' }, staff));
    expect(card.body[0].text).toBe('Ticket IM-2026-000042 · Erledigt');
    expect(card.body.find((b: { type: string }) => b.type === 'FactSet').facts).toContainEqual({ title: 'Bearbeitet von', value: 'Sachbearbeitung Team Nord (1)' });
    expect(card.actions.map((a: { title: string }) => a.title)).toEqual(['Wieder öffnen']);
  });

  it('renders the staff answer for the requester with the ticket number', () => {
    const card = content(cards.staffAnswer('IM-2026-000042', 'Der Bescheid ist unterwegs.', 'Team Nord'));
    expect(texts(card).slice(0, 3)).toEqual(['Antwort zu Ticket IM-2026-000042', 'Der Bescheid ist unterwegs.', 'Team Nord']);
  });
});

describe(unwrapLines.name, () => {
  it.each([
    ['Ein Satz, der\numbrochen wurde.', 'Ein Satz, der umbrochen wurde.'],
    ['Absatz eins.\n\nAbsatz zwei.', 'Absatz eins.\n\nAbsatz zwei.'],
    ['Liste:\n- eins\n- zwei', 'Liste:\n- eins\n- zwei'],
    ['Schritte:\n1. Antrag\n2. Bescheid', 'Schritte:\n1. Antrag\n2. Bescheid'],
  ])('%j → %j', (input, expected) => {
    expect(unwrapLines(input)).toBe(expected);
  });
});

describe(formatDue.name, () => {
  it.each([
    ['2026-06-08T22:00:00.000Z', '08.06.2026'],
    ['2026-06-17T12:30:00.000Z', '17.06.2026, 14:30 Uhr'],
    ['2026-12-01T09:15:00.000Z', '01.12.2026, 10:15 Uhr'],
    ['kein Datum', 'kein Datum'],
  ])('%s → %s', (iso, expected) => {
    expect(formatDue(iso)).toBe(expected);
  });
});

describe('card attachments without botbuilder', () => {
  it('carry the content type botbuilder gives an Adaptive Card', () => {
    expect(ADAPTIVE_CARD).toBe(CardFactory.contentTypes.adaptiveCard);
    expect(cards.welcome()).toEqual(CardFactory.adaptiveCard(cards.welcome().content as object));
  });
});
