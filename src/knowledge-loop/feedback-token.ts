/**
 * The signed token of a feedback link (issue 14 item 3): one click from a mail answer, no login. The token
 * names the enquiry and the passage it was answered from and carries an HMAC-SHA256 over both, so nobody can
 * rate an answer they did not get or forge votes for a passage. Pure (node:crypto only).
 *
 * Format: `<base64url(JSON payload)>.<base64url(HMAC)>`; the payload is validated with zod after the
 * signature has been checked in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** A link older than this many days is no longer accepted (the answer is stale by then). */
export const FEEDBACK_MAX_AGE_DAYS = 180;

const Payload = z.object({
  v: z.literal(1),
  /** Enquiry key. */
  k: z.string().min(1).max(300),
  /** Passage id of the answer, or null. */
  p: z.string().min(1).max(300).nullable(),
  /** Issued at, seconds since the epoch. */
  t: z.number().int().nonnegative(),
});

export interface FeedbackSubject {
  enquiryKey: string;
  passageId: string | null;
}

export type TokenCheck = { ok: true; subject: FeedbackSubject; issuedAt: Date } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

const mac = (secret: string, body: string): Buffer => createHmac('sha256', secret).update(body).digest();

/** A token for one answer. */
export function signFeedbackToken(secret: string, subject: FeedbackSubject, issuedAt: Date): string {
  const body = Buffer.from(JSON.stringify({ v: 1, k: subject.enquiryKey, p: subject.passageId, t: Math.floor(issuedAt.getTime() / 1000) })).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/** Checks a token: signature first (constant time), then shape and age. */
export function verifyFeedbackToken(secret: string, token: string, now: Date): TokenCheck {
  if (token.length > 2000) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[\w-]+$/.test(parts[0]!) || !/^[\w-]+$/.test(parts[1]!)) return { ok: false, reason: 'malformed' };
  const [body, signature] = parts as [string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = Payload.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const issuedAt = new Date(parsed.data.t * 1000);
  if (now.getTime() - issuedAt.getTime() > FEEDBACK_MAX_AGE_DAYS * 86_400_000) return { ok: false, reason: 'expired' };
  return { ok: true, subject: { enquiryKey: parsed.data.k, passageId: parsed.data.p }, issuedAt };
}
