/**
 * In-memory fakes of the ticket ports (EnquiryLedger, TicketStore, OutboxStore) with the same semantics as
 * the SQLite adapters: unique enquiry keys, per-year numbers, version-checked saves, idempotent outbox keys,
 * leases. For unit tests of the core and of the channels; integration tests use the real SQLite file.
 */
import { AppError } from '../../src/core/errors.js';
import type { OutboundMessage, Outcome, TicketView } from '../../src/core/outcome.js';
import type { OutboxDraft, OutboxStore, TicketDetails, TicketStore } from '../../src/core/ticket-model.js';
import type { EnquiryLedger, EnquiryPlan, LedgerCommitResult } from '../../src/core/enquiry-ledger-ports.js';
import { followUpChange } from '../../src/tickets/enquiry-ledger.sqlite.js';
import { toView } from '../../src/tickets/ticket-rows.js';
import { newTicketRecord, ticketYear } from '../../src/tickets/ticket.js';

/** An outbox row as the fake keeps it. */
export interface FakeOutboxRow extends OutboundMessage {
  status: 'pending' | 'sent' | 'dead';
  nextAttemptAt: string;
  leaseOwner: string | null;
  leaseUntil: string | null;
  lastError: string | null;
  sentAt: string | null;
  /** Our Message-ID for a sent mail (the SQLite store's `provider_id`). */
  providerId?: string;
}

/** The three ports over shared in-memory state, plus the state for assertions. */
export interface InMemoryTicketStores {
  ledger: EnquiryLedger;
  tickets: TicketStore;
  outbox: OutboxStore;
  state: {
    enquiries: Map<string, { outcome: Outcome['kind']; ticketNumber: string | null; suppressedReason: string | null }>;
    tickets: Map<string, TicketDetails>;
    refs: Map<string, string>;
    outbox: FakeOutboxRow[];
  };
}

