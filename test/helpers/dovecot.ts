/**
 * Starts a private Dovecot IMAP server on a free loopback port with a temporary config and maildir
 * (see /work/shared/NOTES.md). Nothing is skipped: when Dovecot is missing the caller gets a clear error.
 *
 * Dovecot daemonises, so it is started with stdio detached and stopped via `base_dir/master.pid`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';


/** A running test Dovecot. */
export interface DovecotServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Root of the temporary directory (config, maildir, logs). */
  dir: string;
  /** Implicit-TLS port (only with `tls: true`). */
  tlsPort?: number;
  /** PEM certificate to trust (only with `tls: true`). */
  certificate?: string;
  /** Contents of Dovecot's log file (for diagnosing failures). */
  log(): string;
  stop(): Promise<void>;
}

/** Returns a currently free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function idOf(name: string): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', name]).stdout.toString().trim());
  const gid = Number(spawnSync('id', ['-g', name]).stdout.toString().trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid <= 0) {
    throw new Error(`dovecot helper: system user "${name}" not found (install dovecot-imapd: .ci/run)`);
  }
  return { uid, gid };
}

/** Options of {@link startDovecot}. */
export interface DovecotOptions {
  user?: string;
  password?: string;
  /**
   * Also accept XOAUTH2 (as Exchange Online does): Dovecot POSTs the token to this URL (RFC 7662 introspection) and expects
   * `{ "active": true, "username": "<user>" }`.
   */
  oauth2IntrospectionUrl?: string;
  /**
   * TLS with a fresh self-signed certificate for 127.0.0.1: STARTTLS on `port` (plaintext login refused),
   * implicit TLS on `tlsPort`. The certificate (PEM) is in `DovecotServer.certificate`.
   */
  tls?: boolean;
}

function oauth2Config(dir: string, url: string | undefined): string {
  if (url === undefined) return '';
  writeFileSync(
    join(dir, 'oauth2.conf.ext'),
    `introspection_mode = post\nintrospection_url = ${url}\nusername_attribute = username\nactive_attribute = active\nactive_value = true\n`,
    { mode: 0o644 },
  );
  return `passdb {\n  driver = oauth2\n  mechanisms = xoauth2\n  args = ${dir}/oauth2.conf.ext\n}\n`;
}

function makeCertificate(dir: string): string {
  const result = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ]);
  if (result.status !== 0) throw new Error(`dovecot helper: openssl failed: ${result.stderr.toString()}`);
  return readFileSync(join(dir, 'cert.pem'), 'utf8');
}

function tlsConfig(dir: string, tlsPort: number | undefined): string {
  if (tlsPort === undefined) return 'ssl = no\ndisable_plaintext_auth = no\n';
  return `ssl = required\nssl_cert = <${dir}/cert.pem\nssl_key = <${dir}/key.pem\ndisable_plaintext_auth = yes\n`;
}

function config(dir: string, port: number, uid: number, oauth2: string, tlsPort?: number): string {
  return `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
${tlsConfig(dir, tlsPort)}auth_mechanisms = plain login${oauth2 === '' ? '' : ' xoauth2'}
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = ${Math.min(uid, 100)}
mail_location = maildir:${dir}/mail/%u
mail_max_userip_connections = 200
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN ${dir}/passwd
}
${oauth2}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tlsPort ?? 0}
    ssl = yes
  }
}
# No stats: processes would otherwise wait 5 s for the (already stopped) stats writer at shutdown.
stats_writer_socket_path =
protocol imap {
  mail_max_userip_connections = 200
}
`;
}

async function waitForPort(port: number, deadline: number, dir: string): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) {
      const log = existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '';
      throw new Error(`dovecot helper: port ${port} not open after start\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts Dovecot (as root: login processes run as dovenull, mail as dovecot).
 *
 * @example
 * const imap = await startDovecot();
 * // … new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password } })
 * await imap.stop();
 */
export async function startDovecot(options: DovecotOptions = {}): Promise<DovecotServer> {
  const DOVECOT_BIN = process.env['DOVECOT_BIN'] ?? '/usr/sbin/dovecot';
  if (!existsSync(DOVECOT_BIN)) {
    throw new Error(
      `dovecot helper: ${DOVECOT_BIN} not found. The e-mail integration tests need Dovecot: ` +
        'apt-get install dovecot-imapd (see .ci/run), or set DOVECOT_BIN.',
    );
  }
  const user = options.user ?? 'postfach';
  const password = options.password ?? 'geheim';
  const dovecotIds = idOf('dovecot');
  const dir = mkdtempSync(join(tmpdir(), 'pakt-dovecot-'));
  spawnSync('chmod', ['0755', dir]);
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub), { mode: 0o755 });
  chownSync(join(dir, 'mail'), dovecotIds.uid, dovecotIds.gid);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`, { mode: 0o644 });
  const port = await freePort();
  const tlsPort = options.tls === true ? await freePort() : undefined;
  const certificate = options.tls === true ? makeCertificate(dir) : undefined;
  const confPath = join(dir, 'dovecot.conf');
  writeFileSync(confPath, config(dir, port, dovecotIds.uid, oauth2Config(dir, options.oauth2IntrospectionUrl), tlsPort));

  const child = spawn(DOVECOT_BIN, ['-c', confPath], { stdio: 'ignore', detached: true });
  const exit = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (exit !== 0) {
    const check = spawnSync(DOVECOT_BIN, ['-c', confPath, '-n']);
    throw new Error(`dovecot helper: dovecot exited with ${exit}\n${check.stderr.toString()}`);
  }
  await waitForPort(port, Date.now() + 15_000, dir);
  if (tlsPort !== undefined) await waitForPort(tlsPort, Date.now() + 15_000, dir);
  // The master writes its pid file just after it starts listening; stop() needs it.
  while (!existsSync(join(dir, 'run', 'master.pid'))) await new Promise((r) => setTimeout(r, 10));

  const readLog = (): string =>
    existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '';
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    dir,
    ...(tlsPort === undefined ? {} : { tlsPort, certificate }),
    log: readLog,
    stop: () => stopDovecot(dir),
  };
}

async function stopDovecot(dir: string): Promise<void> {
  const pidFile = join(dir, 'run', 'master.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

/** True while the process runs; a zombie (exited, not yet reaped by a lazy init) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * The service's IMAP settings for a running Dovecot (plain loopback, mail of the last hour counts), as env
 * values for parseConfig or a child process.
 *
 * @example parseConfig({ ...imapEnv(dovecot), SMTP_HOST: sink.host, … })
 */
export function imapEnv(dovecot: DovecotServer): Record<string, string> {
  return {
    IMAP_HOST: dovecot.host,
    IMAP_PORT: String(dovecot.port),
    IMAP_SECURE: 'false',
    IMAP_USER: dovecot.user,
    IMAP_PASSWORD: dovecot.password,
    IMAP_START_DATE: new Date(Date.now() - 3_600_000).toISOString(),
  };
}
