/**
 * `npm start` (`node dist/server/main.js`, one process): load config, build the app, listen, stop cleanly on
 * SIGTERM/SIGINT (exit 0). What an operator can fix (env, contacts, templates, a port in use, a bad HOST)
 * ends with one line per problem and exit 2; anything else exits 1.
 */
import { format } from 'node:util';
import { isAppError } from '../core/errors.js';
import type { Logger } from '../core/ports.js';
import type { App } from './app.js';
import { loadConfig } from './env.js';
import { createLogger } from './logger.js';

/** Start-up failures caused by what operators wrote (env, contacts, templates, data): a message, exit 2. */
const OPERATOR_ERRORS = ['CONFIG_INVALID', 'CONTACTS_INVALID', 'ROUTING_DATA_INVALID', 'TEMPLATE_INVALID'] as const;

/** A database named by DATABASE_URL that cannot be reached (storage.ts; `details.unreachable`) is the operator's to fix too. */
const isUnreachableDatabase = (error: unknown): boolean => isAppError(error) && (error.details as { unreachable?: unknown } | undefined)?.unreachable === true;

const isOperatorError = (error: unknown): boolean => OPERATOR_ERRORS.some((code) => isAppError(error, code)) || isUnreachableDatabase(error);

/**
 * Libraries (botbuilder, pdf.js) write to `console`; those lines become one-line JSON log entries, so the
 * log stays JSON and never carries a multi-line stack.
 */
function routeConsoleToLogger(logger: Logger): void {
  const forward =
    (level: 'info' | 'warn' | 'error') =>
    (...args: unknown[]): void => {
      const first = args[0];
      const text = first instanceof Error ? `${first.name}: ${first.message}` : format(...args);
      // Node's own warnings ("(node:123) DeprecationWarning …") arrive through console.error too.
      const effective = level === 'error' && text.startsWith('(node:') ? 'warn' : level;
      logger[effective]({ component: 'console' }, (text.split('\n')[0] ?? '').slice(0, 300));
    };
  console.log = forward('info');
  console.info = forward('info');
  console.warn = forward('warn');
  console.error = forward('error');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  routeConsoleToLogger(logger);

  let app: App | null = null;
  let signals = 0;
  const onSignal = (signal: string): void => {
    signals += 1;
    if (signals > 1) {
      logger.warn({ component: 'app', signal }, 'second signal: exiting now');
      process.exit(1);
    }
    logger.info({ component: 'app', signal }, 'signal received');
    if (app === null) return; // still starting: stopped right after buildApp
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

  const started = Date.now();
  // Imported after the configuration parsed: a configuration error is reported before any module loads.
  const { buildApp } = await import('./app.js');
  const built = await buildApp(config, { logger });
  app = built;
  if (signals > 0) {
    await built.stop();
    process.exit(0);
  }
  let port: number;
  try {
    port = await built.listen();
  } catch (error) {
    if (!isOperatorError(error)) throw error;
    logger.error({ component: 'app', code: 'CONFIG_INVALID' }, (error as Error).message);
    await built.stop().catch(() => undefined);
    process.exit(2);
  }
  logger.info({ component: 'app', port, host: config.HOST, startupMs: Date.now() - started }, 'listening');
}

main().catch((error: unknown) => {
  if (isOperatorError(error)) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  // A failing migration (rolled back) or another database error: its message names the step, no stack needed.
  if (isAppError(error) && error.code.startsWith('DB_')) {
    process.stderr.write(`Start fehlgeschlagen: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Start fehlgeschlagen: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
