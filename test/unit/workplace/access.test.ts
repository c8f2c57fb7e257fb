import { describe, expect, it } from 'vitest';
import { matchStaff, mayAct, staffUser } from '../../../src/channels/workplace/access.js';
import { createFakeStaffDirectory, FAKE_STAFF } from '../../fakes/staff-directory.js';
import { makeTicket } from '../../fakes/factories.js';

const staff = createFakeStaffDirectory({
  staff: [...FAKE_STAFF, { id: 'sb-sued-2', displayName: 'Sachbearbeitung Team Süd (2)', teamId: 'team-sued', teamsAadObjectId: '6F1A0E1C-0000-4000-8000-000000000001' }],
});
const identity = (claims: { oid?: string; email?: string; preferredUsername?: string }) => ({
  subject: 'sub',
  oid: claims.oid ?? null,
  email: claims.email ?? null,
  preferredUsername: claims.preferredUsername ?? null,
});

describe(matchStaff.name, () => {
  it.each([
    ['the Entra object id, whatever its case', { oid: '6f1a0e1c-0000-4000-8000-000000000001' }, 'sb-sued-2'],
    ['the UPN against the mailbox, whatever its case', { preferredUsername: 'SB-Nord-1@rp.example' }, 'sb-nord-1'],
    ['the e-mail claim when the UPN matches nothing', { preferredUsername: 'x@tenant.example', email: 'leitung@rp.example' }, 'lead-1'],
    ['nothing for an account not in the directory', { preferredUsername: 'fremd@example.org', email: 'fremd@example.org' }, null],
    ['nothing for a name that is only a role id', { preferredUsername: 'sb-nord-1' }, null],
  ])('matches %s', (_label, claims, expected) => {
    expect(matchStaff(staff, identity(claims))?.id ?? null).toBe(expected);
  });
});

describe(mayAct.name, () => {
  const nord = staffUser(staff, 'sb-nord-1')!;
  const lead = staffUser(staff, 'lead-1')!;
  const sued = makeTicket({ team: { teamId: 'team-sued', team: 'Team Süd', email: 'team-sued@rp.example', phone: '' }, assignee: null });

  it('lets a case worker act on their own team\'s tickets only', () => {
    expect(mayAct(nord, makeTicket({ team: { teamId: 'team-nord', team: 'Team Nord', email: 'n@rp.example', phone: '' } }))).toBe(true);
    expect(mayAct(nord, sued)).toBe(false);
  });

  it('lets a case worker act on a ticket they hold in another team, and the lead on every ticket', () => {
    expect(mayAct(nord, { ...sued, assignee: 'sb-nord-1' })).toBe(true);
    expect(lead.role).toBe('teamleitung');
    expect(mayAct(lead, sued)).toBe(true);
  });
});
