/**
 * The municipality ask-back ("Für welche Gemeinde fragen Sie?", issues 5/6/11), read once for every door: a
 * ticket whose route is open asks the requester for the municipality; the answer (a candidate chosen on the
 * Teams card, an AGS, or free text routed by the router) settles it when it names exactly one place. The mail
 * door's answer is a follow-up naming the ticket (handle-enquiry.ts `rerouteFor`); the Teams door sends a
 * `municipality_answer` request. Both end in the same re-route, committed through the ledger. Pure.
 */
import type { Enquiry } from './enquiry.js';
import type { AskBackAnswer } from './enquiry-request.js';
import type { FollowUpTarget } from './enquiry-ledger-ports.js';
import type { GemeindeRef, KreisRef, RouteCandidate, Router } from './routing.js';

const AGS = /^\d{5}(?:\d{3})?$/;

/** A longer message, or one asking something, is a new question rather than an answer to the ask-back. */
const MAX_ANSWER_WORDS = 12;

/** One place an answer names: its names, Kreis type and the routing evidence (German). */
export interface NamedPlace {
  gemeinde: GemeindeRef | null;
  kreis: KreisRef;
  evidence: string[];
}

/** What an answer to the ask-back names. */
export type AskBackReading = ({ kind: 'place' } & NamedPlace) | { kind: 'ambiguous'; candidates: RouteCandidate[] } | { kind: 'unknown' };

/**
 * True while a ticket still waits for its municipality: open, no Kreis, in the central queue.
 *
 * @example
 * awaitsMunicipality(ticket, staff.centralTeam().id); // true right after an ask-back
 */
export function awaitsMunicipality(ticket: { status: string; kreis: KreisRef | null; team: { teamId?: string | undefined } }, centralTeamId: string): boolean {
  return ticket.status !== 'erledigt' && ticket.kreis === null && ticket.team.teamId === centralTeamId;
}

/**
 * Reads an answer: a chosen or typed AGS names the ticket's candidate with that AGS (its label routed again
 * for names and Kreis type, so nothing is invented); free text is routed. Evidence of a chosen candidate is
 * empty (the choice itself is the evidence).
 *
 * @example
 * readMunicipalityAnswer({ text: 'Aidlingen' }, [], router, now); // { kind: 'place', gemeinde: { ags: '08115001', … }, … }
 */
export function readMunicipalityAnswer(answer: { text: string; choice?: string | undefined }, candidates: readonly RouteCandidate[], router: Router, now: Date): AskBackReading {
  const typed = answer.text.trim();
  const ags = answer.choice !== undefined && AGS.test(answer.choice) ? answer.choice : AGS.test(typed) ? typed : null;
  if (ags !== null) return chosen(ags, candidates, router, now);
  if (typed === '') return { kind: 'unknown' };
  const route = router.route({ text: typed }, now);
  if (route.status === 'resolved' && route.kreis !== null) return { kind: 'place', gemeinde: route.gemeinde, kreis: route.kreis, evidence: route.evidence };
  if (route.status === 'ambiguous' && route.candidates.length > 0) return { kind: 'ambiguous', candidates: route.candidates };
  return { kind: 'unknown' };
}

function chosen(ags: string, candidates: readonly RouteCandidate[], router: Router, now: Date): AskBackReading {
  const isGemeinde = ags.length === 8;
  const candidate = candidates.find((c) => (isGemeinde ? c.gemeindeAgs === ags : c.kreisAgs === ags && c.gemeindeAgs === null));
  if (candidate === undefined) return { kind: 'unknown' };
  const route = router.route({ text: candidate.label }, now);
  if (route.status !== 'resolved' || route.kreis === null || route.kreis.ags !== candidate.kreisAgs) return { kind: 'unknown' };
  if (isGemeinde && route.gemeinde?.ags !== ags) return { kind: 'unknown' };
  return { kind: 'place', gemeinde: isGemeinde ? route.gemeinde : null, kreis: route.kreis, evidence: [] };
}

/** The first evidence line of a settled ask-back: "Gemeinde vom Anfragenden angegeben: Altdorf (Landkreis Böblingen)". */
export function settledByRequester(place: Pick<NamedPlace, 'gemeinde' | 'kreis'>): string {
  const kreis = `${place.kreis.typ} ${place.kreis.name}`;
  return `Gemeinde vom Anfragenden angegeben: ${place.gemeinde === null ? kreis : `${place.gemeinde.name} (${kreis})`}`;
}

/** A plain message that asks something or runs long is a question of its own, not an answer. */
export function looksLikeQuestion(text: string): boolean {
  return text.includes('?') || text.split(/\s+/).filter(Boolean).length > MAX_ANSWER_WORDS;
}

/** What to do with an answer to the ask-back. */
export type AskBackStep =
  /** Not an answer after all (a plain message naming no place, or asking something new): a question. */
  | { kind: 'question' }
  /** Nothing to settle: tell the requester why (nothing is recorded). */
  | { kind: 'open'; reason: 'ambiguous' | 'unclear' | 'missing' | 'closed' | 'settled' | 'not_found'; candidates: RouteCandidate[] }
  /** Re-route the ticket to the place named. */
  | { kind: 'settle'; place: NamedPlace };

/**
 * Decides an answer to the ask-back about `target` (null: no such ticket, or not the sender's). A plain
 * message that settles nothing is a question; a card answer always gets a reply.
 *
 * @example
 * askBackStep(enquiry, { ticketNumber, via: 'message' }, target, { router, centralTeamId, now });
 */
export function askBackStep(
  enquiry: Pick<Enquiry, 'text'>,
  askBack: AskBackAnswer,
  target: FollowUpTarget | null,
  deps: { router: Router; centralTeamId: string; now: Date },
): AskBackStep {
  const byMessage = askBack.via === 'message';
  const open = (reason: Extract<AskBackStep, { kind: 'open' }>['reason'], candidates: RouteCandidate[] = []): AskBackStep =>
    byMessage && reason !== 'ambiguous' ? { kind: 'question' } : { kind: 'open', reason, candidates };
  if (target === null) return open('not_found');
  if (target.status === 'erledigt') return open('closed');
  if (!awaitsMunicipality(target, deps.centralTeamId)) return open('settled');
  const reading = readMunicipalityAnswer({ text: enquiry.text, choice: askBack.choice }, target.candidates ?? [], deps.router, deps.now);
  if (reading.kind === 'place') return { kind: 'settle', place: reading };
  if (reading.kind === 'ambiguous') return byMessage && looksLikeQuestion(enquiry.text) ? { kind: 'question' } : open('ambiguous', reading.candidates);
  const isEmpty = enquiry.text.trim() === '' && (askBack.choice ?? '') === '';
  return open(isEmpty ? 'missing' : 'unclear');
}
