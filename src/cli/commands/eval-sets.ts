/**
 * The development sets of `eval` (CONTRACTS §3): reading question and enquiry files (JSON Lines; a malformed
 * line becomes an error result and is not scored) and the two engines each kind is scored with.
 */
import { z } from 'zod';
import { ServiceChannelSchema } from '../../core/channel.js';
import { askQuestion } from '../../core/ask-question.js';
import type { Router } from '../../core/routing.js';
import { triage, type TriageInput, type TriageResult } from '../../core/triage/index.js';
import { fromAsk, fromRanking, type EngineRun, type EvalEngines, type EvalQuestion } from '../../knowledge/evaluate.js';
import type { KnowledgeBase } from '../../knowledge/index.js';
import { optionalText, runJsonLinesBatch, type BatchError } from '../io.js';

/** `questions`: lines `{id, question, expected, scope?}`; `enquiries`: lines `{id, channel, from?, subject?, text, expected}`. */
export type EvalSetKind = 'questions' | 'enquiries';

/** One case of an enquiry set: the enquiry as triage reads it; `question` is its raw subject and text. */
export interface EnquiryCase extends EvalQuestion {
  input: TriageInput;
}

/** A set read from its file. */
export type EvalSet =
  | { kind: 'questions'; file: string; cases: EvalQuestion[]; errors: BatchError[] }
  | { kind: 'enquiries'; file: string; cases: EnquiryCase[]; errors: BatchError[] };

const Expected = z.array(z.string());
/** An unknown `scope` is ignored like any other extra field. */
const Scope = z.enum(['in', 'out']).optional().catch(undefined);

const QuestionLineSchema = z.object({ question: z.string(), expected: Expected, scope: Scope });

const EnquiryLineSchema = z.object({
  channel: ServiceChannelSchema.default('email'),
  from: optionalText,
  subject: optionalText,
  text: z.string(),
  signature: optionalText,
  expected: Expected,
  scope: Scope,
});

/** What the toy would search for: the enquiry as written, subject first. */
const rawEnquiryText = (subject: string | undefined, text: string): string => [subject ?? '', text].filter((s) => s.trim() !== '').join('\n');

async function readLines<T, C>(file: string, schema: z.ZodType<T>, toCase: (line: T, id: string) => C): Promise<{ cases: C[]; errors: BatchError[] }> {
  const cases: C[] = [];
  const errors: BatchError[] = [];
  await runJsonLinesBatch(
    file,
    schema,
    (line, id) => {
      cases.push(toCase(line, id));
      return { id };
    },
    (result) => {
      if ('error' in result) errors.push(result as unknown as BatchError);
    },
  );
  return { cases, errors };
}

/**
 * Reads one set. Throws AppError INPUT_INVALID when the file cannot be read; malformed lines come back as
 * `errors` (CONTRACTS §3).
 *
 * @example const set = await readEvalSet('enquiries', 'test/eval/enquiries.jsonl');
 */
export async function readEvalSet(kind: EvalSetKind, file: string): Promise<EvalSet> {
  if (kind === 'questions') {
    const read = await readLines(file, QuestionLineSchema, ({ question, expected, scope }, id): EvalQuestion =>
      scope === undefined ? { id, question, expected } : { id, question, expected, scope },
    );
    return { kind, file, ...read };
  }
  const read = await readLines(file, EnquiryLineSchema, ({ expected, scope, ...input }, id): EnquiryCase => ({
    id,
    question: rawEnquiryText(input.subject, input.text),
    expected,
    ...(scope === undefined ? {} : { scope }),
    input: { ...input, id },
  }));
  return { kind, file, ...read };
}

/**
 * What triage does with an enquiry, as an engine run: an automatic answer only when triage opens no ticket and
 * the knowledge base answers (a ticket is a hand-over whatever the knowledge base said; a courtesy or
 * automated message gets no answer). The question is what triage put to the knowledge base.
 */
export function fromTriage(result: TriageResult): EngineRun {
  const run = fromAsk(result.answer);
  if (result.ticket) return { ...run, outcome: 'handover', answeredFrom: null };
  if (run.outcome === 'out_of_scope') return run;
  if (result.intent !== 'general_question') return { ...run, outcome: 'invalid', answeredFrom: null };
  return run;
}

/** What both engines need: our knowledge base, the router (enquiry sets only) and MiniSearch defaults. */
export interface EvalDeps {
  kb: KnowledgeBase;
  router: Router | null;
  baseline: (question: string, limit: number) => string[];
  clock: () => number;
}

/** Hits both engines return per case (hit@5 needs five). */
const TOP = 5;

/** The engines of a question set: `ask`, and MiniSearch defaults on the question. */
export function questionEngines(deps: EvalDeps): EvalEngines<EvalQuestion> {
  return {
    ours: (q) => fromAsk(askQuestion(deps.kb, q.question, { top: TOP })),
    baseline: (q) => fromRanking(q.question, deps.baseline(q.question, TOP)),
    clock: deps.clock,
  };
}

/** The engines of an enquiry set: the triage path, and MiniSearch defaults on the raw subject and text. */
export function enquiryEngines(deps: EvalDeps & { router: Router }): EvalEngines<EnquiryCase> {
  return {
    ours: (c) => fromTriage(triage(c.input, { answerer: deps.kb, router: deps.router })),
    baseline: (c) => fromRanking(c.question, deps.baseline(c.question, TOP)),
    clock: deps.clock,
  };
}
