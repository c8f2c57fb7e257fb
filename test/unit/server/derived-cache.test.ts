/** The DerivedCache on disk: an entry counts only under its exact key; broken or unwritable files cost only time. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDerivedCache } from '../../../src/server/derived-cache.fs.js';
import { createRecordingLogger } from '../../fakes/logger.js';

describe(createDerivedCache.name, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pakt-derived-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns a stored value under the same key only', () => {
    const cache = createDerivedCache(join(dir, 'cache'), createRecordingLogger());
    expect(cache.get('routing-data', 'k1')).toBeNull();
    cache.put('routing-data', 'k1', { teams: ['nord'] });
    expect(cache.get('routing-data', 'k1')).toEqual({ teams: ['nord'] });
    expect(cache.get('routing-data', 'k2')).toBeNull();
    cache.put('routing-data', 'k2', true);
    expect(cache.get('routing-data', 'k1')).toBeNull();
    expect(createDerivedCache(join(dir, 'cache'), createRecordingLogger()).get('routing-data', 'k2')).toBe(true);
  });

  it('treats an unreadable entry as absent and logs it', () => {
    const logger = createRecordingLogger();
    writeFileSync(join(dir, 'templates-workplace.json'), '{"format":1,"key":"k1","val');
    expect(createDerivedCache(dir, logger).get('templates-workplace', 'k1')).toBeNull();
    expect(logger.lines.map((l) => l.obj['code'])).toEqual(['INDEX_CACHE_INVALID']);
  });

  it('logs a failed write instead of throwing', () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, '');
    const logger = createRecordingLogger();
    expect(() => createDerivedCache(file, logger).put('routing-data', 'k1', true)).not.toThrow();
    expect(logger.lines.map((l) => l.msg)).toEqual(['cannot write derived cache entry']);
  });

  it('refuses entry names that are not plain file names', () => {
    expect(() => createDerivedCache(dir, createRecordingLogger()).get('../x', 'k')).toThrow(/invalid entry name/);
  });
});
