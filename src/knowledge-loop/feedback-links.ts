/**
 * The links a mail answer carries (issue 14): "War diese Antwort hilfreich?" (a signed feedback link to this
 * server) and the passage on the published FAQ site (`PUBLIC_FAQ_URL`). Only automatic answers get them.
 */
import type { OutboundMessage } from '../core/outcome.js';
import { faqLink } from './export-links.js';
import type { FeedbackEnv } from './feedback-config.js';
import { signFeedbackToken } from './feedback-token.js';

/** Path of the feedback page; the token follows. */
export const FEEDBACK_PATH = '/rueckmeldung';

export interface MailLinks {
  feedbackUrl: string | null;
  faqUrl: string | null;
}

/** The enquiry key of an outbox message keyed `<enquiry key>:<kind>` (handle-enquiry.ts). */
export function enquiryKeyOf(message: Pick<OutboundMessage, 'key' | 'kind'>): string | null {
  const suffix = `:${message.kind}`;
  return message.key.endsWith(suffix) ? message.key.slice(0, -suffix.length) : null;
}

function passageOf(payload: Record<string, unknown>): string | null {
  const answer = payload.answer as { passageId?: unknown } | null | undefined;
  return answer !== null && typeof answer === 'object' && typeof answer.passageId === 'string' && answer.passageId !== '' ? answer.passageId : null;
}

/**
 * @example const links = mailLinks(config, secret, () => clock.now()); links(message) // { feedbackUrl: 'https://…/rueckmeldung/eyJ…', faqUrl: null }
 */
export function mailLinks(env: FeedbackEnv, secret: string, now: () => Date): (message: OutboundMessage) => MailLinks {
  const base = env.FEEDBACK_BASE_URL ?? env.WORKPLACE_BASE_URL;
  return (message) => {
    if (message.kind !== 'auto_answer') return { feedbackUrl: null, faqUrl: null };
    const passageId = passageOf(message.payload);
    const enquiryKey = enquiryKeyOf(message);
    const feedbackUrl =
      base === undefined || enquiryKey === null ? null : `${base.replace(/\/+$/, '')}${FEEDBACK_PATH}/${signFeedbackToken(secret, { enquiryKey, passageId }, now())}`;
    return { feedbackUrl, faqUrl: passageId === null ? null : faqLink(env.PUBLIC_FAQ_URL, passageId) };
  };
}
