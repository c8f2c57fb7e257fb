/**
 * The knowledge-gap report end to end (issue 14 item 1): enquiries handled by the real composition
 * (openServices: knowledge base from ./knowledge, real router, SQLite file) are kept anonymised by the
 * composition root's hook; Teams votes (teams_feedback) and mail votes (gaps_feedback) join them; then
 * `knowledge gaps` reads the same file in every output format, with its exit codes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsMigrations } from '../../../src/channels/teams/migrations.js';
import { knowledgeCommand } from '../../../src/cli/commands/knowledge.js';
import { EXIT_OK, EXIT_USAGE, type CliContext } from '../../../src/cli/context.js';
import { silentLogger } from '../../../src/core/ports.js';
import { createGapsStore } from '../../../src/knowledge-loop/gaps-store.js';
import type { GapReport } from '../../../src/knowledge-loop/gaps-report.js';
import { parseConfig, type Config } from '../../../src/server/config.js';
import { createMetrics } from '../../../src/server/metrics.js';
import { openServices } from '../../../src/server/services.js';
import { makeEnquiry, makeRequest } from '../../fakes/factories.js';
import { sqliteSqlDb } from '../../../src/tickets/sql-db.sqlite.js';

let dir: string;
let config: Config;
const keys: Record<string, string> = {};

function capture(): CliContext & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { config, logger: silentLogger, out: (t) => stdout.push(t), err: (t) => stderr.push(t), stdout, stderr };
}

const PERSONAL = ['Schmidt', '0711', 'anna.schmidt', '4711', 'Hauptstraße', '74821'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pakt-gaps-'));
  config = parseConfig({ DATABASE_URL: `sqlite:${join(dir, 'pakt.db')}`, INDEX_CACHE_DIR: join(dir, 'cache') });
  let now = new Date();
  const clock = { now: () => now };
  const services = await openServices(config, { logger: silentLogger, clock, metrics: createMetrics({ defaultMetrics: false }), channelMigrations: teamsMigrations, watchKnowledge: false });
  try {
    const ask = async (name: string, text: string, daysAgo: number): Promise<void> => {
      now = new Date(Date.now() - daysAgo * 86_400_000);
      const enquiry = makeEnquiry({ text, subject: 'Frage', receivedAt: now });
      keys[name] = enquiry.key;
      await services.handle(makeRequest(enquiry));
    };
    await ask('sprachkurs', 'Frau Anna Schmidt (Tel. 0711 1234567, anna.schmidt@gemeinde.example) fragt: Dürfen Integrationsmanagerinnen auch Sprachkurse selbst unterrichten?', 40);
    await ask('dienstwagen', 'Darf die Integrationsmanagerin aus der Hauptstraße 12, 74821 Mosbach einen Dienstwagen privat nutzen?', 3);
    await ask('dolmetscher', 'Gibt es Zuschüsse für Dolmetscher bei Beratungsgesprächen im Integrationsmanagement?', 2);
    await ask('teilung', 'Darf eine Stelle geteilt werden?', 2);
    await ask('teilung2', 'Dürfen wir eine IM-Stelle auf zwei Teilzeitkräfte aufteilen?', 1);
    await ask('bescheid', 'Wann bekommen wir den Bescheid zu unserem Antrag Az. 15.2-4711/2025?', 1);
  } finally {
    await services.close();
  }
  // Two "Hat nicht geholfen" on the answered passage: one from Teams, one from the mail page with a comment.
  const db = new BetterSqlite3(join(dir, 'pakt.db'));
  const at = new Date(Date.now() - 86_400_000).toISOString();
  db.prepare('INSERT INTO teams_feedback (enquiry_key, voter, passage_id, helpful, created_at) VALUES (?, ?, ?, 0, ?)').run(keys.teilung, 'hash-1', 'faq#stellenteilung', at);
  await createGapsStore(sqliteSqlDb(db)).recordFeedback({ enquiryKey: keys.teilung2!, voter: 'email', channel: 'email', passageId: 'faq#stellenteilung', helpful: false, comment: 'Mir fehlt, ob das auch für den Kreis gilt', createdAt: at });
  db.close();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('knowledge gaps', { timeout: 120_000 }, () => {
  it('reports suggestions, hand-overs and negative feedback as topics, anonymised, with weeks and trend', async () => {
    const ctx = capture();
    expect(await knowledgeCommand(['gaps', '--json'], ctx)).toBe(EXIT_OK);
    const report = JSON.parse(ctx.stdout.join('')) as GapReport;
    const out = ctx.stdout.join('');
    for (const fragment of PERSONAL) expect(out).not.toContain(fragment);
    // Which of the three unanswered questions gets suggestions and which a hand-over is the knowledge base's call.
    expect(report.totals).toMatchObject({ gaps: 5, notHelpful: 2 });
    expect(report.totals.suggested + report.totals.handover).toBe(3);
    // The application matter (Bescheid) is for a case worker, not a gap; the two answered ones only through feedback.
    expect(report.topics.flatMap((t) => t.examples).join(' ')).not.toMatch(/Bescheid/);
    const sharing = report.topics.find((t) => t.passageId === 'faq#stellenteilung');
    expect(sharing).toMatchObject({ count: 2, notHelpful: 2, comments: ['Mir fehlt, ob das auch für den Kreis gilt'] });
    const examples = report.topics.flatMap((t) => t.examples);
    expect(examples).toEqual(expect.arrayContaining([expect.stringContaining('Dienstwagen'), expect.stringContaining('Dolmetscher'), expect.stringContaining('Sprachkurse')]));
    expect(examples.find((e) => e.includes('Dienstwagen'))).toContain('aus der [Adresse], [PLZ Ort] einen');
    expect(report.weeks.length).toBeGreaterThanOrEqual(12);
    expect(report.weeks.reduce((n, w) => n + w.total, 0)).toBe(5);
    const dienstwagen = report.topics.find((t) => t.examples.some((e) => e.includes('Dienstwagen')))!;
    expect(['neu', 'steigend']).toContain(dienstwagen.trend);
    expect(report.review).toEqual([{ passageId: 'faq#stellenteilung', passageTitle: expect.any(String), negative: 2, positive: 0, comments: ['Mir fehlt, ob das auch für den Kreis gilt'] }]);
  });

  it('limits the period with --since', async () => {
    const ctx = capture();
    const since = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    expect(await knowledgeCommand(['gaps', '--since', since, '--json'], ctx)).toBe(EXIT_OK);
    const report = JSON.parse(ctx.stdout.join('')) as GapReport;
    expect(report.topics.flatMap((t) => t.examples).join(' ')).not.toContain('Sprachkurse');
    expect(report.totals.gaps).toBe(4);
  });

  it('writes CSV with a row per topic and a column per week, and German text', async () => {
    const csv = capture();
    expect(await knowledgeCommand(['gaps', '--csv'], csv)).toBe(EXIT_OK);
    const lines = csv.stdout.join('').trim().split('\r\n');
    expect(lines[0]).toMatch(/^thema,passage_id,passage_titel,begriffe,anzahl,vorschlaege,uebergabe,nicht_geholfen,trend,\d{4}-W\d{2}/);
    const json = capture();
    await knowledgeCommand(['gaps', '--json'], json);
    expect(lines.length - 1).toBe((JSON.parse(json.stdout.join('')) as GapReport).topics.length);
    const text = capture();
    expect(await knowledgeCommand(['gaps'], text)).toBe(EXIT_OK);
    expect(text.stdout.join('')).toContain('Zur Prüfung (wiederholt „Hat nicht geholfen“)');
  });

  it.each([
    [['gaps', '--json', '--csv'], 'schließen sich aus'],
    [['gaps', '--since', '2026-02-30'], 'kein gültiges Datum'],
    [['gaps', '--since', 'gestern'], 'JJJJ-MM-TT'],
    [['gaps', '--bogus'], 'Unknown option'],
    [['lücken'], 'Unbekannter Unterbefehl'],
  ])('refuses %j with exit 2', async (args, message) => {
    const ctx = capture();
    expect(await knowledgeCommand(args, ctx)).toBe(EXIT_USAGE);
    expect(ctx.stderr.join('')).toContain(message);
    expect(ctx.stdout.join('')).toBe('');
  });
});
