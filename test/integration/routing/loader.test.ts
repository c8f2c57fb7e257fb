/** loadRouting on real files: defaults relative to cwd, custom paths, and every kind of invalid data. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { silentLogger } from '../../../src/core/ports.js';
import { loadRouting } from '../../../src/routing/router.loader.js';
import { InMemorySenderDirectory } from '../../../src/routing/sender-directory.js';
import type { DerivedCache } from '../../../src/core/ports.js';
import { createDerivedCache } from '../../../src/server/derived-cache.fs.js';

async function loadError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe(loadRouting.name, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'routing-loader-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the shipped data with defaults and routes', async () => {
    const routing = await loadRouting({ logger: silentLogger });
    expect(routing.router.route({ text: 'Gemeinde Aidlingen' }).kreis?.ags).toBe('08115');
    expect(routing.gemeinden.all()).toHaveLength(1101);
    expect(routing.gemeinden.byAgs('08212000')?.name).toBe('Karlsruhe');
    expect(routing.gemeinden.kreis('08215')?.typ).toBe('Landkreis');
    expect(routing.gemeinden.kreise()).toHaveLength(44);
    expect(routing.staff.teams().length).toBeGreaterThanOrEqual(5);
    expect(routing.buildMs).toBeGreaterThan(0);
  });

  it('remembers confirmed senders and rejects unknown municipalities', async () => {
    const senderDirectory = new InMemorySenderDirectory();
    const routing = await loadRouting({ logger: silentLogger, senderDirectory });
    routing.confirmSender('im@gmx.de', '08115001', 'teams:rueckfrage', new Date('2026-03-02T09:00:00Z'));
    expect(routing.router.route({ text: 'Hallo', from: 'im@gmx.de' }).gemeinde?.name).toBe('Aidlingen');
    expect(() => routing.confirmSender('im@gmx.de', '08999999', 'x', new Date())).toThrow(AppError);
  });

  it('stops with CONTACTS_INVALID naming the file and the missing Kreis', async () => {
    const file = path.join(dir, 'kontakte.yaml');
    writeFileSync(file, readFileSync('knowledge/kontakte.yaml', 'utf8').replace(/^.*kreis_ags: "08437".*\n/m, ''));
    const error = await loadError(loadRouting({ logger: silentLogger, contactsFile: file }));
    expect(error.code).toBe('CONTACTS_INVALID');
    expect(error.message).toContain('kontakte.yaml');
    expect(error.message).toContain('08437 (Landkreis Sigmaringen)');
  });

  it('stops with CONTACTS_INVALID when the contacts file is missing', async () => {
    const error = await loadError(loadRouting({ logger: silentLogger, contactsFile: path.join(dir, 'fehlt.yaml') }));
    expect(error.code).toBe('CONTACTS_INVALID');
  });

  it('stops with ROUTING_DATA_INVALID naming file and line of a malformed CSV row', async () => {
    const csv = readFileSync('resources/geo/bw-gemeinden.csv', 'utf8').split('\n');
    csv[5] = '0811X005,Kaputt,08115,Böblingen,Landkreis,Stuttgart,71000';
    writeFileSync(path.join(dir, 'bw-gemeinden.csv'), csv.join('\n'));
    writeFileSync(path.join(dir, 'bw-kreise.csv'), readFileSync('resources/geo/bw-kreise.csv'));
    const error = await loadError(loadRouting({ logger: silentLogger, geoDir: dir }));
    expect(error.code).toBe('ROUTING_DATA_INVALID');
    expect(error.message).toContain('bw-gemeinden.csv line 6');
  });

  it('resolves relative paths against the working directory', async () => {
    const error = await loadError(loadRouting({ logger: silentLogger, geoDir: 'does/not/exist' }));
    expect(error.code).toBe('ROUTING_DATA_INVALID');
    expect(error.message).toContain(path.join(process.cwd(), 'does/not/exist'));
  });

  it('remembers data that passed every check and checks a changed contacts file again', async () => {
    const file = path.join(dir, 'kontakte.yaml');
    const shipped = readFileSync('knowledge/kontakte.yaml', 'utf8');
    writeFileSync(file, shipped);
    // On disk, as the server keeps it: the restored data went through JSON.
    const disk = createDerivedCache(path.join(dir, 'cache'), silentLogger);
    const puts: string[] = [];
    const cache: DerivedCache = {
      get: (name, key) => disk.get(name, key),
      put: (name, key, value) => {
        puts.push(name);
        disk.put(name, key, value);
      },
    };
    const fresh = await loadRouting({ logger: silentLogger, contactsFile: file, cache });
    expect(puts).toEqual(['routing-data']);
    const restored = await loadRouting({ logger: silentLogger, contactsFile: file, cache });
    expect(puts).toEqual(['routing-data']); // restored, not parsed and stored again
    expect(restored.staff.teams()).toEqual(fresh.staff.teams());
    expect(restored.gemeinden.all()).toEqual(fresh.gemeinden.all());
    expect(restored.router.route({ text: 'Gemeinde Aidlingen' }).kreis?.ags).toBe('08115');
    writeFileSync(file, shipped.replace(/^.*kreis_ags: "08437".*\n/m, ''));
    const error = await loadError(loadRouting({ logger: silentLogger, contactsFile: file, cache }));
    expect(error.code).toBe('CONTACTS_INVALID');
    expect(error.message).toContain('08437 (Landkreis Sigmaringen)');
  });
});

