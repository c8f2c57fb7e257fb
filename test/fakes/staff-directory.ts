/** In-memory {@link StaffDirectory} with three teams, a central queue, staff and a lead. */
import type { StaffDirectory, StaffMember, Team } from '../../src/core/routing.js';

/** Data of the fake directory. */
export interface FakeStaffData {
  teams: Team[];
  staff: StaffMember[];
  /** Kreis AGS → team id. */
  kreise: Record<string, string>;
  centralTeamId: string;
  /** Team ids absent (their deputy stands in). */
  absent?: string[];
}

export const FAKE_TEAMS: Team[] = [
  { id: 'team-nord', name: 'Team Nord', email: 'team-nord@rp.example', phone: '0711 1', deputyTeamId: 'team-sued' },
  { id: 'team-sued', name: 'Team Süd', email: 'team-sued@rp.example', phone: '0711 2', deputyTeamId: 'team-nord' },
  { id: 'zentral', name: 'Zentrale Eingangsstelle', email: 'zentral@rp.example', phone: '0711 0', deputyTeamId: null },
];

export const FAKE_STAFF: StaffMember[] = [
  { id: 'sb-nord-1', displayName: 'Sachbearbeitung Team Nord (1)', teamId: 'team-nord', email: 'sb-nord-1@rp.example' },
  { id: 'sb-nord-2', displayName: 'Sachbearbeitung Team Nord (2)', teamId: 'team-nord' },
  { id: 'sb-sued-1', displayName: 'Sachbearbeitung Team Süd (1)', teamId: 'team-sued', email: 'sb-sued-1@rp.example' },
  { id: 'lead-1', displayName: 'Referatsleitung', teamId: 'zentral', email: 'leitung@rp.example', isLead: true },
];

/** Creates the fake; defaults: Böblingen (08115) → Nord, Tübingen (08416) → Süd, central queue "zentral". */
export function createFakeStaffDirectory(data: Partial<FakeStaffData> = {}): StaffDirectory & { setAbsent(ids: string[]): void } {
  const teams = data.teams ?? FAKE_TEAMS;
  const staff = data.staff ?? FAKE_STAFF;
  const kreise = data.kreise ?? { '08115': 'team-nord', '08416': 'team-sued' };
  const centralTeamId = data.centralTeamId ?? 'zentral';
  let absent = new Set(data.absent ?? []);
  const findTeam = (id: string): Team | null => teams.find((t) => t.id === id) ?? null;
  return {
    teams: () => teams,
    findTeam,
    staff: () => staff,
    findStaff: (idOrAddress) =>
      staff.find((s) => s.id === idOrAddress || s.email === idOrAddress || s.teamsAadObjectId === idOrAddress) ?? null,
    teamForKreis(kreisAgs) {
      const team = findTeam(kreise[kreisAgs] ?? '');
      if (team === null) return null;
      if (!absent.has(team.id) || team.deputyTeamId === null) return { team, deputyFor: null };
      const deputy = findTeam(team.deputyTeamId);
      return deputy === null ? { team, deputyFor: null } : { team: deputy, deputyFor: team.id };
    },
    centralTeam: () => findTeam(centralTeamId)!,
    setAbsent(ids) {
      absent = new Set(ids);
    },
  };
}
