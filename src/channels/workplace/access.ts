/**
 * Who may do what in the workplace (issue #13): the signed-in identity is matched to the staff directory;
 * unknown accounts are refused. Roles: Teamleitung (the contacts file's `leitung: true`) sees and acts on every
 * team's tickets; Sachbearbeitung acts on its own team's tickets and those it holds; Lesen (the contacts file's
 * `lesen: true`) reads the queue, every ticket and the overview and acts on nothing.
 */
import type { StaffDirectory, StaffMember } from '../../core/routing.js';
import type { TicketRecord } from '../../core/ticket-model.js';
import type { SignedInIdentity } from './auth.oidc.js';

export type Role = 'teamleitung' | 'sachbearbeitung' | 'lesen';

/** The signed-in staff member as pages and actions see them. */
export interface StaffUser {
  id: string;
  displayName: string;
  teamId: string;
  teamName: string;
  role: Role;
}

/** German role names. */
export const ROLE_LABELS: Record<Role, string> = { teamleitung: 'Teamleitung', sachbearbeitung: 'Sachbearbeitung', lesen: 'Lesen' };

/**
 * The staff entry for a signed-in identity: the Entra object id (`oid`) against `teamsAadObjectId`, else the
 * UPN (`preferred_username`) or `email` against the entry's mailbox; case-insensitive. Null when none matches.
 * The role id itself is never matched, so an IdP account named like a role id gains nothing.
 *
 * @example matchStaff(staff, { subject: 'x', oid: null, email: 'im-sb-nord-1@rps.example', preferredUsername: null })
 */
export function matchStaff(staff: StaffDirectory, identity: SignedInIdentity): StaffMember | null {
  const all = staff.staff();
  const oid = identity.oid?.toLowerCase();
  if (oid !== undefined) {
    const byOid = all.find((s) => s.teamsAadObjectId?.toLowerCase() === oid);
    if (byOid !== undefined) return byOid;
  }
  for (const address of [identity.preferredUsername, identity.email]) {
    const a = address?.toLowerCase();
    if (a === undefined || !a.includes('@')) continue;
    const byMail = all.find((s) => s.email?.toLowerCase() === a);
    if (byMail !== undefined) return byMail;
  }
  return null;
}

/** The staff user for a staff id still in the directory (an entry removed since sign-in ends the session). */
export function staffUser(staff: StaffDirectory, staffId: string): StaffUser | null {
  const member = staff.findStaff(staffId);
  if (member === null || member.id !== staffId) return null;
  return {
    id: member.id,
    displayName: member.displayName,
    teamId: member.teamId,
    teamName: staff.findTeam(member.teamId)?.name ?? member.teamId,
    role: member.isLead === true ? 'teamleitung' : member.readOnly === true ? 'lesen' : 'sachbearbeitung',
  };
}

/** Whether `user` may act on `ticket`: the lead always; readers never; others on their team's tickets and those they hold. */
export function mayAct(user: StaffUser, ticket: TicketRecord): boolean {
  if (user.role === 'lesen') return false;
  return user.role === 'teamleitung' || ticket.team.teamId === user.teamId || ticket.assignee === user.id;
}

/** Whether `user` sees the Übersicht (the lead and readers). */
export function maySeeOverview(user: StaffUser): boolean {
  return user.role === 'teamleitung' || user.role === 'lesen';
}

/** The German refusal of any change by a reader (403). */
export const READ_ONLY_MESSAGE = 'Ihre Rolle „Lesen“ erlaubt nur das Lesen von Vorgängen. Änderungen sind nicht möglich; wenden Sie sich bei Bedarf an die Teamleitung.';
