/**
 * The four-eyes loop over a real SQLite file and a temp copy of knowledge/ (never the real one): refusals,
 * the development-set check before saving, the atomic write with change log or git commit, ticket events.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger, systemClock } from '../../../src/core/ports.js';
import type { StaffDirectory } from '../../../src/core/routing.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import { createChangeEvaluator } from '../../../src/knowledge-loop/proposal-eval.fs.js';
import type { ProposalContent } from '../../../src/knowledge-loop/proposal-markdown.js';
import { proposalMigrations } from '../../../src/knowledge-loop/proposal-migrations.js';
import { createProposalService, type ProposalService } from '../../../src/knowledge-loop/proposal-service.js';
import { createProposalStore } from '../../../src/knowledge-loop/proposal-store.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';
import { CHANGELOG_FILE, createKnowledgeWriter, type FileOps } from '../../../src/knowledge-loop/proposal-write.fs.js';

const STAFF = {
  findStaff: (id: string) => ({ 'sb-nord-1': { id, displayName: 'Sachbearbeitung Team Nord (1)', teamId: 'team-nord', email: 'im-sb-nord-1@rps.example' }, 'sb-nord-2': { id, displayName: 'Sachbearbeitung Team Nord (2)', teamId: 'team-nord', email: 'im-sb-nord-2@rps.example' } })[id] ?? null,
} as unknown as StaffDirectory;

const DOLMETSCHER: ProposalContent = {
  question: 'Dürfen Dolmetscherkosten aus der Förderung bezahlt werden?',
  answer: 'Nein. Dolmetscherkosten sind keine förderfähigen Ausgaben des Integrationsmanagements.',
  alternatives: ['Sind Übersetzungskosten förderfähig?'],
  source: 'VwV Integrationsmanagement Nr. 5.2',
  stand: '2026-12-05',
  sectionId: 'dolmetscher',
};
/** Competes with faq#stellenteilung: two development questions become confidently wrong. */
const STELLENTEILUNG: ProposalContent = {
  question: 'Darf eine Integrationsmanagerstelle auf mehrere Personen aufgeteilt werden?',
  answer: 'Nein, eine Stelle darf nicht geteilt werden, jede Teilstelle 0,25 VZÄ Stellenteilung.',
  alternatives: ['Ist Stellenteilung beim Integrationsmanagement erlaubt?'],
  source: 'Vorgang',
  stand: '2026',
  sectionId: 'teilung-neu',
};

let dir: string;
let knowledge: string;
let notes: { number: string; text: string; by: string }[];

