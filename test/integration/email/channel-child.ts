/**
 * Child process for the SIGKILL test: runs the mail channel and the outbox worker against a Dovecot and an SMTP
 * sink started by the parent, on the database file the parent names. Prints one line per handled enquiry
 * ("handled <outcome>") so the parent can kill it in the middle of a batch.
 * Usage: node --import tsx channel-child.ts <json: { dbPath, imap: {host,port,user,password}, smtp: {host,port}, startDate, killOnSubject? }>
 */
import { dirname, join } from 'node:path';
import { createEmailChannel } from '../../../src/channels/email/index.js';
import { silentLogger, systemClock } from '../../../src/core/ports.js';
import { createOutboxWorker } from '../../../src/tickets/outbox-worker.js';
import { composeServices, emailConfig, FAST_TUNING } from './harness.js';

interface ChildArgs {
  dbPath: string;
  imap: { host: string; port: number; user: string; password: string };
  smtp: { host: string; port: number };
  startDate: string;
  /** The process kills itself (SIGKILL) when it handles a mail with this subject: a mail that crashes us. */
  killOnSubject?: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
const services = await composeServices({ dbPath: args.dbPath, attachmentsDir: join(dirname(args.dbPath), 'attachments'), indexCacheDir: join(dirname(args.dbPath), 'index-cache'), clock: systemClock, logger: silentLogger });
const channel = createEmailChannel({
  config: emailConfig(args.imap, args.smtp, { IMAP_START_DATE: args.startDate }),
  db: services.sql,
  handle: async (request) => {
    if (args.killOnSubject !== undefined && request.enquiry.subject === args.killOnSubject) process.kill(process.pid, 'SIGKILL');
    const outcome = await services.handle(request);
    process.stdout.write(`handled ${outcome.kind}\n`);
    return outcome;
  },
  logger: silentLogger,
  clock: systemClock,
  tuning: { ...FAST_TUNING, batchSize: 10 },
});
const worker = createOutboxWorker({
  store: services.ticketModule.outbox,
  deliverers: { email: channel.deliverer },
  fanOut: services.staffFanOut(),
  clock: systemClock,
  logger: silentLogger,
  pollMs: 20,
  baseBackoffMs: 100,
  maxBackoffMs: 400,
  leaseMs: 1_000,
});
process.on('SIGTERM', () => {
  void (async () => {
    await channel.stop();
    await worker.stop();
    await services.close();
    process.exit(0);
  })();
});
await channel.start();
worker.start();
process.stdout.write('started\n');
