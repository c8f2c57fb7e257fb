/**
 * View models of the FAQ proposal pages: the list, the pre-filled new proposal, the review page (with the
 * development-set impact when approval needs a confirmation). Pure; staff shown by role name.
 */
import type { StaffDirectory } from '../../core/routing.js';
import type { ChangeImpact } from '../../knowledge-loop/proposal-eval.js';
import type { ProposalContent } from '../../knowledge-loop/proposal-markdown.js';
import { EVENT_LABELS, STATUS_LABELS, type Proposal, type ProposalEvent } from '../../knowledge-loop/proposal-types.js';
import type { StaffUser } from './access.js';
import { germanTime } from './labels.js';

/** The form fields as typed (strings), kept on a refusal. */
export interface ProposalForm {
  frage: string;
  antwort: string;
  alternativen: string;
  quelle: string;
  stand: string;
  kennung: string;
  kommentar?: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 20_000) : '');

/** The form fields of a request body. */
export function formOf(body: Record<string, unknown>): ProposalForm {
  return { frage: str(body.frage), antwort: str(body.antwort), alternativen: str(body.alternativen), quelle: str(body.quelle), stand: str(body.stand), kennung: str(body.kennung), kommentar: str(body.kommentar) };
}

export function contentOf(form: ProposalForm): ProposalContent {
  return {
    question: form.frage,
    answer: form.antwort,
    alternatives: form.alternativen.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== ''),
    source: form.quelle,
    stand: form.stand,
    sectionId: form.kennung,
  };
}

export function formFrom(c: ProposalContent): ProposalForm {
  return { frage: c.question, antwort: c.answer, alternativen: c.alternatives.join('\n'), quelle: c.source, stand: c.stand, kennung: c.sectionId };
}

const nameOf = (staff: StaffDirectory, id: string | null): string => (id === null ? '' : (staff.findStaff(id)?.displayName ?? id));

export function listModel(proposals: Proposal[], staff: StaffDirectory): object {
  return {
    title: 'FAQ-Vorschläge',
    navVorschlaege: true,
    rows: proposals.map((p) => ({
      id: p.id,
      href: `/arbeitsplatz/vorschlaege/${p.id}`,
      question: p.question,
      status: STATUS_LABELS[p.status],
      passageId: p.passageId,
      ticket: p.ticketNumber,
      ticketHref: p.ticketNumber === null ? null : `/arbeitsplatz/vorgang/${p.ticketNumber}`,
      author: nameOf(staff, p.author),
      updated: germanTime(p.updatedAt),
    })),
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1).replace('.', ',')} %`;

function impactModel(impact: ChangeImpact): object {
  return {
    sets: impact.sets.map((s) => ({ set: s.set, hit1Before: pct(s.hit1Before), hit1After: pct(s.hit1After), wrongBefore: s.confidentlyWrongBefore, wrongAfter: s.confidentlyWrongAfter })),
    affected: impact.sets.flatMap((s) =>
      s.affected.map((a) => ({
        set: s.set,
        id: a.id,
        question: a.question,
        why: a.why === 'confidently_wrong' ? 'jetzt sicher falsch beantwortet' : 'nicht mehr an erster Stelle',
        expected: a.expected.join(', '),
        before: a.before ?? 'keine Antwort',
        after: a.after ?? 'keine Antwort',
      })),
    ),
  };
}

/** The review page: who may do what now, the history, and the impact when a confirmation is needed. */
export function reviewModel(input: {
  proposal: Proposal;
  events: ProposalEvent[];
  user: StaffUser;
  staff: StaffDirectory;
  mayWrite: boolean;
  form?: ProposalForm;
  problems?: string[];
  impact?: ChangeImpact;
  fingerprint?: string;
}): object {
  const { proposal: p, user } = input;
  const mine = p.author === user.id;
  const canReview = input.mayWrite && !mine && p.status === 'offen';
  const canRevise = input.mayWrite && mine && p.status === 'zurueckgegeben';
  return {
    title: `FAQ-Vorschlag ${p.id}`,
    navVorschlaege: true,
    p: {
      id: p.id,
      version: p.version,
      status: STATUS_LABELS[p.status],
      ticket: p.ticketNumber,
      author: nameOf(input.staff, p.author),
      created: germanTime(p.createdAt),
      approvedBy: p.approvedBy === null ? null : nameOf(input.staff, p.approvedBy),
      approved: p.approvedAt === null ? null : germanTime(p.approvedAt),
      passageId: p.passageId,
      reviewComment: p.reviewComment,
    },
    returned: p.status === 'zurueckgegeben',
    canReview,
    canRevise,
    readonly: !canReview && !canRevise,
    waiting: p.status === 'offen' && mine,
    form: input.form ?? formFrom(p),
    problems: input.problems ?? [],
    impact: input.impact === undefined ? null : impactModel(input.impact),
    fingerprint: input.fingerprint ?? null,
    events: input.events.map((e) => ({ at: germanTime(e.at), label: EVENT_LABELS[e.type], actor: nameOf(input.staff, e.actor), note: e.note })),
  };
}
