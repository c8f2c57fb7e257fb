/** The development set (test/eval/routing.jsonl, copy of ../shared/eval/routing.jsonl): every case right. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { candidateKreise, realRouter } from './helpers.js';

interface DevCase {
  id: string;
  text: string;
  from?: string;
  expect: { status: 'resolved' | 'ambiguous' | 'unknown'; kreisAgs?: string | string[] };
}

const cases: DevCase[] = readFileSync('test/eval/routing.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as DevCase);

describe('routing development set', () => {
  const router = realRouter();

  it('has the 20 cases of the shared set', () => {
    expect(cases).toHaveLength(20);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const result = router.route({ text: c.text, ...(c.from ? { from: c.from } : {}) });
    expect(result.status).toBe(c.expect.status);
    if (c.expect.status === 'resolved') {
      expect(result.kreis?.ags).toBe(c.expect.kreisAgs);
      expect(result.contact?.teamId).not.toBe('zentrale');
    } else if (c.expect.status === 'ambiguous') {
      expect(candidateKreise(result)).toEqual([...(c.expect.kreisAgs as string[])].sort());
      expect(result.contact?.teamId).toBe('zentrale');
    } else {
      expect(result.candidates).toEqual([]);
    }
    expect(result.evidence.length).toBeGreaterThan(0);
  });
});
