/**
 * Normalises the connector client's failures (RestError with statusCode and response headers, network
 * errors with a code) into the outbox's three delivery results (STYLE G8: one place decides).
 */
import type { DeliveryResult } from '../../../core/outcome.js';

/** Reason prefix of a `dead` result caused by a vanished conversation (bot removed, chat deleted). */
export const CONVERSATION_GONE = 'teams_conversation_gone';

/** Reason of a `dead` result when no staff channel is registered for the ticket's team. */
export const NO_STAFF_CHANNEL = 'teams_no_staff_channel';

interface ConnectorFailure {
  statusCode?: number;
  code?: string;
  response?: { headers?: { get?(name: string): string | undefined | null } };
}

/** HTTP status of a connector failure, if it got that far. */
export function connectorStatus(error: unknown): number | null {
  const status = (error as ConnectorFailure | null)?.statusCode;
  return typeof status === 'number' ? status : null;
}

/**
 * Decides what to do after a failed send:
 * 429/5xx/408 and network errors → `retry` (honouring Retry-After), 403/404 → `dead` with
 * {@link CONVERSATION_GONE}, other 4xx → `dead` (the message itself is refused; retrying cannot help).
 *
 * @example
 * mapConnectorError(restError429) // { kind: 'retry', afterMs: 2000, reason: 'teams connector 429' }
 */
export function mapConnectorError(error: unknown, now: Date = new Date()): DeliveryResult {
  const status = connectorStatus(error);
  if (status === null) {
    const code = (error as ConnectorFailure | null)?.code ?? 'network';
    return { kind: 'retry', reason: `teams connector unreachable (${code})` };
  }
  if (status === 403 || status === 404) return { kind: 'dead', reason: `${CONVERSATION_GONE}: ${status}` };
  if (status === 429 || status === 408 || status >= 500 || status === 401) {
    const afterMs = retryAfterMs(error, now);
    return afterMs === undefined
      ? { kind: 'retry', reason: `teams connector ${status}` }
      : { kind: 'retry', afterMs, reason: `teams connector ${status}` };
  }
  return { kind: 'dead', reason: `teams_rejected: ${status}` };
}

/** Retry-After (delta seconds or HTTP date) in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(error: unknown, now: Date = new Date()): number | undefined {
  const raw = (error as ConnectorFailure | null)?.response?.headers?.get?.('retry-after');
  if (raw === undefined || raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