/** Creates the fakes. */
export function createInMemoryTicketStores(): InMemoryTicketStores {
  const state: InMemoryTicketStores['state'] = { enquiries: new Map(), tickets: new Map(), refs: new Map(), outbox: [] };
  const sequences = new Map<number, number>();

  const enqueue = (drafts: OutboxDraft[], ticket: TicketView | null, at: string): void => {
    for (const d of drafts) {
      if (state.outbox.some((o) => o.key === d.key)) continue;
      const linked = d.withTicket && ticket !== null;
      state.outbox.push({
        id: state.outbox.length + 1,
        key: d.key,
        channel: d.channel,
        kind: d.kind,
        ticketNumber: linked ? ticket.number : null,
        replyHandle: d.replyHandle,
        payload: linked ? { ...d.payload, ticket } : d.payload,
        attempts: 0,
        createdAt: at,
        status: 'pending',
        nextAttemptAt: at,
        leaseOwner: null,
        leaseUntil: null,
        lastError: null,
        sentAt: null,
      });
    }
  };

  const create = (plan: EnquiryPlan & { ticket: { kind: 'create' } }): TicketDetails => {
    const { draft } = plan.ticket;
    const at = new Date(plan.at);
    const seq = (sequences.get(ticketYear(at)) ?? 0) + 1;
    sequences.set(ticketYear(at), seq);
    const ticket = newTicketRecord(draft, seq, at);
    const details: TicketDetails = {
      ticket,
      events: [
        { type: 'created', actor: 'system', at: plan.at, fromStatus: null, toStatus: 'neu', note: null, data: {} },
        { type: 'assigned', actor: 'system', at: plan.at, fromStatus: 'neu', toStatus: 'neu', note: draft.assignmentReason, data: { teamId: draft.team.id } },
      ],
      messages: [],
      attachments: [],
      outbox: [],
    };
    state.tickets.set(ticket.number, details);
    return details;
  };

  const ledger: EnquiryLedger = {
    findEnquiry: async (key) => {
      const e = state.enquiries.get(key);
      return e === undefined ? null : { outcome: e.outcome, ticketNumber: e.ticketNumber };
    },
    async findTicket(ref) {
      const references = ref.references ?? [];
      // As the stores: of the references named, the one recorded last wins (the Map keeps insertion order).
      const named = new Set(references);
      const byRef = [...state.refs].filter(([r]) => named.has(r)).at(-1)?.[1];
      const number = ref.number ?? byRef;
      const found = number === undefined ? undefined : state.tickets.get(number);
      if (found === undefined) return null;
      // As the SQLite ledger: our sent mail to the requester side of this ticket that the enquiry names.
      const ourReplies = state.outbox
        .filter((o) => o.ticketNumber === number && o.channel === 'email' && o.status === 'sent' && o.providerId !== undefined && references.includes(o.providerId))
        .filter((o) => o.kind !== 'staff_notification' && o.kind !== 'escalation' && o.replyHandle.channel === 'email')
        .map((o) => ({ kind: o.kind, to: o.replyHandle.channel === 'email' ? o.replyHandle.to : '' }));
      return { ...toView(found.ticket), routeStatus: found.ticket.requester.routeStatus, requesterAddress: found.ticket.requester.address, ourReplies, candidates: found.ticket.requester.candidates };
    },
    async commit(plan): Promise<LedgerCommitResult> {
      const previous = state.enquiries.get(plan.enquiry.key);
      if (previous !== undefined) return { kind: 'duplicate', previous: previous.outcome };
      let details: TicketDetails | null = null;
      let reopened = false;
      let rerouted = false;
      if (plan.ticket.kind === 'create') details = create(plan as EnquiryPlan & { ticket: { kind: 'create' } });
      if (plan.ticket.kind === 'follow_up') {
        details = state.tickets.get(plan.ticket.number) ?? null;
        if (details === null) throw new AppError('TICKET_NOT_FOUND', `fake ledger: no ticket ${plan.ticket.number}`);
        const change = followUpChange(details.ticket, plan.ticket, new Date(plan.at));
        details.ticket = change.ticket;
        details.events.push(...change.events);
        reopened = change.reopened;
        rerouted = change.rerouted;
      }
      if (details !== null) {
        const suppressed = plan.ticket.kind === 'follow_up' && !plan.ticket.react;
        details.messages.push({ direction: 'in', author: 'requester', text: plan.enquiry.text, at: plan.at, enquiryKey: plan.enquiry.key, ...(suppressed ? { suppressed } : {}) });
        if (plan.ticket.kind === 'create') {
          for (const note of plan.ticket.draft.notes ?? []) details.messages.push({ direction: 'note', author: 'system', text: note, at: plan.at, enquiryKey: plan.enquiry.key });
        }
        const handle = plan.enquiry.replyHandle;
        if (handle.channel === 'email' && handle.messageId !== null) state.refs.set(handle.messageId, details.ticket.number);
      }
      state.enquiries.set(plan.enquiry.key, { outcome: plan.outcome, ticketNumber: details?.ticket.number ?? null, suppressedReason: plan.suppressedReason });
      const view = details === null ? null : toView(details.ticket);
      enqueue(plan.outbox, view, plan.at);
      return { kind: 'committed', ticket: view, reopened, rerouted };
    },
  };

  const tickets: TicketStore = {
    find: async (number) => state.tickets.get(number)?.ticket ?? null,
    details: async (number) => state.tickets.get(number) ?? null,
    list: async (filter) =>
      [...state.tickets.values()]
        .map((d) => d.ticket)
        .filter((t) => (filter.status === undefined || t.status === filter.status) && (filter.kreisAgs === undefined || t.requester.kreis?.ags === filter.kreisAgs))
        .reverse()
        .slice(0, filter.limit ?? 50),
    async save(change) {
      const details = state.tickets.get(change.ticket.number);
      if (details === undefined || details.ticket.version !== change.expectedVersion) return 'conflict';
      details.ticket = change.ticket;
      details.events.push(change.event);
      if (change.message !== undefined) details.messages.push(change.message);
      enqueue(change.outbox, toView(change.ticket), change.event.at);
      return 'saved';
    },
    listEscalationDue: async (now) =>
      [...state.tickets.values()]
        .map((d) => d.ticket)
        .filter((t) => t.status !== 'erledigt' && ((t.escalationLevel < 1 && t.firstRespondedAt === null && t.firstResponseDue <= now) || (t.escalationLevel < 2 && t.status !== 'wartet' && t.resolutionDue <= now))),
    listClosedBefore: async (cutoff) =>
      [...state.tickets.values()].map((d) => d.ticket).filter((t) => t.status === 'erledigt' && t.anonymisedAt === null && (t.closedAt ?? '') < cutoff),
    async anonymise(change) {
      const result = await tickets.save({ ...change, outbox: [] });
      if (result === 'saved') for (const m of state.tickets.get(change.ticket.number)!.messages) m.text = '[anonymisiert]';
      return result;
    },
    attachmentInUse: async (sha256) =>
      [...state.tickets.values()].some((d) => d.ticket.anonymisedAt === null && d.attachments.some((a) => a.sha256 === sha256)),
    anonymiseEnquiriesBefore: async () => 0,
    exportRequester: async (address) => ({
      address,
      tickets: [...state.tickets.values()].filter((d) => d.ticket.requester.address === address),
      enquiries: [],
    }),
  };

  const owned = (id: number, owner: string): FakeOutboxRow | undefined =>
    state.outbox.find((o) => o.id === id && o.leaseOwner === owner && o.status === 'pending');

  const outbox: OutboxStore = {
    async claimDue({ now, channels, limit, leaseMs, owner }) {
      const iso = now.toISOString();
      const due = state.outbox
        .filter((o) => o.status === 'pending' && channels.includes(o.channel) && o.nextAttemptAt <= iso && (o.leaseUntil === null || o.leaseUntil <= iso))
        .slice(0, limit);
      for (const o of due) {
        o.leaseOwner = owner;
        o.leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
        o.attempts += 1;
      }
      return due.map((o) => ({ id: o.id, key: o.key, channel: o.channel, kind: o.kind, ticketNumber: o.ticketNumber, replyHandle: o.replyHandle, payload: o.payload, attempts: o.attempts, createdAt: o.createdAt }));
    },
    async markSent(id, owner, now, providerId) {
      const o = owned(id, owner);
      if (o === undefined) return false;
      Object.assign(o, { status: 'sent', sentAt: now.toISOString(), leaseOwner: null, leaseUntil: null, ...(providerId === undefined ? {} : { providerId }) });
      // As the SQLite store: a sent mail's Message-ID threads the reply back to the ticket.
      if (o.ticketNumber !== null && providerId !== undefined && !state.refs.has(providerId)) state.refs.set(providerId, o.ticketNumber);
      return true;
    },
    async markRetry(id, owner, next, reason) {
      const o = owned(id, owner);
      if (o === undefined) return false;
      Object.assign(o, { nextAttemptAt: next.toISOString(), lastError: reason, leaseOwner: null, leaseUntil: null });
      return true;
    },
    async markDead(id, owner, _now, reason) {
      const o = owned(id, owner);
      if (o === undefined) return false;
      Object.assign(o, { status: 'dead', lastError: reason, leaseOwner: null, leaseUntil: null });
      return true;
    },
    async reroute(id, owner, now, reason, target) {
      const o = owned(id, owner);
      if (o === undefined) return false;
      Object.assign(o, { status: 'dead', lastError: reason, leaseOwner: null, leaseUntil: null });
      const key = `${o.key}:fallback:${target.channel}`;
      if (state.outbox.some((x) => x.key === key)) return true;
      const at = now.toISOString();
      state.outbox.push({ ...o, id: state.outbox.length + 1, key, channel: target.channel, replyHandle: target.replyHandle, attempts: 0, createdAt: at, status: 'pending', nextAttemptAt: at, lastError: null, sentAt: null });
      return true;
    },
    async fanOut(id, owner, now, legs) {
      const o = owned(id, owner);
      if (o === undefined) return false;
      const at = now.toISOString();
      Object.assign(o, { status: 'sent', sentAt: at, leaseOwner: null, leaseUntil: null });
      for (const leg of legs) {
        const key = `${o.key}:${leg.suffix}`;
        if (state.outbox.some((x) => x.key === key)) continue;
        state.outbox.push({ ...o, id: state.outbox.length + 1, key, channel: leg.channel, replyHandle: leg.replyHandle, attempts: 0, createdAt: at, status: 'pending', nextAttemptAt: at, lastError: null, sentAt: null });
      }
      return true;
    },
    async enqueue(drafts, ticket, now) {
      enqueue(drafts, ticket, now.toISOString());
    },
  };

  return { ledger, tickets, outbox, state };
}
