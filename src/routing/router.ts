/**
 * The Router (src/core/routing.ts): finds the requester's municipality and Kreis from text, subject,
 * signature and sender, and names the responsible team. Pure over the loaded data and synchronous.
 */
import type { Clock } from '../core/ports.js';
import { systemClock } from '../core/ports.js';
import type { Contact, RouteCandidate, RouteInput, RouteResult, Router, StaffDirectory, Team } from '../core/routing.js';
import { scanDomain } from './mail-domain-evidence.js';
import type { Candidate, Evidence, Findings } from './evidence.js';
import { TIER } from './evidence.js';
import type { Gazetteer } from './gazetteer.js';
import { kreisLabel } from './geo.js';
import { stripQuoted } from './quotes.js';
import { decide } from './resolve.js';
import { scanText } from './scan-text.js';
import type { SenderDirectory } from './sender-directory.js';

/** What the router needs. */
export interface RouterDeps {
  gazetteer: Gazetteer;
  staff: StaffDirectory;
  senderDirectory?: SenderDirectory;
  clock?: Clock;
}

/** Texts longer than this are read at head and tail only (the signature sits at the end). */
export const MAX_TEXT_CHARS = 100_000;
const HEAD_CHARS = 60_000;
const TAIL_CHARS = 20_000;
const MAX_EVIDENCE_LINES = 12;

function contactOf(team: Team, deputyFor: string | null): Contact {
  return { teamId: team.id, team: team.name, email: team.email, phone: team.phone, ...(deputyFor === null ? {} : { deputyFor }) };
}

function labelOf(gaz: Gazetteer, c: Candidate): string {
  const kreis = gaz.kreise.get(c.kreisAgs);
  const kreisText = kreis === undefined ? c.kreisAgs : kreisLabel(kreis);
  const gemeinde = c.gemeindeAgs === null ? undefined : gaz.gemeinden.get(c.gemeindeAgs);
  if (gemeinde === undefined) return kreisText;
  return kreis?.typ === 'Stadtkreis' ? `${gemeinde.name} (Stadtkreis)` : `${gemeinde.name} (${kreisText})`;
}

function directoryFindings(deps: RouterDeps, from: string): Findings {
  const entry = deps.senderDirectory?.lookup(from) ?? null;
  if (entry === null) return { evidence: [], notes: [] };
  const gemeinde = deps.gazetteer.gemeinden.get(entry.gemeindeAgs);
  if (gemeinde === undefined) return { evidence: [], notes: [`Gespeicherte Zuordnung des Absenders (${entry.gemeindeAgs}) ist unbekannt (nicht gewertet)`] };
  const evidence: Evidence = {
    tier: TIER.directory,
    candidates: [{ gemeindeAgs: gemeinde.ags, kreisAgs: gemeinde.kreisAgs }],
    text: `Absender hat '${gemeinde.name}' am ${entry.confirmedAt.slice(0, 10)} bestätigt (Quelle: ${entry.provenance})`,
  };
  return { evidence: [evidence], notes: [] };
}

