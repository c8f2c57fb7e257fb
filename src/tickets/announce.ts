/**
 * A newly registered Teams staff channel learns of the tickets already open (issue 11 item 1): one
 * `staff_card` per open ticket of the team (or of all teams), queued through the outbox like every other
 * staff message. The key names the ticket and the channel, so registering the same channel again queues
 * nothing twice.
 */
import type { Clock } from '../core/ports.js';
import type { TicketStatus } from '../core/outcome.js';
import { staffDraft } from '../core/staff-messages.js';
import type { OutboxStore, TicketStore } from '../core/ticket-model.js';
import { toView } from './ticket-rows.js';

const OPEN: readonly TicketStatus[] = ['neu', 'zugewiesen', 'in_bearbeitung', 'wartet'];

/** Collaborators of {@link announceOpenTickets}. */
export interface AnnounceDeps {
  store: Pick<TicketStore, 'list'>;
  outbox: Pick<OutboxStore, 'enqueue'>;
  clock: Clock;
  /** Open tickets looked at per status (newest first); default 1000. */
  limit?: number;
}

/**
 * Queues the card of every open ticket of `teamId` (null: all teams) for the staff channel just registered.
 * Returns how many tickets were looked at.
 *
 * @example
 * await announceOpenTickets('team-nord', '19:staff@thread.tacv2', { store, outbox, clock });
 */
export async function announceOpenTickets(teamId: string | null, conversationId: string, deps: AnnounceDeps): Promise<number> {
  const now = deps.clock.now();
  const limit = deps.limit ?? 1000;
  let count = 0;
  for (const status of OPEN) {
    for (const ticket of await deps.store.list({ status, limit, ...(teamId === null ? {} : { teamId }) })) {
      const key = `${ticket.number}:staff_card:registered:${conversationId}`;
      await deps.outbox.enqueue([staffDraft(key, 'staff_card', { team: ticket.team.teamId }, ticket.subject, {})], toView(ticket), now);
      count += 1;
    }
  }
  return count;
}
