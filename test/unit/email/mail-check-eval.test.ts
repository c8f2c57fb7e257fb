/**
 * The labelled real-mail corpus (test/eval/mail: sisimai bounces, complaints and auto-replies, talon's human
 * replies) through `mail check`'s function: every `suppress` is suppressed (or quarantined: never answered),
 * every `reply` is answered and keeps some new text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPaths, type MailCheckResult } from '../../../src/cli/commands/mail.js';

const DIR = new URL('../../eval/mail/', import.meta.url).pathname;

interface Label {
  file: string;
  category: string;
  expect: 'suppress' | 'reply';
}

const labels: Label[] = readFileSync(DIR + 'labels.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Label);

describe('mail check over the labelled corpus', () => {
  it('suppresses every automatic mail and answers every human one', async () => {
    const results = new Map<string, MailCheckResult>();
    const options = { ownAddresses: ['integrationsmanagement@rps.bwl.de'], maxBytes: 25 * 1024 * 1024, maxRepliesPerDay: 5 };
    await checkPaths([DIR], options, (line) => {
      if ('verdict' in line) results.set(line.file, line);
    });
    expect(labels.length).toBeGreaterThan(300);
    const wrong = labels
      .map((label) => ({ label, result: results.get(label.file) }))
      .filter(({ label, result }) => (label.expect === 'reply' ? result?.verdict !== 'reply' : result === undefined || result.verdict === 'reply'))
      .map(({ label, result }) => `${label.file} (${label.category}): ${result?.verdict ?? 'kein Ergebnis'}`);
    expect(wrong).toEqual([]);
    for (const label of labels.filter((l) => l.expect === 'reply')) expect(results.get(label.file)?.question).not.toBe('');
  });
});
