/**
 * The index cache is keyed by the knowledge modules' own code (cache.fs.ts): a changed analyzer rebuilds the
 * cache even when nobody bumped its format number.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codeFingerprint } from '../../../src/knowledge/cache.fs.js';

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe(codeFingerprint.name, () => {
  it('changes with the code of a module and ignores type declarations and source maps', () => {
    dir = mkdtempSync(join(tmpdir(), 'pakt-code-'));
    writeFileSync(join(dir, 'analyzer.js'), 'export const MIN_PART = 4;');
    writeFileSync(join(dir, 'analyzer.d.ts'), 'export declare const MIN_PART: number;');
    writeFileSync(join(dir, 'analyzer.js.map'), '{}');
    const before = codeFingerprint(dir);
    writeFileSync(join(dir, 'analyzer.d.ts'), 'export declare const MIN_PART: 4;');
    writeFileSync(join(dir, 'analyzer.js.map'), '{"version":3}');
    expect(codeFingerprint(dir)).toBe(before);
    writeFileSync(join(dir, 'analyzer.js'), 'export const MIN_PART = 5;');
    expect(codeFingerprint(dir)).not.toBe(before);
  });

  it('gives a fingerprint for a directory it cannot read, so the cache is keyed by format and settings alone', () => {
    expect(codeFingerprint('/nonexistent/pakt-code')).toMatch(/^[0-9a-f]{64}$/);
  });
});
