/**
 * `triage [--json] (--text T [--subject S] [--from A] [--channel email|teams] | --batch FILE)` (CONTRACTS §3):
 * the whole decision for one enquiry, without side effects. Composes the real knowledge base and router;
 * the decision itself is the pure core function `triage`.
 */
import { contactsFile } from '../../server/config.js';
import { z } from 'zod';
import { ServiceChannelSchema } from '../../core/channel.js';
import { AppError, isAppError } from '../../core/errors.js';
import type { KnowledgeAnswerer } from '../../core/knowledge.js';
import type { RouteResult, Router } from '../../core/routing.js';
import { TICKET_CATEGORY_LABELS, triage, type Intent, type TriageInput, type TriageResult } from '../../core/triage/index.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, exitCodeFor, type CliCommand, type CliContext } from '../context.js';
import { batchLineId, parseCommandArgs, parseOrExplain, runBatchCommand, type SingleOrBatch } from '../batch-command.js';
import { jsonLine, optionalText } from '../io.js';
import { openKnowledgeBase } from '../../knowledge/knowledge-base.fs.js';
import { loadRouting } from '../../routing/router.loader.js';

/** The collaborators of triage, opened for one CLI run. */
export interface TriageDepsHandle {
  answerer: KnowledgeAnswerer;
  router: Router;
  close(): Promise<void>;
}

/** Opens the collaborators (real ones in {@link triageCommand}; fakes in tests). */
export type ComposeTriage = (ctx: CliContext) => Promise<TriageDepsHandle>;

const USAGE =
  'Aufruf: triage [--json] (--text TEXT [--subject BETREFF] [--from ADRESSE] [--channel email|teams] | --batch DATEI)';

/** Default channel for `--text` without `--channel`: mail, where tickets come from most often. */
const DEFAULT_CHANNEL = 'email';

/** One batch line (extra fields, e.g. the dev set's `expect`, are ignored). */
const BatchLineSchema = z.object({
  id: batchLineId,
  channel: ServiceChannelSchema.default(DEFAULT_CHANNEL),
  from: optionalText,
  subject: optionalText,
  text: z.string(),
  signature: optionalText,
});

type Options = SingleOrBatch<TriageInput>;

function parseOptions(args: string[]): Options {
  const { values } = parseCommandArgs('triage', {
    args,
    allowPositionals: false,
    options: {
      json: { type: 'boolean', default: false },
      text: { type: 'string' },
      subject: { type: 'string' },
      from: { type: 'string' },
      channel: { type: 'string' },
      batch: { type: 'string' },
    },
  });
  const single = values.text !== undefined || values.subject !== undefined || values.from !== undefined || values.channel !== undefined;
  if (values.batch !== undefined && single) throw new AppError('USAGE', 'triage: --batch lässt sich nicht mit --text, --subject, --from oder --channel kombinieren');
  if (values.batch !== undefined) return { json: values.json, batch: values.batch };
  if (values.text === undefined) throw new AppError('USAGE', 'triage: --text oder --batch angeben');
  const channel = ServiceChannelSchema.safeParse(values.channel ?? DEFAULT_CHANNEL);
  if (!channel.success) throw new AppError('USAGE', `triage: --channel muss email oder teams sein, nicht „${values.channel}“`);
  return { json: values.json, input: { channel: channel.data, text: values.text, subject: values.subject, from: values.from } };
}

const INTENT_LABELS: Record<Intent, string> = {
  general_question: 'Allgemeine Frage',
  application_matter: 'Anliegen zu einem eigenen Antrag oder Vorgang',
  other: 'Sonstiges (keine Bearbeitung nötig)',
};

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function renderAnswer(result: TriageResult): string {
  const a = result.answer;
  const confidence = a.confidence.toFixed(2).replace('.', ',');
  switch (a.outcome) {
    case 'answer':
      return `Antwort (Konfidenz ${confidence}): ${a.answer?.citation ?? ''}${a.answer === null ? '' : `\n    ${shorten(a.answer.text, 200)}`}`;
    case 'suggest':
      return `Meinten Sie: ${a.suggestions.map((s) => s.title).join(' · ')}`;
    case 'handover':
      return `keine sichere Antwort (Konfidenz ${confidence})`;
    case 'out_of_scope':
    case 'invalid':
      return a.message ?? (a.outcome === 'invalid' ? 'keine verwertbare Frage' : 'nicht zum Förderprogramm');
  }
}

