/**
 * Settings of the feedback link and the published FAQ (issue 14 items 3 and 4). The server's config schema
 * spreads {@link feedbackEnvShape} into its own, so these variables are read once with the rest of the
 * environment (STYLE G2) and reported the same one-line-per-problem way.
 */
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const httpUrl = optionalString.pipe(z.url({ protocol: /^https?$/ }).optional());

/** Environment variables of the knowledge loop (merged into the server's ConfigSchema). */
export const feedbackEnvShape = {
  /** Signs the feedback links in mail answers (HMAC-SHA256); at least 32 characters. Unset: generated once and kept in the database. */
  FEEDBACK_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /** Public base URL of this server for the feedback page (`<base>/rueckmeldung/…`); unset: WORKPLACE_BASE_URL; neither: no link in mails. */
  FEEDBACK_BASE_URL: httpUrl,
  /** Where the exported FAQ site (`pakt knowledge export --html`) is published; citations then link to the passage there. */
  PUBLIC_FAQ_URL: httpUrl,
};

export interface FeedbackEnv {
  FEEDBACK_SECRET?: string | undefined;
  FEEDBACK_BASE_URL?: string | undefined;
  PUBLIC_FAQ_URL?: string | undefined;
  WORKPLACE_BASE_URL?: string | undefined;
}
