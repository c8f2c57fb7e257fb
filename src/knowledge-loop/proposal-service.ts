/**
 * The four-eyes FAQ loop (issue 14 item 2): propose (from a ticket), return with a comment, revise, approve.
 * Approval writes the entry into `knowledge/` only after the development sets were scored before and after
 * (a regression needs the approver's explicit confirmation of exactly this text), never by the author. Every
 * step is a proposal event and, where a ticket is involved, an internal note on the ticket (a ticket event).
 */
import { createHash } from 'node:crypto';
import type { Clock, Logger } from '../core/ports.js';
import type { StaffDirectory } from '../core/routing.js';
import type { ChangeImpact } from './proposal-eval.js';
import type { ChangeEvaluator } from './proposal-eval.fs.js';
import { appendSection, contentProblems, normaliseContent, sectionIdOf, type NewDocument, type ProposalContent } from './proposal-markdown.js';
import type { Proposal, ProposalEvent, ProposalStore } from './proposal-types.js';
import { KnowledgeWriteError, type KnowledgeWriter } from './proposal-write.fs.js';

/** A refusal the page shows (German). */
export interface Refused {
  ok: false;
  status: 403 | 404 | 409 | 422 | 500;
  message: string;
  problems?: string[];
}

export type Done<T> = { ok: true } & T;

export type Approved = Done<{ proposal: Proposal; passageId: string; recordedIn: 'git' | 'changelog' }>;

/** What the approval has checked and claimed, ready to be written. */
interface ApprovalWrite {
  p: Proposal;
  clean: ProposalContent;
  by: string;
  at: string;
  target: { file: string; text: string | null };
  appended: { text: string; passageId: string };
  impact: ChangeImpact;
}

/** Approval needs a look first: the development sets got worse. `fingerprint` confirms exactly this text. */
export interface NeedsConfirmation {
  ok: 'confirm';
  impact: ChangeImpact;
  fingerprint: string;
  content: ProposalContent;
}

export interface ProposalServiceDeps {
  store: ProposalStore;
  writer: KnowledgeWriter;
  evaluator: ChangeEvaluator;
  staff: StaffDirectory;
  /** Records a step on the ticket (an internal note by `by`); null: no ticket events. */
  noteOnTicket: ((number: string, text: string, by: string) => Promise<unknown> | void) | null;
  /** The document approved entries go to (created with this front matter when missing). */
  document: NewDocument;
  clock: Clock;
  logger: Logger;
}

export interface ProposalService {
  propose(input: { ticketNumber: string | null; content: ProposalContent; by: string }): Promise<Done<{ proposal: Proposal }> | Refused>;
  revise(input: { id: number; version: number; content: ProposalContent; by: string }): Promise<Done<{ proposal: Proposal }> | Refused>;
  returnToAuthor(input: { id: number; version: number; content: ProposalContent; comment: string; by: string }): Promise<Done<{ proposal: Proposal }> | Refused>;
  approve(input: { id: number; version: number; content: ProposalContent; by: string; confirm?: string }): Promise<Approved | NeedsConfirmation | Refused>;
  find(id: number): Promise<{ proposal: Proposal; events: ProposalEvent[] } | null>;
  list(): Promise<Proposal[]>;
}

const SELF_APPROVAL = 'Sie haben diesen Vorschlag selbst verfasst. Freigeben oder zurückgeben muss eine zweite Person (Vier-Augen-Prinzip).';
const STALE = 'Der Vorschlag wurde inzwischen geändert. Bitte prüfen Sie den aktuellen Stand; es wurde nichts gespeichert.';
const ALREADY_APPROVED = 'Dieser Vorschlag ist bereits freigegeben.';
const BUSY = 'Diesen Vorschlag gibt gerade eine andere Person frei. Bitte laden Sie die Seite in einem Moment neu; von Ihnen wurde nichts gespeichert.';
/** How long an approval may hold its claim before another approver may take it over (a crashed process). */
export const APPROVAL_CLAIM_MS = 10 * 60_000;

const sameContent = (a: ProposalContent, b: ProposalContent): boolean => JSON.stringify(normaliseContent(a)) === JSON.stringify(normaliseContent(b));
const refused = (status: Refused['status'], message: string, problems?: string[]): Refused => ({ ok: false, status, message, ...(problems === undefined ? {} : { problems }) });
const invalid = (problems: string[]): Refused => refused(422, 'Der Vorschlag ist so nicht speicherbar:', problems);

