/**
 * A local HTTP server standing in for the Bot Framework connector (the service behind `serviceUrl`).
 * Records every POST/PUT to `/v3/conversations/:id/activities[/:activityId]`, answers with a fresh
 * activity id, answers member look-ups from `members`, and fails on demand (429 with Retry-After, 5xx, 403/404) so tests can drive the channel's
 * retry and dead-reference handling. Waiting is event-driven (`waitFor`), never sleep-based.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';

/** One request the stub received. */
export interface RecordedActivity {
  method: string;
  path: string;
  conversationId: string;
  /** The activity id in the path (reply-to for POST, the updated activity for PUT), if any. */
  activityId: string | null;
  /** The id the stub assigned (POST) or echoed (PUT). */
  assignedId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  authorization: string | undefined;
}

/** A scripted failure: the next matching request gets this status instead of success. */
export interface ScriptedFailure {
  status: number;
  retryAfterSeconds?: number;
  /** Only requests for this conversation; any conversation when omitted. */
  conversationId?: string;
}

export interface ConnectorStub {
  /** Base URL to use as the activities' `serviceUrl` (ends with `/`). */
  url: string;
  /** Successful requests, in arrival order. */
  received: RecordedActivity[];
  /** Requests answered with a scripted failure. */
  failed: RecordedActivity[];
  /** Queues failures for the next matching requests, in order. */
  failNext(...failures: ScriptedFailure[]): void;
  /** Answers every request for `conversationId` with `status` until cleared (e.g. 403: bot removed). */
  failConversation(conversationId: string, status: number | null): void;
  /** Members answered to `GET /v3/conversations/:id/members/:memberId` (by member id); others get 404. */
  members: Map<string, Record<string, unknown>>;
  /** Successful requests for one conversation. */
  forConversation(conversationId: string): RecordedActivity[];
  /** Resolves with the first recorded (successful) request matching `predicate`, now or later. */
  waitFor(predicate: (a: RecordedActivity) => boolean, timeoutMs?: number): Promise<RecordedActivity>;
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/;
const MEMBER_PATH = /^\/v3\/conversations\/[^/]+\/members\/([^/?]+)/;

/** Starts the stub on 127.0.0.1 with a free port. */
export async function startConnectorStub(): Promise<ConnectorStub> {
  const received: RecordedActivity[] = [];
  const failed: RecordedActivity[] = [];
  const queue: ScriptedFailure[] = [];
  const deadConversations = new Map<string, number>();
  const members = new Map<string, Record<string, unknown>>();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let counter = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const path = decodeURIComponent(req.url ?? '');
    const member = req.method === 'GET' ? MEMBER_PATH.exec(path) : null;
    if (member) {
      const found = members.get(member[1] ?? '');
      send(res, found ? 200 : 404, {}, JSON.stringify(found ?? { error: { code: 'MemberNotFound' } }));
      return;
    }
    const match = ACTIVITY_PATH.exec(path);
    if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
      // Token endpoints, member look-ups etc. are not part of the local trial.
      send(res, 404, {}, '{"error":{"code":"NotFound"}}');
      return;
    }
    const conversationId = match[1] ?? '';
    const activityId = match[2] ?? null;
    const assignedId = req.method === 'PUT' && activityId ? activityId : `stub-${++counter}`;
    const record: RecordedActivity = {
      method: req.method,
      path,
      conversationId,
      activityId,
      assignedId,
      body: raw === '' ? null : JSON.parse(raw),
      authorization: req.headers.authorization,
    };
    const failure = takeFailure(conversationId);
    if (failure) {
      failed.push(record);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
      send(res, failure.status, headers, `{"error":{"code":"Stub${failure.status}"}}`);
      events.emit('failed', record);
      return;
    }
    received.push(record);
    send(res, 200, {}, JSON.stringify({ id: assignedId }));
    events.emit('activity', record);
  };

  const takeFailure = (conversationId: string): ScriptedFailure | null => {
    const dead = deadConversations.get(conversationId);
    if (dead !== undefined) return { status: dead };
    const index = queue.findIndex((f) => f.conversationId === undefined || f.conversationId === conversationId);
    if (index < 0) return null;
    return queue.splice(index, 1)[0] ?? null;
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, {}, '');
      else res.end();
    });
  });
  // Node clients drop a kept-alive socket when the server announces a short timeout: keep it long.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const waitFor = (predicate: (a: RecordedActivity) => boolean, timeoutMs = 5000): Promise<RecordedActivity> => {
    const existing = received.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        events.off('activity', listener);
        reject(new Error(`connector stub: no matching activity within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (a: RecordedActivity): void => {
        if (!predicate(a)) return;
        clearTimeout(timer);
        events.off('activity', listener);
        resolve(a);
      };
      events.on('activity', listener);
    });
  };

  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    failed,
    members,
    failNext: (...failures) => queue.push(...failures),
    failConversation: (id, status) => {
      if (status === null) deadConversations.delete(id);
      else deadConversations.set(id, status);
    },
    forConversation: (id) => received.filter((a) => a.conversationId === id),
    waitFor,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// restify patches http.ServerResponse globally and its writeHead does not return `this`: no chaining.
function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
