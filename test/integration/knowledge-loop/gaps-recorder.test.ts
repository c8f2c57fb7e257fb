/**
 * The gap recorder on a real SQLite file: the questions of enquiries handled in the same turn of the event loop
 * go into one transaction, each call resolves once its question is written, and a storage failure is logged
 * without the question and never reaches the enquiry.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/core/outcome.js';
import type { SqlDb } from '../../../src/core/sql.js';
import type { TriageResult } from '../../../src/core/triage/index.js';
import { gapsMigrations } from '../../../src/knowledge-loop/gaps-migrations.js';
import { createGapsRecorder } from '../../../src/knowledge-loop/gaps-recorder.js';
import { createGapsStore } from '../../../src/knowledge-loop/gaps-store.js';
import { openDatabase } from '../../../src/tickets/database.sqlite.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';
import { FakeClock } from '../../fakes/clock.js';
import { makeEnquiry, makeRequest } from '../../fakes/factories.js';
import { createRecordingLogger } from '../../fakes/logger.js';

const triage: TriageResult = {
  intent: 'general_question',
  ticket: false,
  ticketCategory: null,
  reasons: [],
  answer: { question: 'Frau Meier fragt: Gibt es Zuschüsse für Dolmetscher?', answered: false, confidence: 0.2, answer: null, hits: [{ id: 'im#zweck', title: 'Zweck', score: 1 }], outcome: 'suggest', suggestions: [] },
  route: { status: 'unknown', gemeinde: null, kreis: null, candidates: [], evidence: [], contact: null },
};
const outcome = { kind: 'answered', enquiryKey: 'k', triage } as Outcome;
const request = (key: string) => makeRequest(makeEnquiry({ key }));

/** Counts the transactions and single statements that reach the database. */
function counting(db: SqlDb): SqlDb & { transactions: number; runs: number } {
  const counted = Object.create(db) as SqlDb & { transactions: number; runs: number };
  counted.transactions = 0;
  counted.runs = 0;
  counted.transaction = (fn) => {
    counted.transactions += 1;
    return db.transaction(fn);
  };
  counted.run = (sql, params) => {
    counted.runs += 1;
    return db.run(sql, params);
  };
  return counted;
}

describe('gap recorder', () => {
  let dir = '';
  let sql: SqlDb;
  let close: () => void;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pakt-gaps-recorder-'));
    const db = openDatabase(join(dir, 'gaps.db'), gapsMigrations, createRecordingLogger());
    sql = sqliteSqlDb(db);
    close = () => db.close();
  });
  afterEach(() => {
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the questions of one turn in one transaction and resolves each call once written', async () => {
    const db = counting(sql);
    const record = createGapsRecorder(db, new FakeClock('2026-12-01T10:00:00Z'), createRecordingLogger());
    await Promise.all([record(request('a'), outcome), record(request('b'), outcome), record(request('c'), outcome)]);
    expect(db.transactions).toBe(1);
    expect((await createGapsStore(sql).questionsSince('2026-01-01')).map((q) => [q.enquiryKey, q.question])).toEqual([
      ['a', 'Frau [Name] fragt: Gibt es Zuschüsse für Dolmetscher?'],
      ['b', 'Frau [Name] fragt: Gibt es Zuschüsse für Dolmetscher?'],
      ['c', 'Frau [Name] fragt: Gibt es Zuschüsse für Dolmetscher?'],
    ]);
    // A later turn is a batch of its own; a single question needs no transaction.
    await record(request('d'), outcome);
    expect([db.transactions, (await createGapsStore(sql).question('d'))?.enquiryKey]).toEqual([1, 'd']);
  });

  it('logs a storage failure without the question, and the enquiry goes on', async () => {
    const lines = createRecordingLogger();
    const record = createGapsRecorder(sql, new FakeClock('2026-12-01T10:00:00Z'), lines);
    close();
    await expect(Promise.all([record(request('a'), outcome), record(request('b'), outcome)])).resolves.toBeDefined();
    expect(lines.lines.map((l) => [l.level, l.msg, l.obj['questions']])).toEqual([['warn', 'questions not kept for the gap report', 2]]);
    expect(lines.text()).not.toContain('Dolmetscher');
    // Reopened for afterEach.
    const db = openDatabase(join(dir, 'gaps.db'), gapsMigrations, createRecordingLogger());
    close = () => db.close();
  });
});
