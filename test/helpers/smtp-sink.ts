/**
 * A real SMTP server (smtp-server) on 127.0.0.1 that records every accepted message. It can be stopped and
 * started again on the same port to simulate "SMTP down, then back".
 */
import { EventEmitter } from 'node:events';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One recorded message. */
export interface SunkMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
  /** Header name (lower-case) → raw value. */
  headers: Record<string, string>;
}

/** Options of {@link startSmtpSink}. */
export interface SmtpSinkOptions {
  /** Require an XOAUTH2 login and accept it when this returns true (as Exchange Online's SMTP AUTH). */
  acceptOAuth2?: (user: string, accessToken: string) => boolean;
}

/** The running sink. */
export interface SmtpSink {
  host: string;
  port: number;
  messages: SunkMail[];
  /** XOAUTH2 logins seen: `user token` (accepted or not). */
  logins: string[];
  /** Resolves when at least `count` messages have been recorded in total. */
  waitFor(count: number, timeoutMs?: number): Promise<SunkMail[]>;
  /** Closes the listener (clients get ECONNREFUSED) but keeps the recorded messages and the port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

function headersOf(parsed: ParsedMail): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    if (!(key in out)) out[key.toLowerCase()] = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  }
  return out;
}

function listen(server: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/**
 * Starts the sink.
 *
 * @example
 * const sink = await startSmtpSink();
 * // SMTP_HOST=sink.host SMTP_PORT=sink.port SMTP_SECURE=false
 * const [mail] = await sink.waitFor(1);
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SunkMail[] = [];
  const logins: string[] = [];
  const events = new EventEmitter();
  const accept = options.acceptOAuth2;
  const auth =
    accept === undefined
      ? { authOptional: true }
      : {
          authOptional: false,
          authMethods: ['XOAUTH2'],
          allowInsecureAuth: true,
          onAuth(a: { username?: string; accessToken?: string }, _s: unknown, cb: (e: Error | null, r?: { user: string }) => void) {
            logins.push(`${a.username ?? ''} ${a.accessToken ?? ''}`);
            if (accept(a.username ?? '', a.accessToken ?? '')) cb(null, { user: a.username ?? '' });
            else cb(Object.assign(new Error('Invalid token'), { responseCode: 535 }));
          },
        };
  const make = (): SMTPServer =>
    new SMTPServer({
      ...auth,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Closing waits this long for open client connections (nodemailer pools them) before dropping them.
      closeTimeout: 200,
      size: 50 * 1024 * 1024,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((parsed) => {
              messages.push({
                envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                envelopeTo: session.envelope.rcptTo.map((r) => r.address),
                raw,
                parsed,
                headers: headersOf(parsed),
              });
              events.emit('message');
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
  let server = make();
  const port = await listen(server, 0);
  let running = true;
  const closeServer = (s: SMTPServer): Promise<void> => new Promise((resolve) => s.close(() => resolve()));

  return {
    host: '127.0.0.1',
    port,
    messages,
    logins,
    waitFor(count, timeoutMs = 20_000) {
      if (messages.length >= count) return Promise.resolve(messages.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('message', check);
          reject(new Error(`smtp sink: ${messages.length} of ${count} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        function check(): void {
          if (messages.length < count) return;
          clearTimeout(timer);
          events.off('message', check);
          resolve(messages.slice());
        }
        events.on('message', check);
      });
    },
    async pause() {
      if (!running) return;
      running = false;
      await closeServer(server);
    },
    async resume() {
      if (running) return;
      server = make();
      await listen(server, port);
      running = true;
    },
    async close() {
      if (running) await closeServer(server);
      running = false;
    },
  };
}
