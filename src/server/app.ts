/**
 * Composition root (STYLE G2): builds every component from one Config, in a function tests can call,
 * and owns start-up order and graceful shutdown (stop intake, finish work in flight, close the database).
 */
import type restify from 'restify';
import type { Logger } from '../core/ports.js';
import type { Config } from './config.js';
import { createHttpServer, type ReadinessCheck } from './http.js';
import { createMetrics, type Metrics } from './metrics.js';

/** A started part of the service that must be stopped on shutdown (in reverse order of start). */
export interface Component {
  name: string;
  stop(): Promise<void>;
}

export interface App {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  server: restify.Server;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops intake, finishes work in flight, closes everything. Idempotent. */
  stop(): Promise<void>;
}

export interface AppOptions {
  logger: Logger;
  /** Disable default process metrics (tests build several apps in one process). */
  defaultMetrics?: boolean;
}

/** Builds the whole service from `config`. Nothing listens until `listen()`. */
export async function buildApp(config: Config, options: AppOptions): Promise<App> {
  const logger = options.logger;
  const metrics = createMetrics({ defaultMetrics: options.defaultMetrics });
  const readiness: ReadinessCheck[] = [];
  const components: Component[] = [];
  let accepting = true;

  const server = createHttpServer({ logger, metrics, readiness, isAcceptingWork: () => accepting });

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      accepting = false;
      logger.info({ component: 'app' }, 'shutting down: intake stopped');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeIdleConnections?.();
      });
      for (const component of [...components].reverse()) {
        try {
          await component.stop();
        } catch (error) {
          logger.error({ component: component.name, err: (error as Error).message }, 'stop failed');
        }
      }
      logger.info({ component: 'app' }, 'shutdown complete');
    })();
    return stopping;
  };

  const listen = (): Promise<number> =>
    new Promise((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(config.PORT, config.HOST, () => {
        const address = server.address();
        resolve(address.port);
      });
    });

  return { config, logger, metrics, server, listen, stop };
}
