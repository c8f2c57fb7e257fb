/**
 * Which attachments of a mail are kept, and when they are written (issue 10). Files are stored only for a
 * mail whose enquiry landed on a ticket, only after the core has decided (answered, suppressed or plain
 * acknowledged mail leaves no file behind), and only up to a total per mail: what does not fit is listed on
 * the ticket with a note instead of a file, so staff see that it existed and where the original is.
 */
import type { AttachmentMeta } from '../../core/enquiry.js';
import type { Logger } from '../../core/ports.js';
import type { Outcome } from '../../core/outcome.js';
import type { InboundAttachment } from './parse.js';
import { errorCode } from '../../core/error-code.js';

/** Default of `MAIL_ATTACHMENTS_MAX_BYTES`: attachment bytes stored per mail (20 MiB). */
export const DEFAULT_ATTACHMENTS_MAX_BYTES = 20 * 1024 * 1024;

/** Stores attachment contents (tickets' `createAttachmentFiles` fits); content-addressed, so a replay is harmless. */
export interface AttachmentSink {
  save(content: Buffer, filename: string, contentType: string): unknown;
}

/** The attachments of one mail split by the per-mail budget. */
export interface AttachmentSelection {
  /** Stored after the decision when the enquiry has a ticket. */
  kept: InboundAttachment[];
  /** What the enquiry (and so the ticket) lists: the kept ones, then the dropped ones with a note in the name. */
  metas: AttachmentMeta[];
  dropped: number;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;
}

/**
 * Keeps attachments in mail order while their total stays within `maxBytes` (a later small file may still
 * fit after a large one was dropped). A dropped file is listed with its real size and hash and a German note
 * naming the folder that holds the original mail.
 *
 * @example
 * selectAttachments(mail.attachments, 20 * 1024 * 1024, 'Bearbeitet').dropped; // → 0
 */
export function selectAttachments(attachments: readonly InboundAttachment[], maxBytes: number, folder: string): AttachmentSelection {
  const kept: InboundAttachment[] = [];
  const dropped: AttachmentMeta[] = [];
  let total = 0;
  for (const a of attachments) {
    if (total + a.size <= maxBytes) {
      kept.push(a);
      total += a.size;
      continue;
    }
    const note = `nicht gespeichert: Anhänge über ${megabytes(maxBytes)} je E-Mail; Original im Postfachordner „${folder}“`;
    dropped.push({ filename: `${a.filename} [${note}]`, contentType: a.contentType, size: a.size, sha256: a.sha256 });
  }
  const metas = [...kept.map(({ filename, contentType, size, sha256 }) => ({ filename, contentType, size, sha256 })), ...dropped];
  return { kept, metas, dropped: dropped.length };
}

/**
 * True when the enquiry's attachments belong to a ticket. A `duplicate` (the mail was recorded before a crash
 * and is seen again) stores when the first handling could have kept them, so a crash between the ticket's
 * commit and the file write leaves no ticket without its files.
 */
export function ticketKeepsAttachments(outcome: Outcome): boolean {
  switch (outcome.kind) {
    case 'ticket_created':
    case 'follow_up':
      return true;
    case 'suppressed':
      return outcome.ticket !== null;
    case 'duplicate':
      return outcome.previous === 'ticket_created' || outcome.previous === 'follow_up' || outcome.previous === 'suppressed';
    default:
      return false;
  }
}

/** Writes the kept files (a file the store refuses is logged by size and code, never by name). */
export function storeAttachments(kept: readonly InboundAttachment[], sink: AttachmentSink | undefined, log: Logger): void {
  if (sink === undefined) return;
  for (const a of kept) {
    try {
      sink.save(a.content, a.filename, a.contentType);
    } catch (error) {
      log.warn({ code: errorCode(error) ?? 'INTERNAL', size: a.size }, 'attachment not stored');
    }
  }
}
