/**
 * Retention of the knowledge loop's texts (issue 14): the daily retention job of the composition
 * (openServices → tickets jobs, RETENTION_DAYS) clears kept question texts and feedback comments older than
 * the period, like the other personal data; counts, outcomes and passages stay, newer texts stay untouched.
 * The job's daily timer is driven with fake timers, never by waiting.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import { buildGapReport } from '../../../src/knowledge-loop/gaps-report.js';
import { createGapsStore, gapReportInput } from '../../../src/knowledge-loop/gaps-store.js';
import { parseConfig } from '../../../src/server/config.js';
import { createMetrics } from '../../../src/server/metrics.js';
import { openServices, type Services } from '../../../src/server/services.js';
import { makeEnquiry, makeRequest } from '../../fakes/factories.js';

const DAY = 86_400_000;
let dir: string;
let services: Services;
let now = new Date();
const retained: { now: Date; cutoff: Date }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pakt-gaps-retention-'));
  const config = parseConfig({ DATABASE_URL: `sqlite:${join(dir, 'pakt.db')}`, INDEX_CACHE_DIR: join(dir, 'cache'), RETENTION_DAYS: '90' });
  services = await openServices(config, {
    logger: silentLogger,
    clock: { now: () => now },
    metrics: createMetrics({ defaultMetrics: false }),
    channelMigrations: [],
    watchKnowledge: false,
    retainChannels: (at, cutoff) => void retained.push({ now: at, cutoff }),
  });
});
afterAll(async () => {
  await services?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('retention of gap texts', { timeout: 60_000 }, () => {
  it('clears question texts and comments older than RETENTION_DAYS in the daily job and keeps the counts', async () => {
    const gaps = createGapsStore(services.sql);
    const ask = async (text: string, daysAgo: number): Promise<string> => {
      now = new Date(Date.now() - daysAgo * DAY);
      const enquiry = makeEnquiry({ text, subject: 'Frage', receivedAt: now });
      await services.handle(makeRequest(enquiry));
      await gaps.recordFeedback({ enquiryKey: enquiry.key, voter: 'email', channel: 'email', passageId: null, helpful: false, comment: `Kommentar vor ${daysAgo} Tagen`, createdAt: now.toISOString() });
      return enquiry.key;
    };
    const old = await ask('Darf die Integrationsmanagerin einen Dienstwagen privat nutzen?', 120);
    const recent = await ask('Gibt es Zuschüsse für Dolmetscher bei Beratungsgesprächen im Integrationsmanagement?', 10);
    now = new Date();
    expect((await gaps.question(old))?.question).toContain('Dienstwagen');

    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const stop = services.ticketModule.startJobs({ retentionEveryMs: DAY });
      vi.advanceTimersByTime(DAY);
      await stop();
    } finally {
      vi.useRealTimers();
    }

    expect(retained).toHaveLength(1);
    expect(retained[0]!.cutoff.getTime()).toBe(now.getTime() - 90 * DAY);
    expect(await gaps.question(old)).toMatchObject({ question: '', outcome: expect.any(String) });
    expect((await gaps.question(recent))?.question).toContain('Dolmetscher');
    const since = new Date(Date.now() - 200 * DAY);
    const votes = await gaps.feedbackSince(since.toISOString());
    expect(votes.map((v) => v.comment)).toEqual([null, 'Kommentar vor 10 Tagen']);
    const report = buildGapReport({ ...(await gapReportInput(gaps, since.toISOString())), since, now });
    expect(report.totals.gaps).toBe(4);
    const texts = JSON.stringify(report);
    expect(texts).not.toContain('Dienstwagen');
    expect(texts).not.toContain('vor 120 Tagen');
    expect(texts).toContain('Dolmetscher');
  });
});