function service(options: { ops?: FileOps } = {}): ProposalService {
  const db = openDatabase(join(dir, 'p.db'), proposalMigrations, silentLogger);
  const sets = join(dir, 'set.jsonl');
  writeFileSync(sets, readFileSync('test/fixtures/knowledge/heldout-like.jsonl', 'utf8').split('\n').slice(0, 12).join('\n'));
  return createProposalService({
    store: createProposalStore(sqliteSqlDb(db)),
    writer: createKnowledgeWriter({ dir: knowledge, ...(options.ops === undefined ? {} : { ops: options.ops }) }),
    evaluator: createChangeEvaluator({ dir: knowledge, setFiles: [sets], now: () => new Date() }),
    staff: STAFF,
    noteOnTicket: (number, text, by) => void notes.push({ number, text, by }),
    document: { id: 'faq', title: 'Häufige Fragen', citation: 'Häufige Fragen', source: 'Vorgänge', stand: '2026' },
    clock: systemClock,
    logger: silentLogger,
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pakt-proposals-'));
  knowledge = join(dir, 'knowledge');
  cpSync('knowledge', knowledge, { recursive: true });
  notes = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const faq = (): string => readFileSync(join(knowledge, 'faq.md'), 'utf8');

describe('FAQ proposals, four eyes', { timeout: 60_000 }, () => {
  it('refuses the author approving or returning their own proposal, and keeps knowledge unchanged', async () => {
    const s = service();
    const p = await s.propose({ ticketNumber: 'IM-2026-000001', content: DOLMETSCHER, by: 'sb-nord-1' });
    if (!p.ok) throw new Error(p.message);
    const before = faq();
    expect(await s.approve({ id: p.proposal.id, version: p.proposal.version, content: DOLMETSCHER, by: 'sb-nord-1' })).toEqual({
      ok: false,
      status: 403,
      message: 'Sie haben diesen Vorschlag selbst verfasst. Freigeben oder zurückgeben muss eine zweite Person (Vier-Augen-Prinzip).',
    });
    expect(await s.returnToAuthor({ id: p.proposal.id, version: p.proposal.version, content: DOLMETSCHER, comment: 'x', by: 'sb-nord-1' })).toMatchObject({ ok: false, status: 403 });
    expect(faq()).toBe(before);
  });

  it('propose → return with comment → revise → approve: written to faq.md, logged in the change log, every step a ticket note', async () => {
    const s = service();
    const p = await s.propose({ ticketNumber: 'IM-2026-000001', content: { ...DOLMETSCHER, answer: 'Nein.' }, by: 'sb-nord-1' });
    if (!p.ok) throw new Error(p.message);
    expect(await s.returnToAuthor({ id: p.proposal.id, version: p.proposal.version, content: p.proposal, comment: '  ', by: 'sb-nord-2' })).toMatchObject({ ok: false, status: 422 });
    const back = await s.returnToAuthor({ id: p.proposal.id, version: p.proposal.version, content: p.proposal, comment: 'Bitte begründen.', by: 'sb-nord-2' });
    if (!back.ok) throw new Error(back.message);
    expect(back.proposal).toMatchObject({ status: 'zurueckgegeben', reviewComment: 'Bitte begründen.' });
    expect(await s.approve({ id: p.proposal.id, version: back.proposal.version, content: DOLMETSCHER, by: 'sb-nord-2' })).toMatchObject({ ok: false, status: 409 });
    const revised = await s.revise({ id: p.proposal.id, version: back.proposal.version, content: DOLMETSCHER, by: 'sb-nord-1' });
    if (!revised.ok) throw new Error(revised.message);
    const done = await s.approve({ id: p.proposal.id, version: revised.proposal.version, content: DOLMETSCHER, by: 'sb-nord-2' });
    expect(done).toMatchObject({ ok: true, passageId: 'faq#dolmetscher', recordedIn: 'changelog', proposal: { status: 'freigegeben', approvedBy: 'sb-nord-2', passageId: 'faq#dolmetscher' } });
    expect(faq()).toContain('## Dürfen Dolmetscherkosten aus der Förderung bezahlt werden? {#dolmetscher}');
    expect(faq()).toContain('<!-- herkunft: Vorgang IM-2026-000001, vorgeschlagen von sb-nord-1, freigegeben von sb-nord-2, am ');
    const log = readFileSync(join(knowledge, CHANGELOG_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log).toEqual([expect.objectContaining({ action: 'added', passageId: 'faq#dolmetscher', ticket: 'IM-2026-000001', author: 'sb-nord-1', approver: 'sb-nord-2' })]);
    expect(notes.map((n) => [n.number, n.by, n.text.split(':')[1]?.trim().split(' ')[0]])).toEqual([
      ['IM-2026-000001', 'sb-nord-1', 'als'],
      ['IM-2026-000001', 'sb-nord-2', 'zur'],
      ['IM-2026-000001', 'sb-nord-1', 'überarbeitet'],
      ['IM-2026-000001', 'sb-nord-2', 'freigegeben'],
    ]);
    expect((await s.find(p.proposal.id))!.events.map((e) => e.type)).toEqual(['proposed', 'returned', 'revised', 'approved']);
  });

  it('refuses empty fields and a duplicate section id with a clear message; knowledge unchanged', async () => {
    const s = service();
    expect(await s.propose({ ticketNumber: null, content: { ...DOLMETSCHER, question: '' }, by: 'sb-nord-1' })).toMatchObject({ ok: false, status: 422, problems: ['Bitte geben Sie die Frage an.'] });
    const p = await s.propose({ ticketNumber: null, content: { ...DOLMETSCHER, sectionId: 'stellenteilung' }, by: 'sb-nord-1' });
    if (!p.ok) throw new Error(p.message);
    const before = faq();
    const r = await s.approve({ id: p.proposal.id, version: p.proposal.version, content: p.proposal, by: 'sb-nord-2' });
    expect(r).toMatchObject({ ok: false, status: 422, problems: ['Die Kennung „stellenteilung“ gibt es in faq.md schon (faq#stellenteilung). Bitte wählen Sie eine andere Kennung.'] });
    expect(faq()).toBe(before);
  });

  it('shows a regression on the development sets with the affected questions and saves only after confirming exactly this text', async () => {
    const s = service();
    const p = await s.propose({ ticketNumber: null, content: STELLENTEILUNG, by: 'sb-nord-1' });
    if (!p.ok) throw new Error(p.message);
    const before = faq();
    const check = await s.approve({ id: p.proposal.id, version: p.proposal.version, content: STELLENTEILUNG, by: 'sb-nord-2' });
    if (check.ok !== 'confirm') throw new Error(`expected a confirmation, got ${JSON.stringify(check)}`);
    const affected = check.impact.sets.flatMap((x) => x.affected.map((a) => a.id));
    expect(affected).toEqual(expect.arrayContaining(['h04']));
    expect(check.impact.sets[0]!.hit1After).toBeLessThan(check.impact.sets[0]!.hit1Before);
    expect(faq()).toBe(before);
    expect(await s.approve({ id: p.proposal.id, version: p.proposal.version, content: STELLENTEILUNG, by: 'sb-nord-2', confirm: 'falsch' })).toMatchObject({ ok: 'confirm' });
    const saved = await s.approve({ id: p.proposal.id, version: p.proposal.version, content: STELLENTEILUNG, by: 'sb-nord-2', confirm: check.fingerprint });
    expect(saved).toMatchObject({ ok: true, passageId: 'faq#teilung-neu' });
  });

  it('a write that fails half-way leaves knowledge/ unchanged (no temp file left) and says so', async () => {
    const failing: FileOps = {
      readFile: (p) => Promise.resolve(readFileSync(p, 'utf8')),
      writeFile: (p, text) => {
        writeFileSync(p, text.slice(0, 100));
        return Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
      },
      rename: () => Promise.reject(new Error('not reached')),
      unlink: (p) => Promise.resolve(rmSync(p)),
      appendFile: () => Promise.reject(new Error('not reached')),
    };
    const s = service({ ops: failing });
    const p = await s.propose({ ticketNumber: null, content: DOLMETSCHER, by: 'sb-nord-1' });
    if (!p.ok) throw new Error(p.message);
    const files = readdirSync(knowledge).sort();
    const before = faq();
    const r = await s.approve({ id: p.proposal.id, version: p.proposal.version, content: DOLMETSCHER, by: 'sb-nord-2' });
    expect(r).toEqual({ ok: false, status: 500, message: 'Die Datei faq.md konnte nicht geschrieben werden (ENOSPC). Die Wissensbasis ist unverändert.' });
    expect(faq()).toBe(before);
    expect(readdirSync(knowledge).sort()).toEqual(files);
    expect((await s.find(p.proposal.id))!.proposal.status).toBe('offen');
  });

  it('when the change log cannot be written, the new text is taken back', async () => {
    const ops: FileOps = {
      readFile: (p) => Promise.resolve(readFileSync(p, 'utf8')),
      writeFile: (p, text) => Promise.resolve(writeFileSync(p, text, { flag: 'wx' })),
      rename: async (a, b) => (await import('node:fs/promises')).rename(a, b),
      unlink: (p) => Promise.resolve(rmSync(p)),
      appendFile: () => Promise.reject(Object.assign(new Error('read-only'), { code: 'EROFS' })),
    };
    const s = service({ ops });
    const p = await s.propose({ ticketNumber: null, content: DOLMETSCHER, by: 'sb-nord-1' });
    if (!p.ok) throw new Error(p.message);
    const before = faq();
    const r = await s.approve({ id: p.proposal.id, version: p.proposal.version, content: DOLMETSCHER, by: 'sb-nord-2' });
    expect(r).toMatchObject({ ok: false, status: 500 });
    expect(faq()).toBe(before);
  });

  it('two approvers at once: one saves, the other gets 409 with a clear message, the entry is written once', async () => {
    const s = service();
    const p = await s.propose({ ticketNumber: 'IM-2026-000003', content: DOLMETSCHER, by: 'sb-nord-1' });
    if (!p.ok) throw new Error(p.message);
    const both = await Promise.all([
      s.approve({ id: p.proposal.id, version: p.proposal.version, content: DOLMETSCHER, by: 'sb-nord-2' }),
      s.approve({ id: p.proposal.id, version: p.proposal.version, content: DOLMETSCHER, by: 'sb-sued-1' }),
    ]);
    // Which of the two finishes the development-set check first and claims the proposal is up to the scheduler.
    const winner = both.find((r) => r.ok === true);
    const loser = both.find((r) => r.ok === false);
    expect(winner).toMatchObject({ ok: true, passageId: 'faq#dolmetscher' });
    expect(loser).toMatchObject({ ok: false, status: 409 });
    expect((loser as { message: string }).message).toMatch(/gerade|bereits freigegeben/);
    expect(faq().split('{#dolmetscher}')).toHaveLength(2);
    expect(readFileSync(join(knowledge, CHANGELOG_FILE), 'utf8').trim().split('\n')).toHaveLength(1);
    expect((await s.find(p.proposal.id))!.events.map((e) => e.type)).toEqual(['proposed', 'approved']);
  });

  it('two service instances (two processes) approving at once: the later write is a 409 conflict, not a 500', async () => {
    const a = service();
    const b = service();
    const p = await a.propose({ ticketNumber: null, content: DOLMETSCHER, by: 'sb-nord-1' });
    if (!p.ok) throw new Error(p.message);
    const both = await Promise.all([
      a.approve({ id: p.proposal.id, version: p.proposal.version, content: DOLMETSCHER, by: 'sb-nord-2' }),
      b.approve({ id: p.proposal.id, version: p.proposal.version, content: DOLMETSCHER, by: 'sb-sued-1' }),
    ]);
    expect(both.filter((r) => r.ok === true)).toHaveLength(1);
    expect(both.filter((r) => r.ok === false)).toEqual([expect.objectContaining({ ok: false, status: 409 })]);
    expect(faq().split('{#dolmetscher}')).toHaveLength(2);
    expect((await a.find(p.proposal.id))!.proposal.status).toBe('freigegeben');
  });

  it('in a git work tree each approval is a commit with the approver as author', async () => {
    const git = (...args: string[]): string => execFileSync('git', ['-C', knowledge, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'init', GIT_AUTHOR_EMAIL: 'i@x', GIT_COMMITTER_NAME: 'init', GIT_COMMITTER_EMAIL: 'i@x' } });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'init');
    const s = service();
    const p = await s.propose({ ticketNumber: 'IM-2026-000007', content: DOLMETSCHER, by: 'sb-nord-1' });
    if (!p.ok) throw new Error(p.message);
    expect(await s.approve({ id: p.proposal.id, version: p.proposal.version, content: DOLMETSCHER, by: 'sb-nord-2' })).toMatchObject({ ok: true, recordedIn: 'git' });
    expect(git('log', '-1', '--format=%an <%ae>|%s')).toBe('Sachbearbeitung Team Nord (2) <im-sb-nord-2@rps.example>|FAQ faq#dolmetscher: aus Vorgang IM-2026-000007 Nr. 1 (vorgeschlagen von sb-nord-1, freigegeben von sb-nord-2)\n');
    expect(git('status', '--porcelain')).toBe('');
    expect(readdirSync(knowledge)).not.toContain(CHANGELOG_FILE);
  });
});
