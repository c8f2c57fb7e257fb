/**
 * Who counts as staff in Teams. Policy: the sender's Entra object id is on the allow-list
 * (TEAMS_STAFF_IDS), or belongs to a StaffDirectory entry (teamsAadObjectId), or the activity comes from a
 * channel of the configured staff team (TEAMS_STAFF_TEAM_ID: only RP staff are members there). Everyone
 * else is a requester; staff actions from them are refused.
 */
import type { Activity } from 'botbuilder';
import type { StaffDirectory } from '../../../core/routing.js';
import type { StaffActor } from '../action-types.js';
import type { TeamsChannelConfig } from '../context.js';

/**
 * The staff actor behind an activity, or null for requesters.
 *
 * @example
 * const actor = staffActor(context.activity, config, staff); if (!actor) return refuse();
 */
export function staffActor(
  activity: Partial<Activity>,
  config: Pick<TeamsChannelConfig, 'TEAMS_STAFF_IDS' | 'TEAMS_STAFF_TEAM_ID'>,
  staff: StaffDirectory,
): StaffActor | null {
  const aad = activity.from?.aadObjectId;
  const member = aad ? staff.findStaff(aad) : null;
  if (member) return { id: member.id, displayName: member.displayName };
  const isAllowed = aad !== undefined && config.TEAMS_STAFF_IDS.includes(aad);
  if (!isAllowed && !isFromStaffTeam(activity, config.TEAMS_STAFF_TEAM_ID)) return null;
  const id = aad ? `teams:${aad}` : `teams:${activity.from?.id ?? 'unknown'}`;
  return { id, displayName: activity.from?.name ?? 'Sachbearbeitung' };
}

function isFromStaffTeam(activity: Partial<Activity>, staffTeamId: string | undefined): boolean {
  if (!staffTeamId) return false;
  const team = (activity.channelData as { team?: { id?: string; aadGroupId?: string } } | undefined)?.team;
  return team !== undefined && (team.id === staffTeamId || team.aadGroupId === staffTeamId);
}
