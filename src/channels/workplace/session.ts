/**
 * Workplace sessions: a sealed (encrypted and signed) cookie through `iron-session`, HttpOnly, SameSite=Lax
 * (the IdP's redirect back is a top-level GET and must carry the PKCE checks), Secure behind HTTPS, limited to
 * `/arbeitsplatz`. An idle session ends after the configured minutes. CSRF: a per-session secret and salted
 * tokens (`csrf`, synchroniser-token pattern) on every form.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Tokens from 'csrf';
import type { getIronSession as GetIronSession, IronSession } from 'iron-session';
import type { LoginChecks } from './auth.oidc.js';

/** What the cookie holds (no personal data beyond the role id). */
export interface SessionData {
  staffId?: string;
  /** Epoch ms of the last request (idle timeout). */
  seenAt?: number;
  csrfSecret?: string;
  /**
   * Text typed into a form whose session had expired: restored on that ticket after signing in again. Capped
   * (the sealed cookie holds about 4 KB).
   */
  draft?: { ticket: string; answer?: string; note?: string; handoverNote?: string; deadlineReason?: string };
  /** Confirmation of the last action, shown once on the next page. */
  flash?: string;
  /** Between the redirect to the IdP and its callback. */
  login?: LoginChecks & { returnTo: string };
}

export type WorkplaceSession = IronSession<SessionData>;

export interface SessionOptions {
  secret: string;
  secure: boolean;
  idleMinutes: number;
  now: () => Date;
}

/** `iron-session` and `csrf` load with the first workplace request, not at start-up. */
interface Libraries {
  getIronSession: typeof GetIronSession;
  tokens: Tokens;
}
let libraries: Promise<Libraries> | null = null;
let tokens: Tokens | null = null;
const load = (): Promise<Libraries> =>
  (libraries ??= Promise.all([import('iron-session'), import('csrf')]).then(([iron, csrf]) => {
    tokens = new csrf.default();
    return { getIronSession: iron.getIronSession, tokens };
  }));
/** The CSRF tokens; a session (and with it the library) exists only after `open`. */
const csrfTokens = (): Tokens => {
  if (tokens === null) throw new Error('csrf tokens used before a session was opened');
  return tokens;
};

/** The session store of the workplace. */
export interface Sessions {
  /** Opens the request's session; an idle one is emptied (signed out) and reported as `expired`. */
  open(req: IncomingMessage, res: ServerResponse): Promise<{ session: WorkplaceSession; expired: boolean }>;
  /** A CSRF token for a form (creates the secret on first use; the caller saves the session). */
  csrfToken(session: WorkplaceSession): string;
  /** Whether `token` is valid for this session. */
  verifyCsrf(session: WorkplaceSession, token: unknown): boolean;
}

/**
 * Creates the session store.
 *
 * @example const sessions = createSessions({ secret, secure: false, idleMinutes: 60, now: () => clock.now() });
 */
export function createSessions(options: SessionOptions): Sessions {
  const cookie = {
    cookieName: 'arbeitsplatz',
    password: options.secret,
    // Absolute limit of the sealed cookie; the idle limit is checked on every request.
    ttl: 12 * 60 * 60,
    cookieOptions: { httpOnly: true, sameSite: 'lax' as const, secure: options.secure, path: '/arbeitsplatz' },
  };
  return {
    async open(req, res) {
      const { getIronSession } = await load();
      const session = await getIronSession<SessionData>(req, res, cookie);
      const now = options.now().getTime();
      const expired = session.staffId !== undefined && session.seenAt !== undefined && now - session.seenAt > options.idleMinutes * 60_000;
      if (expired) {
        delete session.staffId;
        delete session.seenAt;
      } else if (session.staffId !== undefined) {
        session.seenAt = now;
      }
      return { session, expired };
    },
    csrfToken(session) {
      session.csrfSecret ??= csrfTokens().secretSync();
      return csrfTokens().create(session.csrfSecret);
    },
    verifyCsrf(session, token) {
      return typeof token === 'string' && session.csrfSecret !== undefined && csrfTokens().verify(session.csrfSecret, token);
    },
  };
}
