/** The contacts file: validation with file/line/Kreis in the message, absences and deputies. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { parseContacts } from '../../../src/routing/contacts.js';
import { createStaffDirectory } from '../../../src/routing/staff-directory.js';
import { exampleContactsText, realGeo } from './helpers.js';

const FILE = 'knowledge/kontakte.yaml';
const kreise = realGeo().kreise;

function parseError(text: string): AppError {
  try {
    parseContacts(text, FILE, kreise);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected CONTACTS_INVALID');
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe(parseContacts.name, () => {
  const example = exampleContactsText();

  it('accepts the shipped example: 44 Kreise, each once', () => {
    const contacts = parseContacts(example, FILE, kreise);
    expect(contacts.zuordnung).toHaveLength(44);
    expect(new Set(contacts.zuordnung.map((z) => z.kreis_ags)).size).toBe(44);
    expect(contacts.mitarbeitende.filter((m) => m.leitung)).toHaveLength(1);
  });

  it('marks the example as such and names no person', () => {
    expect(example).toContain('Beispielzuordnung – vom RP durch die echte Liste zu ersetzen');
    const addresses = example.match(/[\w.-]+@[\w.-]+/g) ?? [];
    const real = new Set(addresses.filter((a) => !a.endsWith('@rps.example') && !a.endsWith('@thread.tacv2')));
    expect([...real]).toEqual(['integrationsmanagement@rps.bwl.de']);
  });

  it('names the missing Kreis', () => {
    const text = example.replace(/^.*kreis_ags: "08115".*\n/m, '');
    const error = parseError(text);
    expect(error.code).toBe('CONTACTS_INVALID');
    expect(error.message).toContain('08115 (Landkreis Böblingen)');
  });

  it('names a Kreis assigned twice and its line', () => {
    const text = example.replace('# Stadtkreis Karlsruhe (RB Karlsruhe)\n', '# Stadtkreis Karlsruhe (RB Karlsruhe)\n  - { kreis_ags: "08212", team: team-ost }\n');
    const error = parseError(text);
    expect(error.code).toBe('CONTACTS_INVALID');
    expect(error.message).toContain('08212 (Stadtkreis Karlsruhe) is assigned twice');
    expect(error.details.line).toBe(lineOf(text, '"08212", team: team-ost'));
  });

  it('reports every problem at once, one line each', () => {
    const text = example
      .replace(/^.*kreis_ags: "08115".*\n/m, '')
      .replace('# Stadtkreis Karlsruhe (RB Karlsruhe)\n', '# Stadtkreis Karlsruhe (RB Karlsruhe)\n  - { kreis_ags: "08212", team: team-ost }\n')
      .replace('kreis_ags: "08421", team: team-ost', 'kreis_ags: "08421", team: team-gibtsnicht');
    const lines = parseError(text).message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toMatch(/08212 \(Stadtkreis Karlsruhe\) is assigned twice[\s\S]*unknown team id 'team-gibtsnicht'|unknown team id 'team-gibtsnicht'[\s\S]*08212/);
    expect(lines.some((l) => l.includes('no team for Kreis 08115 (Landkreis Böblingen)'))).toBe(true);
  });

  it('names an unknown team id with its line', () => {
    const text = example.replace('kreis_ags: "08421", team: team-ost', 'kreis_ags: "08421", team: team-gibtsnicht');
    const error = parseError(text);
    expect(error.message).toContain("unknown team id 'team-gibtsnicht'");
    expect(error.details.line).toBe(lineOf(text, 'team-gibtsnicht'));
  });

  it('rejects an unknown deputy team', () => {
    expect(parseError(example.replace('vertretung: team-sued', 'vertretung: team-x')).code).toBe('CONTACTS_INVALID');
  });

  it('reports YAML syntax errors with a line', () => {
    const error = parseError('version: 1\nteams: [\n');
    expect(error.code).toBe('CONTACTS_INVALID');
    expect(error.message).toMatch(/line \d+: YAML syntax error/);
  });

  it('reports schema errors with the field path', () => {
    const error = parseError(example.replace('email: im-team-nord@rps.example', 'email: kein-postfach'));
    expect(error.message).toContain('teams.1.email');
    expect(error.details.line).toBeGreaterThan(0);
  });

  it('rejects an absence that ends before it starts', () => {
    expect(parseError(example.replace('bis: 2027-01-06', 'bis: 2026-01-06')).message).toContain('ends (2026-01-06) before it starts');
  });

  it('rejects two leads', () => {
    const text = example.replace('rolle: Zentrale Eingangsstelle (1)\n    team: zentrale', 'rolle: Zentrale Eingangsstelle (1)\n    team: zentrale\n    leitung: true');
    expect(text).not.toBe(example);
    expect(parseError(text).message).toContain('exactly one lead');
    expect(parseError(example.replace('    leitung: true\n', '')).message).toContain('0 staff entries');
  });
});

describe(createStaffDirectory.name, () => {
  const staff = createStaffDirectory(parseContacts(exampleContactsText(), FILE, kreise));
  const day = (iso: string): Date => new Date(`${iso}T10:00:00Z`);

  it('gives every Kreis a team', () => {
    for (const k of kreise) expect(staff.teamForKreis(k.ags, day('2026-03-02'))?.team.id).toMatch(/^team-/);
  });

  it('routes an absent team to its deputy, inclusive of both dates', () => {
    expect(staff.teamForKreis('08421', day('2026-12-22'))).toMatchObject({ team: { id: 'team-ost' }, deputyFor: null });
    expect(staff.teamForKreis('08421', day('2026-12-23'))).toMatchObject({ team: { id: 'team-west' }, deputyFor: 'team-ost' });
    expect(staff.teamForKreis('08421', day('2027-01-06'))).toMatchObject({ team: { id: 'team-west' }, deputyFor: 'team-ost' });
    expect(staff.teamForKreis('08421', day('2027-01-07'))?.team.id).toBe('team-ost');
  });

  it('uses the German calendar day for absences', () => {
    // 22:30 UTC on 22 Dec is already 23 Dec in Germany.
    expect(staff.teamForKreis('08421', new Date('2026-12-22T23:30:00Z'))?.team.id).toBe('team-west');
  });

  it('falls back to the central team when the whole deputy chain is absent', () => {
    const text = exampleContactsText().replace(
      'abwesenheiten:',
      'abwesenheiten:\n  - { team: team-west, von: 2026-12-01, bis: 2026-12-31 }\n  - { team: team-sued, von: 2026-12-01, bis: 2026-12-31 }',
    );
    const all = createStaffDirectory(parseContacts(text, FILE, kreise));
    expect(all.teamForKreis('08421', day('2026-12-24'))).toMatchObject({ team: { id: 'zentrale' }, deputyFor: 'team-ost' });
  });

  it('returns null for an unknown Kreis and finds staff by id, mailbox or case-insensitively', () => {
    expect(staff.teamForKreis('09999', day('2026-03-02'))).toBeNull();
    expect(staff.findStaff('sb-nord-1')?.teamId).toBe('team-nord');
    expect(staff.findStaff('IM-SB-NORD-1@rps.example')?.id).toBe('sb-nord-1');
    expect(staff.findStaff('nobody')).toBeNull();
    expect(staff.staff().filter((s) => s.isLead === true).map((s) => s.id)).toEqual(['leitung']);
    expect(staff.centralTeam().email).toBe('integrationsmanagement@rps.bwl.de');
    expect(staff.findTeam('team-nord')?.teamsChannelId).toBeDefined();
  });
});

describe('contact in the route result', () => {
  it('names the responsible team, its deputy during an absence, and the central team otherwise', async () => {
    const { realRouter } = await import('./helpers.js');
    const router = realRouter();
    expect(router.route('Stadtverwaltung Ulm', new Date('2026-03-02T09:00:00Z')).contact).toMatchObject({ teamId: 'team-ost', email: 'im-team-ost@rps.example' });
    const during = router.route('Stadtverwaltung Ulm', new Date('2026-12-24T09:00:00Z'));
    expect(during.contact).toMatchObject({ teamId: 'team-west', deputyFor: 'team-ost' });
    expect(during.evidence.join(' ')).toContain('vertreten');
    expect(router.route('Gemeinde Altdorf').contact).toMatchObject({ teamId: 'zentrale', email: 'integrationsmanagement@rps.bwl.de' });
    expect(router.route('').contact?.teamId).toBe('zentrale');
  });
});
