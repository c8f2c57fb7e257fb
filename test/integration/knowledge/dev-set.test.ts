/**
 * Quality floor on the real knowledge/ (issue 2): the development set must reach hit@1 ≥ 0.85 and hit@3 ≥ 0.95
 * with every out-of-scope question declined; our own paraphrase/typo set checks that this generalises.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import { evaluate, type EvalQuestion, type KnowledgeBase } from '../../../src/knowledge/index.js';
import { buildDefaultIndex } from '../../../src/knowledge/index.js';
import { openKnowledgeBase } from '../../../src/knowledge/knowledge-base.fs.js';

const root = new URL('../../../', import.meta.url).pathname;
const load = (file: string): EvalQuestion[] =>
  readFileSync(root + file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as EvalQuestion);

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await openKnowledgeBase({ dir: `${root}knowledge`, logger: silentLogger });
});

const run = (questions: EvalQuestion[]) => {
  const baseline = buildDefaultIndex(kb.passages());
  return evaluate(questions, (q) => kb.ask(q), (q) => baseline(q, 5));
};

describe('development set on the shipped knowledge', () => {
  it('loads the shipped knowledge without problems', () => {
    expect(kb.status()).toMatchObject({ ready: true, problems: [] });
  });

  it('reaches hit@1 ≥ 0.85 and hit@3 ≥ 0.95 and declines every out-of-scope question', () => {
    const report = run(load('test/eval/questions.jsonl'));
    expect(report.engine.hit1).toBeGreaterThanOrEqual(0.85);
    expect(report.engine.hit3).toBeGreaterThanOrEqual(0.95);
    expect(report.outOfScope.notDeclined).toEqual([]);
    expect(report.wronglyDeclined).toEqual([]);
  });

  it('answers the in-scope development questions rather than handing them over', () => {
    const questions = load('test/eval/questions.jsonl').filter((q) => q.expected.length > 0);
    const answered = questions.filter((q) => kb.ask(q.question).answered).length;
    expect(answered / questions.length).toBeGreaterThanOrEqual(0.9);
  });

  it('generalises to the held-out-like set written from the facts before the content (heldout-like.jsonl)', () => {
    const report = run(load('test/fixtures/knowledge/heldout-like.jsonl'));
    // Measured 0.966 / 1.000 (89 questions with expected passages, MiniSearch defaults 0.865 / 0.921); floors leave
    // room for content edits.
    expect(report.engine.hit1).toBeGreaterThanOrEqual(0.85);
    expect(report.engine.hit3).toBeGreaterThanOrEqual(0.95);
    expect(report.engine.hit1).toBeGreaterThan(report.baseline.hit1);
    expect(report.outOfScope.notDeclined).toEqual([]);
    expect(report.wronglyDeclined).toEqual([]);
    // Programme questions no passage answers are handed over or get suggestions, never declined.
    expect(report.unanswerable.questions).toBeGreaterThanOrEqual(6);
    expect(report.unanswerable.answered.length).toBeLessThanOrEqual(1);
  });

  it.each([
    ['Ist eine Stellenteilung zulässig?', 'faq#stellenteilung'],
    ['Sachberichtsumfang?', 'verwendungsnachweis#sachbericht'],
    ['Dürfen unsere IMs auch Geflüchtete aus der Ukraine beraten?', 'faq#ukraine-zielgruppe'],
  ])('answers %j from its passage', (question, passage) => {
    const r = kb.ask(question);
    expect(r.outcome).toBe('answer');
    expect(r.hits.slice(0, 3).map((h) => h.id)).toContain(passage);
  });

  it.each([['wie funktioniert der Mittelabruf?'], ['Sind Supervisionskosten förderfähig?'], ['Darf der Integrationsmanager auch Deutschkurse geben?']])(
    'hands the programme question %j over or suggests passages, never declines or answers it',
    (question) => {
      expect(['handover', 'suggest']).toContain(kb.ask(question).outcome);
    },
  );

  it.each([['Wohngeldantrag – welche Unterlagen brauche ich?'], ['Wie lange dauert ein Asylverfahren beim BAMF?']])('declines the off-topic question %j', (question) => {
    expect(kb.ask(question).outcome).toBe('out_of_scope');
  });

  it.each([['Förderung'], ['Integrationsmanagement'], ['Stelle']])('offers suggestions instead of answering the bare common word %j', (q) => {
    expect(kb.ask(q).outcome).toBe('suggest');
  });

  it.each([['test/fixtures/knowledge/paraphrases.jsonl'], ['test/fixtures/knowledge/paraphrases-2.jsonl'], ['test/fixtures/knowledge/typos.jsonl']])(
    'generalises to paraphrases, typos, abbreviations and colloquial wording (%s)',
    (file) => {
    const report = run(load(file));
    expect(report.engine.hit1).toBeGreaterThanOrEqual(0.8);
    expect(report.engine.hit3).toBeGreaterThanOrEqual(0.85);
    expect(report.outOfScope.notDeclined).toEqual([]);
    expect(report.wronglyDeclined).toEqual([]);
    },
  );
});
