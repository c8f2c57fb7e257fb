/**
 * A throwaway PostgreSQL cluster for integration tests: `initdb` in a temporary directory as an unprivileged
 * user (PostgreSQL refuses to run as root: under root the cluster belongs to the `postgres` system user the
 * Debian package creates, else `nobody`), a free loopback port, the unix socket in the temporary directory,
 * trust authentication for the one superuser `pakt`. `stop()` shuts the server down and removes everything.
 *
 * The binaries are looked up on PATH and in /usr/lib/postgresql/<version>/bin (Debian keeps them off PATH).
 * Without them {@link postgresAvailability} says why; in CI (`CI=true`) missing binaries are an error, never a skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import pg from 'pg';
import { freePort } from './dovecot.js';

/** A running test cluster. */
export interface PostgresServer {
  host: string;
  port: number;
  /** The superuser (trust authentication on loopback). */
  user: string;
  /** Directory of initdb, postgres, pg_dump, pg_restore, createdb. */
  binDir: string;
  /** Root of the temporary directory (data, socket). */
  dir: string;
  /** `postgres://pakt@127.0.0.1:<port>/<database>` (default database `postgres`). */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** The server's log so far (for diagnosing failures). */
  log(): string;
  stop(): Promise<void>;
}

/** Version-sorted candidates; the newest wins. */
function debianBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'));
}

/**
 * The directory holding `initdb`, `postgres`, `pg_dump` and `pg_restore`, or null when PostgreSQL is not
 * installed. A symlinked `initdb` on PATH leads to its real directory (where the other binaries are).
 */
export function findPostgresBinDir(): string | null {
  const candidates = [...(process.env.PATH ?? '').split(delimiter).filter((d) => d !== ''), ...debianBinDirs()];
  const found = candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'postgres')));
  return found === undefined ? null : dirname(realpathSync(join(found, 'initdb')));
}

/**
 * Whether the integration tests can run. Missing binaries: a skip with a reason on a developer machine; in CI
 * (`CI=true`) this throws, so a CI run without PostgreSQL fails instead of passing silently.
 */
export function postgresAvailability(): { available: true } | { available: false; reason: string } {
  if (findPostgresBinDir() !== null) return { available: true };
  const reason = 'PostgreSQL-Binärdateien (initdb, postgres) nicht gefunden: Debian-Paket "postgresql" installieren (.ci/run tut das)';
  if (process.env.CI === 'true') throw new Error(`postgres helper: ${reason}; in CI this is an error, not a skip`);
  return { available: false, reason };
}

/** Under root: the unprivileged user the cluster runs as. */
function clusterUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0 && Number(uid.stdout) > 0) return { name, uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('postgres helper: running as root but neither "postgres" nor "nobody" exists');
}

/** Runs a PostgreSQL binary, dropping to `user` under root (setpriv execs: the pid is the program's own). */
function command(binDir: string, program: string, args: string[], user: ReturnType<typeof clusterUser>): [string, string[]] {
  const path = join(binDir, program);
  if (user === null) return [path, args];
  return ['setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--', path, ...args]];
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres helper: server exited (${child.exitCode}):\n${log()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres helper: server not ready after 30 s:\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Options of {@link startPostgres}. */
export interface StartPostgresOptions {
  /**
   * Keep PostgreSQL's default durability (fsync, full page writes), as an operator runs it. Default false: tests
   * turn both off, since the cluster is thrown away and fsync only costs time; benches measuring the database
   * itself (bench/postgres.bench.ts) turn them back on.
   */
  durable?: boolean;
}

/**
 * Starts a fresh cluster. Call `stop()` in afterAll.
 *
 * @example
 * const server = await startPostgres();
 * const url = await server.createDatabase('copy_target');
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const binDir = findPostgresBinDir();
  if (binDir === null) throw new Error('postgres helper: PostgreSQL binaries not found (install "postgresql": .ci/run)');
  const user = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), 'pakt-pg-'));
  const data = join(dir, 'data');
  const socket = join(dir, 'sock');
  mkdirSync(socket);
  if (user !== null) {
    chownSync(dir, user.uid, user.gid);
    chownSync(socket, user.uid, user.gid);
  }
  const superuser = 'pakt';
  const [initCmd, initArgs] = command(binDir, 'initdb', ['-D', data, '-U', superuser, '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'], user);
  const init = spawnSync(initCmd, initArgs, { cwd: dir, encoding: 'utf8' });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`postgres helper: initdb failed (${init.status}):\n${init.stderr}${init.stdout}`);
  }
  const port = await freePort();
  const unsafe = options.durable === true ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off'];
  const settings = ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socket}`, ...unsafe, '-c', 'max_connections=50'];
  const [pgCmd, pgArgs] = command(binDir, 'postgres', ['-D', data, '-p', String(port), ...settings], user);
  const child = spawn(pgCmd, pgArgs, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const log = (): string => output;
  const host = '127.0.0.1';
  const url = (database = 'postgres'): string => `postgres://${superuser}@${host}:${port}/${database}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT'); // fast shutdown: disconnects clients, no checkpoint wait
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url(), child, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    host,
    port,
    user: superuser,
    binDir,
    dir,
    url,
    log,
    stop,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`postgres helper: bad database name ${name}`);
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
  };
}
