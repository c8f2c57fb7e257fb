/**
 * `triage` command end to end: the development set through the real composition (knowledge base from
 * ./knowledge, the real router), batch error handling, output formats and exit codes; one run as a real
 * process to check that stdout carries only JSON.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliContext } from '../../../src/cli/context.js';
import { composeTriageDeps, createTriageCommand, type TriageDepsHandle } from '../../../src/cli/commands/triage.js';
import type { AskResult } from '../../../src/core/knowledge.js';
import { silentLogger } from '../../../src/core/ports.js';
import type { RouteResult } from '../../../src/core/routing.js';
import { parseConfig } from '../../../src/server/config.js';

const DEV_SET = 'test/eval/triage.jsonl';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pakt-triage-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A CLI context with captured output; the index cache goes to the temp dir. */
function capture(): CliContext & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    config: parseConfig({ INDEX_CACHE_DIR: join(dir, 'cache') }),
    logger: silentLogger,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    stdout,
    stderr,
  };
}

const jsonLines = (chunks: string[]): Record<string, unknown>[] =>
  chunks.join('').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

/** Fakes for the tests that are about the command, not the decision. */
const fakeCompose = async (): Promise<TriageDepsHandle> => ({
  answerer: {
    ask: (question): AskResult => ({ question, answered: true, confidence: 0.9, answer: null, hits: [], outcome: 'answer', suggestions: [] }),
  },
  router: { route: (): RouteResult => ({ status: 'unknown', gemeinde: null, kreis: null, candidates: [], evidence: [], contact: null }) },
  close: async () => undefined,
});

describe('triage command with the real knowledge base and router', () => {
  it('gets every line of the development set right (intent and ticket)', async () => {
    const ctx = capture();
    const code = await createTriageCommand(composeTriageDeps)(['--batch', DEV_SET, '--json'], ctx);
    expect(code).toBe(EXIT_OK);
    const expected = (await readFile(DEV_SET, 'utf8'))
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { id: string; expect: { intent: string; ticket: boolean } });
    const results = jsonLines(ctx.stdout);
    expect(results.map((r) => r.id)).toEqual(expected.map((e) => e.id));
    const wrong = results.filter((r, i) => r.intent !== expected[i]?.expect.intent || r.ticket !== expected[i]?.expect.ticket);
    expect(wrong.map((r) => `${String(r.id)}: ${String(r.intent)}/${String(r.ticket)} – ${JSON.stringify(r.reasons)}`)).toEqual([]);
    // The real router is wired in: a sender of a known municipality is resolved to its Kreis.
    expect(results.find((r) => r.id === 't5')).toMatchObject({ route: { status: 'resolved', kreis: { name: 'Freudenstadt' } } });
    for (const r of results) {
      expect(r).toHaveProperty('answer.outcome');
      expect(r).toHaveProperty('route.status');
      expect(Array.isArray(r.reasons)).toBe(true);
    }
  });
});

describe('triage command: batch input', () => {
  it('reports malformed lines by id or line number and goes on', async () => {
    const file = join(dir, 'mixed.jsonl');
    const lines = [
      '{"id": "a", "channel": "teams", "text": "Dürfen wir eine Stelle teilen?", "expect": {"x": 1}}',
      '{not json',
      '{"id": "c", "channel": "fax", "text": "Hallo"}',
      '{"id": 4, "subject": "Auszahlung", "text": "Die Rate ist bei uns nicht eingegangen."}',
      '{"id": "e"}',
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const ctx = capture();
    expect(await createTriageCommand(fakeCompose)(['--json', '--batch', file], ctx)).toBe(EXIT_OK);
    const results = jsonLines(ctx.stdout);
    expect(results.map((r) => [r.id, r.intent ?? r.code])).toEqual([
      ['a', 'general_question'],
      ['2', 'INPUT_INVALID'],
      ['c', 'INPUT_INVALID'],
      ['4', 'application_matter'],
      ['e', 'INPUT_INVALID'],
    ]);
    expect(results[0]).not.toHaveProperty('expect');
    expect(ctx.stderr.join('')).toMatch(/3 von 5 Zeilen/);
  });

  it('exits 2 when the batch file cannot be read', async () => {
    const ctx = capture();
    expect(await createTriageCommand(fakeCompose)(['--batch', join(dir, 'missing.jsonl')], ctx)).toBe(EXIT_USAGE);
    expect(ctx.stdout).toEqual([]);
  });
});

describe('triage command: single enquiry, output and exit codes', () => {
  it('writes one JSON object with --json', async () => {
    const ctx = capture();
    const code = await createTriageCommand(fakeCompose)(['--json', '--text', 'Anbei der Sachbericht.', '--subject', 'Verwendungsnachweis'], ctx);
    expect(code).toBe(EXIT_OK);
    const [result, ...rest] = jsonLines(ctx.stdout);
    expect(rest).toEqual([]);
    expect(result).toMatchObject({ intent: 'application_matter', ticket: true, ticketCategory: 'verwendungsnachweis' });
  });

  it('writes readable German without --json', async () => {
    const ctx = capture();
    expect(await createTriageCommand(fakeCompose)(['--text', 'Vielen Dank!', '--channel', 'teams'], ctx)).toBe(EXIT_OK);
    const text = ctx.stdout.join('');
    expect(text).toContain('Einordnung:    Sonstiges');
    expect(text).toContain('Ticket:        nein');
    expect(text).toContain('Nur Gruß oder Dank');
  });

  it.each([
    { name: 'no arguments', args: [] },
    { name: 'unknown channel', args: ['--text', 'x', '--channel', 'fax'] },
    { name: 'text and batch together', args: ['--text', 'x', '--batch', 'f'] },
    { name: 'unknown option', args: ['--text', 'x', '--verbose'] },
    { name: 'option without value', args: ['--text'] },
    { name: 'empty text', args: ['--text', '   '] },
  ])('exits 2 on bad usage: $name', async ({ args }) => {
    const ctx = capture();
    expect(await createTriageCommand(fakeCompose)(args, ctx)).toBe(EXIT_USAGE);
    expect(ctx.stdout).toEqual([]);
    expect(ctx.stderr.join('')).toMatch(/Aufruf: triage/);
  });

  it('exits 1 when the knowledge base cannot be opened', async () => {
    const ctx = capture();
    const failing = async (): Promise<TriageDepsHandle> => {
      throw new Error('index broken');
    };
    expect(await createTriageCommand(failing)(['--text', 'Hallo'], ctx)).toBe(EXIT_FAILURE);
    expect(ctx.stderr.join('')).toMatch(/index broken/);
  });
});

describe('triage as a real process', () => {
  it('keeps stdout pure JSON and exits 0', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'triage', '--json', '--text', 'Wie lang darf der Sachbericht höchstens sein?'],
      { env: { ...process.env, INDEX_CACHE_DIR: join(dir, 'cache'), LOG_LEVEL: 'info' } },
    );
    const lines = stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ intent: 'general_question' });
  });
});
