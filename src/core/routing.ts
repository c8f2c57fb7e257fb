/**
 * What the core needs from routing: who asks, from which municipality and Kreis, and who at the RP is
 * responsible. Shapes follow ../shared/CONTRACTS.md §3 `route`.
 */

export interface RouteInput {
  text: string;
  subject?: string;
  /** Sender address (mail) or user principal name (Teams), if known. */
  from?: string;
  /** A signature block separated from the body by the channel, weighted above the body. */
  signature?: string;
}

export interface GemeindeRef {
  ags: string;
  name: string;
}

export interface KreisRef {
  ags: string;
  name: string;
  typ: 'Landkreis' | 'Stadtkreis';
}

export interface RouteCandidate {
  gemeindeAgs: string | null;
  kreisAgs: string;
  label: string;
}

/** The case-worker team responsible for a Kreis (role names and role mailboxes only). */
export interface Contact {
  /** Stable team id from the contacts file, e.g. "team-nord". */
  teamId?: string;
  team: string;
  email: string;
  phone: string;
  /** Set when the responsible team is absent and its deputy stands in. */
  deputyFor?: string;
}

export type RouteStatus = 'resolved' | 'ambiguous' | 'unknown';

export interface RouteResult {
  id?: string;
  status: RouteStatus;
  gemeinde: GemeindeRef | null;
  kreis: KreisRef | null;
  candidates: RouteCandidate[];
  /** Evidence in German words, e.g. "Ortsname 'Altdorf' in der Signatur". */
  evidence: string[];
  /** Contact of the responsible team; the central contact when status is not `resolved`. */
  contact: Contact | null;
  /**
   * Official names of every municipality and Kreis the enquiry names anywhere (also those that did not decide),
   * for reading the question: a place that only locates it ("unsere Integrationsmanager in Nagold") is wrapping.
   */
  places?: string[];
}

/** Port: finds municipality, Kreis and contact. Pure and synchronous over loaded data. */
export interface Router {
  route(input: RouteInput, at?: Date): RouteResult;
}

/** A case-worker team from the contacts file (role name and role mailbox, never a person's name). */
export interface Team {
  id: string;
  name: string;
  email: string;
  phone: string;
  deputyTeamId: string | null;
  teamsChannelId?: string;
}

/** A staff member, identified by a role id (e.g. "sb-nord-1"); optional Teams AAD object id and mailbox. */
export interface StaffMember {
  id: string;
  /** Role name shown to others, e.g. "Sachbearbeitung Team Nord (1)". */
  displayName: string;
  teamId: string;
  email?: string;
  teamsAadObjectId?: string;
  isLead?: boolean;
  /** Role "Lesen" (contacts file `lesen: true`): reads tickets in the workplace, changes nothing. */
  readOnly?: boolean;
}

/** Port: teams, staff and the Kreis → team assignment with absences (implemented by src/routing). */
export interface StaffDirectory {
  teams(): Team[];
  findTeam(id: string): Team | null;
  /** Finds a staff member by id, mailbox or Teams AAD object id. */
  findStaff(idOrAddress: string): StaffMember | null;
  staff(): StaffMember[];
  /** The team responsible for a Kreis at `at`, following the deputy when the team is absent; null if none. */
  teamForKreis(kreisAgs: string, at: Date): { team: Team; deputyFor: string | null } | null;
  /** The central queue for unknown or ambiguous Kreise. */
  centralTeam(): Team;
}
