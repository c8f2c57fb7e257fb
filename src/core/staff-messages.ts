/**
 * Staff messages (issue 11 item 1): the core and the ticket service address `staff_notification`,
 * `escalation` and `staff_card` to a team, a person or the lead, never to a channel; the outbox worker fans
 * each out with {@link fanOutLegs} to that addressee's channels: its mailbox and, where one is registered, the
 * team's Teams staff channel (the card posted, or updated in place). Each leg becomes its own outbox row.
 * Pure: the Teams side is a lookup passed in.
 */
import type { ReplyHandle } from './enquiry.js';
import { TicketPayloadSchema, type PayloadInput } from './messages.js';
import type { OutboundKind, OutboundMessage, StaffAddress } from './outcome.js';
import type { StaffDirectory } from './routing.js';
import type { FanOutLeg, OutboxDraft } from './ticket-model.js';

/** What the fan-out knows of the staff's channels. */
export interface StaffChannels {
  staff: StaffDirectory;
  /** Configured lead mailbox (LEAD_MAILBOX); else the first lead staff member with a mailbox. */
  leadMailbox?: string | undefined;
  /** Conversation id of the Teams staff channel that serves a team, or null (none registered, no Teams). */
  teamsChannel?: ((teamId: string) => string | null) | undefined;
}

/** A mail handle to a staff or team mailbox (the mail leg of a staff message). */
export function staffMailHandle(to: string, subject: string): ReplyHandle {
  return { channel: 'email', to, messageId: null, references: [], subject };
}

/**
 * A staff message addressed to a team, a person or the lead, bound to the ticket of the change.
 *
 * @example
 * staffDraft(`${number}:handover:v3`, 'staff_notification', { team: 'team-nord' }, subject, { headline });
 */
export function staffDraft<K extends OutboundKind>(key: string, kind: K, to: StaffAddress, subject: string, payload: PayloadInput<K>): OutboxDraft {
  return { key, channel: 'staff', kind, replyHandle: { channel: 'staff', to, subject }, payload: payload as Record<string, unknown>, withTicket: true };
}

/** The lead mailbox: configured, else the first lead staff member with a mailbox, else null. */
export function leadMailbox(staff: StaffDirectory, configured: string | undefined): string | null {
  if (configured !== undefined && configured !== '') return configured;
  return staff.staff().find((s) => s.isLead === true && s.email !== undefined)?.email ?? null;
}

/** The mailbox of an addressee: a person's own (else their team's), a team's, the lead's. */
function mailboxOf(to: StaffAddress, channels: StaffChannels): string | null {
  if ('lead' in to) return leadMailbox(channels.staff, channels.leadMailbox);
  if ('team' in to) return channels.staff.findTeam(to.team)?.email ?? null;
  const person = channels.staff.findStaff(to.person);
  if (person === null) return null;
  return person.email ?? channels.staff.findTeam(person.teamId)?.email ?? null;
}

/** The team whose Teams staff channel shows the ticket's card (a person's own team); none for the lead. */
function teamOf(to: StaffAddress, staff: StaffDirectory): string | null {
  if ('lead' in to) return null;
  if ('team' in to) return to.team;
  return staff.findStaff(to.person)?.teamId ?? null;
}

/**
 * True for a card update to a team the ticket has left (the old team's card after a hand-over) when the
 * ticket's team is served by the same Teams channel: that card is the one the new team's messages update,
 * so a second leg would only update it twice.
 */
function servedByTicketTeam(message: OutboundMessage, teamId: string, conversationId: string, channels: StaffChannels): boolean {
  if (message.kind !== 'staff_card') return false;
  const ticket = TicketPayloadSchema.safeParse(message.payload['ticket']);
  const ticketTeam = ticket.success ? (ticket.data.team.teamId ?? null) : null;
  if (ticketTeam === null || ticketTeam === teamId) return false;
  return channels.teamsChannel?.(ticketTeam) === conversationId;
}

/**
 * The channels a staff message goes out on: the addressee's mailbox (not for `staff_card`, which only keeps
 * the Teams card current) and the Teams staff channel of the addressee's team, unless that channel is the one
 * the ticket's own team uses and the message is the card of a team the ticket left. Empty when the message is
 * no staff message or the addressee has no channel at all.
 *
 * @example
 * fanOutLegs(message, { staff, teamsChannel: (id) => teams.staffChannelFor(id) }).map((l) => l.channel); // ['email', 'teams']
 */
export function fanOutLegs(message: OutboundMessage, channels: StaffChannels): FanOutLeg[] {
  if (message.replyHandle.channel !== 'staff') return [];
  const { to, subject } = message.replyHandle;
  const legs: FanOutLeg[] = [];
  const mailbox = message.kind === 'staff_card' ? null : mailboxOf(to, channels);
  if (mailbox !== null && mailbox !== '') legs.push({ suffix: 'email', channel: 'email', replyHandle: staffMailHandle(mailbox, subject) });
  const teamId = teamOf(to, channels.staff);
  const conversationId = teamId === null ? null : (channels.teamsChannel?.(teamId) ?? null);
  if (conversationId !== null && !servedByTicketTeam(message, teamId!, conversationId, channels)) {
    legs.push({ suffix: 'teams', channel: 'teams', replyHandle: { channel: 'teams', conversationReference: { conversation: { id: conversationId } } } });
  }
  return legs;
}

/**
 * {@link fanOutLegs} with an asynchronous Teams channel lookup (the channel store is a database): the legs are
 * computed, the team ids asked for and not yet known are looked up, and the legs computed again until no id is
 * missing (at most the addressee's and the ticket's team).
 *
 * @example
 * await fanOutLegsAsync(message, { staff }, (id) => teams.staffChannelFor(id));
 */
export async function fanOutLegsAsync(message: OutboundMessage, channels: Omit<StaffChannels, 'teamsChannel'>, teamsChannel?: (teamId: string) => Promise<string | null>): Promise<FanOutLeg[]> {
  if (teamsChannel === undefined) return fanOutLegs(message, channels);
  const known = new Map<string, string | null>();
  for (;;) {
    const missing = new Set<string>();
    const ask = (teamId: string): string | null => {
      if (known.has(teamId)) return known.get(teamId) ?? null;
      missing.add(teamId);
      return null;
    };
    const legs = fanOutLegs(message, { ...channels, teamsChannel: ask });
    if (missing.size === 0) return legs;
    for (const teamId of missing) known.set(teamId, await teamsChannel(teamId));
  }
}
