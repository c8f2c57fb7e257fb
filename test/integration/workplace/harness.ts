/**
 * The whole service as `npm start` composes it (buildApp) with the workplace mounted, on a real SQLite file,
 * plus a loopback OpenID provider, an SMTP sink, and a tiny cookie-keeping HTTP client for tests without a
 * browser.
 */
import { expect } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Enquiry } from '../../../src/core/enquiry.js';
import { silentLogger } from '../../../src/core/ports.js';
import { buildApp, type App } from '../../../src/server/app.js';
import { parseConfig } from '../../../src/server/config.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';
import { startOidcProvider, type TestAccount, type TestProvider } from './oidc-provider.js';

/** Accounts of the test IdP: two case workers of team Nord by UPN, the lead by e-mail, and a stranger. */
export const ACCOUNTS: Record<string, TestAccount> = {
  'sb-nord-1': { preferred_username: 'im-sb-nord-1@rps.example', name: 'Nord Eins' },
  'sb-nord-2': { preferred_username: 'IM-SB-NORD-2@rps.example', name: 'Nord Zwei' },
  leitung: { email: 'im-leitung@rps.example', name: 'Leitung' },
  fremd: { preferred_username: 'fremd@example.org', email: 'fremd@example.org', name: 'Fremd' },
  // Role "Lesen": only in the contacts file written by readerContacts().
  'lesen-1': { email: 'im-lesen@rps.example', name: 'Lesen' },
};

/** The repository's contacts file plus one entry with role "Lesen" (id lesen-1), written into `dir`. */
export function readerContacts(dir: string): string {
  const file = join(dir, 'kontakte-lesen.yaml');
  const reader = '  - id: lesen-1\n    rolle: Controlling (nur Lesen)\n    team: zentrale\n    email: im-lesen@rps.example\n    lesen: true\n';
  writeFileSync(file, `${readFileSync('knowledge/kontakte.yaml', 'utf8').trimEnd()}\n${reader}`);
  return file;
}

