/**
 * Nothing a user is shown carries a placeholder: passage texts, titles, citations, sources and Stand of the
 * shipped knowledge, and the contacts of knowledge/kontakte.yaml as the mail templates render them. An unset
 * contact field (no phone yet) is left out, never shown as "0000" or "Platzhalter". Stand is a date or
 * "undatiert", never a span such as "2017 bis 2023".
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import type { OutboundKind, OutboundMessage } from '../../../src/core/outcome.js';
import { loadMailTemplates } from '../../../src/channels/email/templates.fs.js';
import { buildView } from '../../../src/channels/email/views.js';
import { openKnowledgeBase } from '../../../src/knowledge/knowledge-base.fs.js';
import type { KnowledgeBase } from '../../../src/knowledge/index.js';
import { parseContacts } from '../../../src/routing/contacts.js';
import { realGeo, realRouter } from '../../unit/routing/helpers.js';

const PLACEHOLDER = /Platzhalter|0000 ?000000|example\.(org|com|net)|\bTODO\b|\bXXX\b|lorem|ipsum|\bTBD\b|\?\?\?/i;
/** A date (2020-11-11, 2020-11, 2020) or "undatiert". */
const STAND = /^(\d{4}(-\d{2}(-\d{2})?)?|undatiert)$/;

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await openKnowledgeBase({ dir: 'knowledge', logger: silentLogger });
});
afterAll(async () => {
  await kb.close();
});

describe('shipped knowledge', () => {
  it('shows no placeholder in any passage field', () => {
    const found = kb
      .passages()
      .flatMap((p) => (['title', 'text', 'citation', 'source', 'stand'] as const).filter((f) => PLACEHOLDER.test(p[f] ?? '')).map((f) => `${p.id} ${f}`));
    expect(found).toEqual([]);
  });

  it('gives every passage a Stand that is a date or "undatiert"', () => {
    const bad = kb.passages().filter((p) => !STAND.test(p.stand ?? '')).map((p) => `${p.id}: ${p.stand ?? '(none)'}`);
    expect(bad).toEqual([]);
  });

  it('reads no research notes in its answers', () => {
    const notes = /eigene Berechnung aus|ist naheliegend|in der Quelle aber nicht|lag bei der Erstellung nicht vor|gelesenen Fassung/i;
    expect(kb.passages().filter((p) => notes.test(p.text)).map((p) => p.id)).toEqual([]);
  });
});

describe('contacts as rendered to requesters', () => {
  const templates = loadMailTemplates('templates');
  const contacts = parseContacts(readFileSync('knowledge/kontakte.yaml', 'utf8'), 'knowledge/kontakte.yaml', realGeo().kreise);
  const message = (kind: OutboundKind, payload: Record<string, unknown>): OutboundMessage => ({
    id: 1,
    key: 'k',
    channel: 'email',
    kind,
    ticketNumber: 'IM-2026-000001',
    replyHandle: { channel: 'email', to: 'x@gemeinde.de', messageId: null, references: [], subject: 'Frage' },
    payload,
    attempts: 0,
    createdAt: '2026-03-02T09:00:00Z',
  });
  const render = (kind: OutboundKind, payload: Record<string, unknown>): string => {
    const view = buildView(message(kind, payload), { subject: 'Frage', automatic: true }) as unknown as Record<string, unknown>;
    const { text, html } = templates.render(kind, view);
    return `${text}\n${html}`;
  };
  const teamContacts = contacts.teams.map((t) => ({ team: t.name, email: t.email, phone: t.telefon }));
  const routed = realRouter().route('Stadtverwaltung Ulm').contact;

  it.each([...teamContacts, routed].map((c) => [c?.team ?? 'none', c]))('shows the contact of %s without placeholders', (_team, contact) => {
    const declined = render('declined', { message: 'Diese Frage betrifft nicht das Förderprogramm.', contact });
    const ticket = { number: 'IM-2026-000001', subject: 'Frage', category: 'frist', team: contact, kreis: null, assignee: null, firstResponseDue: '2026-03-05T09:00:00Z' };
    const confirmation = render('ticket_confirmation', { ticket });
    expect(declined).toContain(contact!.team);
    for (const rendered of [declined, confirmation]) {
      expect(rendered).not.toMatch(PLACEHOLDER);
      if (contact!.phone === '') expect(rendered).not.toMatch(/Telefon/);
    }
  });
});
