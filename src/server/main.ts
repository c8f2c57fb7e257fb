/**
 * `npm start`: load config (one line per problem on error), build the app, listen, stop on SIGTERM/SIGINT.
 */
import { isAppError } from '../core/errors.js';
import { buildApp } from './app.js';
import { loadConfig } from './env.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (isAppError(error, 'CONFIG_INVALID')) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const started = Date.now();
  const app = await buildApp(config, { logger });
  const port = await app.listen();
  logger.info({ component: 'app', port, host: config.HOST, startupMs: Date.now() - started }, 'listening');

  let signals = 0;
  const onSignal = (signal: string): void => {
    signals += 1;
    if (signals > 1) {
      logger.warn({ component: 'app', signal }, 'second signal: exiting now');
      process.exit(1);
    }
    logger.info({ component: 'app', signal }, 'signal received');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ component: 'app', err: (error as Error).message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Start fehlgeschlagen: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
