/**
 * `eval` command (CONTRACTS §3) on the small fixture knowledge with the real router: question and enquiry sets
 * in one call (one report per set, in the order given), the JSON report, malformed lines, usage errors; one
 * run as a real process to check that stdout carries only JSON.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE, type CliContext } from '../../../src/cli/context.js';
import { evalCommand } from '../../../src/cli/commands/eval.js';
import { silentLogger } from '../../../src/core/ports.js';
import { parseConfig } from '../../../src/server/config.js';

const root = new URL('../../../', import.meta.url).pathname;
const KNOWLEDGE = join(root, 'test/fixtures/knowledge/basic');
/** The fixture's own kontakte.yaml is deliberately broken (the knowledge loader must ignore it); routing needs a real one. */
const CONTACTS = join(root, 'knowledge/kontakte.yaml');
let dir: string;
let questions: string;
let enquiries: string;

const line = (value: unknown): string => `${JSON.stringify(value)}\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pakt-eval-'));
  questions = join(dir, 'questions.jsonl');
  enquiries = join(dir, 'enquiries.jsonl');
  await writeFile(
    questions,
    [
      line({ id: 'q1', question: 'Sind Fortbildungskosten förderfähig?', expected: ['vwv-test#5'] }),
      line({ id: 'q2', question: 'Wie lang darf der Sachbericht sein?', expected: ['vwv-test#7.4'] }),
      line({ id: 'q3', question: 'Wie beantrage ich einen Reisepass?', expected: [] }),
      'kein JSON\n',
      line({ id: 'q5', question: 'ohne Erwartung' }),
    ].join(''),
  );
  await writeFile(
    enquiries,
    [
      line({
        id: 'e1',
        channel: 'email',
        from: 'integration@aidlingen.de',
        subject: 'Anfrage',
        text: 'Guten Tag,\n\nsind Fortbildungskosten förderfähig?\n\nFreundliche Grüße\nGemeinde Aidlingen',
        expected: ['vwv-test#5.2'],
      }),
      line({ id: 'e2', channel: 'teams', text: 'Wie lang darf der Sachbericht sein?', expected: ['vwv-test#7.4'] }),
      line({ id: 'e3', channel: 'fax', text: 'Hallo', expected: [] }),
    ].join(''),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture(): CliContext & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    config: parseConfig({ KNOWLEDGE_DIR: KNOWLEDGE, CONTACTS_FILE: CONTACTS, INDEX_CACHE_DIR: join(dir, 'cache') }),
    logger: silentLogger,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    stdout,
    stderr,
  };
}

interface Scores {
  questions: number;
  hit1: number;
  answered: number;
  precision: number;
  confidentlyWrong: string[];
}
interface SetJson {
  kind: string;
  file: string;
  questions: number;
  engine: Scores;
  baseline: Scores;
  outOfScope: { questions: number; declined: number };
  results: { id: string; question: string; ours: { outcome: string; ms: number }; baseline: { ms: number } }[];
  latency: { ours: { p50: number; p99: number }; baseline: { p50: number; p99: number } };
  errors: { id: string; code: string; file: string }[];
}
type ReportJson = Partial<SetJson> & { sets: SetJson[]; errors: { id: string; code: string; file: string }[] };

async function evalJson(...args: string[]): Promise<{ code: number; report: ReportJson; stderr: string }> {
  const ctx = capture();
  const code = await evalCommand([...args, '--json'], ctx);
  expect(ctx.stdout).toHaveLength(1);
  return { code, report: JSON.parse(ctx.stdout[0]!) as ReportJson, stderr: ctx.stderr.join('') };
}

describe('eval', () => {
  it('scores a question set against MiniSearch defaults, with the single set also at the top level', async () => {
    const { code, report, stderr } = await evalJson('--questions', questions);
    expect(code).toBe(EXIT_OK);
    expect(report.sets).toHaveLength(1);
    expect(report).toMatchObject({ kind: 'questions', file: questions, questions: 3, outOfScope: { questions: 1, declined: 1 } });
    expect(report.engine).toMatchObject({ questions: 2, hit1: 1, answered: 1, precision: 1, confidentlyWrong: [] });
    expect(report.baseline).toHaveProperty('precision');
    expect(report.errors.map((e) => [e.id, e.code])).toEqual([
      ['4', 'INPUT_INVALID'],
      ['q5', 'INPUT_INVALID'],
    ]);
    expect(stderr).toContain('nicht gewertet');
  });

  it('reports per-question latency of both engines and their p50 and p99', async () => {
    const { report } = await evalJson('--questions', questions);
    const set = report.sets[0]!;
    expect(set.results.map((r) => r.id)).toEqual(['q1', 'q2', 'q3']);
    for (const r of set.results) {
      expect(r.ours.ms).toBeGreaterThan(0);
      expect(r.baseline.ms).toBeGreaterThanOrEqual(0);
    }
    expect(set.latency.ours.p99).toBeGreaterThanOrEqual(set.latency.ours.p50);
    expect(set.latency.ours.p99).toBe(Math.max(...set.results.map((r) => r.ours.ms)));
  });

  it('scores an enquiry set through triage: the question put to the knowledge base, not the greeting', async () => {
    const { code, report } = await evalJson('--enquiries', enquiries);
    expect(code).toBe(EXIT_OK);
    const set = report.sets[0]!;
    expect(set).toMatchObject({ kind: 'enquiries', questions: 2 });
    expect(set.engine).toMatchObject({ questions: 2, hit1: 1, answered: 1, precision: 1 });
    const first = set.results.find((r) => r.id === 'e1')!;
    expect(first.ours.outcome).toBe('answer');
    expect(first.question).not.toContain('Guten Tag');
    expect(first.question).not.toContain('Aidlingen');
    expect(set.errors.map((e) => e.id)).toEqual(['e3']);
  });

  it('prints one report per set, in the order given, and every malformed line with its file', async () => {
    const { report } = await evalJson('--enquiries', enquiries, '--questions', questions);
    expect(report.sets.map((s) => s.kind)).toEqual(['enquiries', 'questions']);
    expect(report).not.toHaveProperty('engine');
    expect(report.errors.map((e) => [e.file, e.id])).toEqual([
      [enquiries, 'e3'],
      [questions, '4'],
      [questions, 'q5'],
    ]);
  });

  it('prints a German table per set and an overview for several sets', async () => {
    const ctx = capture();
    expect(await evalCommand(['--questions', questions, '--enquiries', enquiries], ctx)).toBe(EXIT_OK);
    const text = ctx.stdout.join('');
    expect(text.match(/MiniSearch \(Standard\)/g)).toHaveLength(2);
    for (const label of ['hit@1', 'hit@3', 'MRR', 'beantwortet (Anteil)', 'Präzision der Antworten', 'sicher falsch', 'außerhalb abgelehnt']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('Anfragen (über den Triage-Weg)');
    expect(text).toMatch(/^Übersicht/m);
  });

  it.each([
    [[]],
    [['--json']],
    [['--questions']],
    [['--unbekannt', 'x']],
    [['positional']],
    [['--questions', '/nicht/vorhanden.jsonl']],
  ])('exits 2 with a message and the usage for %j', async (args) => {
    const ctx = capture();
    expect(await evalCommand(args, ctx)).toBe(EXIT_USAGE);
    expect(ctx.stdout).toEqual([]);
    expect(ctx.stderr.join('')).toContain('Aufruf: eval --questions DATEI | --enquiries DATEI [--json]');
  });

  it('writes only JSON to stdout as a real process', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'eval', '--enquiries', enquiries, '--json'], {
      cwd: root,
      env: { ...process.env, KNOWLEDGE_DIR: KNOWLEDGE, CONTACTS_FILE: CONTACTS, INDEX_CACHE_DIR: join(dir, 'cache'), LOG_LEVEL: 'error' },
    });
    expect((JSON.parse(stdout) as ReportJson).sets).toHaveLength(1);
  });
});
