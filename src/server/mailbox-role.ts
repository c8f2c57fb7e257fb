/**
 * Which replica reads the mailbox (issue 15). On SQLite there is one process: it always reads ("leader"). On
 * PostgreSQL every replica sends mail, but only the holder of the mailbox's advisory lock reads it
 * (leader.postgres.ts): a standby tries every MAILBOX_LEADER_POLL_MS and starts reading the moment it holds the
 * lock; a leader that loses its lock connection stops reading. The UID position and the enquiry ledger live in
 * the shared database, so the new leader continues exactly where the old one stopped (a mail in hand when the
 * old leader died is recognised by its enquiry key and answered once).
 */
import { errorCode } from '../core/error-code.js';
import type { Logger } from '../core/ports.js';
import type { EmailChannel } from '../channels/email/index.js';
import type { Config } from './config.js';
import type { Storage } from './storage.js';

/** The mailbox role of this replica. */
export type MailboxRoleName = 'leader' | 'standby';

/** A running role. */
export interface MailboxRole {
  role(): MailboxRoleName;
  /** Gives up the lock (another replica takes over at its next try) and stops reading. */
  stop(): Promise<void>;
}

/**
 * Starts the mail channel with the role this replica gets.
 *
 * @example
 * const role = await startMailboxRole({ storage: services.storage, config, email, logger });
 * role.role(); // 'leader' | 'standby'
 */
export async function startMailboxRole(deps: { storage: Storage; config: Pick<Config, 'IMAP_HOST' | 'IMAP_USER' | 'IMAP_MAILBOX' | 'MAILBOX_LEADER_POLL_MS'>; email: EmailChannel; logger: Logger }): Promise<MailboxRole> {
  const { storage, config, email, logger } = deps;
  const url = storage.postgresUrl;
  if (url === null || config.IMAP_HOST === undefined) {
    await email.start();
    return { role: () => 'leader', stop: async () => undefined };
  }
  await email.start({ watch: false });
  const log = logger.child({ component: 'mailbox-role' });
  let role: MailboxRoleName = 'standby';
  const { createPostgresLeader } = await import('./leader.postgres.js');
  const leader = await createPostgresLeader({
    url,
    // One lock per mailbox (host, account, folder): replicas of another installation on the same database do not collide.
    name: `mailbox:${config.IMAP_HOST}/${config.IMAP_USER ?? ''}/${config.IMAP_MAILBOX}`,
    logger,
    pollMs: config.MAILBOX_LEADER_POLL_MS,
    applicationName: 'pakt-mailbox-leader',
    onChange: (leading) => {
      role = leading ? 'leader' : 'standby';
      email.setWatching(leading).catch((error: unknown) => log.error({ code: errorCode(error) ?? 'INTERNAL', leading }, 'mailbox reading could not be switched'));
    },
  });
  log.info({ role }, 'mailbox role');
  return {
    role: () => role,
    async stop() {
      await leader.stop();
      await email.setWatching(false);
    },
  };
}
