/**
 * Loop and noise protection (pure). Decides whether an inbound mail may get an automatic reply; a suppressed
 * mail is still recorded (and attached to its ticket), only never answered. Rules are a table, checked in
 * order; the first match names the reason (STYLE G4).
 */

/** Everything the guard looks at; header names lower-case, values as received (first value wins). */
export interface GuardInput {
  headers: Record<string, string>;
  /** Sender address from From (lower-case), or '' when missing. */
  from: string;
  /** Envelope sender from Return-Path ("<>" for bounces), when present. */
  returnPath?: string;
  /** Subject (some out-of-office replies carry no header but a telling subject). */
  subject?: string;
  /** Top-level content type, e.g. "multipart/report". */
  contentType: string;
  /** Our addresses (MAIL_FROM and MAIL_OWN_ADDRESSES), lower-case. */
  ownAddresses: readonly string[];
  /** Automatic replies already given to this sender today. */
  repliesToSenderToday: number;
  /** MAIL_AUTO_REPLIES_PER_DAY. */
  maxRepliesPerDay: number;
}

export type SuppressReason =
  | 'own_address'
  | 'mailer_daemon'
  | 'delivery_report'
  | 'auto_submitted'
  | 'auto_response_suppress'
  | 'precedence'
  | 'x_loop'
  | 'mailing_list'
  | 'no_reply_sender'
  | 'no_sender'
  | 'auto_reply_subject'
  | 'staff_sender'
  | 'rate_limit';

/** `suppress: false` means: an automatic reply is allowed. */
export type GuardVerdict = { suppress: false } | { suppress: true; reason: SuppressReason };

const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|mdaemon)@/i;
const NO_REPLY = /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|bounces?|notifications?)([-+_.][^@]*)?@/i;
/** X-Auto-Response-Suppress values that ask us not to auto-reply (Microsoft's semantics; RN/NRN concern read receipts). */
const AUTO_SUBJECT =
  /^\s*(Automatische Antwort|Abwesenheitsnotiz|Abwesenheit|Out of Office|Automatic reply|Auto(matic)?[- ]?Reply|Autoreply|Urlaubsabwesenheit|Unzustellbar|Undeliverable|Delivery Status Notification)\b/i;
const ARS_VALUES = /\b(all|oof|autoreply)\b/i;

type Rule = [SuppressReason, (input: GuardInput) => boolean];

const h = (input: GuardInput, name: string): string => (input.headers[name] ?? '').trim();

const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1);

const RULES: Rule[] = [
  ['mailer_daemon', (i) => DAEMON.test(i.from)],
  [
    'delivery_report',
    (i) =>
      /^multipart\/report\b/i.test(i.contentType) ||
      /^message\/(delivery-status|disposition-notification)\b/i.test(i.contentType),
  ],
  ['no_sender', (i) => i.from === '' || i.returnPath?.trim() === '<>'],
  ['own_address', (i) => i.ownAddresses.includes(i.from)],
  ['auto_submitted', (i) => h(i, 'auto-submitted') !== '' && h(i, 'auto-submitted').toLowerCase() !== 'no'],
  ['auto_response_suppress', (i) => ARS_VALUES.test(h(i, 'x-auto-response-suppress'))],
  ['precedence', (i) => /^(bulk|list|junk|auto_reply)\b/i.test(h(i, 'precedence'))],
  ['x_loop', (i) => i.ownAddresses.some((a) => h(i, 'x-loop').toLowerCase().includes(a))],
  ['mailing_list', (i) => h(i, 'list-id') !== '' || h(i, 'list-unsubscribe') !== ''],
  ['auto_reply_subject', (i) => AUTO_SUBJECT.test(i.subject ?? '')],
  ['no_reply_sender', (i) => NO_REPLY.test(i.from)],
  // Colleagues writing from our own domain (a staff answer sent from Outlook with the shared mailbox in Cc)
  // are recorded on their ticket but never answered by the bot.
  ['staff_sender', (i) => i.ownAddresses.some((a) => domainOf(a) === domainOf(i.from))],
  ['rate_limit', (i) => i.repliesToSenderToday >= i.maxRepliesPerDay],
];

/**
 * Checks an inbound mail against the loop and noise rules.
 *
 * @example
 * guardMail({ headers: { 'auto-submitted': 'auto-replied' }, from: 'a@b.de', contentType: 'text/plain',
 *   ownAddresses: ['im@rps.bwl.de'], repliesToSenderToday: 0, maxRepliesPerDay: 5 });
 * // → { suppress: true, reason: 'auto_submitted' }
 */
export function guardMail(input: GuardInput): GuardVerdict {
  for (const [reason, test] of RULES) {
    if (test(input)) return { suppress: true, reason };
  }
  return { suppress: false };
}

/** Headers our automatic mails carry so that other systems (and we) never answer them. */
export function loopHeaders(ourAddress: string, automatic: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'X-Loop': ourAddress.toLowerCase() };
  if (automatic) {
    headers['Auto-Submitted'] = 'auto-replied';
    headers['X-Auto-Response-Suppress'] = 'All';
  }
  return headers;
}
