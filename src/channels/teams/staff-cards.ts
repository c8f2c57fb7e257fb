/**
 * Posts the staff card of every open ticket into the staff channel registered for its team, once per
 * ticket and channel (and again, with a banner, when the ticket escalates). The tickets side notifies
 * staff by mail only; this job makes Teams follow the ticket table without a Teams outbox draft:
 * - idempotent: the card table and processed keys (`staffcard:<number>:<channel>[:esc<level>]`) make a
 *   repeated or concurrent run post nothing twice; a failed post releases its key and is tried next run;
 * - restart-safe: all state is in SQLite; a hand-over to another team posts the card in that team's channel;
 * - when the outbox one day carries Teams staff notifications, the deliverer finds the card already posted.
 */
import { MessageFactory } from 'botbuilder';
import { isAppError } from '../../core/errors.js';
import type { TicketStatus, TicketView } from '../../core/outcome.js';
import { staffCardFor } from './actions/staff-card.js';
import type { TeamsAdapters } from './adapter.teams.js';
import { mapConnectorError, CONVERSATION_GONE } from './connector-errors.js';
import type { TeamsContext } from './context.js';
import { sendProactive } from './proactive.teams.js';
import { teamsText } from './texts.js';

const OPEN: TicketStatus[] = ['neu', 'zugewiesen', 'in_bearbeitung', 'wartet'];

/** How long activity and card-action keys are kept (housekeeping rides on the periodic scan). */
/** Retention of the channel's personal data when RETENTION_DAYS is not configured (as for tickets). */
const DEFAULT_RETENTION_DAYS = 365;
const KEY_RETENTION_MS = 3 * 24 * 3600 * 1000;

/**
 * The staff channel for a team: a registration for that team, else the team's `teamsKanal` from the
 * contacts file when the bot has a reference for it, else the registration for all teams.
 */
export function resolveStaffChannel(ctx: TeamsContext, teamId: string | null | undefined): string | null {
  const own = teamId ? ctx.store.staffChannelFor(teamId, { exact: true }) : null;
  if (own) return own;
  const configured = teamId ? ctx.staff.findTeam(teamId)?.teamsChannelId : undefined;
  if (configured && ctx.store.reference(configured)) return configured;
  return ctx.store.staffChannelFor(null);
}

/** Options of {@link StaffCardSync}; defaults in {@link STAFF_CARD_DEFAULTS}. */
export interface StaffCardSyncOptions {
  /** Poll interval when started (ms). */
  intervalMs?: number;
  /** Open tickets looked at per status and run. */
  limit?: number;
}

export const STAFF_CARD_DEFAULTS = { intervalMs: 15_000, limit: 200 } as const;

/** Counts of one run. */
export interface StaffCardReport {
  posted: number;
  escalated: number;
  failed: number;
}

/** The staff-card job of one channel instance. */
export class StaffCardSync {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<StaffCardReport> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly options: Required<StaffCardSyncOptions>;

  constructor(private readonly ctx: TeamsContext, private readonly adapters: TeamsAdapters, options: StaffCardSyncOptions = {}) {
    this.options = { ...STAFF_CARD_DEFAULTS, ...options };
  }

  /**
   * Posts the card of one ticket soon (after a Teams turn created or re-routed it): cheap, no table scan.
   * Queued one after another; `stop()` waits for the queue.
   */
  kick(ticket: TicketView): void {
    if (!this.ctx.store.hasStaffChannels() && !this.hasConfiguredChannels()) return;
    this.queue = this.queue
      .then(() => this.syncTicket(ticket, { posted: 0, escalated: 0, failed: 0 }))
      .catch((error: unknown) => this.ctx.logger.error({ component: 'teams-staff-cards', err: (error as Error).message }, 'staff card sync failed'));
  }

