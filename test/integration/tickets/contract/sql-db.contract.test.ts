/**
 * Contract of the SqlDb port itself (src/core/sql.ts) on SQLite and PostgreSQL (issue 15): a transaction commits
 * what its body wrote, rolls all of it back when the body throws, is not seen by another process before it
 * commits, and concurrent transactions (one process or two) all complete; `jsonText` reads the same value on both.
 */
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../../src/core/errors.js';
import type { Migration } from '../../../../src/core/ports.js';
import { jsonText, type SqlDb } from '../../../../src/core/sql.js';
import { sqlImplementations } from './sql-implementations.js';

const MIGRATIONS: Migration[] = [{ id: 'sqlport-001', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE, doc TEXT)' }];
const IMPLEMENTATIONS = sqlImplementations(MIGRATIONS, 'sqlport');

const texts = async (db: { all<T>(sql: string): Promise<T[]> }): Promise<string[]> =>
  (await db.all<{ text: string }>('SELECT text FROM notes ORDER BY text')).map((r) => r.text);

describe.each(IMPLEMENTATIONS)('SqlDb on $name', (impl) => {
  it('commits what the body wrote, and the other process sees it only after the commit', async () => {
    const { a, b, close } = await impl.open();
    try {
      const id = await a.transaction(async (tx) => {
        const row = await tx.get<{ id: number }>('INSERT INTO notes (text) VALUES (?) RETURNING id', ['eins']);
        await tx.run('INSERT INTO notes (text) VALUES (?)', ['zwei']);
        expect(await texts(b)).toEqual([]);
        return row!.id;
      });
      expect(typeof id).toBe('number');
      expect(await texts(b)).toEqual(['eins', 'zwei']);
    } finally {
      await close();
    }
  });

  it('rolls every statement of the body back when it throws, and passes the error on', async () => {
    const { a, b, close } = await impl.open();
    try {
      await a.run('INSERT INTO notes (text) VALUES (?)', ['da']);
      const failed = a.transaction(async (tx) => {
        await tx.run('INSERT INTO notes (text) VALUES (?)', ['neu']);
        await tx.run('INSERT INTO notes (text) VALUES (?)', ['da']);
      });
      await expect(failed).rejects.toSatisfy((error: unknown) => isAppError(error, 'DB_ERROR'));
      const thrown = a.transaction(async (tx) => {
        await tx.run('INSERT INTO notes (text) VALUES (?)', ['auch neu']);
        throw new RangeError('body failed');
      });
      await expect(thrown).rejects.toThrow(RangeError);
      expect(await texts(b)).toEqual(['da']);
      expect(await texts(a)).toEqual(['da']);
    } finally {
      await close();
    }
  });

  it('completes transactions started at once in one process and in two, and statements issued meanwhile', async () => {
    const { a, b, close } = await impl.open();
    try {
      const write = (db: SqlDb, text: string) =>
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO notes (text) VALUES (?)', [text]);
          await tx.run('UPDATE notes SET doc = ? WHERE text = ?', [`{"by":"${text}"}`, text]);
        });
      // On SQLite `b` is a second connection in this process: it must wait for `a`'s write lock without blocking
      // the event loop `a`'s transaction needs to finish.
      await Promise.all([write(a, 'x'), write(b, 'w'), write(a, 'y'), a.run('INSERT INTO notes (text) VALUES (?)', ['z'])]);
      expect(await texts(b)).toEqual(['w', 'x', 'y', 'z']);
      await expect(a.transaction(async (tx) => tx.transaction(async () => 1))).rejects.toSatisfy((error: unknown) => isAppError(error, 'DB_ERROR'));
    } finally {
      await close();
    }
  });

  it('reads text out of JSON kept in a TEXT column, null when absent', async () => {
    const { a, close } = await impl.open();
    try {
      await a.run('INSERT INTO notes (text, doc) VALUES (?, ?)', ['k', JSON.stringify({ kreis: { name: 'Böblingen', typ: 'Landkreis' } })]);
      await a.run('INSERT INTO notes (text, doc) VALUES (?, ?)', ['leer', JSON.stringify({ kreis: null })]);
      const rows = await a.all<{ name: string | null }>(`SELECT ${jsonText(a.dialect, 'doc', ['kreis', 'name'])} AS name FROM notes ORDER BY text`);
      expect(rows.map((r) => r.name)).toEqual(['Böblingen', null]);
      expect(() => jsonText(a.dialect, 'doc', ["x'"])).toThrow();
    } finally {
      await close();
    }
  });
});
