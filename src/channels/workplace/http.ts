/**
 * Small HTTP helpers of the workplace door: HTML responses with safe headers, redirects, and the request facts
 * the pages need (loopback origin, a safe return path).
 */
import type restify from 'restify';

/** Headers on every workplace page: no caching of case data, no framing, only own scripts and styles. */
const SECURITY_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** Writes an HTML page. */
export function sendHtml(res: restify.Response, status: number, html: string): void {
  res.writeHead(status, SECURITY_HEADERS);
  res.end(html);
}

/** 303 See Other (after a form) or 302 to `location`. */
export function redirect(res: restify.Response, location: string, status: 302 | 303 = 303): void {
  res.writeHead(status, { location, 'cache-control': 'no-store' });
  res.end();
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

// A reverse proxy on the same machine connects from loopback too: its forwarding headers mark a remote visitor.
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'x-forwarded-host'] as const;

/**
 * Whether the request came from this machine and not through a proxy on it (local mode serves only such
 * requests: behind nginx or IIS on the same host, anyone could otherwise sign in as any role).
 */
export function isLoopbackRequest(req: restify.Request): boolean {
  if (PROXY_HEADERS.some((name) => req.headers[name] !== undefined)) return false;
  return LOOPBACK.test(req.socket.remoteAddress ?? '');
}

/** A return path inside the workplace (never an absolute or protocol-relative URL: no open redirect). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/arbeitsplatz(\/[A-Za-z0-9\-_/?=&%.]*)?$/.test(value) && !value.startsWith('//') ? value : '/arbeitsplatz/eingang';
}

/** The form body as an object (urlencoded, parsed by restify's body parser). */
export function formBody(req: restify.Request): Record<string, unknown> {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && !Buffer.isBuffer(body) ? (body as Record<string, unknown>) : {};
}