  /** Scans all open tickets once and posts missing cards; concurrent callers share the same run. */
  runOnce(): Promise<StaffCardReport> {
    if (this.running) return this.running;
    this.running = this.queue.then(() => this.sync()).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Scans every `intervalMs` (0: never; cards then come only from {@link kick} and {@link runOnce}). */
  start(): void {
    if (this.timer || this.options.intervalMs <= 0) return;
    const scan = (): void => {
      void this.runOnce().catch((error: unknown) =>
        this.ctx.logger.error({ component: 'teams-staff-cards', err: (error as Error).message }, 'staff card scan failed'),
      );
    };
    this.timer = setInterval(scan, this.options.intervalMs);
    this.timer.unref();
    scan();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.queue;
    await this.running?.catch(() => undefined);
  }

  private async sync(): Promise<StaffCardReport> {
    const report: StaffCardReport = { posted: 0, escalated: 0, failed: 0 };
    const now = this.ctx.clock.now().getTime();
    this.ctx.store.pruneKeys(new Date(now - KEY_RETENTION_MS));
    this.ctx.store.retainPersonalData(new Date(now - (this.ctx.config.RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS) * 86_400_000));
    if (!this.ctx.store.hasStaffChannels() && !this.hasConfiguredChannels()) return report;
    for (const ticket of this.openTickets()) await this.syncTicket(ticket, report);
    return report;
  }

  private async syncTicket(ticket: TicketView, report: StaffCardReport): Promise<void> {
    const channel = resolveStaffChannel(this.ctx, ticket.team.teamId);
    if (!channel) return;
    const hasCard = this.ctx.store.ticketCards(ticket.number).some((c) => c.conversationId === channel);
    if (!hasCard) await this.post(ticket, channel, `staffcard:${ticket.number}:${channel}`, undefined, report, 'posted');
    const level = this.escalationLevel(ticket);
    if (level > 0) {
      const key = `staffcard:${ticket.number}:${channel}:esc${level}`;
      await this.post(ticket, channel, key, teamsText.escalationBanner, report, 'escalated');
    }
  }

  /** True when some team names a Teams channel in the contacts file (teamsKanal). */
  private hasConfiguredChannels(): boolean {
    return this.ctx.staff.teams().some((t) => t.teamsChannelId !== undefined && this.ctx.store.reference(t.teamsChannelId) !== null);
  }

  private openTickets(): TicketView[] {
    return OPEN.flatMap((status) => this.ctx.tickets.list({ status, limit: this.options.limit }));
  }

  private escalationLevel(ticket: TicketView): number {
    const now = this.ctx.clock.now().toISOString();
    if (ticket.firstResponseDue > now && ticket.resolutionDue > now) return 0; // cheap pre-check, no read
    try {
      return this.ctx.tickets.show(ticket.number).ticket.escalationLevel;
    } catch (error) {
      if (isAppError(error, 'TICKET_NOT_FOUND')) return 0;
      throw error;
    }
  }

  private async post(ticket: TicketView, channel: string, key: string, banner: string | undefined, report: StaffCardReport, counter: 'posted' | 'escalated'): Promise<void> {
    const stored = this.ctx.store.reference(channel);
    if (!stored || stored.isDead) return;
    if (!this.ctx.store.claimKey(key)) return;
    const activity = MessageFactory.attachment(staffCardFor(this.ctx, ticket, banner ? { banner } : {}));
    activity.summary = teamsText.newTicketSummary(ticket.number);
    try {
      const sentId = await sendProactive(this.adapters, stored.reference, activity);
      if (sentId) this.ctx.store.saveTicketCard(ticket.number, channel, sentId);
      report[counter] += 1;
    } catch (error) {
      this.ctx.store.releaseKey(key);
      report.failed += 1;
      const result = mapConnectorError(error, this.ctx.clock.now());
      if (result.kind === 'dead' && result.reason.startsWith(CONVERSATION_GONE)) this.ctx.store.markDead(channel, result.reason);
      const reason = result.kind === 'sent' ? 'unknown' : result.reason;
      this.ctx.logger.warn({ component: 'teams-staff-cards', ticketNumber: ticket.number, reason }, 'staff card not posted');
    }
  }
}
