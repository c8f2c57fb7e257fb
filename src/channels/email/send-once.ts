/**
 * Sending a reply once, also across a crash (issue 10). SMTP has no idempotency: a server that received the
 * end of a message delivers it even when the client dies before reading the reply (RFC 1047), and the outbox
 * then tries again after its lease. Two records close that gap:
 *
 * 1. the moment the server accepts DATA (354), before the first byte of the message leaves the process, the
 *    channel notes it in the database (`email_transmitted`); the body waits until the note is written (on
 *    PostgreSQL a round trip). When the whole body is written, before the terminating dot, the note is marked
 *    complete, and the dot waits for that. A repeated attempt that finds a complete note and no result does not
 *    send again; one that finds the note incomplete knows the server never got the end of the message (it
 *    discards a transfer cut off before the dot) and sends again. Noting it only after the terminating dot was
 *    written left a window: the server could store the message before the note was written (a kill timed on
 *    the server's receipt hit it);
 * 2. every sent reply is filed in the mailbox's Sent folder; a repeated attempt without the note looks for its
 *    Message-ID there (a database restored from backup; servers that file submitted mail themselves).
 *
 * What remains: a crash after the complete note and before the server's answer cannot tell whether the
 * terminating dot reached the server (the dot follows the note at once) or whether the server accepted the
 * message. That reply is not sent again (a warning in the log names the outbox id) and is handed to staff as
 * a ticket (uncertain-reply.ts), so it is neither doubled nor silently lost. A crash during the body transfer
 * itself delays the reply to the next attempt; it neither loses nor doubles it.
 */
import { Readable } from 'node:stream';
import { errorCode } from '../../core/error-code.js';
import type { OutboundMessage } from '../../core/outcome.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { SentFolder } from './sent-folder.imap.js';
import type { EmailState } from './state.js';

/** Attempts after which a message whose earlier attempt is unknown is sent although the Sent folder cannot be read. */
const UNKNOWN_ATTEMPT_PATIENCE = 3;

/** Collaborators of the functions here (the sender's). */
export interface SendOnceDeps {
  state: EmailState;
  logger: Logger;
  clock: Clock;
  sentFolder?: SentFolder | undefined;
  /** File a copy of each sent message in `sentFolder` (MAIL_SAVE_SENT). */
  saveSent?: boolean | undefined;
}

/**
 * What to do before sending: it went out already, send it, wait (the earlier attempt cannot be judged yet), or
 * hand it to staff (`uncertain`: the earlier attempt transmitted the whole message and ended without an answer).
 */
export type EarlierAttempt = 'sent' | 'send' | 'wait' | 'uncertain';

/**
 * Judges an earlier attempt of this outbox message. Records the message as sent when it went out before (not
 * when it is `uncertain`: the sender records it once staff have it).
 *
 * @example
 * if ((await earlierAttempt(message, messageId, deps)) === 'sent') return { kind: 'sent', providerId: messageId };
 */
export async function earlierAttempt(message: OutboundMessage, messageId: string, deps: SendOnceDeps): Promise<EarlierAttempt> {
  const ids = { outboxId: message.id, kind: message.kind, attempts: message.attempts };
  if (await deps.state.wasTransmitted(message.key)) {
    deps.logger.warn(ids, 'an earlier attempt handed the whole message to SMTP and ended without a reply: not sent again');
    return 'uncertain';
  }
  if (deps.sentFolder === undefined || message.attempts <= 1) return 'send';
  try {
    if (!(await deps.sentFolder.contains(messageId))) return 'send';
    await deps.state.recordSent(message.key, messageId, message.ticketNumber, message.kind, deps.clock.now());
    deps.logger.warn(ids, 'found in the Sent folder: not sent again');
    return 'sent';
  } catch (error) {
    deps.logger.warn({ ...ids, code: errorCode(error) ?? 'IMAP_ERROR' }, 'Sent folder not readable before a repeated attempt');
    return message.attempts > UNKNOWN_ATTEMPT_PATIENCE ? 'send' : 'wait';
  }
}

