/**
 * Load generator and connector stub for bench/teams.bench.ts, run as a child process so the client and the
 * stub do not share the event loop with the server under test. Protocol on stdio (JSON lines):
 *   child → parent  {"stubUrl": "..."}
 *   parent → child  {"serverUrl": "...", "label": "...", "conversations": N, "perConversation": M, "ticketShare": x}
 *   child → parent  {"latencies": [...ms], "seconds": s, "errors": n, "received": n}
 * A conversation posts its next activity when the previous POST was answered.
 */
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ActivityFactory, REQUESTER_AAD } from '../test/integration/teams/harness.js';
import { startConnectorStub } from '../test/helpers/connector-stub.js';

const APPLICATION = 'Unser Antrag vom 3. März, Aktenzeichen 4711: der Bescheid ist noch nicht da. Stadt Sindelfingen, Landkreis Böblingen';
const questions = readFileSync(new URL('../test/eval/questions.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { question: string }).question);

interface Job {
  serverUrl: string;
  label: string;
  conversations: number;
  perConversation: number;
  ticketShare: number;
  /** Open loop: activities per second offered (spread round-robin over the conversations); 0 = closed loop. */
  rate?: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Open loop: activity k starts at k / rate seconds, whatever the server's speed (no coordinated omission). */
async function runOpen(job: Job, factory: ActivityFactory): Promise<{ latencies: number[]; seconds: number; errors: number }> {
  const total = job.conversations * job.perConversation;
  const rate = job.rate ?? 1;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let k = 0; k < total; k++) {
    const due = started + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const c = k % job.conversations;
    const sender = { aad: `${REQUESTER_AAD}-${c}`, conversationId: `a:bench-${job.label}-${c}` };
    const body = JSON.stringify(factory.message(sender, questions[k % questions.length]!));
    pending.push(
      post(`${job.serverUrl}/api/messages`, body)
        .catch(() => 0)
        .then((status) => {
          latencies.push(performance.now() - due);
          if (status !== 200) errors += 1;
        }),
    );
  }
  await Promise.all(pending);
  return { latencies, seconds: (performance.now() - started) / 1000, errors };
}

async function run(job: Job, factory: ActivityFactory): Promise<{ latencies: number[]; seconds: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let counter = 0;
  const every = job.ticketShare > 0 ? Math.round(1 / job.ticketShare) : 0;
  const conversation = async (c: number): Promise<void> => {
    const sender = { aad: `${REQUESTER_AAD}-${c}`, conversationId: `a:bench-${job.label}-${c}` };
    for (let i = 0; i < job.perConversation; i++) {
      counter += 1;
      const text = every > 0 && counter % every === 0 ? `${APPLICATION} (${job.label} ${counter})` : questions[(c * job.perConversation + i) % questions.length]!;
      const body = JSON.stringify(factory.message(sender, text));
      const started = performance.now();
      const status = await post(`${job.serverUrl}/api/messages`, body).catch(() => 0);
      latencies.push(performance.now() - started);
      if (status !== 200) errors += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: job.conversations }, (_, c) => conversation(c)));
  return { latencies, seconds: (performance.now() - started) / 1000, errors };
}

const stub = await startConnectorStub();
const factory = new ActivityFactory(stub.url);
process.stdout.write(`${JSON.stringify({ stubUrl: stub.url })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  const job = JSON.parse(line) as Job | { stop: true };
  if ('stop' in job) break;
  stub.received.length = 0;
  const result = job.rate ? await runOpen(job, factory) : await run(job, factory);
  process.stdout.write(`${JSON.stringify({ ...result, received: stub.received.length })}\n`);
}
await stub.close();
agent.destroy();
process.exit(0); // stdin (a pipe) would keep the process alive