function gather(deps: RouterDeps, input: RouteInput): Findings {
  const gaz = deps.gazetteer;
  const parts: Findings[] = [];
  let text = typeof input.text === 'string' ? input.text : '';
  const notes: string[] = [];
  if (text.length > MAX_TEXT_CHARS) {
    text = `${text.slice(0, HEAD_CHARS)}\n\n${text.slice(-TAIL_CHARS)}`;
    notes.push('Text sehr lang: nur Anfang und Ende ausgewertet');
  }
  const unquoted = stripQuoted(text);
  if (unquoted.hadQuote) notes.push('Zitierter oder weitergeleiteter Text nicht ausgewertet');
  parts.push(scanText(gaz, unquoted.text, 'text'));
  if (typeof input.subject === 'string' && input.subject.trim() !== '') parts.push(scanText(gaz, input.subject.slice(0, 1_000), 'subject'));
  if (typeof input.signature === 'string' && input.signature.trim() !== '') parts.push(scanText(gaz, input.signature.slice(-TAIL_CHARS), 'signature'));
  if (typeof input.from === 'string' && input.from.trim() !== '') {
    const displayName = /^(.*)<[^>]*>\s*$/.exec(input.from)?.[1]?.replace(/["']/g, '').trim() ?? '';
    if (displayName !== '') parts.push(scanText(gaz, displayName.slice(0, 200), 'senderName'));
    parts.push(directoryFindings(deps, input.from));
    parts.push(scanDomain(gaz, input.from));
  }
  return { evidence: dedupeEvidence(parts.flatMap((p) => p.evidence)), notes: [...new Set([...notes, ...parts.flatMap((p) => p.notes)])] };
}

/** The same mention repeated ("Stadt Ulm … Stadt Ulm") is one piece of evidence. */
function dedupeEvidence(evidence: Evidence[]): Evidence[] {
  const seen = new Map<string, Evidence>();
  for (const e of evidence) {
    const key = `${e.tier}|${e.text}|${e.candidates.map((c) => `${c.kreisAgs}:${c.gemeindeAgs ?? ''}`).join(',')}`;
    if (!seen.has(key)) seen.set(key, e);
  }
  return [...seen.values()];
}

function toResult(deps: RouterDeps, findings: Findings, at: Date): RouteResult {
  const gaz = deps.gazetteer;
  const decision = decide(findings.evidence);
  const candidates: RouteCandidate[] = decision.candidates.map((c) => ({ gemeindeAgs: c.gemeindeAgs, kreisAgs: c.kreisAgs, label: labelOf(gaz, c) }));
  const used = new Set(decision.used);
  const unused = findings.evidence.filter((e) => !used.has(e)).map((e) => `${e.text} (schwächer gewichtet, nicht ausschlaggebend)`);
  const reasons: string[] = [];
  if (decision.status === 'unknown') reasons.push('Kein verwertbarer Hinweis auf Gemeinde oder Kreis gefunden');
  if (decision.status === 'ambiguous') reasons.push(`Mehrdeutig: ${candidates.length} mögliche Orte, bitte beim Absender nachfragen`);
  const evidence = [...decision.used.map((e) => e.text), ...reasons, ...unused, ...findings.notes].slice(0, MAX_EVIDENCE_LINES);
  const places = placesNamed(gaz, findings.evidence);
  if (decision.status !== 'resolved') {
    return { status: decision.status, gemeinde: null, kreis: null, candidates, evidence, contact: contactOf(deps.staff.centralTeam(), null), places };
  }
  const kreisAgs = decision.candidates[0]?.kreisAgs ?? '';
  const kreis = gaz.kreise.get(kreisAgs);
  // A Landratsamt as the decisive sender: the route names the Kreis, not the town of its address.
  const topTier = decision.used[0]?.tier;
  const isKreisAuthority = decision.used.some((e) => e.tier === topTier && e.isKreisAuthority === true) && kreis?.typ === 'Landkreis';
  if (isKreisAuthority) candidates.splice(0, candidates.length, { gemeindeAgs: null, kreisAgs, label: labelOf(gaz, { gemeindeAgs: null, kreisAgs }) });
  const gemeindeAgs = new Set(isKreisAuthority ? [] : decision.candidates.map((c) => c.gemeindeAgs).filter((g): g is string => g !== null));
  const onlyGemeinde = gemeindeAgs.size === 1 ? gaz.gemeinden.get([...gemeindeAgs][0] as string) : undefined;
  const responsible = deps.staff.teamForKreis(kreisAgs, at);
  const contact = responsible === null ? contactOf(deps.staff.centralTeam(), null) : contactOf(responsible.team, responsible.deputyFor);
  if (responsible?.deputyFor != null) evidence.push(`Zuständiges Team '${responsible.deputyFor}' ist abwesenheitshalber vertreten`);
  return {
    status: 'resolved',
    gemeinde: onlyGemeinde === undefined ? null : { ags: onlyGemeinde.ags, name: onlyGemeinde.name },
    kreis: kreis === undefined ? null : { ags: kreis.ags, name: kreis.name, typ: kreis.typ },
    candidates,
    evidence,
    contact,
    places,
  };
}

/** Official names of the municipalities (or, for a Kreis-only mention, the Kreise) any evidence stands for. */
function placesNamed(gaz: Gazetteer, evidence: readonly Evidence[]): string[] {
  const names = new Set<string>();
  for (const c of evidence.flatMap((e) => e.candidates)) {
    const name = c.gemeindeAgs === null ? gaz.kreise.get(c.kreisAgs)?.name : gaz.gemeinden.get(c.gemeindeAgs)?.name;
    if (name !== undefined) names.add(name);
  }
  return [...names];
}

/**
 * Creates the router.
 *
 * @example
 * const router = createRouter({ gazetteer, staff });
 * router.route({ text: 'Gemeinde Aidlingen' }).kreis?.ags === '08115'
 */
export function createRouter(deps: RouterDeps): Router {
  const clock = deps.clock ?? systemClock;
  return {
    route(input: RouteInput, at?: Date): RouteResult {
      const when = at instanceof Date && !Number.isNaN(at.getTime()) ? at : clock.now();
      return toResult(deps, gather(deps, input ?? { text: '' }), when);
    },
  };
}
