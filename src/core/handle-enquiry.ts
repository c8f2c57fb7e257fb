/**
 * Use case: handle one enquiry from any channel (STYLE G1). Decides answer / suggestion / decline /
 * ticket / follow-up from the triage result and commits the enquiry record, the ticket change and every
 * outgoing message as ONE plan through the {@link EnquiryLedger} port. Core only: ports, no drivers.
 */
import type { Enquiry } from './enquiry.js';
import type { KnowledgeAnswerer } from './knowledge.js';
import type { OutboundKind, Outcome, StaffAddress } from './outcome.js';
import type { Clock, Logger } from './ports.js';
import type { Router, StaffDirectory } from './routing.js';
import type { DeadlinePolicy, OutboxDraft } from './ticket-model.js';
import type { EnquiryLedger, EnquiryPlan, FollowUpReroute, FollowUpTarget } from './enquiry-ledger-ports.js';
import { assignTeam } from './assignment.js';
import { askBackStep, settledByRequester, type NamedPlace } from './ask-back.js';
import { answererFor, type AskBackAnswer, type EnquiryRequest } from './enquiry-request.js';
import { forcedTicket, newTicket } from './new-ticket.js';
import { payloadOf, type PayloadInput } from './messages.js';
import { learnSender, type SenderConfirmations } from './sender-learning.js';
import { staffDraft } from './staff-messages.js';
import { ticketMembership } from './ticket-membership.js';
import { triage, type TriageResult } from './triage/index.js';

/** Collaborators (ports only) of {@link handleEnquiry}; what to do is the {@link EnquiryRequest}. */
export interface HandleEnquiryDeps {
  answerer: KnowledgeAnswerer;
  router: Router;
  staff: StaffDirectory;
  ledger: EnquiryLedger;
  deadlines: DeadlinePolicy;
  clock: Clock;
  logger: Logger;
  /**
   * Remembers sender → municipality once a follow-up has settled a ticket's route (issue 3), so nobody is
   * asked twice; the composition root passes `routing.confirmSender`. Optional: without it nothing is learned.
   */
  senders?: SenderConfirmations;
}

export type { SenderConfirmations } from './sender-learning.js';
export type { AskBackAnswer, EnquiryKind, EnquiryRequest, ReplyPath } from './enquiry-request.js';

type Decision = Exclude<Outcome['kind'], 'duplicate' | 'follow_up' | 'suppressed' | 'ask_back_open'>;

function decide(enquiry: Enquiry, result: TriageResult): Decision {
  if (enquiry.text.trim() === '' && enquiry.subject.trim() === '') return 'invalid';
  if (result.ticket) return 'ticket_created';
  if (result.answer.outcome === 'out_of_scope') return 'declined';
  if (result.intent === 'other') return 'acknowledged';
  switch (result.answer.outcome) {
    case 'answer':
      return 'answered';
    case 'suggest': // triage opens a ticket for these (TRIAGE.md); 'suggested' stays for enquiries recorded before
    case 'handover':
      return 'ticket_created';
    case 'invalid':
      return 'acknowledged';
  }
}

/** Builds outbox drafts for one enquiry; requester messages are skipped when the reply travels inline. */
function drafts(enquiry: Enquiry, inline: boolean) {
  const list: OutboxDraft[] = [];
  return {
    requester<K extends OutboundKind>(kind: K, payload: PayloadInput<K>, withTicket = false): void {
      if (inline) return;
      list.push({ key: `${enquiry.key}:${kind}`, channel: enquiry.channel, kind, replyHandle: enquiry.replyHandle, payload: payloadOf(kind, payload), withTicket });
    },
    /** A staff notification to a team or person; the outbox fans it out to their channels. */
    staff(to: StaffAddress, payload: PayloadInput<'staff_notification'>): void {
      list.push(staffDraft(`${enquiry.key}:staff_notification`, 'staff_notification', to, enquiry.subject, payload));
    },
    list,
  };
}

function plan(enquiry: Enquiry, outcome: Outcome['kind'], now: Date, ticket: EnquiryPlan['ticket'], outbox: OutboxDraft[], suppressed: string | null = null): EnquiryPlan {
  return { enquiry, outcome, at: now.toISOString(), suppressedReason: suppressed, ticket, outbox };
}

/**
 * A follow-up of a ticket whose route is still open (central queue, Kreis unknown or ambiguous) may name
 * the municipality asked for (issues 5/6): its text, signature and sender are routed, and when that leads
 * to one Kreis the ticket moves to that Kreis's team. Candidates again (ambiguous) or nothing: it stays.
 */
