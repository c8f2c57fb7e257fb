/**
 * Structured JSON logs with pino. Personal data (mail bodies, names, addresses) is never logged; as a
 * safety net, fields that commonly carry it are redacted.
 */
import { pino } from 'pino';
import type { Logger } from '../core/ports.js';

const REDACT = ['from', 'to', 'email', 'address', 'name', 'text', 'body', 'subject', '*.from', '*.to', '*.email', '*.text', '*.body', '*.subject'];

/** Creates the root logger writing JSON lines to stderr (stdout stays free for CLI JSON). */
export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  return pino(
    { level, base: { service: 'pakt-assistent', ...bindings }, redact: { paths: REDACT, censor: '[redacted]' } },
    pino.destination(2),
  ) as unknown as Logger;
}