/** A page's escaped text back as plain text (what Handlebars escaped). */
export function unescapeHtml(html: string): string {
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x3D;': '=', '&#x60;': '`' };
  return html.replace(/&(amp|lt|gt|quot|#x27|#x3D|#x60);/g, (m) => entities[m] ?? m);
}

export interface WorkplaceHarness {
  app: App;
  url: string;
  provider: TestProvider | null;
  sink: SmtpSink;
  /** Creates a ticket through the core (as an incoming mail would) and returns its number. */
  seedTicket(input: { from: string; subject: string; text: string }): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let seq = 0;

/** Starts provider (unless `local`), sink and app. */
/** A clock the test can move forward (idle timeouts). */
export class MovableClock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

export async function startWorkplace(options: { local?: boolean; env?: Record<string, string>; clock?: MovableClock } = {}): Promise<WorkplaceHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'pakt-workplace-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const provider = options.local === true ? null : await startOidcProvider(`${url}/arbeitsplatz/anmeldung`, ACCOUNTS);
  const sink = await startSmtpSink();
  const config = parseConfig({
    PORT: String(port),
    DATABASE_URL: `sqlite:${join(dir, 'pakt.db')}`,
    INDEX_CACHE_DIR: join(dir, 'cache'),
    ATTACHMENTS_DIR: join(dir, 'attachments'),
    SMTP_HOST: sink.host,
    SMTP_PORT: String(sink.port),
    SMTP_SECURE: 'false',
    OUTBOX_POLL_MS: '50',
    ...(provider === null
      ? {}
      : {
          WORKPLACE_OIDC_ISSUER: provider.issuer,
          WORKPLACE_OIDC_CLIENT_ID: provider.clientId,
          WORKPLACE_OIDC_CLIENT_SECRET: provider.clientSecret,
          WORKPLACE_BASE_URL: url,
          WORKPLACE_SESSION_SECRET: 'a-test-session-secret-of-at-least-32-chars',
          WORKPLACE_OIDC_ALLOW_HTTP: 'true',
        }),
    ...options.env,
  });
  const app = await buildApp(config, { logger: silentLogger, defaultMetrics: false, ...(options.clock === undefined ? {} : { clock: options.clock }) });
  await app.listen();
  return {
    app,
    url,
    provider,
    sink,
    async seedTicket({ from, subject, text }) {
      seq += 1;
      const enquiry: Enquiry = {
        key: `email:<workplace-${seq}-${Date.now()}@test>`,
        channel: 'email',
        from,
        subject,
        text,
        receivedAt: new Date(),
        replyHandle: { channel: 'email', to: from, messageId: `<workplace-${seq}@test>`, references: [], subject },
        attachments: [],
      };
      const outcome = await app.services.handle({ kind: 'question', enquiry, reply: 'outbox' });
      if (outcome.kind !== 'ticket_created') throw new Error(`seedTicket: expected a ticket, got ${outcome.kind}`);
      return outcome.ticket.number;
    },
    async stop() {
      await app.stop();
      await Promise.all([provider?.close(), sink.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A minimal browser without JavaScript: keeps cookies per origin and follows redirects by hand. */
export class FormClient {
  private readonly jar = new Map<string, Map<string, string>>();

  private cookieHeader(url: URL): string {
    return [...(this.jar.get(url.host) ?? new Map<string, string>()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(url: URL, res: Response): void {
    const cookies = this.jar.get(url.host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = (pair ?? '').indexOf('=');
      if (eq > 0) cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    this.jar.set(url.host, cookies);
  }

  /** Sends a request and follows redirects; resolves with the final response, its URL and body text. */
  async request(target: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ status: number; url: string; text: string }> {
    let url = new URL(target);
    let method = init.method ?? (init.form === undefined ? 'GET' : 'POST');
    let body: string | undefined = init.form === undefined ? undefined : new URLSearchParams(init.form).toString();
    for (let hop = 0; hop < 15; hop += 1) {
      const res = await fetch(url, {
        method,
        redirect: 'manual',
        headers: { cookie: this.cookieHeader(url), ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
        ...(body === undefined ? {} : { body }),
      });
      this.keep(url, res);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location !== null) {
        url = new URL(location, url);
        method = 'GET';
        body = undefined;
        await res.arrayBuffer();
        continue;
      }
      return { status: res.status, url: url.href, text: await res.text() };
    }
    throw new Error('too many redirects');
  }
}

/** The value of a hidden input (`_csrf`, `version`) in a page. */
export function hiddenValue(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (m === null) throw new Error(`no hidden input ${name}`);
  return m[1]!;
}

/** The interaction form's action on the test IdP's login page. */
export function loginAction(html: string, base: string): string {
  const m = /action="([^"]+)"/.exec(html);
  if (m === null) throw new Error('no login form');
  return new URL(m[1]!, base).href;
}

/** Walks the sign-in as a browser without JavaScript would; resolves with the page reached. */
export async function signIn(client: FormClient, h: WorkplaceHarness, login: string, start = '/arbeitsplatz/eingang'): Promise<{ status: number; url: string; text: string }> {
  const signInPage = await client.request(`${h.url}${start}`);
  expect(signInPage.url).toContain('/arbeitsplatz/anmelden');
  const link = /href="(\/arbeitsplatz\/anmelden\/start[^"]*)"/.exec(signInPage.text)?.[1];
  expect(link).toBeDefined();
  const idpPage = await client.request(`${h.url}${link!.replace(/&amp;/g, '&')}`);
  expect(idpPage.url.startsWith(h.provider!.issuer)).toBe(true);
  return client.request(loginAction(idpPage.text, idpPage.url), { form: { login } });
}


/** Waits until the sink holds a mail whose text contains `needle` (polling the recorded messages). */
export async function waitForMail(sink: SmtpSink, needle: string, timeoutMs = 20_000): Promise<SmtpSink['messages'][number]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = sink.messages.find((m) => m.parsed.text?.includes(needle) === true);
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`no mail containing "${needle}"`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
