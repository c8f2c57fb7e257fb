/**
 * Teams benchmark (issue 5): `npx tsx bench/teams.bench.ts` prints /api/messages throughput and p50/p99
 * latency with 50 concurrent conversations on loopback, the connector stub local (target ≥ 300
 * activities/s, p99 < 100 ms). The server (restify + Teams channel + knowledge base + routing + tickets on
 * a temp SQLite file) runs here; the load generator and the connector stub run in a child process
 * (bench/teams-load.ts), so client work does not steal the server's event loop. Each conversation posts its
 * next activity when the previous one was answered (the turn replies inline: a 200 means the reply
 * reached the connector). Workloads: questions only (development set), and with 10 % application
 * matters (tickets); then an open loop offering --rate activities/s (default 300) spread over the 50
 * conversations, latency measured from the scheduled send time. With 50 conversations in a closed loop,
 * mean latency = 50 / throughput (Little's law), so p99 < 100 ms there needs > 500/s; the open loop at
 * 300/s is the reading of the target that fits. Server CPU per activity is printed too: it does not
 * depend on what else runs on the machine.
 * Options: --conversations N (default 50), --per-conversation M (default 40), --rate R (default 300).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../src/core/ports.js';
import { startTeamsHarness } from '../test/integration/teams/harness.js';

const arg = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const CONVERSATIONS = arg('conversations', 50);
const PER_CONVERSATION = arg('per-conversation', 40);
const RATE = arg('rate', 300);

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

interface Figures {
  activities: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  replies: number;
  /** Server CPU time (user + system) per activity, ms: independent of other load on the machine. */
  cpuMsPerActivity: number;
}

/** Closed loop: the rate the server reached. Open loop: it kept up with the offered rate (3 % slack for the ramp). */
function print(label: string, f: Figures, offered = 0): void {
  const isFastEnough = offered > 0 ? f.perSecond >= offered * 0.97 && offered >= 300 : f.perSecond >= 300;
  const verdict = isFastEnough && f.p99 < 100 ? 'meets target' : 'MISSES target (>= 300/s, p99 < 100 ms)';
  process.stdout.write(
    `${label.padEnd(26)} ${String(f.activities).padStart(5)} activities in ${f.seconds.toFixed(2)} s = ` +
      `${f.perSecond.toFixed(0)}/s; p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(0)} ms; ` +
      `replies ${f.replies}, errors ${f.errors} - ${verdict}\n` +
      `${''.padEnd(26)} server CPU ${f.cpuMsPerActivity.toFixed(2)} ms/activity = capacity ~${(1000 / f.cpuMsPerActivity).toFixed(0)}/s on one idle core\n`,
  );
}

const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./teams-load.ts', import.meta.url))], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
const nextLine = async (): Promise<Record<string, unknown>> => {
  const { value, done } = await lines.next();
  if (done) throw new Error('teams bench: load generator exited');
  return JSON.parse(String(value)) as Record<string, unknown>;
};

await nextLine(); // the child's stub URL: activities carry it as serviceUrl
const h = await startTeamsHarness({ logger: silentLogger });
const job = async (label: string, ticketShare: number, rate = 0): Promise<Figures> => {
  const cpuBefore = process.cpuUsage();
  const spec = { serverUrl: h.url, label, conversations: CONVERSATIONS, perConversation: PER_CONVERSATION, ticketShare, rate };
  child.stdin.write(`${JSON.stringify(spec)}\n`);
  const r = (await nextLine()) as { latencies: number[]; seconds: number; errors: number; received: number };
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = [...r.latencies].sort((a, b) => a - b);
  return {
    activities: sorted.length,
    seconds: r.seconds,
    perSecond: sorted.length / r.seconds,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
    errors: r.errors,
    replies: r.received,
    cpuMsPerActivity: (cpu.user + cpu.system) / 1000 / Math.max(1, sorted.length),
  };
};
/** CPU of the core's triage alone for the same questions (the part of each activity outside the channel). */
async function triageCpuMs(): Promise<number> {
  const { triage } = await import('../src/core/triage.js');
  const { openKnowledgeBase } = await import('../src/knowledge/knowledge-base.fs.js');
  const { loadRouting } = await import('../src/routing/router.loader.js');
  const { readFileSync } = await import('node:fs');
  const [kb, routing] = await Promise.all([openKnowledgeBase({ dir: 'knowledge', logger: silentLogger }), loadRouting({ logger: silentLogger })]);
  const questions = readFileSync(new URL('../test/eval/questions.jsonl', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { question: string }).question);
  const run = (n: number): void => {
    for (let i = 0; i < n; i++) triage({ channel: 'teams', subject: '', text: questions[i % questions.length]! }, { answerer: kb, router: routing.router });
  };
  run(200);
  const before = process.cpuUsage();
  run(1000);
  const used = process.cpuUsage(before);
  await kb.close();
  return (used.user + used.system) / 1000 / 1000;
}

try {
  const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
  process.stdout.write(
    `Teams /api/messages, ${CONVERSATIONS} concurrent conversations x ${PER_CONVERSATION} activities, loopback, node ${process.version}, ` +
      `load average ${load} on ${(await import('node:os')).availableParallelism()} cores\n`,
  );
  await job('warmup', 0);
  print('questions (answer cards)', await job('questions', 0));
  print('questions + 10 % tickets', await job('mixed', 0.1));
  print(`open loop, ${RATE}/s offered`, await job('open', 0, RATE), RATE);
  const core = await triageCpuMs();
  process.stdout.write(`core triage alone (knowledge search + routing + rules): ${core.toFixed(2)} ms CPU per question, included in the figures above\n`);
} finally {
  child.stdin.end('{"stop":true}\n');
  await new Promise((resolve) => child.once('exit', resolve));
  await h.close();
}
