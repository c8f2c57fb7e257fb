/**
 * Prometheus metrics (prom-client): enquiries by channel and outcome, answer latency, index size.
 * One registry per app instance, so tests can build several apps in one process.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
  return {
    registry,
    enquiries: new Counter({
      name: 'pakt_enquiries_total',
      help: 'Enquiries handled, by channel and outcome',
      labelNames: ['channel', 'outcome'] as const,
      registers: [registry],
    }),
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
