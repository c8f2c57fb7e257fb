/**
 * Start-up to ready (target < 1.5 s) and resident memory after start: spawns what `npm start` runs
 * (`node dist/server/main.js`, one process; built first when dist/ is missing) on a free port with a
 * temporary database and polls /readyz.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = 5;
const ENTRY = 'dist/server/main.js';
if (!existsSync(ENTRY)) {
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed (npx tsc -p tsconfig.build.json)');
}
const dir = mkdtempSync(join(tmpdir(), 'pakt-bench-start-'));

async function once(run: number): Promise<{ readyMs: number; rssMb: number }> {
  const port = 39000 + run;
  const started = performance.now();
  const child = spawn(process.execPath, [ENTRY], {
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      DATABASE_URL: `sqlite:${join(dir, `run-${run}.db`)}`,
      INDEX_CACHE_DIR: join(dir, 'cache'),
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 30_000) throw new Error('not ready after 30 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    const readyMs = performance.now() - started;
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const rss = Number(/pakt_process_resident_memory_bytes (\d+)/.exec(metrics)?.[1] ?? NaN);
    return { readyMs, rssMb: rss / 1024 / 1024 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const results = [];
for (let i = 0; i < RUNS; i += 1) results.push(await once(i));
rmSync(dir, { recursive: true, force: true });
const ready = results.map((r) => r.readyMs).sort((a, b) => a - b);
console.log(`start-up to ready (\`node ${ENTRY}\`, one process), ${RUNS} runs:`);
console.log(`  median ${ready[Math.floor(RUNS / 2)]!.toFixed(0)} ms, min ${ready[0]!.toFixed(0)} ms, max ${ready[RUNS - 1]!.toFixed(0)} ms (target < 1500 ms)`);
console.log(`  resident memory after start: ${results.map((r) => r.rssMb.toFixed(0)).join(', ')} MB`);