function rerouteFor(enquiry: Enquiry, target: FollowUpTarget, deps: HandleEnquiryDeps, now: Date): Reroute | null {
  const routeStatus = target.routeStatus ?? (target.kreis === null ? 'unknown' : 'resolved');
  if (routeStatus === 'resolved' || target.team.teamId !== deps.staff.centralTeam().id) return null;
  const route = deps.router.route({ text: enquiry.text, from: enquiry.from, ...(enquiry.signature === undefined ? {} : { signature: enquiry.signature }) }, now);
  if (route.status !== 'resolved' || route.kreis === null) return null;
  return rerouteTo({ gemeinde: route.gemeinde, kreis: route.kreis, evidence: route.evidence }, deps, now);
}

/** A follow-up's re-route to the team of one named place, and the place (for sender learning). */
interface Reroute {
  reroute: FollowUpReroute;
  place: Pick<NamedPlace, 'gemeinde' | 'kreis'>;
}

function rerouteTo(place: NamedPlace, deps: HandleEnquiryDeps, now: Date): Reroute {
  const { team, deputyFor, reason } = assignTeam({ status: 'resolved', kreis: place.kreis }, deps.staff, now);
  const contact = { teamId: team.id, team: team.name, email: team.email, phone: team.phone, ...(deputyFor === null ? {} : { deputyFor }) };
  return { reroute: { team: contact, gemeinde: place.gemeinde, kreis: place.kreis, reason, evidence: place.evidence }, place };
}

function handleFollowUp(request: EnquiryRequest, target: FollowUpTarget, deps: HandleEnquiryDeps, now: Date, moved: Reroute | null): EnquiryPlan {
  const { enquiry } = request;
  const out = drafts(enquiry, request.reply === 'inline');
  const headline = target.status === 'erledigt' ? 'ein erledigter Vorgang wurde durch eine Antwort wieder geöffnet.' : 'zu einem Vorgang ist eine Antwort eingegangen.';
  if (moved !== null && moved.reroute.team.teamId !== target.team.teamId) {
    // A new team: the ticket leaves its holder (see transition 'reroute'); the new team hears of it.
    const assigned = 'zu einem Vorgang ist eine Antwort mit der Gemeinde eingegangen; er wurde Ihrem Team zugeordnet.';
    const teamId = moved.reroute.team.teamId ?? deps.staff.centralTeam().id;
    out.staff({ team: teamId }, { headline: assigned, note: moved.reroute.reason, teamId });
  } else {
    const teamId = target.team.teamId ?? deps.staff.centralTeam().id;
    const assignee = target.assignee === null ? null : deps.staff.findStaff(target.assignee);
    out.staff(assignee === null ? { team: teamId } : { person: assignee.id }, { headline, teamId });
  }
  const ticket = { kind: 'follow_up' as const, number: target.number, react: true, ...(moved === null ? {} : { reroute: moved.reroute }) };
  return plan(enquiry, 'follow_up', now, ticket, out.list);
}

/**
 * Commits a follow-up (with its re-route, if any) and remembers the sender's municipality once the re-route
 * is done (issue 3), for a mail follow-up naming the municipality and an answer to the ask-back alike.
 */
async function commitFollowUp(request: EnquiryRequest, target: FollowUpTarget, deps: HandleEnquiryDeps, now: Date, moved: Reroute | null, log: Logger): Promise<Outcome> {
  const { enquiry } = request;
  const committed = await deps.ledger.commit(handleFollowUp(request, target, deps, now, moved));
  if (committed.kind === 'duplicate') return { kind: 'duplicate', enquiryKey: enquiry.key, previous: committed.previous };
  const ticket = committed.ticket ?? target;
  const rerouted = committed.rerouted === true;
  if (rerouted && moved !== null) learnSender(deps.senders, { address: enquiry.from, gemeindeAgs: moved.place.gemeinde?.ags ?? null, ticketNumber: ticket.number, at: now }, log);
  log.info({ outcome: 'follow_up', ticketNumber: ticket.number, reopened: committed.reopened, rerouted }, 'follow-up recorded');
  return { kind: 'follow_up', enquiryKey: enquiry.key, ticket, reopened: committed.reopened };
}

