/**
 * The contacts file (knowledge/kontakte.yaml): case-worker teams, the Kreis → team assignment, absences and
 * staff roles. Parsed from text and validated with zod plus cross-checks against the 44 Kreise; every problem
 * becomes AppError CONTACTS_INVALID naming the file, the line and the Kreis or team.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { Kreis } from './geo.js';
import { kreisLabel } from './geo.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case id with digits and hyphens');
const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD'));

const TeamSchema = z.object({
  id,
  name: z.string().min(1),
  email: z.email(),
  /** Left out (or empty) while unknown: an unset phone is never shown ("" downstream). */
  telefon: z.string().trim().default(''),
  vertretung: id.nullable().default(null),
  teamsKanal: z.string().min(1).optional(),
});

const StaffSchema = z.object({
  id,
  rolle: z.string().min(1),
  team: id,
  email: z.email().optional(),
  teamsAadObjectId: z.string().min(1).optional(),
  leitung: z.boolean().default(false),
  /** Role "Lesen" in the workplace: read only (not together with leitung). */
  lesen: z.boolean().default(false),
});

/** Schema of the contacts file; `z.input` is what RP staff write. */
export const ContactsSchema = z.object({
  version: z.literal(1),
  zentrale: z.object({ team: id }),
  teams: z.array(TeamSchema).min(1),
  zuordnung: z.array(z.object({ kreis_ags: z.string().regex(/^08\d{3}$/, 'Kreis key of five digits, e.g. "08115"'), team: id })),
  abwesenheiten: z.array(z.object({ team: id, von: isoDate, bis: isoDate, hinweis: z.string().optional() })).default([]),
  mitarbeitende: z.array(StaffSchema).default([]),
});

/** The validated contacts. */
export type Contacts = z.output<typeof ContactsSchema>;

type Path = (string | number)[];

/**
 * Parses and checks the contacts file text against the Kreise. Throws AppError CONTACTS_INVALID.
 *
 * @example parseContacts(readFileSync('knowledge/kontakte.yaml', 'utf8'), 'knowledge/kontakte.yaml', kreise)
 */
export function parseContacts(text: string, file: string, kreise: readonly Kreis[]): Contacts {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const lineOf = (path: Path): number => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0];
    return offset === undefined ? 0 : lineCounter.linePos(offset).line;
  };
  const problems: { line: number; text: string }[] = [];
  const report = (path: Path, message: string): void => {
    const line = lineOf(path);
    problems.push({ line, text: `contacts: ${file}${line > 0 ? ` line ${line}` : ''}: ${message}` });
  };
  /** Every problem of the file at once, one line each, so operators fix them in one go. */
  const throwProblems = (): never => {
    throw new AppError('CONTACTS_INVALID', problems.map((p) => p.text).join('\n'), { details: { file, line: problems[0]?.line ?? 0, problems: problems.map((p) => p.text) } });
  };
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const line = syntax.linePos?.[0]?.line ?? 0;
    throw new AppError('CONTACTS_INVALID', `contacts: ${file} line ${line}: YAML syntax error: ${syntax.message.split('\n')[0]}`, { details: { file, line } });
  }
  const parsed = ContactsSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path as Path;
      report(path, `${path.join('.') || '(root)'}: ${issue.message}`);
    }
    return throwProblems();
  }
  checkReferences(parsed.data, kreise, report);
  if (problems.length > 0) throwProblems();
  return parsed.data;
}

function checkReferences(c: Contacts, kreise: readonly Kreis[], fail: (path: Path, message: string) => void): void {
  const teamIds = new Set<string>();
  c.teams.forEach((t, i) => {
    if (teamIds.has(t.id)) fail(['teams', i, 'id'], `team id '${t.id}' defined twice`);
    teamIds.add(t.id);
  });
  const knownTeam = (team: string | null, path: Path): void => {
    if (team !== null && !teamIds.has(team)) fail(path, `unknown team id '${team}'`);
  };
  knownTeam(c.zentrale.team, ['zentrale', 'team']);
  c.teams.forEach((t, i) => knownTeam(t.vertretung, ['teams', i, 'vertretung']));
  c.abwesenheiten.forEach((a, i) => {
    knownTeam(a.team, ['abwesenheiten', i, 'team']);
    if (a.von > a.bis) fail(['abwesenheiten', i, 'bis'], `absence of team '${a.team}' ends (${a.bis}) before it starts (${a.von})`);
  });
  const staffIds = new Set<string>();
  c.mitarbeitende.forEach((m, i) => {
    knownTeam(m.team, ['mitarbeitende', i, 'team']);
    if (staffIds.has(m.id)) fail(['mitarbeitende', i, 'id'], `staff id '${m.id}' defined twice`);
    staffIds.add(m.id);
    if (m.leitung && m.lesen) fail(['mitarbeitende', i, 'lesen'], `staff id '${m.id}' has both leitung and lesen; a reader cannot lead`);
  });
  const leads = c.mitarbeitende.filter((m) => m.leitung).length;
  if (leads !== 1) fail(['mitarbeitende'], `${leads} staff entries have leitung: true; exactly one lead (Referatsleitung) is required`);
  checkAssignment(c, kreise, knownTeam, fail);
}

function checkAssignment(c: Contacts, kreise: readonly Kreis[], knownTeam: (team: string, path: Path) => void, fail: (path: Path, message: string) => void): void {
  const byAgs = new Map(kreise.map((k) => [k.ags, k]));
  const seen = new Map<string, number>();
  c.zuordnung.forEach((z, i) => {
    const kreis = byAgs.get(z.kreis_ags);
    knownTeam(z.team, ['zuordnung', i, 'team']);
    if (kreis === undefined) {
      fail(['zuordnung', i, 'kreis_ags'], `unknown Kreis ${z.kreis_ags}`);
      return;
    }
    const first = seen.get(z.kreis_ags);
    if (first !== undefined) {
      fail(['zuordnung', i, 'kreis_ags'], `Kreis ${z.kreis_ags} (${kreisLabel(kreis)}) is assigned twice (also entry ${first + 1} of zuordnung)`);
    }
    seen.set(z.kreis_ags, i);
  });
  const missing = kreise.filter((k) => !seen.has(k.ags));
  if (missing.length > 0) {
    const names = missing.map((k) => `${k.ags} (${kreisLabel(k)})`).join(', ');
    fail(['zuordnung'], `no team for Kreis ${names}`);
  }
}