/**
 * @example const service = createProposalService({ store, writer, evaluator, staff, noteOnTicket, document, clock, logger });
 */
export function createProposalService(deps: ProposalServiceDeps): ProposalService {
  const log = deps.logger.child({ component: 'faq-proposals' });
  const now = (): string => deps.clock.now().toISOString();
  const note = (p: Proposal, text: string, by: string): void => {
    const { ticketNumber } = p;
    const noteOnTicket = deps.noteOnTicket;
    if (ticketNumber === null || noteOnTicket === null) return;
    // The proposal step is done; the note on the ticket is started now and a failure is only logged.
    const failed = (error: unknown): void => log.warn({ proposal: p.id, ticketNumber, err: (error as Error).message }, 'ticket event for a proposal step failed');
    try {
      void Promise.resolve(noteOnTicket(ticketNumber, `FAQ-Vorschlag Nr. ${p.id}: ${text}`, by)).catch(failed);
    } catch (error) {
      failed(error);
    }
  };
  const load = async (id: number): Promise<Proposal | Refused> => (await deps.store.find(id)) ?? refused(404, `Einen Vorschlag Nr. ${id} gibt es nicht.`);
  const change = async (p: Proposal, version: number, patch: Parameters<ProposalStore['update']>[2], event: ProposalEvent): Promise<Proposal | Refused> =>
    p.version !== version || (await deps.store.update(p.id, version, patch, event)) === 'stale' ? refused(409, STALE) : (await deps.store.find(p.id))!;
  const contentPatch = (c: ProposalContent): ProposalContent => normaliseContent(c);

  /** Writes the claimed, checked entry into knowledge/ and marks the proposal approved. */
  const writeApproved = async (input: ApprovalWrite): Promise<Approved | Refused> => {
    const { p, clean, by, at, target, appended, impact } = input;
    const id = p.id;
    const approver = deps.staff.findStaff(by);
    const record = { at, action: 'added', passageId: appended.passageId, file: target.file, ticket: p.ticketNumber, proposal: p.id, author: p.author, approver: by, confirmedRegression: impact.regression };
    let recordedIn: 'git' | 'changelog';
    try {
      ({ recordedIn } = await deps.writer.write({
        file: target.file,
        expected: target.text,
        text: appended.text,
        message: `FAQ ${appended.passageId}: ${p.ticketNumber === null ? 'Vorschlag' : `aus Vorgang ${p.ticketNumber}`} Nr. ${p.id} (vorgeschlagen von ${p.author}, freigegeben von ${by})`,
        author: { name: approver?.displayName ?? by, email: approver?.email ?? `${by}@pakt.invalid` },
        record,
      }));
    } catch (error) {
      if (error instanceof KnowledgeWriteError && error.conflict) {
        // Someone else changed the document first (another approval, in this or another process): a conflict.
        log.info({ proposal: p.id }, 'faq proposal write refused: document changed meanwhile; knowledge unchanged');
        return refused(409, error.message);
      }
      if (error instanceof KnowledgeWriteError) {
        log.error({ proposal: p.id, err: (error.cause as Error | undefined)?.message ?? error.message }, 'faq proposal write failed; knowledge unchanged');
        return refused(500, error.message);
      }
      throw error;
    }
    const edited = !sameContent(clean, p);
    let current = (await deps.store.find(id))!;
    if (edited) {
      await deps.store.update(id, current.version, clean, { type: 'edited', actor: by, at, note: null });
      current = (await deps.store.find(id))!;
    }
    await deps.store.update(id, current.version, { ...clean, sectionId: sectionIdOf(clean), status: 'freigegeben', approvedBy: by, approvedAt: at, passageId: appended.passageId }, { type: 'approved', actor: by, at, note: impact.regression ? 'trotz Verschlechterung der Entwicklungssätze bestätigt' : null });
    const proposal = (await deps.store.find(id))!;
    log.info({ proposal: id, passageId: appended.passageId, recordedIn, regression: impact.regression }, 'faq proposal approved and written');
    note(proposal, `freigegeben und als ${appended.passageId} in die Wissensbasis (${target.file}) übernommen.`, by);
    return { ok: true, proposal, passageId: appended.passageId, recordedIn };
  };

  return {
    async propose({ ticketNumber, content, by }) {
      const problems = contentProblems(content);
      if (problems.length > 0) return invalid(problems);
      const proposal = await deps.store.create({ ticketNumber, content: contentPatch(content), author: by, at: now() });
      log.info({ proposal: proposal.id, ticketNumber }, 'faq proposal created');
      note(proposal, 'als FAQ vorgeschlagen, wartet auf Prüfung durch eine zweite Person.', by);
      return { ok: true, proposal };
    },

    async revise({ id, version, content, by }) {
      const p = await load(id);
      if ('ok' in p) return p;
      if (p.author !== by) return refused(403, 'Überarbeiten und erneut vorlegen kann nur, wer den Vorschlag verfasst hat.');
      if (p.status !== 'zurueckgegeben') return refused(409, 'Dieser Vorschlag ist nicht zurückgegeben; er kann nicht erneut vorgelegt werden.');
      const problems = contentProblems(content);
      if (problems.length > 0) return invalid(problems);
      const next = await change(p, version, { ...contentPatch(content), status: 'offen' }, { type: 'revised', actor: by, at: now(), note: null });
      if ('ok' in next) return next;
      note(next, 'überarbeitet und erneut zur Prüfung vorgelegt.', by);
      return { ok: true, proposal: next };
    },

    async returnToAuthor({ id, version, content, comment, by }) {
      const p = await load(id);
      if ('ok' in p) return p;
      if (p.author === by) return refused(403, SELF_APPROVAL);
      if (p.status !== 'offen') return refused(409, 'Nur ein Vorschlag, der zur Prüfung offen ist, kann zurückgegeben werden.');
      const text = comment.trim();
      if (text === '') return refused(422, 'Bitte schreiben Sie einen Kommentar: Was soll die Verfasserin oder der Verfasser ändern?');
      const edited = !sameContent(content, p);
      const next = await change(p, version, { ...(edited ? contentPatch(content) : {}), status: 'zurueckgegeben', reviewComment: text.slice(0, 4000) }, { type: 'returned', actor: by, at: now(), note: text.slice(0, 4000) });
      if ('ok' in next) return next;
      note(next, `zur Überarbeitung zurückgegeben: ${text.slice(0, 4000)}`, by);
      return { ok: true, proposal: next };
    },

    async approve({ id, version, content, by, confirm }) {
      const p = await load(id);
      if ('ok' in p) return p;
      if (p.author === by) return refused(403, SELF_APPROVAL);
      if (p.status !== 'offen') return refused(409, p.status === 'freigegeben' ? ALREADY_APPROVED : 'Dieser Vorschlag liegt zur Überarbeitung bei der Verfasserin oder dem Verfasser.');
      if (p.version !== version) return refused(409, STALE);
      const problems = contentProblems(content);
      if (problems.length > 0) return invalid(problems);
      const clean = contentPatch(content);
      const at = now();
      const target = await deps.writer.findDocument(deps.document.id);
      const provenance = { ticket: p.ticketNumber, author: p.author, approver: by, date: at.slice(0, 10) };
      const appended = appendSection(target.text, target.file, clean, provenance, deps.document);
      if (!appended.ok) return invalid(appended.problems);
      // The fingerprint covers the content and the file it joins, not the date: a confirmation stays valid all day.
      const fingerprint = createHash('sha256').update(JSON.stringify(clean)).update('\0').update(target.text ?? '').digest('hex').slice(0, 20);
      const impact = await deps.evaluator.evaluate(target.file, appended.text);
      if (impact.regression && confirm !== fingerprint) return { ok: 'confirm', impact, fingerprint, content: clean };
      // One approval writes at a time (also across processes on one database): the second approver gets a 409.
      const claimed = await deps.store.claim(id, version, by, now(), new Date(deps.clock.now().getTime() - APPROVAL_CLAIM_MS).toISOString());
      if (claimed !== 'claimed') {
        log.info({ proposal: id, claim: claimed }, 'faq proposal approval refused: concurrent change');
        return refused(409, claimed === 'busy' ? BUSY : (await deps.store.find(id))?.status === 'freigegeben' ? ALREADY_APPROVED : STALE);
      }
      try {
        return await writeApproved({ p, clean, by, at, target, appended, impact });
      } finally {
        await deps.store.release(id, by);
      }
    },

    async find(id) {
      const proposal = await deps.store.find(id);
      return proposal === null ? null : { proposal, events: await deps.store.events(id) };
    },

    list: () => deps.store.list(),
  };
}