/**
 * Notes which message is on the SMTP connection and marks it transmitted when the server answers DATA with
 * 354 (nodemailer's transaction log, `tnx: 'server'`), i.e. before the message is written to the socket.
 * The sender sends one message at a time, so the response belongs to the message in flight.
 */
export interface TransmitTracker {
  /** Feed nodemailer's log entries and their text here (before they are logged). */
  observe(entry: Record<string, unknown>, text?: string): void;
  /**
   * Runs `send` for one message with the note kept current: written at the end of the data, cleared when
   * the server refuses (the next attempt sends again).
   */
  send<T>(message: OutboundMessage, messageId: string, send: () => Promise<T>): Promise<T>;
  /**
   * The message for the SMTP transport (inside `send`): its bytes flow only once the note for the message in
   * flight is written. On PostgreSQL the note takes a round trip, and a body already on the wire before the note
   * committed could be delivered by the server and then sent again after a crash.
   */
  body(raw: Buffer): Readable;
}

/** Longest wait for the note before the body goes anyway (a 354 the tracker missed must not hang every send). */
const NOTE_PATIENCE_MS = 10_000;

/** The server's go-ahead for the message body. */
const DATA_ACCEPTED = /^354\b/;

/** Creates the tracker over the channel's state (sends are serialised through it). */
export function createTransmitTracker(deps: Pick<SendOnceDeps, 'state' | 'clock' | 'logger'>): TransmitTracker {
  let inFlight: { key: string; messageId: string; noted: () => void; written: Promise<void> } | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  // On SQLite the note is written at once; on PostgreSQL it takes a round trip, and the body waits for it
  // (body()). Its failure must not fail the send: kept, awaited.
  let marking: Promise<void> = Promise.resolve();
  return {
    observe(entry, text) {
      if (inFlight !== null && entry['tnx'] === 'server' && typeof text === 'string' && DATA_ACCEPTED.test(text)) {
        const { noted } = inFlight;
        marking = deps.state.markTransmitted(inFlight.key, inFlight.messageId, deps.clock.now()).catch(() => undefined);
        void marking.then(noted);
      }
    },
    body(raw) {
      const flight = inFlight;
      const written = flight?.written ?? Promise.resolve();
      const { logger, state } = deps;
      return Readable.from(
        (async function* () {
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), NOTE_PATIENCE_MS).unref()));
          if ((await Promise.race([written, late])) === 'late') logger.warn({ component: 'email' }, 'no transmitted note after the server accepted DATA: sending the body anyway');
          clearTimeout(timer);
          yield raw;
          // The terminating dot follows when this stream ends: the note says "complete" first. A failure ends
          // the stream with an error, the server discards the cut-off message and the next attempt sends it.
          if (flight !== null) await state.markComplete(flight.key);
        })(),
        { objectMode: false },
      );
    },
    send(message, messageId, send) {
      const run = async () => {
        let noted = (): void => undefined;
        const written = new Promise<void>((resolve) => (noted = resolve));
        inFlight = { key: message.key, messageId, noted, written };
        try {
          return await send();
        } catch (error) {
          await marking;
          await deps.state.clearTransmitted(message.key).catch(() => undefined);
          throw error;
        } finally {
          inFlight = null;
          await marking;
        }
      };
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** Files a copy of a sent message in the Sent folder (a failure is only logged: the mail went out). */
export async function fileCopy(raw: Buffer, message: OutboundMessage, deps: SendOnceDeps): Promise<void> {
  if (deps.sentFolder === undefined || deps.saveSent === false) return;
  try {
    await deps.sentFolder.save(raw);
  } catch (error) {
    deps.logger.warn({ outboxId: message.id, code: errorCode(error) ?? 'IMAP_ERROR' }, 'sent, but no copy in the Sent folder');
  }
}
