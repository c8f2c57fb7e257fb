/**
 * Settings of the staff workplace (`/arbeitsplatz`, issue #13). The server's config schema spreads
 * {@link workplaceEnvShape} into its own and calls {@link workplaceCrossChecks}, so these variables are read
 * once with the rest of the environment (STYLE G2) and reported in the same one-line-per-problem way.
 *
 * Modes: with `WORKPLACE_OIDC_ISSUER` staff sign in by OpenID Connect (Entra ID in production); without it the
 * workplace runs in local mode (loopback only, sign-in as any staff entry of the contacts file, a visible
 * banner) unless `WORKPLACE_LOCAL_MODE=false` switches it off.
 */
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', ''])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

const minutes = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/, 'must be a whole number of minutes from 1 to 99999')
  .transform(Number)
  .pipe(z.number().min(1, 'must be a whole number of minutes from 1 to 99999'));

/** Environment variables of the workplace (merged into the server's ConfigSchema). */
export const workplaceEnvShape = {
  /** Issuer URL, e.g. `https://login.microsoftonline.com/<tenant-id>/v2.0`. Unset: local mode. */
  WORKPLACE_OIDC_ISSUER: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  WORKPLACE_OIDC_CLIENT_ID: optionalString,
  WORKPLACE_OIDC_CLIENT_SECRET: optionalString,
  /** Public base URL of this server, e.g. `https://pakt.rps.example`; the redirect URI is `<base>/arbeitsplatz/anmeldung`. */
  WORKPLACE_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** At least 32 characters; seals the session cookie. Unset in local mode: a random secret per start. */
  WORKPLACE_SESSION_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  WORKPLACE_IDLE_MINUTES: minutes.default(60),
  /** Local mode when no issuer is set (default true); false switches the workplace off instead. */
  WORKPLACE_LOCAL_MODE: bool.default(true),
  /** Accept an http:// issuer (tests with a loopback provider only; never in production). */
  WORKPLACE_OIDC_ALLOW_HTTP: bool.default(false),
};

/** The workplace part of the parsed config. */
/** Schema of the workplace variables alone (the server merges the shape into its own). */
export const WorkplaceEnvSchema = z.object(workplaceEnvShape);
export type WorkplaceEnv = z.output<typeof WorkplaceEnvSchema>;

/** Problems across workplace variables (empty values count as unset); one line each, naming the variable. */
export function workplaceCrossChecks(env: Record<string, string | undefined>): string[] {
  const has = (key: string): boolean => (env[key] ?? '').trim() !== '';
  if (!has('WORKPLACE_OIDC_ISSUER')) return [];
  const problems: string[] = [];
  for (const key of ['WORKPLACE_OIDC_CLIENT_ID', 'WORKPLACE_BASE_URL', 'WORKPLACE_SESSION_SECRET']) {
    if (!has(key)) problems.push(`${key}: required when WORKPLACE_OIDC_ISSUER is set`);
  }
  return problems;
}

/** How staff sign in, as the workplace uses it. */
export type WorkplaceMode =
  | { kind: 'oidc'; issuer: URL; clientId: string; clientSecret: string | null; redirectUri: URL; allowHttp: boolean }
  | { kind: 'local' }
  | { kind: 'off' };

/** Derives the sign-in mode from the parsed settings. */
export function workplaceMode(env: WorkplaceEnv): WorkplaceMode {
  if (env.WORKPLACE_OIDC_ISSUER !== undefined && env.WORKPLACE_OIDC_CLIENT_ID !== undefined && env.WORKPLACE_BASE_URL !== undefined) {
    return {
      kind: 'oidc',
      issuer: new URL(env.WORKPLACE_OIDC_ISSUER),
      clientId: env.WORKPLACE_OIDC_CLIENT_ID,
      clientSecret: env.WORKPLACE_OIDC_CLIENT_SECRET ?? null,
      redirectUri: new URL('/arbeitsplatz/anmeldung', env.WORKPLACE_BASE_URL),
      allowHttp: env.WORKPLACE_OIDC_ALLOW_HTTP,
    };
  }
  return env.WORKPLACE_LOCAL_MODE ? { kind: 'local' } : { kind: 'off' };
}
