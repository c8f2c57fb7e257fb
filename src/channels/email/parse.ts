/**
 * Raw RFC 5322 message → {@link InboundMail} → {@link Enquiry}. MIME decoding (charsets, encoded words,
 * HTML-only bodies, attachments) is mailparser's; this file only picks the fields the channel needs and
 * separates question, signature and quoted history.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { AttachmentMeta, Enquiry } from '../../core/enquiry.js';
import { AppError } from '../../core/errors.js';
import { organisationDomain } from '../../core/mail-domains.js';
import { isForwardSubject } from '../../core/triage/index.js';
import { splitMailBody, type SplitBody } from './quote-split.js';
import { parseMessageIds, ticketNumberInSubject } from './threading.js';

/** An attachment with its content (kept only until it is stored). */
export interface InboundAttachment extends AttachmentMeta {
  content: Buffer;
}

/** What the channel keeps of one parsed mail. Personal data: never logged. */
export interface InboundMail {
  /** Message-ID with angle brackets, or null when the mail has none. */
  messageId: string | null;
  /** Idempotency key `email:<Message-ID without brackets>` or `email:sha256:<content hash>`. */
  key: string;
  from: string;
  fromName: string | null;
  /** Address to answer (Reply-To, else From). */
  replyTo: string;
  /** Every address in Reply-To as written (the loop guard checks them all). */
  replyToHeader: string[];
  to: string[];
  subject: string;
  date: Date | null;
  /** Header name (lower-case) → first raw value, unfolded. */
  headers: Record<string, string>;
  /** Header name (lower-case) → every value in order (lists and forwarders add a second Delivered-To, X-Loop, …). */
  headerLists: Record<string, string[]>;
  contentType: string;
  /** Content types of the parts that are not the body (a delivery or complaint report nested in multipart/mixed). */
  partTypes: string[];
  inReplyTo: string[];
  references: string[];
  /** Message-IDs named inside a delivery report (the bounced mail's headers): ties a bounce to its ticket. */
  reportedIds: string[];
  body: SplitBody;
  attachments: InboundAttachment[];
}

function addresses(value: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((o) => o.value).flatMap((a) => (a.group ? a.group : [a]))
    .filter((a) => typeof a.address === 'string' && a.address !== '')
    .map((a) => ({ address: (a.address as string).toLowerCase(), name: a.name ?? '' }));
}

function rawHeaderLists(parsed: ParsedMail): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const { key, line } of parsed.headerLines) {
    const colon = line.indexOf(':');
    (lists[key.toLowerCase()] ??= []).push(line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
  }
  return lists;
}

/** Message-IDs in the returned headers of a DSN/MDN (text/rfc822-headers or message/rfc822 parts). */
function reportedMessageIds(parsed: ParsedMail): string[] {
  const ids: string[] = [];
  for (const a of parsed.attachments) {
    if (!/^(text\/rfc822-headers|message\/rfc822|message\/global-headers)$/i.test(a.contentType)) continue;
    const match = /^Message-ID:\s*(<[^<>\s]+>)/im.exec(a.content.toString('utf8', 0, 64 * 1024));
    if (match?.[1]) ids.push(match[1]);
  }
  return ids;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Plain text of the mail: the text part, else the HTML converted by mailparser, else ''. */
function bodyText(parsed: ParsedMail): string {
  if (typeof parsed.text === 'string' && parsed.text.trim() !== '') return parsed.text;
  if (typeof parsed.html === 'string') {
    return parsed.html
      .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)[^>]*>/gi, '\n')
      .replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi, '')
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"');
  }
  return '';
}

