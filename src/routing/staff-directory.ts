/**
 * StaffDirectory over the validated contacts: teams, staff roles, the Kreis → team assignment and absences.
 * An absent team's Kreise go to its deputy (and on to the deputy's deputy); when the whole chain is absent,
 * to the central team.
 */
import type { StaffDirectory, StaffMember, Team } from '../core/routing.js';
import { berlinDay } from '../core/berlin-time.js';
import type { Contacts } from './contacts.js';

/** Builds the directory. Pure over the parsed contacts. */
export function createStaffDirectory(contacts: Contacts): StaffDirectory {
  const teams: Team[] = contacts.teams.map((t) => ({
    id: t.id,
    name: t.name,
    email: t.email,
    phone: t.telefon,
    deputyTeamId: t.vertretung,
    ...(t.teamsKanal === undefined ? {} : { teamsChannelId: t.teamsKanal }),
  }));
  const teamById = new Map(teams.map((t) => [t.id, t]));
  const staff: StaffMember[] = contacts.mitarbeitende.map((m) => ({
    id: m.id,
    displayName: m.rolle,
    teamId: m.team,
    ...(m.email === undefined ? {} : { email: m.email }),
    ...(m.teamsAadObjectId === undefined ? {} : { teamsAadObjectId: m.teamsAadObjectId }),
    ...(m.leitung ? { isLead: true } : {}),
    ...(m.lesen ? { readOnly: true } : {}),
  }));
  const assignment = new Map(contacts.zuordnung.map((z) => [z.kreis_ags, z.team]));
  const central = teamById.get(contacts.zentrale.team) as Team;

  const isAbsent = (teamId: string, day: string): boolean =>
    contacts.abwesenheiten.some((a) => a.team === teamId && a.von <= day && day <= a.bis);

  return {
    teams: () => [...teams],
    findTeam: (teamId) => teamById.get(teamId) ?? null,
    staff: () => [...staff],
    findStaff: (key) => {
      const k = key.trim().toLowerCase();
      return staff.find((s) => s.id === k || s.email?.toLowerCase() === k || s.teamsAadObjectId?.toLowerCase() === k) ?? null;
    },
    centralTeam: () => central,
    teamForKreis: (kreisAgs, at) => {
      const responsible = assignment.get(kreisAgs);
      if (responsible === undefined) return null;
      const day = berlinDay(at); // absences are written in the office's calendar
      let current = teamById.get(responsible) ?? null;
      const visited = new Set<string>();
      while (current !== null && isAbsent(current.id, day)) {
        visited.add(current.id);
        const deputy: Team | null = current.deputyTeamId === null ? null : (teamById.get(current.deputyTeamId) ?? null);
        current = deputy === null || visited.has(deputy.id) ? null : deputy;
      }
      const team = current ?? central;
      return { team, deputyFor: team.id === responsible ? null : responsible };
    },
  };
}
