/**
 * Teams bench (issue 12 items 3, 5, 6): our server as `npm start` runs it (`node dist/server/main.js`, no
 * MicrosoftAppId, a temp database) beside its floor, a bare restify + botbuilder echo bot
 * (bench/floors/echo-bot.mjs), both driven by the same load generator and connector stub
 * (bench/teams-load.ts, a child process of its own). Rounds are interleaved (ours, echo, ours, echo, …);
 * each round starts the server afresh and measures
 *  - closed loop: 50 conversations, each posting its next activity when the previous POST was answered
 *    (the reply reached the connector stub): throughput, p99, server CPU ms per activity;
 *  - open loop: 300 activities/s offered whatever the server's speed, latency from the scheduled send time;
 *  - resident memory after start and after the load.
 * Server CPU and memory come from /proc/<pid>, so the load generator's work is not counted.
 * Usage: npx tsx bench/teams.bench.ts [--rounds 3] [--quick] [--conversations 50] [--per-conversation 40] [--rate 300]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { cpuMsOf, ENTRY, ensureBuilt, freePort, memoryOf, startServer, type RunningServer } from './lib/process.js';
import { atLeast, atMost, benchOptions, finish, interleaved, medianOf, noTarget, num, numberArg, quantile, row, type BenchRow, type Target } from './lib/report.js';

const options = benchOptions();
const CONVERSATIONS = numberArg('conversations', 50);
const PER_CONVERSATION = numberArg('per-conversation', options.quick ? 12 : 40);
const RATE = numberArg('rate', 300);
const OPEN_TOTAL = numberArg('open-activities', options.quick ? 600 : 2000);
// BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles our server.
const NODE_ARGS = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');

/** One load run as the server saw it. */
interface Load {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  replies: number;
  activities: number;
  cpuMsPerActivity: number;
}

/** One round of one server. */
interface Round {
  rssAfterStartMb: number;
  rssAfterLoadMb: number;
  closed: Load;
  open: Load;
}

const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./teams-load.ts', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
const nextLine = async (): Promise<Record<string, unknown>> => {
  const { value, done } = await lines.next();
  if (done) throw new Error('teams bench: load generator exited');
  return JSON.parse(String(value)) as Record<string, unknown>;
};

async function load(server: RunningServer, label: string, conversations: number, perConversation: number, rate = 0): Promise<Load> {
  const cpuBefore = cpuMsOf(server.pid);
  child.stdin.write(`${JSON.stringify({ serverUrl: server.url, label, conversations, perConversation, ticketShare: 0, rate })}\n`);
  const r = (await nextLine()) as { latencies: number[]; seconds: number; errors: number; received: number };
  const cpu = cpuMsOf(server.pid) - cpuBefore;
  const sorted = [...r.latencies].sort((a, b) => a - b);
  return {
    activities: sorted.length,
    perSecond: sorted.length / r.seconds,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    errors: r.errors,
    replies: r.received,
    cpuMsPerActivity: cpu / Math.max(1, sorted.length),
  };
}

async function round(kind: 'ours' | 'echo', n: number): Promise<Round> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pakt-bench-teams-'));
  const server =
    kind === 'ours'
      ? await startServer(process.execPath, [...NODE_ARGS, ENTRY], { LOG_LEVEL: 'silent', HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, 'pakt.db')}`, INDEX_CACHE_DIR: join(dir, 'cache') }, port)
      : await startServer(process.execPath, ['--no-deprecation', fileURLToPath(new URL('./floors/echo-bot.mjs', import.meta.url))], {}, port);
  try {
    await new Promise((r) => setTimeout(r, 500)); // let start-up garbage settle before reading memory
    const rssAfterStartMb = memoryOf(server.pid).rssMb;
    await load(server, `${kind}-warmup-${n}`, 10, 20);
    const closed = await load(server, `${kind}-closed-${n}`, CONVERSATIONS, PER_CONVERSATION);
    const open = await load(server, `${kind}-open-${n}`, CONVERSATIONS, Math.ceil(OPEN_TOTAL / CONVERSATIONS), RATE);
    const rssAfterLoadMb = memoryOf(server.pid).rssMb;
    for (const l of [closed, open]) {
      if (l.errors > 0 || l.replies < l.activities) process.stderr.write(`  ${kind}: ${l.errors} errors, ${l.replies}/${l.activities} replies\n`);
    }
    return { rssAfterStartMb, rssAfterLoadMb, closed, open };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  ensureBuilt();
  await nextLine(); // the child's stub URL (activities carry it as serviceUrl)
  process.stderr.write(`Teams: closed loop ${CONVERSATIONS} × ${PER_CONVERSATION}, open loop ${OPEN_TOTAL} at ${RATE}/s, ${options.rounds} round(s)\n`);
  const r = await interleaved(options.rounds, { ours: (n) => round('ours', n), echo: (n) => round('echo', n) });
  const m = (kind: 'ours' | 'echo', f: (x: Round) => number): number => medianOf(r[kind], f);
  const rows: BenchRow[] = [];
  const add = (what: string, f: (x: Round) => number, unit: string, target: Target): void => {
    const ours = m('ours', f);
    const floor = m('echo', f);
    rows.push(row('teams', what, num(ours, unit), num(floor, unit), ours / floor, target));
  };
  const closed = `Teams, ${CONVERSATIONS} conversations, closed loop`;
  add(`${closed}: throughput (floor: restify + botbuilder echo bot)`, (x) => x.closed.perSecond, 'activities/s', atLeast(0.5));
  add(`${closed}: p99`, (x) => x.closed.p99, 'ms', atMost(2));
  add(`${closed}: server CPU per activity`, (x) => x.closed.cpuMsPerActivity, 'ms', atMost(2));
  add(`Teams, ${RATE}/s offered (open loop): throughput`, (x) => x.open.perSecond, 'activities/s', noTarget);
  add(`Teams, ${RATE}/s offered (open loop): p99`, (x) => x.open.p99, 'ms', atMost(2));
  add('memory after start (RSS; floor: echo bot)', (x) => x.rssAfterStartMb, 'MB', atMost(2));
  add('memory after the Teams load (RSS)', (x) => x.rssAfterLoadMb, 'MB', atMost(2));
  for (const kind of ['ours', 'echo'] as const) {
    process.stderr.write(`${kind}: ${JSON.stringify(r[kind].map((x) => ({ closed: Math.round(x.closed.perSecond), p99: Math.round(x.closed.p99), cpu: x.closed.cpuMsPerActivity.toFixed(2), openP99: Math.round(x.open.p99) })))}\n`);
  }
  finish(rows, options);
} finally {
  child.stdin.end('{"stop":true}\n');
  await new Promise((resolve) => child.once('exit', resolve));
}
