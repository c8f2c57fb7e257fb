/**
 * Contract of the knowledge loop's store (src/knowledge-loop/gaps-store.ts) on SQLite and PostgreSQL (issue 15):
 * questions kept once, mail and Teams votes read together, one feedback secret for every replica, retention.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsMigrations } from '../../../../src/channels/teams/migrations.js';
import { TeamsStore } from '../../../../src/channels/teams/store.js';
import { gapsMigrations } from '../../../../src/knowledge-loop/gaps-migrations.js';
import type { QuestionRecord } from '../../../../src/knowledge-loop/gaps-record.js';
import { createGapsStore } from '../../../../src/knowledge-loop/gaps-store.js';
import { FakeClock } from '../../../fakes/clock.js';
import { postgresAvailability, startPostgres, type PostgresServer } from '../../../helpers/postgres.js';
import { postgresSql, sqliteSql, type SqlImplementation } from './sql-implementations.js';

const availability = postgresAvailability();
let dir = '';
let server: PostgresServer | undefined;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pakt-gaps-contract-'));
  if (availability.available) server = await startPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const MIGRATIONS = [...gapsMigrations, ...teamsMigrations];
const IMPLEMENTATIONS: SqlImplementation[] = [
  sqliteSql(() => dir, MIGRATIONS, 'gaps'),
  ...(availability.available ? [postgresSql(() => server!, MIGRATIONS, 'gaps')] : []),
];
if (!availability.available) it.skip(`PostgreSQL: ${availability.reason}`, () => undefined);

const question = (key: string, askedAt: string): QuestionRecord => ({ enquiryKey: key, channel: 'email', askedAt, outcome: 'answered', question: 'Darf eine Stelle geteilt werden?', passageId: 'faq#x', passageTitle: 'X', confidence: 0.75 });

describe.each(IMPLEMENTATIONS)('gaps store on $name', (impl) => {
  it('keeps a question once, reads mail and Teams votes together and clears old texts', async () => {
    const { a, b, close } = await impl.open();
    try {
      const [ga, gb] = [createGapsStore(a), createGapsStore(b)];
      await ga.recordQuestion(question('k1', '2026-01-01T00:00:00.000Z'));
      await gb.recordQuestion({ ...question('k1', '2026-01-02T00:00:00.000Z'), question: 'anders' });
      expect(await gb.question('k1')).toEqual(question('k1', '2026-01-01T00:00:00.000Z'));
      await gb.recordFeedback({ enquiryKey: 'k1', voter: 'email', channel: 'email', passageId: 'faq#x', helpful: false, comment: 'alt', createdAt: '2026-01-03T00:00:00.000Z' });
      await new TeamsStore(a, new FakeClock('2026-01-04T00:00:00.000Z')).recordFeedback({ enquiryKey: 'k2', voterId: 'aad', passageId: 'faq#x', helpful: true });
      expect((await ga.feedbackSince('2026-01-01')).map((v) => [v.channel, v.helpful, v.comment])).toEqual([
        ['email', false, 'alt'],
        ['teams', true, null],
      ]);
      expect(await gb.retainTexts('2026-02-01')).toEqual({ questions: 1, comments: 1 });
      expect((await ga.questionsSince('2025-01-01'))[0]?.question).toBe('');
    } finally {
      await close();
    }
  });

  it('keeps several questions in one transaction, a key already kept (or repeated in the batch) once', async () => {
    const { a, close } = await impl.open();
    try {
      const store = createGapsStore(a);
      await store.recordQuestion(question('k1', '2026-01-01T00:00:00.000Z'));
      await store.recordQuestions([
        { ...question('k1', '2026-01-02T00:00:00.000Z'), question: 'anders' },
        question('k2', '2026-01-02T00:00:00.000Z'),
        question('k3', '2026-01-03T00:00:00.000Z'),
        { ...question('k3', '2026-01-04T00:00:00.000Z'), question: 'doppelt' },
      ]);
      expect((await store.questionsSince('2025-01-01')).map((q) => [q.enquiryKey, q.askedAt])).toEqual([
        ['k1', '2026-01-01T00:00:00.000Z'],
        ['k2', '2026-01-02T00:00:00.000Z'],
        ['k3', '2026-01-03T00:00:00.000Z'],
      ]);
    } finally {
      await close();
    }
  });

  it('gives two replicas starting at once the same feedback secret', async () => {
    const { a, b, close } = await impl.open();
    try {
      const [one, two] = await Promise.all([createGapsStore(a).generatedSecret(), createGapsStore(b).generatedSecret()]);
      expect(one).toMatch(/^[0-9a-f]{64}$/);
      expect(two).toBe(one);
    } finally {
      await close();
    }
  });
});
