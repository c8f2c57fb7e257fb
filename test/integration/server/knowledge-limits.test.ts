/**
 * Large knowledge files against the running service (buildApp over real HTTP, a copy of the shipped
 * knowledge in a temporary directory): a file above KNOWLEDGE_MAX_FILE_BYTES is reported by name in /readyz
 * and the log while the rest loads, and a re-index of a large document runs off the event loop, so
 * /healthz answers while it runs.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/core/ports.js';
import { buildApp, type App } from '../../../src/server/app.js';
import { parseConfig } from '../../../src/server/config.js';

const LIMIT = 200_000;

/** A Markdown document of about `bytes` bytes with one section per ~800 bytes. */
function bigDocument(id: string, bytes: number): string {
  const words = 'Integrationsmanagement Förderung Antrag Sachbericht Verwendungsnachweis Kreis Gemeinde Stelle Beratung Frist'.split(' ');
  const parts = ['---', `id: ${id}`, `title: Großes Dokument ${id}`, `citation: Großes Dokument ${id}`, 'source: https://example.org', 'stand: "2026"', '---', ''];
  let size = 0;
  for (let i = 1; size < bytes; i += 1) {
    const text = Array.from({ length: 100 }, (_, j) => `${words[(i * 7 + j * 3) % words.length]}${(i * 31 + j) % 997}`).join(' ');
    const section = `## Abschnitt ${i} {#abschnitt-${i}}\n\n${text}\n`;
    parts.push(section);
    size += Buffer.byteLength(section);
  }
  return parts.join('\n');
}

interface Entry {
  level: string;
  msg?: string;
  [key: string]: unknown;
}

function recordingLogger(entries: Entry[]): Logger {
  const log = (level: string) => (obj: Record<string, unknown>, msg?: string) => void entries.push({ level, ...obj, msg });
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), child: () => logger };
  return logger;
}

interface Readiness {
  status: string;
  checks: { name: string; ready: boolean; detail?: { passages: number; problems: { file: string; message: string }[]; loadedAt: string } }[];
}

describe('knowledge files that are too large or slow to index', () => {
  let dir: string;
  let app: App;
  let url: string;
  const entries: Entry[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pakt-knowledge-limits-'));
    const knowledge = join(dir, 'knowledge');
    cpSync('knowledge', knowledge, { recursive: true });
    writeFileSync(join(knowledge, 'riesig.md'), bigDocument('riesig', LIMIT + 50_000));
    const config = parseConfig({
      PORT: '0',
      DATABASE_URL: `sqlite:${join(dir, 'pakt.db')}`,
      KNOWLEDGE_DIR: knowledge,
      CONTACTS_FILE: 'knowledge/kontakte.yaml',
      KNOWLEDGE_MAX_FILE_BYTES: String(LIMIT),
      INDEX_CACHE_DIR: join(dir, 'cache'),
      ATTACHMENTS_DIR: join(dir, 'attachments'),
    });
    app = await buildApp(config, { logger: recordingLogger(entries), defaultMetrics: false });
    url = `http://127.0.0.1:${await app.listen()}`;
  });

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const knowledgeCheck = async (): Promise<NonNullable<Readiness['checks'][number]['detail']>> => {
    const body = (await (await fetch(`${url}/readyz`)).json()) as Readiness;
    return body.checks.find((c) => c.name === 'knowledge')!.detail!;
  };

  it('skips a file above the limit, names it in /readyz and the log, and loads the rest', async () => {
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(200);
    const detail = await knowledgeCheck();
    expect(detail.passages).toBeGreaterThan(50);
    expect(detail.problems).toEqual([expect.objectContaining({ file: 'riesig.md', message: expect.stringMatching(/above the limit.*KNOWLEDGE_MAX_FILE_BYTES/) })]);
    expect(entries.some((e) => e.level === 'warn' && e['file'] === 'riesig.md')).toBe(true);
    expect(app.services.kb.passages().some((p) => p.documentId === 'riesig')).toBe(false);
  });

  it('answers /healthz while a large document is re-indexed, then serves the new index', async () => {
    const before = await knowledgeCheck();
    const started = entries.length;
    const reindexing = (): boolean => entries.slice(started).some((e) => e.msg?.includes('re-indexing') === true);
    const reindexed = (): boolean => entries.slice(started).some((e) => e.msg === 'knowledge loaded');
    writeFileSync(join(dir, 'knowledge', 'gross.md'), bigDocument('gross', LIMIT - 20_000));
    await expect.poll(reindexing, { timeout: 20_000, interval: 20 }).toBe(true);

    // Ask /healthz over and over while the index is built; record how long the event loop was ever stuck.
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const reindexStart = performance.now();
    let answered = 0;
    let answeredDuringReindex = 0;
    while (!reindexed()) {
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      answered += 1;
      if (!reindexed()) answeredDuringReindex += 1;
    }
    const reindexMs = performance.now() - reindexStart;
    delay.disable();
    expect(answered).toBeGreaterThan(0);
    expect(answeredDuringReindex).toBeGreaterThan(0);
    // Built in the main thread, the event loop would stand still for most of the re-index; in a worker only
    // the restore of the finished index holds it, a small part of the whole.
    expect(delay.max / 1e6).toBeLessThan(reindexMs / 2);

    const after = await knowledgeCheck();
    expect(after.passages).toBeGreaterThan(before.passages + 100);
    expect(entries.some((e) => e.msg?.includes('index worker unavailable') === true)).toBe(false);
    expect(app.services.kb.ask('Abschnitt 17 Integrationsmanagement').hits.length).toBeGreaterThan(0);
  }, 90_000);
});
