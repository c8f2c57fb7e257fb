import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KnowledgeStatus } from '../../../src/knowledge/index.js';
import { openKnowledgeBase } from '../../../src/knowledge/knowledge-base.fs.js';
import { markdown, recordingLogger } from './documents.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pakt-watch-'));
  await writeFile(join(dir, 'faq.md'), markdown('faq', { 'Sachbericht {#sachbericht}': 'Der Sachbericht umfasst höchstens drei Seiten.' }));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Resolves with the status of the next re-index (an event, no sleeping). */
function reloads(): { next: () => Promise<KnowledgeStatus>; onReload: (s: KnowledgeStatus) => void } {
  const waiting: ((s: KnowledgeStatus) => void)[] = [];
  const done: KnowledgeStatus[] = [];
  return {
    onReload: (s) => {
      const w = waiting.shift();
      if (w) w(s);
      else done.push(s);
    },
    next: () => {
      const ready = done.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

describe('knowledge watcher', () => {
  it('re-indexes on change and keeps serving the rest when a file breaks', async () => {
    const events = reloads();
    const kb = await openKnowledgeBase({ dir, watch: true, debounceMs: 30, logger: recordingLogger(), onReload: events.onReload });
    expect(kb.ask('Wie lange dauert die Beratung?').hits.map((h) => h.id)).not.toContain('neu#beratungsdauer');

    await writeFile(join(dir, 'neu.md'), markdown('neu', { 'Beratungsdauer {#beratungsdauer}': 'Die Beratung dauert höchstens drei Jahre.' }));
    let status = await events.next();
    while (status.passageCount < 2) status = await events.next();
    expect(kb.ask('Wie lange dauert die Beratung?').hits[0]?.id).toBe('neu#beratungsdauer');

    await writeFile(join(dir, 'kaputt.md'), '---\nid: kaputt\ntitle: [offen\n---\n## A\nText');
    status = await events.next();
    while (!status.problems.some((p) => p.file === 'kaputt.md')) status = await events.next();
    expect(status.problems).toEqual([expect.objectContaining({ file: 'kaputt.md', line: 3 })]);
    expect(kb.status().passageCount).toBe(2);
    expect(kb.ask('Wie viele Seiten hat der Sachbericht?').hits[0]?.id).toBe('faq#sachbericht');

    await kb.close();
  });
});