/**
 * An answer to the ask-back (core/ask-back.ts): settles the ticket as a follow-up re-routed to the place it
 * names (the requester's own ticket only, one membership rule), or says why not; null when the answer is a
 * question after all. The answer is recorded on the ticket (a chosen candidate as the line naming it).
 */
async function handleAskBackAnswer(request: EnquiryRequest, askBack: AskBackAnswer, deps: HandleEnquiryDeps, now: Date, log: Logger): Promise<Outcome | null> {
  const { enquiry } = request;
  const found = await deps.ledger.findTicket({ number: askBack.ticketNumber });
  const lookup = deps.senders?.municipalityOf?.bind(deps.senders);
  const isMember = found !== null && ticketMembership(enquiry, found, { staff: deps.staff, ...(lookup === undefined ? {} : { municipalityOf: lookup }) }, { recordOnly: false }) !== null;
  const target = isMember ? found : null;
  const step = askBackStep(enquiry, askBack, target, { router: deps.router, centralTeamId: deps.staff.centralTeam().id, now });
  if (step.kind === 'question') return null;
  if (step.kind === 'open' || target === null) {
    const reason = step.kind === 'open' ? step.reason : 'not_found';
    log.info({ ticketNumber: target?.number ?? null, askBack: reason }, 'ask-back answer settled nothing');
    return { kind: 'ask_back_open', enquiryKey: enquiry.key, ticketNumber: askBack.ticketNumber, reason, candidates: step.kind === 'open' ? step.candidates : [], ticket: target };
  }
  const evidence = [settledByRequester(step.place), ...step.place.evidence];
  const moved = rerouteTo({ ...step.place, evidence }, deps, now);
  const recorded = enquiry.text.trim() === '' ? { ...request, enquiry: { ...enquiry, text: evidence[0] ?? '' } } : request;
  return commitFollowUp(recorded, target, deps, now, moved, log);
}

/**
 * The ticket an enquiry names (number, References, a bounce's reported ids) and whether its sender may
 * continue it (ticket-membership.ts, one rule for mail and Teams). `foreign` is a ticket named by someone who
 * does not belong to it: never changed, only mentioned on a new ticket.
 */
async function followUpTarget(request: EnquiryRequest, deps: HandleEnquiryDeps, log: Logger): Promise<{ target: FollowUpTarget | null; foreign: string | null }> {
  const { enquiry } = request;
  const references = enquiry.replyHandle.channel === 'email' ? [...enquiry.replyHandle.references, ...(enquiry.reportedIds ?? [])] : [];
  const target = await deps.ledger.findTicket({ ...(enquiry.ticketNumber === undefined ? {} : { number: enquiry.ticketNumber }), references });
  if (target === null) return { target: null, foreign: null };
  const lookup = deps.senders?.municipalityOf?.bind(deps.senders);
  const basis = ticketMembership(enquiry, target, { staff: deps.staff, ...(lookup === undefined ? {} : { municipalityOf: lookup }) }, { recordOnly: request.suppress !== undefined });
  if (basis !== null) {
    log.debug({ ticketNumber: target.number, basis }, 'sender belongs to the ticket');
    return { target, foreign: null };
  }
  log.info({ ticketNumber: target.number }, 'ticket number from someone other than its requester ignored');
  return { target: null, foreign: target.number };
}

function handleNew(request: EnquiryRequest, deps: HandleEnquiryDeps, now: Date, foreign: string | null): { plan: EnquiryPlan; result: TriageResult; decision: Decision } {
  const { enquiry } = request;
  const triaged = triage(
    { channel: enquiry.channel, from: enquiry.from, subject: enquiry.subject, text: enquiry.text, signature: enquiry.signature },
    { answerer: answererFor(request, deps.answerer), router: deps.router, now },
  );
  const forced = forcedTicket(request.forceTicket, foreign);
  const result: TriageResult =
    forced === undefined
      ? triaged
      : { ...triaged, ticket: true, ticketCategory: forced.category ?? triaged.ticketCategory ?? 'sonstiges', reasons: [...forced.reasons, ...triaged.reasons] };
  const decision = forced === undefined ? decide(enquiry, result) : 'ticket_created';
  // A forced ticket without `notifyRequester` says nothing to the requester: as if the reply were inline.
  const out = drafts(enquiry, request.reply === 'inline' || (forced !== undefined && !forced.notifyRequester));
  const { answer, route } = result;
  if (decision === 'answered' && answer.answer !== null) out.requester('auto_answer', { answer: answer.answer, question: answer.question, confidence: answer.confidence });
  if (decision === 'declined') out.requester('declined', { message: answer.message ?? null, contact: route.contact });
  if (decision !== 'ticket_created') return { plan: plan(enquiry, decision, now, { kind: 'none' }, out.list), result, decision };

  const assignment = assignTeam(route, deps.staff, now);
  const needsMunicipality = route.status !== 'resolved' || route.kreis === null;
  // One mail in, one mail out (issue 10): the ask-back for the municipality is part of the confirmation.
  const notGerman = result.answer.language !== undefined;
  out.requester('ticket_confirmation', { needsMunicipality, candidates: needsMunicipality ? route.candidates : [], notGerman }, true);
  out.staff({ team: assignment.team.id }, {
    headline: 'ein neuer Vorgang wartet auf Bearbeitung.',
    note: forced === undefined ? assignment.reason : `${forced.reasons.join('. ')}. ${assignment.reason}`,
    teamId: assignment.team.id,
  });
  const draft = newTicket(enquiry, result, assignment, deps.deadlines.due(result.ticketCategory ?? 'sonstiges', now), forced);
  return { plan: plan(enquiry, decision, now, { kind: 'create', draft }, out.list), result, decision };
}

