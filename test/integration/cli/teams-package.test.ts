import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'pakt-app-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

function run(env: Record<string, string | undefined>): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/teams-package.ts', '--out', out], {
    env: { ...process.env, MicrosoftAppId: undefined, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr };
}

describe('npm run teams:package', () => {
  it('builds appPackage.zip with the bot id from MicrosoftAppId', () => {
    const result = run({ MicrosoftAppId: '3f2b7c1e-1111-4222-8333-444455556666' });
    expect(result.status).toBe(0);
    expect(existsSync(join(out, 'appPackage.zip'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).bots[0].botId).toBe('3f2b7c1e-1111-4222-8333-444455556666');
  });

  it('builds with a placeholder id and a warning when MicrosoftAppId is missing, and exits 2 on a bad id', () => {
    const missing = run({});
    expect(missing.status).toBe(0);
    expect(missing.stderr).toMatch(/Warnung: MicrosoftAppId ist nicht gesetzt/);
    expect(run({ MicrosoftAppId: 'kein-guid' }).status).toBe(2);
  });
});
