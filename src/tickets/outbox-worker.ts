/**
 * Delivers outbox messages through the channels' deliverers: at-least-once with an idempotency key.
 * A message is leased before delivery and marked sent (conditional on the lease) afterwards; a crash in
 * between lets the lease expire and the message is tried again with the SAME key, which the channels use
 * to deduplicate (mail: Message-ID derived from the key, a note written when the message's end reached the
 * SMTP server, and the mailbox's Sent folder, see channels/email/send-once.ts; Teams: activity id/replyToId
 * bookkeeping). docs/EMAIL.md states what remains.
 *
 * Staff messages (channel 'staff', addressed to a team, a person or the lead) are fanned out, not delivered:
 * `fanOut` names the addressee's channels, and the store marks the message done and queues one row per leg
 * in one transaction (key `<key>:<leg>`), so each leg is delivered, retried and deduplicated on its own. A
 * drain that fanned something out claims once more, so the legs go out in the same cycle.
 */
import { errorCode } from '../core/error-code.js';
import type { Channel } from '../core/enquiry.js';
import type { Deliverer, DeliveryResult, OutboundMessage, OutboxChannel } from '../core/outcome.js';
import type { Clock, Logger } from '../core/ports.js';
import type { FanOutLeg, OutboxStore } from '../core/ticket-model.js';

/** Options of {@link createOutboxWorker}; defaults in {@link OUTBOX_DEFAULTS}. */
export interface OutboxWorkerOptions {
  store: OutboxStore;
  deliverers: Partial<Record<Channel, Deliverer>>;
  /**
   * The channels of a staff message's addressee (core/staff-messages.ts `fanOutLegs` with the running
   * channels). Without it staff messages wait in the outbox.
   */
  fanOut?: (message: OutboundMessage) => FanOutLeg[] | Promise<FanOutLeg[]>;
  clock: Clock;
  logger: Logger;
  /** Poll interval in ms between drains when started. */
  pollMs: number;
  /** Lease per claimed message (ms); must exceed the slowest delivery. */
  leaseMs?: number;
  /** Attempts before a message goes 'dead'. */
  maxAttempts?: number;
  /** First retry delay (ms); doubles per attempt, capped at maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Messages per drain. */
  batchSize?: number;
  /**
   * Deliveries in flight at once within a drain. Messages of one ticket (or, without a ticket, of one
   * recipient) keep their order: they share a lane, and a lane is delivered one message after the other.
   */
  concurrency?: number;
  /** Lease owner id (unique per worker). */
  owner?: string;
}

/** Defaults applied to {@link OutboxWorkerOptions}. */
export const OUTBOX_DEFAULTS = {
  leaseMs: 60_000,
  maxAttempts: 8,
  baseBackoffMs: 5_000,
  maxBackoffMs: 3_600_000,
  batchSize: 20,
  concurrency: 4,
} as const;

/** Counts of one drain. */
export interface DrainReport {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  /** Staff messages fanned out into their legs. */
  fannedOut: number;
}

/** A running or stoppable worker. */
export interface OutboxWorker {
  /** Starts polling every `pollMs` (drains at once first). */
  start(): void;
  /** Stops polling and waits for a running drain to finish. */
  stop(): Promise<void>;
  /** Claims and delivers due messages once. */
  drainOnce(): Promise<DrainReport>;
}

/** Exponential backoff: base · 2^(attempt-1), capped; a deliverer's `afterMs` wins when longer. */
export function backoffMs(attempt: number, base: number, max: number, afterMs?: number): number {
  const exponential = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.max(exponential, afterMs ?? 0);
}

/** The code of a deliverer's error for the retry reason and the log, its name when it has none. */
function failureCode(error: unknown): string {
  return errorCode(error) ?? (error instanceof Error ? error.name : 'Error');
}

/**
 * The lane of a message: its ticket, else its recipient (mail address, Teams conversation), else itself.
 * Messages of one lane are delivered in the order they were queued.
 */
export function laneOf(message: OutboundMessage): string {
  if (message.ticketNumber !== null) return `ticket:${message.ticketNumber}`;
  const handle = message.replyHandle;
  if (handle.channel === 'email') return `email:${handle.to.toLowerCase()}`;
  if (handle.channel === 'teams') {
    const conversation = handle.conversationReference['conversation'] as { id?: unknown } | undefined;
    if (typeof conversation?.id === 'string') return `teams:${conversation.id}`;
  }
  return `message:${message.id}`;
}

/** Runs each lane's messages in order, up to `limit` lanes at once; rethrows the first failure after all ended. */
async function runLanes(batch: readonly OutboundMessage[], limit: number, run: (message: OutboundMessage) => Promise<void>): Promise<void> {
  const lanes = new Map<string, OutboundMessage[]>();
  for (const message of batch) {
    const key = laneOf(message);
    const lane = lanes.get(key);
    if (lane === undefined) lanes.set(key, [message]);
    else lane.push(message);
  }
  const queue = [...lanes.values()];
  const worker = async (): Promise<void> => {
    for (let lane = queue.shift(); lane !== undefined; lane = queue.shift()) {
      for (const message of lane) await run(message);
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, queue.length)) }, worker));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
}

