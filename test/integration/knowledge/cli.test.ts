import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
const FIXTURE = join(root, 'test/fixtures/knowledge/basic');
let tmp: string;

async function pakt(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
      cwd: root,
      env: { ...process.env, KNOWLEDGE_DIR: FIXTURE, INDEX_CACHE_DIR: join(tmp, 'cache'), LOG_LEVEL: 'error' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'pakt-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('pakt ask / passages / eval', () => {
  it('ask --json prints exactly one JSON result per CONTRACTS §3', async () => {
    const { code, stdout } = await pakt('ask', 'Sind Fortbildungskosten förderfähig?', '--json', '--top', '2');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      question: 'Sind Fortbildungskosten förderfähig?',
      answered: true,
      answer: { citation: 'VwV Integrationsmanagement Nr. 5.2', passageId: 'vwv-test#5.2' },
    });
    expect(result).not.toHaveProperty('id');
    expect((result.hits as unknown[]).length).toBeLessThanOrEqual(2);
  });

  it('ask prints readable German by default', async () => {
    const { code, stdout } = await pakt('ask', 'Wie lang darf der Sachbericht sein?');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Antwort \(Sicherheit \d+ %\):/);
    expect(stdout).toContain('Quelle: VwV Integrationsmanagement Nr. 7.4');
  });

  it('ask --batch answers line by line with ids and reports malformed lines without stopping', async () => {
    const file = join(tmp, 'batch.jsonl');
    await writeFile(file, '{"id":"a","question":"Wer ist zuständig?","expected":["x"]}\nkein json\n{"id":"c"}\n{"id":"d","question":"Reisepass beantragen"}\n');
    const { code, stdout } = await pakt('ask', '--batch', file, '--json');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['a', '2', 'c', 'd']);
    expect(lines[0]).toMatchObject({ answered: true });
    expect(lines[1]).toHaveProperty('error');
    expect(lines[2]).toHaveProperty('error');
    expect(lines[3]).toMatchObject({ outcome: 'out_of_scope', answered: false });
  });

  it.each([
    [['ask'], 2],
    [['ask', 'Frage', '--top', 'null'], 2],
    [['ask', '--unbekannt'], 2],
    [['ask', '   ', '--json'], 2],
    [['ask', '--batch', '/nicht/vorhanden.jsonl', '--json'], 2],
    [['eval'], 2],
  ])('exits with %j → %i and a German message on stderr', async (args, expected) => {
    const { code, stderr } = await pakt(...args);
    expect(code).toBe(expected);
    expect(stderr.trim()).not.toBe('');
  });

  it('passages --json prints one passage per line', async () => {
    const { code, stdout } = await pakt('passages', '--json');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['faq-test#zustaendigkeit', 'faq-test#unterbrechung', 'faq-test#ukraine', 'vwv-test#5.2', 'vwv-test#6.1', 'vwv-test#7.4']);
    expect(Object.keys(lines[0]!).sort()).toEqual(['documentId', 'id', 'section', 'source', 'text', 'title']);
  });

  it('eval --json scores both engines on a question file', async () => {
    const file = join(tmp, 'eval.jsonl');
    await writeFile(file, '{"id":"e1","question":"Sind Fortbildungskosten förderfähig?","expected":["vwv-test#5"]}\n{"id":"e2","question":"Kita-Platz beantragen","expected":[]}\nkein JSON\n{"id":"e4","question":"ohne Erwartung"}\n');
    const { code, stdout } = await pakt('eval', '--questions', file, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { engine: { hit1: number; mrr: number }; baseline: { hit1: number }; outOfScope: { declined: number }; errors: { id: string; code: string }[] };
    expect(report.errors.map((e) => [e.id, e.code])).toEqual([['3', 'INPUT_INVALID'], ['e4', 'INPUT_INVALID']]);
    expect(report.engine).toMatchObject({ hit1: 1, mrr: 1 });
    expect(report.baseline).toHaveProperty('hit1');
    expect(report.outOfScope.declined).toBe(1);
  });
});
