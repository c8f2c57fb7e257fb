/**
 * Servers under test as child processes: spawn, wait until ready, read CPU time and memory from /proc (so the
 * figures are the server's alone, not the load generator's), count the process tree, stop with SIGTERM. Also
 * builds dist/ when the sources are newer, so `node dist/server/main.js` is what `npm start` runs today.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';

/** What `npm start` runs (BENCH_ENTRY: another build, e.g. a copy of dist/ from an earlier commit, for an A/B). */
export const ENTRY = process.env['BENCH_ENTRY'] ?? 'dist/server/main.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ (`tsc -p tsconfig.build.json`) when it is missing or older than src/. */
export function ensureBuilt(): void {
  if (existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= newestMtime('src')) return;
  process.stderr.write('building dist/ (tsc -p tsconfig.build.json) …\n');
  // Type errors elsewhere in a shared tree do not stop the emit; a missing entry does.
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (!existsSync(ENTRY)) throw new Error(`build failed: ${ENTRY} missing`);
}

/** A currently free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system) of a process so far, in ms (from /proc/<pid>/stat). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Resident memory now and its peak (VmRSS, VmHWM) in MB. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** The pids of a process and all its descendants (from /proc/<pid>/stat parent ids). */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number): void => {
    out.push(pid);
    for (const child of parents.get(pid) ?? []) walk(child);
  };
  walk(root);
  return out;
}

/** A started server. */
export interface RunningServer {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Spawn to the first 200 from the ready URL, ms. */
  readyMs: number;
  stop(): Promise<void>;
}

/** Spawns `command args` with env and polls `http://127.0.0.1:<port><readyPath>` until it answers 200. */
export async function startServer(command: string, args: string[], env: Record<string, string>, port: number, readyPath = '/readyz', timeoutMs = 60_000): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(command, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (gone) throw new Error(`${command} ${args.join(' ')} exited before ready`);
    try {
      const res = await fetch(`${url}${readyPath}`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${command} ${args.join(' ')} not ready after ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const readyMs = performance.now() - started;
  return {
    child,
    pid: child.pid ?? -1,
    url,
    readyMs,
    async stop() {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