/**
 * Creates an outbox worker. Channels without a deliverer are not claimed (their messages wait).
 *
 * @example
 * const worker = createOutboxWorker({ store: outbox, deliverers: { email: sendMail }, clock, logger, pollMs: 1000 });
 * worker.start(); … await worker.stop();
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const o = { ...OUTBOX_DEFAULTS, owner: `worker-${process.pid}-${Math.random().toString(36).slice(2, 8)}`, ...options };
  const log = o.logger.child({ component: 'outbox-worker' });
  const delivering = (Object.keys(o.deliverers) as Channel[]).filter((c) => o.deliverers[c] !== undefined);
  const channels: OutboxChannel[] = o.fanOut === undefined ? delivering : [...delivering, 'staff'];
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<DrainReport> | null = null;
  let stopped = true;

  const fanOutOne = async (message: OutboundMessage, report: DrainReport): Promise<void> => {
    const legs = await o.fanOut!(message);
    const now = o.clock.now();
    const ids = { outboxId: message.id, kind: message.kind, ticketNumber: message.ticketNumber, legs: legs.map((l) => l.channel) };
    // A card update where no Teams channel serves the team has nothing to do; a notice reaching nobody is dead.
    if (legs.length === 0 && message.kind !== 'staff_card') {
      await o.store.markDead(message.id, o.owner, now, 'no channel for the staff addressee');
      report.dead += 1;
      log.warn(ids, 'staff message has no channel');
      return;
    }
    if (await o.store.fanOut(message.id, o.owner, now, legs)) report.fannedOut += 1;
    else log.warn(ids, 'lease lost before fanning out');
  };

  const deliverOne = async (message: OutboundMessage, report: DrainReport): Promise<void> => {
    if (message.channel === 'staff') return fanOutOne(message, report);
    const deliver = o.deliverers[message.channel]!;
    let result: DeliveryResult;
    try {
      result = await deliver(message);
    } catch (error) {
      result = { kind: 'retry', reason: `deliverer threw ${failureCode(error)}` };
    }
    const now = o.clock.now();
    const ids = { outboxId: message.id, kind: message.kind, ticketNumber: message.ticketNumber, attempts: message.attempts };
    if (result.kind === 'sent') {
      if (await o.store.markSent(message.id, o.owner, now, result.providerId)) report.sent += 1;
      else log.warn(ids, 'lease lost before marking sent');
      return;
    }
    if (result.kind === 'dead' && result.fallback !== undefined) {
      await o.store.reroute(message.id, o.owner, now, result.reason, result.fallback);
      report.dead += 1;
      log.warn({ ...ids, fallback: result.fallback.channel }, 'outbox message rerouted to its fallback channel');
      return;
    }
    if (result.kind === 'dead' || message.attempts >= o.maxAttempts) {
      await o.store.markDead(message.id, o.owner, now, result.reason);
      report.dead += 1;
      log.error({ ...ids, reason: result.kind }, 'outbox message dead');
      return;
    }
    const wait = backoffMs(message.attempts, o.baseBackoffMs, o.maxBackoffMs, result.afterMs);
    await o.store.markRetry(message.id, o.owner, new Date(now.getTime() + wait), result.reason);
    report.retried += 1;
    log.warn({ ...ids, retryInMs: wait }, 'outbox delivery will be retried');
  };

  const claimAndDeliver = async (report: DrainReport): Promise<number> => {
    const batch = await o.store.claimDue({ now: o.clock.now(), channels, limit: o.batchSize, leaseMs: o.leaseMs, owner: o.owner });
    report.claimed += batch.length;
    await runLanes(batch, o.concurrency, (message) => deliverOne(message, report));
    return batch.length;
  };

  const drain = async (): Promise<DrainReport> => {
    const report: DrainReport = { claimed: 0, sent: 0, retried: 0, dead: 0, fannedOut: 0 };
    const first = await claimAndDeliver(report);
    // The legs of staff messages fanned out just now are due at once: deliver them in this cycle.
    if (report.fannedOut > 0 && first < o.batchSize) await claimAndDeliver(report);
    return report;
  };

  const drainOnce = (): Promise<DrainReport> => {
    // One drain at a time per worker: a second caller waits for the running one, then drains again.
    const next = (running ?? Promise.resolve(null)).then(drain, drain).finally(() => {
      if (running === next) running = null;
    });
    running = next;
    return next;
  };

  // A full batch means more is due: drain again at once instead of waiting a poll interval (a backlog
  // would otherwise be capped at batchSize messages per pollMs).
  const tick = (): void => {
    drainOnce().then(
      (report) => schedule(report.claimed >= o.batchSize ? 0 : o.pollMs),
      (error: unknown) => {
        log.error({ code: failureCode(error) }, 'outbox drain failed');
        schedule(o.pollMs);
      },
    );
  };
  const schedule = (delayMs: number): void => {
    if (stopped) return;
    timer = setTimeout(tick, delayMs);
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
    drainOnce,
  };
}