/**
 * Handles one request and returns what was decided; implied replies are already in the outbox (the
 * requester's only when `request.reply` is `outbox`). An escalation ends in a ticket (hand-over) unless the
 * enquiry is empty or a follow-up. Throws AppError DB_* when the ledger cannot commit (nothing is then
 * recorded: the channel retries). The duplicate check is the ledger's: two replicas handling the same key at
 * once both reach `commit`, and the second gets `duplicate` from the store's unique key, not from memory.
 *
 * @example
 * const outcome = await handleEnquiry({ kind: 'question', enquiry, reply: 'outbox' }, { answerer, router, staff, ledger, deadlines, clock, logger });
 * if (outcome.kind === 'ticket_created') console.log(outcome.ticket.number);
 */
export async function handleEnquiry(request: EnquiryRequest, deps: HandleEnquiryDeps): Promise<Outcome> {
  const { enquiry } = request;
  const log = deps.logger.child({ component: 'handle-enquiry', channel: enquiry.channel });
  const key = enquiry.key;
  const previous = await deps.ledger.findEnquiry(key);
  if (previous !== null) return { kind: 'duplicate', enquiryKey: key, previous: previous.outcome };
  const now = deps.clock.now();
  if (request.kind === 'municipality_answer' && request.askBack !== undefined) {
    const answered = await handleAskBackAnswer(request, request.askBack, deps, now, log);
    if (answered !== null) return answered;
  }
  const { target, foreign } = await followUpTarget(request, deps, log);

  if (request.suppress !== undefined) {
    const ticket = target === null ? { kind: 'none' as const } : { kind: 'follow_up' as const, number: target.number, react: false };
    const committed = await deps.ledger.commit(plan(enquiry, 'suppressed', now, ticket, [], request.suppress));
    if (committed.kind === 'duplicate') return { kind: 'duplicate', enquiryKey: key, previous: committed.previous };
    log.info({ outcome: 'suppressed', ticketNumber: committed.ticket?.number ?? null }, 'enquiry suppressed');
    return { kind: 'suppressed', enquiryKey: key, reason: request.suppress, ticket: committed.ticket };
  }

  if (target !== null) return commitFollowUp(request, target, deps, now, rerouteFor(enquiry, target, deps, now), log);

  const { plan: p, result, decision } = handleNew(request, deps, now, foreign);
  const committed = await deps.ledger.commit(p);
  if (committed.kind === 'duplicate') return { kind: 'duplicate', enquiryKey: key, previous: committed.previous };
  log.info({ outcome: decision, ticketNumber: committed.ticket?.number ?? null }, 'enquiry handled');
  switch (decision) {
    case 'ticket_created': {
      if (committed.ticket === null) throw new Error('handleEnquiry: ledger created no ticket');
      const needsMunicipality = result.route.status !== 'resolved' || result.route.kreis === null;
      return { kind: 'ticket_created', enquiryKey: key, triage: result, ticket: committed.ticket, needsMunicipality, candidates: result.route.candidates };
    }
    case 'invalid':
      return { kind: 'invalid', enquiryKey: key, message: result.answer.message ?? 'Die Nachricht enthält keine Frage.' };
    default:
      return { kind: decision, enquiryKey: key, triage: result };
  }
}
