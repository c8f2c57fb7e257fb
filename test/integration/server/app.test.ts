/**
 * The service as a process. `npm start` runs `exec node dist/server/main.js` (npm's shell replaced by node,
 * so npm's SIGTERM reaches it); one test runs `npm start` itself on the dist/ that `npm install` built, the
 * others spawn the same entry from the sources with `node --import tsx src/server/main.ts` (also one
 * process, never a stale dist/), send signals to the spawned PID and read its log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { keyPairs, KNOWN_KID, makeToken, rs256, startKeyServer } from './forged-tokens.js';

/** Spawns the service entry once and collects its exit code and stderr. */
async function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

/** True when nothing accepts connections on the port any more. */
async function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Log lines that are not one JSON object each (a raw stack, a library's console output). */
function nonJsonLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.trim() !== '')
    .filter((l) => {
      try {
        return typeof JSON.parse(l) !== 'object';
      } catch {
        return true;
      }
    });
}

/** Starts `src/server/main.ts` as `npm start` does, on a free port, and waits for its "listening" log line. */
async function startService(
  env: Record<string, string>,
  command: [string, string[]] = [process.execPath, ['--import', 'tsx', 'src/server/main.ts']],
): Promise<{ child: ChildProcess; port: number; stderr: () => string }> {
  const child = spawn(command[0], command[1], {
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
    // Every enquiry counter exists with 0 before the first enquiry.
    for (const channel of ['teams', 'email']) {
      for (const outcome of ['answered', 'suggested', 'ticket_created', 'follow_up', 'declined', 'acknowledged', 'suppressed', 'duplicate', 'invalid']) {
        expect(metrics).toContain(`pakt_enquiries_total{channel="${channel}",outcome="${outcome}"} 0`);
      }
    }

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stderr()).toContain('shutdown complete');
  });

  it('stops on SIGTERM to the started PID with exit 0, closes the port and logs only JSON lines, also after a forged token', async () => {
    const { known, foreign } = keyPairs();
    const keys = await startKeyServer(known.publicKey);
    try {
      const appId = '00000000-0000-0000-0000-0000000051a7';
      const { child, port, stderr } = await startService({
        DATABASE_URL: tempDb(),
        MicrosoftAppId: appId,
        MicrosoftAppPassword: 'not-used-offline',
        ToBotFromChannelOpenIdMetadataUrl: keys.metadataUrl,
      });
      children.push(child);
      // A known key id with a foreign signature: botframework-connector writes to console.error here.
      const forged = makeToken(appId, { alg: 'RS256', kid: KNOWN_KID }, rs256(foreign.privateKey));
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${forged}` },
        body: JSON.stringify({ type: 'message', id: 'x', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1/', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' }, text: 'hallo' }),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized' });

      expect(child.kill('SIGTERM')).toBe(true);
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      expect(await portClosed(port)).toBe(true);
      expect(nonJsonLines(stderr())).toEqual([]);
      expect(stderr()).toContain('"component":"console"'); // the library's console.error, as one JSON line
      expect(stderr()).not.toContain(forged.split('.')[2]!);
    } finally {
      await keys.close();
    }
  });

  it('ends with one log line naming PORT and exit 2 when the port is in use', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const { code, stderr } = await runToExit({ DATABASE_URL: tempDb(), PORT: String(port) });
      expect(code).toBe(2);
      expect(nonJsonLines(stderr)).toEqual([]);
      const errors = stderr.split('\n').filter((l) => /"level":(50|60)/.test(l));
      expect(errors).toHaveLength(1);
      expect(JSON.parse(errors[0]!).msg).toMatch(new RegExp(`^PORT: port ${port} on 127.0.0.1 is already in use`));
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('ends with one log line naming HOST and exit 2 when HOST is not an address of this machine', async () => {
    const { code, stderr } = await runToExit({
      DATABASE_URL: tempDb(),
      PORT: '0',
      HOST: '192.0.2.77', // TEST-NET-1: never assigned to this machine
      MicrosoftAppId: '00000000-0000-0000-0000-00000000a0a0',
      MicrosoftAppPassword: 'x',
    });
    expect(code).toBe(2);
    const errors = stderr.split('\n').filter((l) => /"level":(50|60)/.test(l));
    expect(errors).toHaveLength(1);
    expect(JSON.parse(errors[0]!).msg).toMatch(/^HOST: cannot listen on "192\.0\.2\.77"/);
    expect(nonJsonLines(stderr)).toEqual([]);
  });

  it('checks the templates again when one changed after a start remembered them: a broken one ends the next start with exit 2 and a line naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pakt-app-'));
    dirs.push(dir);
    cpSync('templates', join(dir, 'templates'), { recursive: true });
    const env = { DATABASE_URL: tempDb(), PORT: '0', TEMPLATES_DIR: join(dir, 'templates'), INDEX_CACHE_DIR: join(dir, 'cache') };
    const { child } = await startService(env);
    children.push(child);
    child.kill('SIGTERM');
    await once(child, 'exit');
    expect(existsSync(join(dir, 'cache', 'templates-workplace.json'))).toBe(true);
    writeFileSync(join(dir, 'templates', 'workplace', 'vorgang.hbs'), '{{#if ticket}}<p>{{ticket.number}}</p>');
    const { code, stderr } = await runToExit(env);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^workplace: template vorgang\.hbs: Parse error/m);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses DATABASE_URL=sqlite: (a temporary database) and an empty PORT before starting anything', async () => {
    const { code, stderr } = await runToExit({ DATABASE_URL: 'sqlite:', PORT: '' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^DATABASE_URL: needs a file path/m);
    expect(stderr).toMatch(/^PORT: is empty/m);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('npm start runs the built entry (made by npm install) in place of npm\'s shell: SIGTERM to npm stops it with exit 0', async () => {
    // dist/ is built by `npm install` / `npm ci` (prepare); after code changes run `npm run build`.
    expect(existsSync('dist/server/main.js'), 'dist/ missing: run npm install or npm run build').toBe(true);
    const { child, port, stderr } = await startService({ DATABASE_URL: tempDb() }, ['npm', ['start', '--silent']]);
    children.push(child);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    child.kill('SIGTERM'); // the npm process, as a process manager running `npm start` would
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stderr()).toContain('shutdown complete');
    expect(await portClosed(port)).toBe(true);
  });

  it('npm start is one node process on the built entry; npm install builds it', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts['start']).toBe('exec node dist/server/main.js');
    expect(manifest.scripts['prepare']).toMatch(/^tsc -p tsconfig\.build\.json$/);
    const build = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as { compilerOptions: { rootDir: string; outDir: string } };
    expect(build.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' }); // src/server/main.ts → dist/server/main.js
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
