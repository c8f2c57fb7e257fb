/**
 * Two replicas of the service (two `node src/server/main.ts` processes) on one throwaway PostgreSQL, with a real
 * Dovecot mailbox, the smtp-server sink and a Bot Framework connector stub (issue 15, "Tests"):
 * - exactly one replica reads the mailbox (/readyz names its role); many mails arrive; the leader is killed
 *   with SIGKILL in the middle; the other replica takes over; no mail is answered twice, and every one is answered
 *   but at most the reply caught in the window send-once.ts documents, which the standby hands to staff as a ticket;
 * - the same Teams activity posted to both replicas at once makes one enquiry and one reply.
 * Under CI=true a missing PostgreSQL fails (postgresAvailability throws), never skips.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectorStub, type ConnectorStub } from '../../helpers/connector-stub.js';
import { startDovecot, type DovecotServer } from '../../helpers/dovecot.js';
import { postgresAvailability, startPostgres, type PostgresServer } from '../../helpers/postgres.js';
import { enquiryMail, mailboxRole as role, replicaEnv, startReplica as start, until, type Replica } from '../../helpers/replicas.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';

const availability = postgresAvailability();
const OWN = 'integrationsmanagement@rps.bwl.de';
const MAILS = 200;
const KILL_AFTER = 60;

const mail = (i: number): string => enquiryMail(i, `<replica-${i}@aidlingen.example>`, OWN);

describe.skipIf(!availability.available)('two replicas on one PostgreSQL', { timeout: 240_000 }, () => {
  let server: PostgresServer;
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let stub: ConnectorStub;
  let dir = '';
  let url = '';
  const replicas: Replica[] = [];

  async function startReplica(name: string): Promise<Replica> {
    const env = { ...replicaEnv({ url, dir, name, dovecot, sink, mailFrom: OWN }), IMAP_POLL_SECONDS: '5', OUTBOX_POLL_MS: '100', MAILBOX_LEADER_POLL_MS: '500' };
    const replica = await start({ name, env });
    replicas.push(replica);
    return replica;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pakt-replicas-'));
    [server, dovecot, sink, stub] = await Promise.all([startPostgres(), startDovecot(), startSmtpSink(), startConnectorStub()]);
    url = await server.createDatabase('replicas');
    // One after the other: the second finds the schema migrated (concurrent starts queue on the migration lock too).
    await startReplica('a');
    await startReplica('b');
  }, 120_000);

  afterAll(async () => {
    for (const r of replicas) if (r.isAlive()) r.child.kill('SIGKILL');
    await Promise.all([server?.stop(), dovecot?.stop(), sink?.close(), stub?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every mail once, never twice, while the mailbox leader is killed midway (at most the reply in the send-once window is not sent, and handed to staff)', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const leader = await until('one leader and one standby', async () => {
      const roles = await Promise.all([role(a), role(b)]);
      if (roles.includes('leader') && roles.includes('standby')) return roles[0] === 'leader' ? a : b;
      return null;
    }, 30_000);
    const standby = leader === a ? b : a;

    const imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await imap.connect();
    try {
      for (let i = 0; i < MAILS; i += 1) await imap.append('INBOX', mail(i));
    } finally {
      await imap.logout();
    }
    const answered = (): Set<string> => new Set(sink.messages.filter((m) => m.envelopeTo.some((t) => t.startsWith('hauptamt'))).map((m) => m.headers['in-reply-to'] ?? ''));
    await until(`${KILL_AFTER} answers before the kill`, async () => answered().size >= KILL_AFTER, 90_000);
    leader.child.kill('SIGKILL');
    expect(answered().size).toBeLessThan(MAILS);

    await until('the standby to become leader', async () => (await role(standby)) === 'leader', 30_000);
    // Messages the killed replica had claimed for delivery come back after their lease (60 s). One reply may be in
    // the window send-once.ts documents: the killed replica noted its whole body as written, and the kill came before
    // the terminating dot reached the server. SMTP has no idempotency, so the standby does not send it again (that
    // could double it), names its outbox id in a warning and hands it to staff as a ticket (uncertain-reply.ts):
    // neither doubled nor lost. On a loaded machine the kill lands in that window (a PostgreSQL round trip long)
    // in about one run of five.
    const inReplyTo = async (sql: string, params: unknown[] = []): Promise<Set<string>> => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const rows = await client.query<{ reply_handle: string }>(sql, params).finally(() => client.end());
      return new Set(rows.rows.map((r) => (JSON.parse(r.reply_handle) as { messageId: string }).messageId));
    };
    const windowIds = async (): Promise<Set<string>> => {
      const ids = [...standby.log().matchAll(/"outboxId":(\d+)[^\n]*not sent again/g)].map((m) => Number(m[1]));
      return ids.length === 0 ? new Set() : inReplyTo('SELECT reply_handle FROM outbox WHERE id = ANY($1)', [ids]);
    };
    const handedOver = (): Promise<Set<string>> =>
      inReplyTo("SELECT o.reply_handle FROM enquiries e JOIN outbox o ON e.key = 'email:uncertain:' || o.key WHERE e.outcome = 'ticket_created'");
    const accounted = async (): Promise<boolean> => answered().size + [...(await handedOver())].filter((id) => !answered().has(id)).length === MAILS;
    await until(`all ${MAILS} mails answered or named`, accounted, 150_000).catch(async (error: Error) => {
      // What is left, for the next reader of a CI log: the outbox rows not sent and the standby's warnings.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const left = await client
        .query("SELECT status, kind, attempts, next_attempt_at, lease_until, last_error FROM outbox WHERE status <> 'sent' ORDER BY id LIMIT 20")
        .finally(() => client.end());
      const warnings = standby.log().split('\n').filter((l) => /"level":(?:40|50|60)/.test(l)).slice(-20);
      throw new Error(`${error.message}: ${answered().size} answered; outbox not sent: ${JSON.stringify(left.rows)}; standby warnings: ${warnings.join('\n')}`);
    });
    await new Promise((r) => setTimeout(r, 2000));
    const answers = sink.messages.filter((m) => m.envelopeTo.some((t) => t.startsWith('hauptamt')));
    const perMail = new Map<string, number>();
    for (const m of answers) perMail.set(m.headers['in-reply-to'] ?? '', (perMail.get(m.headers['in-reply-to'] ?? '') ?? 0) + 1);
    // Never twice; every mail answered but at most the one in the documented window, which staff have as a ticket.
    expect([...perMail.values()].filter((n) => n !== 1)).toEqual([]);
    const tickets = await handedOver();
    expect([...(await windowIds())].filter((id) => !tickets.has(id))).toEqual([]);
    const named = [...tickets].filter((id) => !perMail.has(id));
    expect(named.length).toBeLessThanOrEqual(1);
    expect(perMail.size + named.length).toBe(MAILS);
    expect(standby.log()).toContain('"msg":"became leader"');

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const enquiries = await client.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM enquiries WHERE key LIKE 'email:%replica-%' AND key NOT LIKE 'email:uncertain:%'");
      expect(enquiries.rows[0]!.n).toBe(MAILS);
    } finally {
      await client.end();
    }
  });

  it('makes one enquiry and one reply of the same Teams activity posted to both replicas at once', async () => {
    const alive = replicas.filter((r) => r.isAlive());
    const second = alive.length > 1 ? alive : [...alive, await startReplica('c')];
    const activity = {
      type: 'message',
      id: 'replica-activity-1',
      channelId: 'msteams',
      serviceUrl: stub.url,
      text: 'Wie umfangreich darf der Sachbericht sein?',
      from: { id: '29:aad-replica', aadObjectId: 'aad-replica', name: 'Test' },
      recipient: { id: '28:pakt-bot', name: 'Pakt-Assistent' },
      conversation: { id: 'conv-replica-1', conversationType: 'personal', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' } },
    };
    const post = (r: Replica) => fetch(`http://127.0.0.1:${r.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const responses = await Promise.all(second.slice(0, 2).map(post));
    expect(responses.map((r) => r.status < 300)).toEqual([true, true]);
    await stub.waitFor((x) => x.conversationId === 'conv-replica-1' && Array.isArray(x.body.attachments), 30_000);
    await new Promise((r) => setTimeout(r, 2000));
    expect(stub.forConversation('conv-replica-1').filter((x) => Array.isArray(x.body.attachments))).toHaveLength(1);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const enquiries = await client.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM enquiries WHERE key LIKE '%replica-activity-1%'");
      expect(enquiries.rows[0]!.n).toBe(1);
    } finally {
      await client.end();
    }
  });
});

if (!availability.available) it.skip(`PostgreSQL: ${availability.reason}`, () => undefined);
