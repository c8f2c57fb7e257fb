/**
 * OpenID Connect sign-in (authorization code with PKCE) through `openid-client`. Entra ID is the production
 * issuer; tests use a real provider on loopback. The issuer's metadata is discovered on first use and kept;
 * a failed discovery is retried on the next sign-in (the IdP may be briefly unreachable at start-up).
 */
import type * as Oidc from 'openid-client';
import type { WorkplaceMode } from './config.js';

/** `openid-client` (with jose) is loaded on the first sign-in, not at start-up. */
let library: Promise<typeof Oidc> | null = null;
const openidClient = (): Promise<typeof Oidc> => (library ??= import('openid-client'));

/** What the browser must bring back to the callback (kept in the sealed session meanwhile). */
export interface LoginChecks {
  state: string;
  nonce: string;
  verifier: string;
}

/** Claims of the signed-in person that can identify staff (Entra ID: `oid`, `preferred_username` = UPN). */
export interface SignedInIdentity {
  subject: string;
  oid: string | null;
  email: string | null;
  preferredUsername: string | null;
}

/** The OIDC client as the workplace uses it. */
export interface OidcSignIn {
  /** Builds the authorization URL and the checks to keep until the callback. */
  start(): Promise<{ url: URL; checks: LoginChecks }>;
  /** Redeems the code from the callback URL (state, nonce and PKCE verified); throws on any mismatch. */
  finish(callbackUrl: URL, checks: LoginChecks): Promise<SignedInIdentity>;
}

const claimString = (claims: Record<string, unknown>, key: string): string | null => {
  const value = claims[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

/**
 * Creates the OIDC sign-in for `mode`.
 *
 * @example
 * const signIn = createOidcSignIn(mode);
 * const { url, checks } = await signIn.start(); // redirect to url, keep checks in the session
 */
export function createOidcSignIn(mode: Extract<WorkplaceMode, { kind: 'oidc' }>): OidcSignIn {
  let configuration: Promise<Oidc.Configuration> | null = null;
  const discover = (): Promise<Oidc.Configuration> => {
    configuration ??= openidClient()
      .then((oidc) =>
        oidc.discovery(
          mode.issuer,
          mode.clientId,
          mode.clientSecret ?? undefined,
          mode.clientSecret === null ? oidc.None() : oidc.ClientSecretPost(mode.clientSecret),
          mode.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
        ),
      )
      .catch((error: unknown) => {
        configuration = null;
        throw error;
      });
    return configuration;
  };

  return {
    async start() {
      const oidc = await openidClient();
      const config = await discover();
      const checks: LoginChecks = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: mode.redirectUri.href,
        scope: 'openid profile email',
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      });
      return { url, checks };
    },

    async finish(callbackUrl, checks) {
      const oidc = await openidClient();
      const config = await discover();
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      return {
        subject: claimString(claims, 'sub') ?? '',
        oid: claimString(claims, 'oid'),
        email: claimString(claims, 'email'),
        preferredUsername: claimString(claims, 'preferred_username') ?? claimString(claims, 'upn'),
      };
    },
  };
}
