/**
 * The machine-readable code of anything thrown: an AppError's code, a Node system error's (`ENOENT`,
 * `SQLITE_BUSY`), a driver's (`EAUTH`, `NoConnection`). Logs and retry decisions read codes, never messages
 * (STYLE G8, G12); a code is never personal data, a message may be.
 */

/**
 * The string `code` of a thrown value, or undefined when it has none (a plain Error, a string, null).
 * Callers name their own fallback.
 *
 * @example
 * log.warn({ code: errorCode(error) ?? 'INTERNAL' }, 'attachment not stored');
 */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
