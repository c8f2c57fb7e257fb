/**
 * `pakt knowledge gaps` on PostgreSQL (issue 15): the service on a postgres:// DATABASE_URL records the questions
 * it could not answer and the "Hat nicht geholfen" votes (mail and Teams); the CLI on the same URL reports them,
 * anonymised, as on SQLite. An unreachable database ends with one line and exit 2, the password never shown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsMigrations } from '../../../src/channels/teams/migrations.js';
import { TeamsStore } from '../../../src/channels/teams/store.js';
import { knowledgeCommand } from '../../../src/cli/commands/knowledge.js';
import type { CliContext } from '../../../src/cli/context.js';
import { silentLogger } from '../../../src/core/ports.js';
import type { GapReport } from '../../../src/knowledge-loop/gaps-report.js';
import { createGapsStore } from '../../../src/knowledge-loop/gaps-store.js';
import { parseConfig } from '../../../src/server/config.js';
import { createMetrics } from '../../../src/server/metrics.js';
import { openServices } from '../../../src/server/services.js';
import { makeEnquiry, makeRequest } from '../../fakes/factories.js';
import { postgresAvailability, startPostgres, type PostgresServer } from '../../helpers/postgres.js';

const availability = postgresAvailability();
let server: PostgresServer | undefined;
let dir = '';
let url = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pakt-pg-gaps-'));
  if (!availability.available) return;
  server = await startPostgres();
  url = await server.createDatabase('gaps');
  let now = new Date();
  const clock = { now: () => now };
  const config = parseConfig({ DATABASE_URL: url, INDEX_CACHE_DIR: join(dir, 'cache'), ATTACHMENTS_DIR: join(dir, 'att') });
  const services = await openServices(config, { logger: silentLogger, clock, metrics: createMetrics({ defaultMetrics: false }), channelMigrations: teamsMigrations, watchKnowledge: false });
  try {
    const ask = async (text: string, daysAgo: number): Promise<string> => {
      now = new Date(Date.now() - daysAgo * 86_400_000);
      const enquiry = makeEnquiry({ text, subject: 'Frage', receivedAt: now });
      await services.handle(makeRequest(enquiry));
      return enquiry.key;
    };
    await ask('Darf die Integrationsmanagerin aus der Hauptstraße 12, 74821 Mosbach einen Dienstwagen privat nutzen?', 3);
    await ask('Gibt es Zuschüsse für Dolmetscher bei Beratungsgesprächen im Integrationsmanagement?', 2);
    const teilung = await ask('Darf eine Stelle geteilt werden?', 2);
    const teilung2 = await ask('Dürfen wir eine IM-Stelle auf zwei Teilzeitkräfte aufteilen?', 1);
    now = new Date(Date.now() - 86_400_000);
    await new TeamsStore(services.sql, clock).recordFeedback({ enquiryKey: teilung, voterId: 'aad-1', passageId: 'faq#stellenteilung', helpful: false });
    await createGapsStore(services.sql).recordFeedback({ enquiryKey: teilung2, voter: 'email', channel: 'email', passageId: 'faq#stellenteilung', helpful: false, comment: 'Mir fehlt, ob das auch für den Kreis gilt', createdAt: now.toISOString() });
  } finally {
    await services.close();
  }
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function run(databaseUrl: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const ctx: CliContext = { config: parseConfig({ DATABASE_URL: databaseUrl }), logger: silentLogger, out: (t) => (out += t), err: (t) => (err += `${t}\n`) };
  return { code: await knowledgeCommand(args, ctx), out, err };
}

describe.skipIf(!availability.available)('knowledge gaps on PostgreSQL', { timeout: 60_000 }, () => {
  it('reports the unanswered questions and the negative votes of mail and Teams, anonymised', async () => {
    const { code, out } = await run(url, 'gaps', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as GapReport;
    // Which unanswered question gets suggestions and which a hand-over is the knowledge base's call.
    expect(report.totals).toMatchObject({ notHelpful: 2 });
    expect(report.totals.suggested + report.totals.handover).toBe(2);
    expect(report.topics.find((t) => t.passageId === 'faq#stellenteilung')).toMatchObject({ count: 2, notHelpful: 2, comments: ['Mir fehlt, ob das auch für den Kreis gilt'] });
    const examples = report.topics.flatMap((t) => t.examples);
    expect(examples).toEqual(expect.arrayContaining([expect.stringContaining('Dienstwagen'), expect.stringContaining('Dolmetscher')]));
    expect(out).not.toMatch(/Hauptstraße|74821/);
    expect(report.review).toEqual([{ passageId: 'faq#stellenteilung', passageTitle: expect.any(String), negative: 2, positive: 0, comments: ['Mir fehlt, ob das auch für den Kreis gilt'] }]);
    const text = await run(url, 'gaps');
    expect(text.code).toBe(0);
    expect(text.out).toContain('Dienstwagen');
  });
});

describe('knowledge gaps with an unreachable PostgreSQL', () => {
  it('ends with one line and exit 2', async () => {
    const result = await run('postgres://pakt:geheim@127.0.0.1:1/pakt', 'gaps', '--json');
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).toContain('Datenbank nicht erreichbar');
    expect(result.err).not.toContain('geheim');
  });
});

if (!availability.available) it.skip(`PostgreSQL: ${availability.reason}`, () => undefined);
