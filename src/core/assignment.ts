/**
 * Assignment of a ticket to a team (issue 4 item 4): Kreis → team from the contacts, an absent team → its
 * deputy, unknown or ambiguous Kreis → the central queue. Pure; used by handleEnquiry and the ticket service.
 */
import type { RouteResult, StaffDirectory, Team } from './routing.js';

/** The team a route leads to, with the reason in German (recorded on the ticket's 'assigned' event). */
export interface Assignment {
  team: Team;
  deputyFor: string | null;
  reason: string;
}

/**
 * Kreis → team via the StaffDirectory (an absent team → its deputy, recorded); unknown or ambiguous Kreis,
 * or a Kreis without a team → the central queue.
 *
 * @example
 * assignTeam(route, staff, clock.now()).reason; // "Landkreis Böblingen → Team Nord"
 */
export function assignTeam(route: Pick<RouteResult, 'status' | 'kreis'>, staff: StaffDirectory, at: Date): Assignment {
  const central = staff.centralTeam();
  if (route.status !== 'resolved' || route.kreis === null) {
    const why = route.status === 'ambiguous' ? 'Kreis nicht eindeutig' : 'Kreis unbekannt';
    return { team: central, deputyFor: null, reason: `${why} → ${central.name}` };
  }
  const kreis = `${route.kreis.typ} ${route.kreis.name}`;
  const found = staff.teamForKreis(route.kreis.ags, at);
  if (found === null) return { team: central, deputyFor: null, reason: `${kreis}: kein Team hinterlegt → ${central.name}` };
  if (found.deputyFor === null) return { team: found.team, deputyFor: null, reason: `${kreis} → ${found.team.name}` };
  const absent = staff.findTeam(found.deputyFor)?.name ?? found.deputyFor;
  return { team: found.team, deputyFor: found.deputyFor, reason: `${kreis} → ${found.team.name} (Vertretung für ${absent})` };
}