/** Boundary tokens declared anywhere in the raw message (also on a line that was folded badly). */
function declaredBoundaries(raw: string): string[] {
  return [...raw.matchAll(/boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s;"]+))/gi)].map((m) => m[1] ?? m[2] ?? '').filter((b) => b !== '');
}

/** Boundary-looking lines ("--" and a token) that occur more than once: a boundary whose parameter was lost. */
function repeatedBoundaryLines(body: string): string[] {
  const seen = new Map<string, number>();
  for (const match of body.matchAll(/^--(\S{6,}?)(?:--)?\r?$/gm)) {
    const token = match[1] ?? '';
    if (!/^-+$/.test(token)) seen.set(token, (seen.get(token) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([token]) => token);
}

/**
 * The text of a mail whose MIME structure mailparser could not follow (a boundary parameter folded without
 * indentation leaves no text part): each segment between boundary lines is parsed as a part of its own and
 * the first plain text (else HTML) wins; without boundaries the raw body is read as text. A mail never
 * loses its whole text to a broken header.
 */
async function rawFallbackText(source: Buffer): Promise<string> {
  const raw = source.toString('latin1');
  const split = /\r?\n\r?\n/.exec(raw);
  if (split === null) return '';
  const body = raw.slice(split.index + split[0].length);
  if (body.trim() === '') return '';
  const boundaries = new Set([...declaredBoundaries(raw), ...repeatedBoundaryLines(body)].flatMap((b) => [`--${b}`, `--${b}--`]));
  const parts: string[][] = [];
  for (const line of body.split(/\r?\n/)) {
    if (boundaries.has(line.trim())) parts.push([]);
    else parts[parts.length - 1]?.push(line);
  }
  const segments = parts.length === 0 ? [`Content-Type: text/plain\r\n\r\n${body}`] : parts.map((p) => p.join('\r\n'));
  let html = '';
  for (const segment of segments) {
    const part = await simpleParser(Buffer.from(segment, 'latin1'), { skipImageLinks: true, skipTextToHtml: true }).catch(() => null);
    if (part === null) continue;
    if (typeof part.text === 'string' && part.text.trim() !== '') return part.text;
    if (html === '') html = bodyText(part);
  }
  return html;
}

/**
 * Parses a raw message. Throws AppError MAIL_PARSE_FAILED when the MIME structure cannot be read.
 *
 * @example
 * const mail = await parseMail(Buffer.from('From: a@b.de\r\nSubject: Frage\r\n\r\nWann?'));
 * mail.body.text; // → 'Wann?'
 */
export async function parseMail(source: Buffer): Promise<InboundMail> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true, keepCidLinks: false });
  } catch (error) {
    throw new AppError('MAIL_PARSE_FAILED', 'email parse: MIME structure unreadable', { cause: error });
  }
  const headerLists = rawHeaderLists(parsed);
  const headers = Object.fromEntries(Object.entries(headerLists).map(([k, v]) => [k, v[0] ?? '']));
  if (Object.keys(headers).length === 0) {
    throw new AppError('MAIL_PARSE_FAILED', 'email parse: no header section');
  }
  const from = addresses(parsed.from)[0];
  const replyToHeader = addresses(parsed.replyTo).map((a) => a.address);
  const messageId = parseMessageIds(parsed.messageId)[0] ?? null;
  if (from === undefined && messageId === null && parsed.date === undefined) {
    // Neither sender, id nor date: not a mail we can record or answer (poison, goes to quarantine).
    throw new AppError('MAIL_PARSE_FAILED', 'email parse: no From, Message-ID or Date header');
  }
  const text = bodyText(parsed) || (parsed.attachments.length === 0 ? await rawFallbackText(source) : '');
  const attachments: InboundAttachment[] = parsed.attachments.map((a) => ({
    filename: a.filename ?? 'anhang',
    contentType: a.contentType,
    size: a.size,
    sha256: sha256(a.content),
    content: a.content,
  }));
  const contentHash = sha256(
    [from?.address ?? '', headers['date'] ?? '', parsed.subject ?? '', text, ...attachments.map((a) => a.sha256)].join('\n'),
  );
  return {
    messageId,
    key: messageId !== null ? `email:${messageId.slice(1, -1)}` : `email:sha256:${contentHash}`,
    from: from?.address ?? '',
    fromName: from?.name || null,
    replyTo: replyTarget(from?.address ?? '', replyToHeader),
    replyToHeader,
    to: [...addresses(parsed.to), ...addresses(parsed.cc)].map((a) => a.address),
    subject: (parsed.subject ?? '').trim(),
    date: parsed.date ?? null,
    headers,
    headerLists,
    contentType: (headers['content-type'] ?? 'text/plain').split(';')[0]?.trim().toLowerCase() ?? 'text/plain',
    inReplyTo: parseMessageIds(parsed.inReplyTo),
    references: parseMessageIds(parsed.references),
    reportedIds: reportedMessageIds(parsed),
    partTypes: parsed.attachments.map((a) => a.contentType.toLowerCase()),
    body: splitMailBody(text, { forwardSubject: isForwardSubject(parsed.subject) }),
    attachments,
  };
}

