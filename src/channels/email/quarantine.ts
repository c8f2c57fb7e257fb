/**
 * A mail the channel cannot process automatically (unreadable, too large, crashed the handler, failed
 * repeatedly) is moved to the quarantine folder and becomes a ticket for staff. Its sender hears that it
 * arrived only when the loop guard allows an automatic reply (issue 10: no confirmation to a bounce, a list,
 * our own address, or beyond the daily limit), and the confirmation goes where every reply goes (Reply-To,
 * else From).
 */
import type { Enquiry } from '../../core/enquiry.js';
import type { InboundMail } from './parse.js';
import { berlinDay, mailAddresses, mailContentHash, mailRequest, recordedAs, verdictFor, type MessageOrigin, type PoisonReason, type ProcessDeps } from './process-message.js';

/** What we know about a poison message (from its parsed headers, when they could be read). */
export interface PoisonInfo {
  reason: PoisonReason;
  origin: MessageOrigin;
  mail: InboundMail | null;
  size: number;
}

const REASON_TEXT: Record<PoisonReason, string> = {
  unparseable: 'Die Nachricht ist technisch nicht lesbar (MIME-Struktur fehlerhaft).',
  too_large: 'Die Nachricht überschreitet die zulässige Größe.',
  handler_failed: 'Bei der automatischen Bearbeitung ist ein Fehler aufgetreten.',
  repeated_failure: 'Die Nachricht hat die Verarbeitung wiederholt abgebrochen.',
};

/**
 * Records a quarantined mail and opens a ticket for staff (forced, whatever triage says). The synthetic
 * enquiry names the quarantine folder; the requester gets the ticket confirmation only when the loop guard
 * allows an automatic reply to this mail.
 *
 * @example
 * await reportPoison({ reason: 'too_large', origin, mail: headersOnly, size: 30_000_000 }, deps);
 */
export async function reportPoison(info: PoisonInfo, deps: ProcessDeps): Promise<void> {
  const { origin, mail } = info;
  const contentHash = mail === null ? null : mailContentHash(mail);
  // The mail's own key as processMessage would record it (another mail may have used its Message-ID before).
  const recorded = mail === null || contentHash === null ? null : await recordedAs(mail, contentHash, deps.state);
  const mailKey = mail === null || recorded === null ? null : 'known' in recorded ? recorded.known.enquiryKey : recorded.key;
  const suffix = mail !== null && mailKey !== null && mailKey.startsWith(`${mail.key}#`) ? mailKey.slice(mail.key.length) : '';
  const id = mail?.messageId ?? `${origin.uidValidity}-${origin.uid}`;
  const key = `email:quarantine:${id}${suffix}`;
  const now = deps.clock.now();
  const day = berlinDay(now);
  const addresses = mail === null ? { fromHash: null, replyHash: null } : mailAddresses(mail);
  const verdict = mail === null ? null : await verdictFor(mail, addresses, day, deps);
  const target = mail?.replyTo ?? '';
  const notify = verdict !== null && !verdict.suppress && target !== '';
  const subject = mail?.subject ?? '';
  const from = mail?.from ?? '';
  const enquiry: Enquiry = {
    key,
    channel: 'email',
    from: from === '' ? deps.config.MAIL_FROM : from,
    subject: `Nicht verarbeitbare E-Mail${subject === '' ? '' : `: ${subject}`}`,
    text:
      `Bitte prüfen Sie diese Nachricht von Hand (Quarantäne-Nr. Q-${origin.uidValidity}-${origin.uid}). ${REASON_TEXT[info.reason]} ` +
      `Die Nachricht (${Math.round(info.size / 1024)} KB, eingegangen ${origin.receivedAt.toISOString()}) liegt im Postfachordner ` +
      `„${deps.config.IMAP_QUARANTINE_FOLDER}“.` +
      (verdict?.suppress === true ? ` Keine automatische Eingangsbestätigung (${verdict.reason}).` : ''),
    receivedAt: origin.receivedAt,
    replyHandle: {
      channel: 'email',
      to: target === '' ? deps.config.MAIL_FROM : target,
      messageId: mail?.messageId ?? null,
      references: mail?.references ?? [],
      subject: subject === '' ? 'Ihre Nachricht' : subject,
    },
    attachments: [],
  };
  const outcome = await deps.handle(mailRequest(enquiry, { forceTicket: { reason: 'Nicht verarbeitbare E-Mail in der Quarantäne', notifyRequester: notify } }));
  const ticketNumber = outcome.kind === 'ticket_created' || outcome.kind === 'follow_up' ? outcome.ticket.number : null;
  const common = {
    mailbox: origin.mailbox,
    uidValidity: origin.uidValidity,
    uid: origin.uid,
    senderHash: addresses.fromHash,
    replyHash: addresses.replyHash,
    ticketNumber,
    day,
    recordedAt: now.toISOString(),
    disposition: 'quarantined' as const,
  };
  // The confirmation counts towards the daily limit like any automatic reply.
  const autoReplied = notify && outcome.kind === 'ticket_created';
  await deps.state.recordInbound({ ...common, enquiryKey: key, messageId: null, outcome: outcome.kind, autoReplied });
  if (mail !== null && mailKey !== null) {
    await deps.state.recordInbound({ ...common, enquiryKey: mailKey, messageId: mail.messageId, contentHash, outcome: 'quarantined', autoReplied: false });
  }
  deps.logger.warn({ uid: origin.uid, reason: info.reason, size: info.size, outcome: outcome.kind, confirmed: autoReplied }, 'mail quarantined');
}
