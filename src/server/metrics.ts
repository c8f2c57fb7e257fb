/**
 * Prometheus metrics (prom-client): enquiries by channel and outcome, answer latency, index size.
 * One registry per app instance, so tests can build several apps in one process.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ServiceChannelSchema } from '../core/channel.js';
import type { Outcome } from '../core/outcome.js';

/** The channels the service handles (the CLI runs its own process). */
export const SERVICE_CHANNELS = ServiceChannelSchema.options;

/** Every outcome kind; the check below fails to compile when the core adds one and this list does not. */
export const OUTCOME_KINDS = [
  'answered',
  'suggested',
  'ticket_created',
  'follow_up',
  'declined',
  'acknowledged',
  'suppressed',
  'duplicate',
  'invalid',
  'ask_back_open',
] as const satisfies readonly Outcome['kind'][];
const allKindsListed: Exclude<Outcome['kind'], (typeof OUTCOME_KINDS)[number]> extends never ? true : never = true;
void allKindsListed;

export interface Metrics {
  registry: Registry;
  enquiries: Counter<'channel' | 'outcome'>;
  answerLatency: Histogram<'channel'>;
  indexPassages: Gauge;
}

/** Creates the metrics of one app instance. */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'pakt_' });
  const enquiries = new Counter({
    name: 'pakt_enquiries_total',
    help: 'Enquiries handled, by channel and outcome',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  });
  // Every series exists from the start with 0, so rates and alerts work before the first enquiry.
  for (const channel of SERVICE_CHANNELS) {
    for (const outcome of OUTCOME_KINDS) enquiries.labels({ channel, outcome }).inc(0);
  }
  return {
    registry,
    enquiries,
    answerLatency: new Histogram({
      name: 'pakt_answer_latency_seconds',
      help: 'Time from receiving an enquiry to its decision',
      labelNames: ['channel'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    indexPassages: new Gauge({
      name: 'pakt_index_passages',
      help: 'Passages in the knowledge index',
      registers: [registry],
    }),
  };
}
