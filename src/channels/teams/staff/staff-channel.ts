/**
 * Which Teams staff channel serves a team: a registration for that team, else the team's `teamsKanal` from
 * the contacts file when the bot has a reference for it, else the registration for all teams. The outbox's
 * fan-out asks this for the Teams leg of a staff message (core/staff-messages.ts).
 */
import type { TeamsContext } from '../context.js';

/**
 * The conversation id of the staff channel for a team, or null when none serves it.
 *
 * @example
 * await resolveStaffChannel(ctx, 'team-nord'); // '19:staff@thread.tacv2'
 */
export async function resolveStaffChannel(ctx: Pick<TeamsContext, 'store' | 'staff'>, teamId: string | null | undefined): Promise<string | null> {
  const own = teamId ? await ctx.store.staffChannelFor(teamId, { exact: true }) : null;
  if (own) return own;
  const configured = teamId ? ctx.staff.findTeam(teamId)?.teamsChannelId : undefined;
  if (configured && (await ctx.store.reference(configured)) !== null) return configured;
  return ctx.store.staffChannelFor(null);
}
