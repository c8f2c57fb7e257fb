/**
 * Delivers outbox messages through the channels' deliverers: at-least-once with an idempotency key.
 * A message is leased before delivery and marked sent (conditional on the lease) afterwards; a crash in
 * between lets the lease expire and the message is tried again with the SAME key, which the channels use
 * to deduplicate (mail: Message-ID derived from the key; Teams: activity id/replyToId bookkeeping).
 */
import type { Channel } from '../core/enquiry.js';
import type { Deliverer } from '../core/outcome.js';
import type { Clock, Logger } from '../core/ports.js';
import type { OutboxStore } from '../core/ticket-ports.js';

/** Options of {@link createOutboxWorker}; defaults in {@link OUTBOX_DEFAULTS}. */
export interface OutboxWorkerOptions {
  store: OutboxStore;
  deliverers: Partial<Record<Channel, Deliverer>>;
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
} as const;

/** Counts of one drain. */
export interface DrainReport {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
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

/**
 * Creates an outbox worker.
 *
 * @example
 * const worker = createOutboxWorker({ store: outbox, deliverers: { email: sendMail }, clock, logger, pollMs: 1000 });
 * worker.start(); … await worker.stop();
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  void options;
  throw new Error('createOutboxWorker: not implemented yet');
}
