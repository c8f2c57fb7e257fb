/**
 * `npm start`: load config (one line per problem on error), build the app, listen, stop on SIGTERM/SIGINT.
 */
import { isAppError } from '../core/errors.js';
import { buildApp } from './app.js';
import { loadConfig } from './env.js';
import { createLogger } from './logger.js';

/** Start-up failures caused by what operators wrote (env, contacts, templates, data): a message, exit 2. */
const OPERATOR_ERRORS = ['CONFIG_INVALID', 'CONTACTS_INVALID', 'ROUTING_DATA_INVALID', 'TEMPLATE_INVALID'] as const;

async function main(): Promise<void> {
  const config = loadConfig();
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
  if (OPERATOR_ERRORS.some((code) => isAppError(error, code))) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Start fehlgeschlagen: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
