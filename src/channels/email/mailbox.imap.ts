/**
 * One pass over the watched mailbox (imapflow): inside the mailbox lock, find UIDs above the stored
 * position, process them in order in small batches, then mark them \Seen and move them to the processed or
 * quarantine folder. The position (UIDVALIDITY, highest done UID) is saved after each batch; a crash before
 * the move means the next pass sees the mail again, recognises it as recorded and only moves it.
 */
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { EmailTuning } from './config.js';
import { parseMail, type InboundMail } from './parse.js';
import { processMessage, type Disposition, type MessageOrigin, type PoisonReason, type ProcessDeps } from './process-message.js';
import { reportPoison } from './quarantine.js';
import type { MailboxState } from './state.js';

/** Counts of one pass. */
export interface SyncReport {
  processed: number;
  quarantined: number;
  skippedHistoric: number;
  /** True when the pass stopped early (retry later, or stop requested). */
  incomplete: boolean;
}

/** Collaborators of {@link syncMailbox}. */
export interface SyncDeps extends ProcessDeps {
  tuning: EmailTuning;
}

/** Tolerance for comparing IMAP internal dates (second precision) with the start point. */
const DATE_SLACK_MS = 1_000;

/**
 * Bytes of mail fetched ahead per batch in one FETCH (one round trip instead of one per mail); a mail that
 * does not fit is fetched alone when its turn comes. Fetching ahead records nothing: attempts are still
 * counted per mail right before it is processed.
 */
const PREFETCH_BYTES = 8 * 1024 * 1024;

/** Creates the processed and quarantine folders when missing. */
export async function ensureFolders(client: ImapFlow, folders: readonly string[]): Promise<void> {
  const existing = new Set((await client.list()).map((m) => m.path));
  for (const folder of folders) {
    if (!existing.has(folder)) await client.mailboxCreate(folder);
  }
}

function initialState(deps: SyncDeps, uidValidity: string, uidNext: number, selecting: Date): MailboxState {
  const configured = deps.config.IMAP_START_DATE;
  if (configured !== undefined) {
    // Explicit start point: look at every UID, answer only mail received at or after it.
    return { uidValidity, lastUid: 0, startAt: new Date(configured).toISOString() };
  }
  // Default: the time of the first start (taken right before SELECT, whose UIDNEXT is the matching UID
  // boundary); everything already in the mailbox is history.
  return { uidValidity, lastUid: Math.max(0, uidNext - 1), startAt: selecting.toISOString() };
}

/**
 * The mailbox's recorded state; on the very first start it is created from the selected mailbox's UIDNEXT and
 * `selecting` (the time right before that SELECT). The channel calls it as soon as the mailbox is selected, so
 * that the start point cannot fall after a mail that arrives once `start()` has resolved.
 */
export async function currentState(client: ImapFlow, deps: SyncDeps, selecting: Date = deps.clock.now()): Promise<MailboxState> {
  const box = client.mailbox;
  if (box === false) throw new Error('email sync: no mailbox selected');
  const uidValidity = String(box.uidValidity);
  const name = deps.config.IMAP_MAILBOX;
  const stored = await deps.state.mailbox(name);
  if (stored === null) {
    const state = initialState(deps, uidValidity, Number(box.uidNext), selecting);
    await deps.state.saveMailbox(name, state, deps.clock.now());
    deps.logger.info({ lastUid: state.lastUid, startAt: state.startAt }, 'first start on this mailbox');
    return state;
  }
  if (stored.uidValidity !== uidValidity) {
    // The server renumbered the mailbox: look at everything again; Message-IDs already recorded are only moved.
    deps.logger.warn({ previous: stored.uidValidity, current: uidValidity }, 'UIDVALIDITY changed; resyncing by Message-ID');
    const state = { uidValidity, lastUid: 0, startAt: stored.startAt };
    await deps.state.saveMailbox(name, state, deps.clock.now());
    return state;
  }
  return stored;
}

async function headerOnly(client: ImapFlow, uid: number): Promise<InboundMail | null> {
  const msg = await client.fetchOne(String(uid), { uid: true, headers: true }, { uid: true });
  if (msg === false || msg.headers === undefined) return null;
  return parseMail(Buffer.concat([msg.headers, Buffer.from('\r\n')])).catch(() => null);
}

/** The sources of the batch's mails that will be processed, up to {@link PREFETCH_BYTES}, by UID. */
async function prefetch(client: ImapFlow, metas: FetchMessageObject[], deps: SyncDeps): Promise<Map<number, Buffer>> {
  const uids: number[] = [];
  let bytes = 0;
  for (const meta of metas) {
    const size = meta.size ?? 0;
    if (size > deps.config.MAIL_MAX_BYTES || bytes + size > PREFETCH_BYTES) continue;
    bytes += size;
    uids.push(meta.uid);
  }
  const sources = new Map<number, Buffer>();
  if (uids.length === 0) return sources;
  for (const msg of await client.fetchAll(uids.join(','), { uid: true, source: true }, { uid: true })) {
    if (msg.source !== undefined) sources.set(msg.uid, msg.source);
  }
  return sources;
}

