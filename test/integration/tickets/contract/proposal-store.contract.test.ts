/**
 * Contract of the FAQ proposal store (src/knowledge-loop/proposal-store.ts) on SQLite and PostgreSQL (issue 15),
 * two processes on one database: what one writes the other reads; a change and its event are written together
 * or not at all; the version guard lets exactly one of two concurrent changes through; the approval claim is
 * taken once, refused while held (busy) or when the proposal moved on (stale), and taken over when old.
 */
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../../src/core/errors.js';
import type { ProposalContent } from '../../../../src/knowledge-loop/proposal-markdown.js';
import { proposalMigrations } from '../../../../src/knowledge-loop/proposal-migrations.js';
import { createProposalStore } from '../../../../src/knowledge-loop/proposal-store.js';
import type { ProposalEvent } from '../../../../src/knowledge-loop/proposal-types.js';
import { sqlImplementations } from './sql-implementations.js';

const IMPLEMENTATIONS = sqlImplementations(proposalMigrations, 'proposals');

const CONTENT: ProposalContent = {
  question: 'Dürfen Dolmetscherkosten bezahlt werden?',
  answer: 'Nein.',
  alternatives: ['Sind Übersetzungskosten förderfähig?', 'Zahlt das Land Dolmetscher?'],
  source: 'VwV Integrationsmanagement Nr. 5.2',
  stand: '2026-12-05',
  sectionId: 'dolmetscher',
};
const AT = '2026-06-03T08:00:00.000Z';
const event = (type: ProposalEvent['type'], actor: string, at: string, note: string | null = null): ProposalEvent => ({ type, actor, at, note });

