/**
 * The database lost during operation (issue 15, "Bad input and faults"): one service process on a throwaway
 * PostgreSQL with a real Dovecot mailbox and the smtp-server sink. The database is taken away (backends
 * terminated, renamed); /readyz answers 503; a mail arrives meanwhile and stays in the inbox; once the database is
 * back the service is ready again, leads the mailbox again and answers the mail exactly once, and the enquiry is
 * recorded once. Under CI=true a missing PostgreSQL fails (postgresAvailability throws), never skips.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../helpers/dovecot.js';
import { postgresAvailability, startPostgres, type PostgresServer } from '../../helpers/postgres.js';
import { enquiryMail, mailboxRole, replicaEnv, startReplica, until, type Replica } from '../../helpers/replicas.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';

const availability = postgresAvailability();
const OWN = 'integrationsmanagement@rps.bwl.de';

describe.skipIf(!availability.available)('the database lost while the service runs', { timeout: 180_000 }, () => {
  let server: PostgresServer;
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let replica: Replica | undefined;
  let dir = '';
  let url = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pakt-outage-'));
    [server, dovecot, sink] = await Promise.all([startPostgres(), startDovecot(), startSmtpSink()]);
    url = await server.createDatabase('outage');
    const env = { ...replicaEnv({ url, dir, name: 'a', dovecot, sink, mailFrom: OWN }), IMAP_POLL_SECONDS: '5', OUTBOX_POLL_MS: '100', MAILBOX_LEADER_POLL_MS: '500' };
    replica = await startReplica({ name: 'a', env });
  }, 120_000);

  afterAll(async () => {
    if (replica?.isAlive()) replica.child.kill('SIGKILL');
    await Promise.all([server?.stop(), dovecot?.stop(), sink?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('pauses while the database is gone and answers a mail that arrived meanwhile exactly once when it is back', async () => {
    const r = replica!;
    await until('the replica to lead the mailbox', async () => (await mailboxRole(r)) === 'leader', 30_000);
    const status = async (): Promise<number> => (await fetch(`http://127.0.0.1:${r.port}/readyz`)).status;
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    try {
      for (let attempt = 1; ; attempt += 1) {
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'outage'");
        if (await admin.query('ALTER DATABASE outage RENAME TO outage_gone').then(() => true, () => false)) break;
        if (attempt === 10) throw new Error('database could not be taken away');
      }
      await until('/readyz 503 while the database is gone', async () => (await status()) === 503, 30_000);

      const imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
      await imap.connect();
      try {
        await imap.append('INBOX', enquiryMail(1, '<outage-1@aidlingen.example>', OWN));
      } finally {
        await imap.logout();
      }
      // Several poll cycles pass without the database: nothing is answered, the mail waits in the inbox.
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      const replies = () => sink.messages.filter((m) => m.headers['in-reply-to'] === '<outage-1@aidlingen.example>');
      expect(replies()).toHaveLength(0);
      expect(r.isAlive()).toBe(true);

      await admin.query('ALTER DATABASE outage_gone RENAME TO outage');
      await until('/readyz 200 once the database is back', async () => (await status()) === 200, 60_000);
      await until('the mail answered after the outage', async () => replies().length > 0, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(replies()).toHaveLength(1);
      expect(await mailboxRole(r)).toBe('leader');
    } finally {
      await admin.query('ALTER DATABASE outage_gone RENAME TO outage').catch(() => undefined);
      await admin.end();
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const enquiries = await client.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM enquiries WHERE key LIKE 'email:%outage-1%'");
      expect(enquiries.rows[0]!.n).toBe(1);
    } finally {
      await client.end();
    }
  });
});

if (!availability.available) it.skip(`PostgreSQL: ${availability.reason}`, () => undefined);