/**
 * Where an automatic reply goes: the sender (From), or the Reply-To address when it is the sender's own or
 * of the sender's own organisation (same domain, not a mail provider anyone can register at). A Reply-To
 * elsewhere is never written to: the RP's mailbox must not be a relay that mails third parties (issue 10);
 * a person on the ticket can still answer there by hand. No From: no automatic reply at all.
 *
 * @example replyTarget('a@stadt-ulm.de', ['team@stadt-ulm.de']) // 'team@stadt-ulm.de'
 * @example replyTarget('x@gmail.com', ['victim@gmail.com'])     // 'x@gmail.com'
 */
export function replyTarget(from: string, replyToHeader: readonly string[]): string {
  const wanted = replyToHeader[0];
  if (from === '' || wanted === undefined || wanted === '') return from;
  if (wanted.toLowerCase() === from.toLowerCase()) return wanted;
  const organisation = organisationDomain(from);
  return organisation !== null && organisationDomain(wanted) === organisation ? wanted : from;
}

/**
 * The question: the new body text; for an empty body the subject (often the question itself), and for a
 * mail with nothing but attachments a note naming them, so that staff get a ticket rather than nothing.
 */
function questionText(mail: InboundMail): string {
  if (mail.body.text !== '') return mail.body.text;
  if (mail.attachments.length > 0) {
    const names = mail.attachments.map((a) => a.filename).join(', ');
    return `${mail.subject === '' ? '' : `${mail.subject}\n\n`}(Nachricht ohne Text, Anhänge: ${names})`;
  }
  return mail.subject;
}

/**
 * Builds the channel-independent enquiry. `ticketNumber` wins over the subject (it comes from a stored
 * Message-ID match); otherwise the subject's "[IM-…]" tag makes it a follow-up.
 */
export function toEnquiry(mail: InboundMail, receivedAt: Date, ticketNumber: string | null): Enquiry {
  const number = ticketNumber ?? ticketNumberInSubject(mail.subject);
  const references = [...mail.references];
  for (const id of mail.inReplyTo) if (!references.includes(id)) references.push(id);
  const enquiry: Enquiry = {
    key: mail.key,
    channel: 'email',
    from: mail.from,
    subject: mail.subject,
    text: questionText(mail),
    receivedAt,
    replyHandle: { channel: 'email', to: mail.replyTo, messageId: mail.messageId, references, subject: mail.subject },
    attachments: mail.attachments.map(({ filename, contentType, size, sha256: hash }) => ({
      filename,
      contentType,
      size,
      sha256: hash,
    })),
  };
  if (mail.fromName !== null) enquiry.fromName = mail.fromName;
  if (mail.body.signature !== '') enquiry.signature = mail.body.signature;
  if (number !== null) enquiry.ticketNumber = number;
  if (mail.reportedIds.length > 0) enquiry.reportedIds = [...mail.reportedIds];
  return enquiry;
}