function renderRoute(route: RouteResult): string {
  const place = route.gemeinde?.name ?? null;
  const kreis = route.kreis === null ? null : `${route.kreis.typ} ${route.kreis.name}`;
  const where = { resolved: [place, kreis].filter((x) => x !== null).join(', '), ambiguous: 'mehrdeutig', unknown: 'nicht ermittelt' }[route.status];
  const contact = route.contact === null ? '' : ` → ${route.contact.team} (${route.contact.email})`;
  return `${where}${contact}`;
}

/** German, human-readable rendering of one result. */
export function renderTriage(result: TriageResult): string {
  const ticket = result.ticket
    ? `ja, Kategorie ${result.ticketCategory === null ? '–' : TICKET_CATEGORY_LABELS[result.ticketCategory]}`
    : 'nein';
  return [
    ...(result.id === undefined ? [] : [`[${result.id}]`]),
    `Einordnung:    ${INTENT_LABELS[result.intent]} (${result.intent})`,
    `Ticket:        ${ticket}`,
    `Wissensbasis:  ${renderAnswer(result)}`,
    `Zuständigkeit: ${renderRoute(result.route)}`,
    'Gründe:',
    ...result.reasons.map((r) => `  - ${r}`),
    '',
  ].join('\n');
}

/** Builds the command around a composition function (tests pass fakes). */
export function createTriageCommand(compose: ComposeTriage): CliCommand {
  return async (args, ctx) => {
    const options = parseOrExplain(parseOptions, args, USAGE, ctx);
    if (options === null) return EXIT_USAGE;
    const single = options.input;
    if (single !== undefined && single.text.trim() === '' && (single.subject ?? '').trim() === '') {
      ctx.err(`triage: Der Text ist leer – bitte geben Sie mit --text die Anfrage an.\n${USAGE}`);
      return EXIT_USAGE;
    }
    let deps: TriageDepsHandle;
    try {
      deps = await compose(ctx);
    } catch (error) {
      ctx.err(`triage: Wissensbasis oder Zuständigkeiten konnten nicht geladen werden: ${(error as Error).message}`);
      return exitCodeFor(error);
    }
    try {
      if (options.batch !== undefined) {
        const batch = { file: options.batch, schema: BatchLineSchema, json: options.json };
        const decide = (input: TriageInput, id: string) => ({ ...triage({ ...input, id }, { answerer: deps.answerer, router: deps.router }) });
        return await runBatchCommand('triage', batch, decide, renderTriage, ctx);
      }
      const result = triage(options.input as TriageInput, { answerer: deps.answerer, router: deps.router });
      ctx.out(options.json ? jsonLine(result) : `${renderTriage(result)}\n`);
      return EXIT_OK;
    } catch (error) {
      const badInput = isAppError(error, 'INPUT_INVALID');
      ctx.err(`triage: ${badInput ? 'Eingabe nicht lesbar' : 'Fehler'} (${(error as Error).message})`);
      return badInput ? EXIT_USAGE : EXIT_FAILURE;
    } finally {
      await deps.close();
    }
  };
}

/** The router of triage: the shipped geo data and the contacts file (CONTACTS_FILE when set). Also used by `eval`. */
export async function openRouterForCli(ctx: CliContext): Promise<Router> {
  const { router } = await loadRouting({ logger: ctx.logger, contactsFile: contactsFile(ctx.config) });
  return router;
}

/**
 * Real composition: the knowledge base from KNOWLEDGE_DIR (index cache in INDEX_CACHE_DIR) and the router
 * over the shipped geo data and the contacts file (CONTACTS_FILE when set). No sender directory: triage has
 * no side effects, so it neither reads nor remembers confirmed senders.
 */
export async function composeTriageDeps(ctx: CliContext): Promise<TriageDepsHandle> {
  const kb = await openKnowledgeBase({ dir: ctx.config.KNOWLEDGE_DIR, cacheDir: ctx.config.INDEX_CACHE_DIR, logger: ctx.logger });
  try {
    return { answerer: kb, router: await openRouterForCli(ctx), close: () => kb.close() };
  } catch (error) {
    await kb.close();
    throw error;
  }
}

/** The `triage` command with the real knowledge base and router. */
export const triageCommand: CliCommand = createTriageCommand(composeTriageDeps);