describe.each(IMPLEMENTATIONS)('proposal store on $name', (impl) => {
  it('creates a proposal with its event; the other process finds and lists it, newest first', async () => {
    const { a, b, close } = await impl.open();
    try {
      const [sa, sb] = [createProposalStore(a), createProposalStore(b)];
      const first = await sa.create({ ticketNumber: 'IM-2026-000001', content: CONTENT, author: 'sb-nord-1', at: AT });
      const second = await sb.create({ ticketNumber: null, content: { ...CONTENT, sectionId: 'zweite' }, author: 'sb-nord-2', at: '2026-06-03T09:00:00.000Z' });
      expect(first).toEqual({
        id: first.id,
        ticketNumber: 'IM-2026-000001',
        status: 'offen',
        ...CONTENT,
        author: 'sb-nord-1',
        reviewComment: null,
        approvedBy: null,
        approvedAt: null,
        passageId: null,
        createdAt: AT,
        updatedAt: AT,
        version: 1,
      });
      expect(typeof first.id).toBe('number');
      expect(second.id).not.toBe(first.id);
      expect(await sb.find(first.id)).toEqual(first);
      expect(await sb.find(first.id + 1000)).toBeNull();
      expect(await sb.events(first.id)).toEqual([event('proposed', 'sb-nord-1', AT)]);
      expect((await sa.list()).map((p) => p.id)).toEqual([second.id, first.id]);
      expect((await sa.list(1)).map((p) => p.id)).toEqual([second.id]);
    } finally {
      await close();
    }
  });

  it('saves a change when the version matches, refuses a stale one, and writes the change and its event together', async () => {
    const { a, b, close } = await impl.open();
    try {
      const [sa, sb] = [createProposalStore(a), createProposalStore(b)];
      const p = await sa.create({ ticketNumber: null, content: CONTENT, author: 'sb-nord-1', at: AT });
      const returned = event('returned', 'sb-nord-2', '2026-06-04T08:00:00.000Z', 'Bitte begründen.');
      expect(await sb.update(p.id, 1, { status: 'zurueckgegeben', reviewComment: 'Bitte begründen.', alternatives: ['Eine'] }, returned)).toBe('saved');
      expect(await sa.update(p.id, 1, { status: 'offen' }, event('revised', 'sb-nord-1', '2026-06-04T09:00:00.000Z'))).toBe('stale');
      expect(await sa.find(p.id)).toMatchObject({ status: 'zurueckgegeben', reviewComment: 'Bitte begründen.', alternatives: ['Eine'], question: CONTENT.question, version: 2, updatedAt: '2026-06-04T08:00:00.000Z' });
      // An event the database refuses (actor is NOT NULL) takes its change back with it.
      const broken = { ...event('revised', 'sb-nord-1', '2026-06-05T08:00:00.000Z'), actor: null as unknown as string };
      await expect(sa.update(p.id, 2, { status: 'offen' }, broken)).rejects.toSatisfy((error: unknown) => isAppError(error, 'DB_ERROR'));
      expect(await sb.find(p.id)).toMatchObject({ status: 'zurueckgegeben', version: 2 });
      expect((await sb.events(p.id)).map((e) => e.type)).toEqual(['proposed', 'returned']);
      expect(await sa.update(p.id, 2, { status: 'freigegeben', approvedBy: 'sb-nord-2', approvedAt: AT, passageId: 'faq#dolmetscher' }, event('approved', 'sb-nord-2', AT))).toBe('saved');
      expect(await sb.find(p.id)).toMatchObject({ status: 'freigegeben', approvedBy: 'sb-nord-2', passageId: 'faq#dolmetscher', version: 3 });
    } finally {
      await close();
    }
  });

  it('lets exactly one of two concurrent changes of one version through', async () => {
    const { a, b, close } = await impl.open();
    try {
      const [sa, sb] = [createProposalStore(a), createProposalStore(b)];
      const p = await sa.create({ ticketNumber: null, content: CONTENT, author: 'sb-nord-1', at: AT });
      const results = await Promise.all([
        sa.update(p.id, 1, { answer: 'A' }, event('edited', 'sb-nord-2', AT)),
        sb.update(p.id, 1, { answer: 'B' }, event('edited', 'sb-sued-1', AT)),
        sa.update(p.id, 1, { answer: 'C' }, event('edited', 'sb-sued-2', AT)),
      ]);
      expect(results.filter((r) => r === 'saved')).toHaveLength(1);
      const winner = ['A', 'B', 'C'][results.indexOf('saved')];
      expect(await sb.find(p.id)).toMatchObject({ answer: winner, version: 2 });
      expect((await sa.events(p.id)).map((e) => e.type)).toEqual(['proposed', 'edited']);
    } finally {
      await close();
    }
  });

  it('claims an open proposal for approval once: busy while held, stale when it moved on, taken over when old', async () => {
    const { a, b, close } = await impl.open();
    try {
      const [sa, sb] = [createProposalStore(a), createProposalStore(b)];
      const p = await sa.create({ ticketNumber: null, content: CONTENT, author: 'sb-nord-1', at: AT });
      const [one, two] = await Promise.all([sa.claim(p.id, 1, 'sb-nord-2', AT, '2026-06-03T07:50:00.000Z'), sb.claim(p.id, 1, 'sb-sued-1', AT, '2026-06-03T07:50:00.000Z')]);
      expect([one, two].sort()).toEqual(['busy', 'claimed']);
      expect(await sb.claim(p.id, 2, 'sb-sued-1', AT, AT)).toBe('stale');
      expect(await sb.claim(p.id + 1000, 1, 'sb-sued-1', AT, AT)).toBe('stale');
      // The holder died: a claim older than `staleBefore` is taken over.
      expect(await sb.claim(p.id, 1, 'sb-sued-2', '2026-06-03T08:20:00.000Z', '2026-06-03T08:10:00.000Z')).toBe('claimed');
      await sa.release(p.id, 'sb-nord-2');
      expect(await sa.claim(p.id, 1, 'sb-nord-2', '2026-06-03T08:21:00.000Z', '2026-06-03T08:11:00.000Z')).toBe('busy');
      await sb.release(p.id, 'sb-sued-2');
      expect(await sa.claim(p.id, 1, 'sb-nord-2', '2026-06-03T08:22:00.000Z', '2026-06-03T08:12:00.000Z')).toBe('claimed');
      await sa.release(p.id, 'sb-nord-2');
      await sa.update(p.id, 1, { status: 'zurueckgegeben' }, event('returned', 'sb-nord-2', AT));
      expect(await sb.claim(p.id, 2, 'sb-sued-1', AT, AT)).toBe('stale');
    } finally {
      await close();
    }
  });
});