async function handleOne(client: ImapFlow, meta: FetchMessageObject, origin: MessageOrigin, deps: SyncDeps, prefetched: Buffer | undefined): Promise<Disposition> {
  const attempts = await deps.state.bumpAttempt(origin.mailbox, origin.uidValidity, origin.uid, deps.clock.now());
  const size = meta.size ?? 0;
  let poison: PoisonReason | null = null;
  if (attempts > deps.tuning.maxAttempts) poison = 'repeated_failure';
  else if (size > deps.config.MAIL_MAX_BYTES) poison = 'too_large';
  if (poison !== null) return { action: 'quarantine', reason: poison, mail: await headerOnly(client, origin.uid) };
  if (prefetched !== undefined) return processMessage(prefetched, origin, deps);
  const msg = await client.fetchOne(String(origin.uid), { uid: true, source: true }, { uid: true });
  if (msg === false || msg.source === undefined) return { action: 'processed', outcome: 'vanished' };
  return processMessage(msg.source, origin, deps);
}

function receivedAt(meta: FetchMessageObject): Date {
  return meta.internalDate instanceof Date ? meta.internalDate : new Date(meta.internalDate ?? Date.now());
}

async function moveAll(client: ImapFlow, uids: number[], folder: string): Promise<void> {
  if (uids.length === 0) return;
  const range = uids.join(',');
  await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
  await client.messageMove(range, folder, { uid: true });
}

/** Processes one batch of UIDs in order; stops at the first mail that must wait (storage trouble, stop). */
async function processChunk(
  client: ImapFlow,
  chunk: number[],
  state: MailboxState,
  deps: SyncDeps,
  isStopping: () => boolean,
  report: SyncReport,
): Promise<void> {
  const name = deps.config.IMAP_MAILBOX;
  const startAt = new Date(state.startAt).getTime() - DATE_SLACK_MS;
  const metas = await client.fetchAll(chunk.join(','), { uid: true, size: true, internalDate: true }, { uid: true });
  metas.sort((a, b) => a.uid - b.uid);
  const isHistoric = (meta: FetchMessageObject): boolean => receivedAt(meta).getTime() < startAt;
  const sources = await prefetch(client, metas.filter((meta) => !isHistoric(meta)), deps);
  const done: number[] = [];
  const moves = { processed: [] as number[], quarantined: [] as number[] };
  for (const meta of metas) {
    if (isStopping()) {
      report.incomplete = true;
      break;
    }
    if (isHistoric(meta)) {
      report.skippedHistoric += 1; // history: left unread and in place
      done.push(meta.uid);
      continue;
    }
    const origin: MessageOrigin = { mailbox: name, uidValidity: state.uidValidity, uid: meta.uid, receivedAt: receivedAt(meta) };
    const disposition = await handleOne(client, meta, origin, deps, sources.get(meta.uid));
    sources.delete(meta.uid);
    if (disposition.action === 'retry') {
      // Storage trouble is not the mail's fault: do not count it towards quarantine.
      await deps.state.clearAttempt(name, state.uidValidity, meta.uid);
      report.incomplete = true;
      break;
    }
    if (disposition.action === 'quarantine') {
      await reportPoison({ reason: disposition.reason, origin, mail: disposition.mail, size: meta.size ?? 0 }, deps);
      moves.quarantined.push(meta.uid);
    } else {
      moves.processed.push(meta.uid);
    }
    done.push(meta.uid);
  }
  await moveAll(client, moves.processed, deps.config.IMAP_PROCESSED_FOLDER);
  await moveAll(client, moves.quarantined, deps.config.IMAP_QUARANTINE_FOLDER);
  await deps.state.clearAttempts(name, state.uidValidity, [...moves.processed, ...moves.quarantined]);
  report.processed += moves.processed.length;
  report.quarantined += moves.quarantined.length;
  if (done.length > 0) {
    state.lastUid = Math.max(state.lastUid, ...done);
    await deps.state.saveMailbox(name, state, deps.clock.now());
  }
}

/**
 * Processes new mail in the configured mailbox once. `isStopping` is checked between messages so that
 * `stop()` finishes the message in hand and leaves the rest for the next start.
 */
export async function syncMailbox(client: ImapFlow, deps: SyncDeps, isStopping: () => boolean): Promise<SyncReport> {
  const report: SyncReport = { processed: 0, quarantined: 0, skippedHistoric: 0, incomplete: false };
  const lock = await client.getMailboxLock(deps.config.IMAP_MAILBOX);
  try {
    // NOOP first: a selected mailbox learns of other sessions' appends only from the server's next response.
    await client.noop();
    const state = await currentState(client, deps);
    const found = await client.search({ uid: `${state.lastUid + 1}:*` }, { uid: true });
    // "n:*" always includes the highest UID, even when it is below n.
    const pending = (found || []).filter((uid) => uid > state.lastUid).sort((a, b) => a - b);
    for (let i = 0; i < pending.length && !report.incomplete; i += deps.tuning.batchSize) {
      await processChunk(client, pending.slice(i, i + deps.tuning.batchSize), state, deps, isStopping, report);
    }
  } finally {
    lock.release();
  }
  return report;
}
