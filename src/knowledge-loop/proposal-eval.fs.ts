/**
 * Builds candidate knowledge bases in memory (the directory's sources with one file replaced) and scores the
 * development sets on them (proposal-eval.ts). Reads only; nothing is written. The state before the change is
 * cached by the sources' hash, so a second check of the same knowledge costs one build.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { AskResult } from '../core/knowledge.js';
import { extractQuestion } from '../core/triage/question-extract.js';
import type { EvalReport } from '../knowledge/evaluate.js';
import { answerQuestion } from '../knowledge/answer.js';
import { buildState } from '../knowledge/build.js';
import { parseSources, readRawSources, type RawSources } from '../knowledge/sources.fs.js';
import { changeImpact, runSet, type ChangeImpact, type DevSet } from './proposal-eval.js';

const QuestionLine = z.object({ id: z.string().optional(), question: z.string().min(1), expected: z.array(z.string()), scope: z.enum(['in', 'out']).optional().catch(undefined) });
/** An enquiry line: asked with the question triage extracts from it (subject and text, without places). */
const EnquiryLine = z.object({ id: z.string().optional(), subject: z.string().optional(), text: z.string().min(1), expected: z.array(z.string()), scope: z.enum(['in', 'out']).optional().catch(undefined) });
const lineCase = (json: unknown): { id?: string; question: string; expected: string[]; scope?: 'in' | 'out' } | null => {
  const q = QuestionLine.safeParse(json);
  if (q.success) return q.data;
  const e = EnquiryLine.safeParse(json);
  if (!e.success) return null;
  const question = extractQuestion({ ...(e.data.subject === undefined ? {} : { subject: e.data.subject }), text: e.data.text }).text;
  return question === '' ? null : { ...e.data, question };
};

/**
 * The development sets shipped in the repository (question sets; the enquiry set asked with the question
 * triage extracts): those of `root` that exist.
 */
export function defaultDevSetFiles(root = '.'): string[] {
  const fixed = ['test/eval/questions.jsonl', 'test/eval/questions-2.jsonl', 'test/eval/enquiries.jsonl'].map((f) => join(root, f));
  const fixtures = join(root, 'test/fixtures/knowledge');
  const more = existsSync(fixtures) ? readdirSync(fixtures).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(fixtures, f)) : [];
  return [...fixed, ...more].filter((f) => existsSync(f));
}

/** Reads sets (JSON Lines `{id?, question, expected, scope?}` or `{id?, subject?, text, expected}`); malformed lines are skipped. */
export async function readDevSets(files: string[]): Promise<DevSet[]> {
  const sets: DevSet[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const cases: DevSet['cases'] = [];
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        return;
      }
      const parsed = lineCase(json);
      if (parsed === null) return;
      const { id, question, expected, scope } = parsed;
      cases.push({ id: id ?? `${basename(file)}:${i + 1}`, question, expected, ...(scope === undefined ? {} : { scope }) });
    });
    if (cases.length > 0) sets.push({ name: basename(file), cases });
  }
  return sets;
}

async function askerOf(raw: RawSources, now: Date): Promise<(q: string) => AskResult> {
  const sources = await parseSources(raw);
  const state = buildState(sources.documents, sources.synonyms, sources.problems, now);
  return (q) => answerQuestion(state.index, q, 5);
}

/** Scores a change of one knowledge file against the development sets. */
export interface ChangeEvaluator {
  /** `file` is relative to the knowledge directory; `text` its new content. */
  evaluate(file: string, text: string): Promise<ChangeImpact>;
}

/**
 * @example const evaluator = createChangeEvaluator({ dir: './knowledge', setFiles: defaultDevSetFiles(), now: () => new Date() });
 */
export function createChangeEvaluator(options: { dir: string; setFiles: string[]; now: () => Date; maxFileBytes?: number }): ChangeEvaluator {
  let sets: Promise<DevSet[]> | null = null;
  let cached: { hash: string; reports: EvalReport[] } | null = null;
  return {
    async evaluate(file, text) {
      sets ??= readDevSets(options.setFiles);
      const devSets = await sets;
      const raw = await readRawSources(options.dir, { maxFileBytes: options.maxFileBytes });
      if (cached?.hash !== raw.hash) {
        const ask = await askerOf(raw, options.now());
        cached = { hash: raw.hash, reports: devSets.map((s) => runSet(s, ask)) };
      }
      const data = Buffer.from(text, 'utf8');
      const files = raw.files.some((f) => f.file === file) ? raw.files.map((f) => (f.file === file ? { file, data } : f)) : [...raw.files, { file, data }].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      const ask = await askerOf({ ...raw, files, hash: `${raw.hash}+candidate` }, options.now());
      return changeImpact(devSets, cached.reports, devSets.map((s) => runSet(s, ask)));
    },
  };
}
