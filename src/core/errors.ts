/**
 * One error catalogue for the whole service (STYLE G8). Expected outcomes (no answer, unknown Kreis,
 * ticket already taken) are values, not errors; AppError is for invalid input, broken infrastructure and bugs.
 * Add codes here when a module needs one; tests assert codes, never message text.
 */
export const ERROR_CODES = [
  'CONFIG_INVALID',
  'USAGE',
  'INPUT_INVALID',
  'QUESTION_INVALID',
  'KNOWLEDGE_INVALID',
  'KNOWLEDGE_DUPLICATE_ID',
  'KNOWLEDGE_UNREADABLE',
  'INDEX_CACHE_INVALID',
  'ROUTING_DATA_INVALID',
  'CONTACTS_INVALID',
  'TEMPLATE_INVALID',
  'TICKET_NOT_FOUND',
  'TICKET_TRANSITION_REFUSED',
  'TICKET_ALREADY_CLAIMED',
  'STAFF_UNKNOWN',
  'TEAM_UNKNOWN',
  'DB_LOCKED',
  'DB_READONLY',
  'DB_FULL',
  'DB_ERROR',
  'MAIL_PARSE_FAILED',
  'MAIL_SEND_FAILED',
  'MAIL_TOO_LARGE',
  'IMAP_CONNECTION',
  'TEAMS_DELIVERY_FAILED',
  'TEAMS_ACTIVITY_INVALID',
  'NOT_FOUND',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Options for {@link AppError}: the underlying error and machine-readable details (never personal data). */
export interface AppErrorOptions {
  cause?: unknown;
  details?: Record<string, unknown>;
}

/**
 * The service's error type: a stable `code`, an English message naming the component and offending value,
 * the original error as `cause`.
 *
 * @example
 * throw new AppError('TICKET_NOT_FOUND', 'tickets: no ticket IM-2026-000123');
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True when `error` is an {@link AppError}, optionally with the given code. */
export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
