import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

/** Starts `src/server/main.ts` as `npm start` does, on a free port, and waits for its "listening" log line. */
async function startService(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; stderr: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (): void => {
      const m = /"port":(\d+)[^\n]*"msg":"listening"/.exec(err);
      if (m) resolve(Number(m[1]));
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
  return { child, port, stderr: () => err };
}

describe('service process', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function tempDb(): string {
    const dir = mkdtempSync(join(tmpdir(), 'pakt-app-'));
    dirs.push(dir);
    return `sqlite:${join(dir, 'pakt.db')}`;
  }

  it('serves /healthz, /readyz and /metrics with embedded defaults, and stops on SIGTERM', async () => {
    const { child, port, stderr } = await startService({ DATABASE_URL: tempDb() });
    children.push(child);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    const body = (await ready.json()) as { status: string; checks: { name: string; ready: boolean }[] };
    expect(ready.status).toBe(200);
    expect(body.status).toBe('ready');

    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('pakt_enquiries_total');
    expect(metrics).toContain('pakt_answer_latency_seconds');
    expect(metrics).toContain('pakt_index_passages');

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stderr()).toContain('shutdown complete');
  });

  it('refuses to start on invalid configuration, one line per problem', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, PORT: 'not-a-port', DATABASE_URL: 'mysql://nope' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(err).toMatch(/^PORT: /m);
    expect(err).toMatch(/^DATABASE_URL: /m);
  });
});
