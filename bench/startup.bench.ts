/**
 * Start-up bench (issue 12 items 1 and 6): spawn to the first 200 from GET /readyz for our server as
 * `npm start` runs it (`node dist/server/main.js`, Teams in local mode, a temp database, the knowledge index cache
 * warmed by one unmeasured start as in production) beside its floor, a bare restify server
 * (bench/floors/bare-restify.mjs); also `npm start` itself with the number of processes it leaves running,
 * and a start with Teams credentials set (the channel's botbuilder half then loads before ready).
 * Interleaved rounds (ours, floor, npm start, …). dist/ is built first when older than src/.
 * Usage: npx tsx bench/startup.bench.ts [--rounds 3] [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTRY, ensureBuilt, freePort, memoryOf, processTree, startServer } from './lib/process.js';
import { atMost, benchOptions, finish, interleaved, median, num, row } from './lib/report.js';

const options = benchOptions();
const dir = mkdtempSync(join(tmpdir(), 'pakt-bench-start-'));
let run = 0;
const ourEnv = (): Record<string, string> => {
  run += 1;
  return { LOG_LEVEL: 'silent', HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, `run-${run}.db`)}`, INDEX_CACHE_DIR: join(dir, 'cache') };
};

/** One start: ready time, processes in the tree when ready, resident memory of the whole tree. */
interface Start {
  readyMs: number;
  processes: number;
  rssMb: number;
}

async function start(command: string, args: string[], env: Record<string, string>): Promise<Start> {
  const server = await startServer(command, args, env, await freePort());
  let tree: number[] = [server.pid];
  try {
    tree = processTree(server.pid);
    const rssMb = tree.reduce((sum, pid) => sum + memoryOf(pid).rssMb, 0);
    return { readyMs: server.readyMs, processes: tree.length, rssMb };
  } finally {
    await server.stop();
    // `kill -TERM` of npm may leave its child running: stop what is left of the tree.
    for (const pid of tree.slice(1)) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
}

try {
  ensureBuilt();
  await start(process.execPath, [ENTRY], ourEnv()); // writes the index cache, as the first start in production
  const r = await interleaved(options.rounds, {
    ours: () => start(process.execPath, [ENTRY], ourEnv()),
    floor: () => start(process.execPath, [fileURLToPath(new URL('./floors/bare-restify.mjs', import.meta.url))], {}),
    npmStart: () => start('npm', ['start', '--silent'], ourEnv()),
    // With Teams credentials the botbuilder half of the Teams channel loads before ready (no network at start).
    teams: () => start(process.execPath, [ENTRY], { ...ourEnv(), MicrosoftAppId: '00000000-0000-4000-8000-000000000001', MicrosoftAppPassword: 'bench-only' }),
  });
  const ready = {
    ours: median(r.ours.map((x) => x.readyMs)),
    floor: median(r.floor.map((x) => x.readyMs)),
    npm: median(r.npmStart.map((x) => x.readyMs)),
    teams: median(r.teams.map((x) => x.readyMs)),
  };
  const processes = median(r.npmStart.map((x) => x.processes));
  const rss = { ours: median(r.ours.map((x) => x.rssMb)), floor: median(r.floor.map((x) => x.rssMb)) };
  finish(
    [
      row('start', `start to ready (\`node ${ENTRY}\`; floor: bare restify)`, num(ready.ours, 'ms'), num(ready.floor, 'ms'), ready.ours / ready.floor, atMost(3)),
      row('start', `start to ready (\`npm start\`, ${processes} process${processes === 1 ? '' : 'es'} running; target: one)`, num(ready.npm, 'ms'), num(ready.floor, 'ms'), ready.npm / ready.floor, atMost(3)),
      row('start', 'start to ready with Teams credentials set (botbuilder loaded before ready; floor: bare restify)', num(ready.teams, 'ms'), num(ready.floor, 'ms'), ready.teams / ready.floor, atMost(3)),
      row('start', 'memory when ready (RSS; floor: bare restify)', num(rss.ours, 'MB'), num(rss.floor, 'MB'), rss.ours / rss.floor, { text: '— (see the echo bot rows)', check: () => null }),
    ],
    options,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
