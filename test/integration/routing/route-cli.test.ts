/** The `route` command per CONTRACTS §3: single text, --from, --json, --batch with malformed lines, exit codes. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../../src/cli/context.js';
import { routeCommand } from '../../../src/cli/commands/route.js';
import { silentLogger } from '../../../src/core/ports.js';
import { parseConfig } from '../../../src/server/config.js';

function context(): { ctx: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = { config: parseConfig({}), logger: silentLogger, out: (t) => out.push(t), err: (t) => err.push(t) };
  return { ctx, out, err };
}

describe('route command', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'route-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON object with --json', async () => {
    const { ctx, out } = context();
    expect(await routeCommand(['Landkreis Karlsruhe, Sozialdezernat', '--json'], ctx)).toBe(0);
    expect(out).toHaveLength(1);
    const result = JSON.parse(out[0] as string) as Record<string, unknown>;
    expect(result).toMatchObject({ status: 'resolved', gemeinde: null, kreis: { ags: '08215', name: 'Karlsruhe', typ: 'Landkreis' } });
    expect(Object.keys(result)).toEqual(['status', 'gemeinde', 'kreis', 'candidates', 'evidence', 'contact']);
    expect(result.contact).toMatchObject({ team: expect.any(String), email: expect.any(String), phone: expect.any(String) });
  });

  it('uses --from', async () => {
    const { ctx, out } = context();
    expect(await routeCommand(['Hallo', '--from', 'info@aidlingen.de', '--json'], ctx)).toBe(0);
    expect(JSON.parse(out[0] as string)).toMatchObject({ gemeinde: { ags: '08115001', name: 'Aidlingen' } });
  });

  it('reads a typed \\n in the text argument as a line break', async () => {
    const { ctx, out } = context();
    expect(await routeCommand(['Viele Grüße\\nA. Beispiel\\nWald', '--json'], ctx)).toBe(0);
    expect(JSON.parse(out[0] as string)).toMatchObject({ status: 'resolved', kreis: { ags: '08437' } });
  });

  it('prints readable German without --json', async () => {
    const { ctx, out } = context();
    expect(await routeCommand(['Gemeinde Altdorf'], ctx)).toBe(0);
    const text = out.join('');
    expect(text).toContain('Ergebnis: mehrdeutig');
    expect(text).toContain('Altdorf (Landkreis Böblingen)');
    expect(text).toContain('Zuständig: Zentrale Eingangsstelle');
  });

  it('runs a batch: ids kept, extra fields ignored, malformed lines reported and skipped', async () => {
    const file = path.join(dir, 'batch.jsonl');
    writeFileSync(file, [
      '{"id":"a","text":"Stadt Ulm","expect":{"status":"resolved"}}',
      'not json',
      '{"id":"c","from":"x@aidlingen.de"}',
      '',
      '{"id":7,"text":"Hallo","from":"x@aidlingen.de"}',
      '{"text":"Gemeinde Wald"}',
    ].join('\n'));
    const { ctx, out, err } = context();
    expect(await routeCommand(['--batch', file, '--json'], ctx)).toBe(0);
    const results = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(results.map((r) => r.id)).toEqual(['a', '2', 'c', '7', '6']);
    expect(results[0]).toMatchObject({ status: 'resolved', kreis: { ags: '08421' } });
    expect(results[1]).toMatchObject({ code: 'INPUT_INVALID' });
    expect(results[2]).toMatchObject({ code: 'INPUT_INVALID' });
    expect(results[3]).toMatchObject({ status: 'resolved', kreis: { ags: '08115' } });
    expect(results[4]).toMatchObject({ status: 'resolved', kreis: { ags: '08437' } });
    expect(err.join('')).toContain('2 von 5 Zeilen fehlerhaft');
  });

  it('exits 2 on bad usage and on an unreadable batch file', async () => {
    expect(await routeCommand([], context().ctx)).toBe(2);
    expect(await routeCommand(['a', 'b'], context().ctx)).toBe(2);
    expect(await routeCommand(['--batch', path.join(dir, 'missing.jsonl'), '--json'], context().ctx)).toBe(2);
    expect(await routeCommand(['--unknown'], context().ctx)).toBe(2);
  });

  it('runs as a real process over the development set', async () => {
    const run = promisify(execFile);
    const { stdout } = await run('npx', ['tsx', 'src/cli/main.ts', 'route', '--batch', 'test/eval/routing.jsonl', '--json'], { cwd: process.cwd() });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; status: string });
    expect(lines).toHaveLength(20);
    expect(lines.map((l) => l.id)).toEqual(Array.from({ length: 20 }, (_, i) => `r${i + 1}`));
  });
});
