import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../../src/knowledge/knowledge-base.fs.js';
import { docx, markdown, pdf, recordingLogger } from './documents.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pakt-knowledge-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeSources(): Promise<void> {
  await writeFile(join(dir, 'faq.md'), markdown('faq', { 'Sachbericht {#sachbericht}': 'Der Sachbericht umfasst höchstens drei Seiten.' }));
  await writeFile(join(dir, 'kaputt.md'), '---\nid: kaputt\ntitle: [offen\n---\n## A\nText');
  await writeFile(join(dir, 'zz-doppelt.md'), markdown('faq', { 'Anderes {#anderes}': 'Doppelte Dokument-Id.' }));
  await writeFile(
    join(dir, 'vwv.pdf'),
    await pdf(['Verwaltungsvorschrift', '1 Zuwendungszweck', 'Das Land fördert Integrationsmanagement.', '2 Gegenstand', 'Gefördert wird die Beratung.', 'Nr. 2.1 Förderfähige Ausgaben', 'Fortbildungskosten von Integrationsmanagern sind förderfähig.']),
  );
  await writeFile(join(dir, 'vwv.meta.yaml'), 'id: vwv-pdf\ntitle: VwV als PDF\ncitation: VwV Integrationsmanagement\nsource: https://example.org/vwv.pdf\nstand: 2017-07-24\n');
  await writeFile(join(dir, 'Hinweise zum Verfahren.docx'), await docx(['# Antragsverfahren', 'Die Kreise stellen die Anträge beim Regierungspräsidium.', '# Mittelabruf', 'Der Mittelabruf erfolgt halbjährlich.']));
  await writeFile(join(dir, 'defekt.pdf'), 'this is not a PDF');
  await writeFile(join(dir, 'kontakte.yaml'), 'teams: [ { id: unvollständig');
  await writeFile(join(dir, 'README.md'), '# Ordner\n\n## Aufbau\n\nKein Dokument.');
}

describe(openKnowledgeBase.name, () => {
  it('loads Markdown, PDF and DOCX, ignores other YAML and README, and reports broken files with file and line', async () => {
    await writeSources();
    const logger = recordingLogger();
    const kb = await openKnowledgeBase({ dir, logger });
    const ids = kb.passages().map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['faq#sachbericht', 'vwv-pdf#1', 'vwv-pdf#2', 'vwv-pdf#2.1', 'hinweise-zum-verfahren#antragsverfahren', 'hinweise-zum-verfahren#mittelabruf']));
    expect(ids).not.toContain('faq#anderes');
    expect(ids.some((id) => id.startsWith('kaputt') || id.startsWith('readme') || id.startsWith('defekt'))).toBe(false);
    const status = kb.status();
    expect(status).toMatchObject({ ready: true, documentCount: 3, passageCount: ids.length });
    expect(status.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'kaputt.md', line: 3 }),
        expect.objectContaining({ file: 'zz-doppelt.md', line: 2, message: expect.stringMatching(/duplicate document id "faq"/) }),
        expect.objectContaining({ file: 'defekt.pdf', message: expect.stringMatching(/cannot read PDF/) }),
      ]),
    );
    expect(status.problems.some((p) => p.file.includes('kontakte') || p.file.includes('README'))).toBe(false);
    expect(logger.records.filter((r) => r.level === 'warn').map((r) => r.obj.file)).toEqual(expect.arrayContaining(['kaputt.md', 'zz-doppelt.md', 'defekt.pdf']));
    const answer = kb.ask('Sind Fortbildungskosten förderfähig?');
    expect(answer.answer).toMatchObject({ passageId: 'vwv-pdf#2.1', citation: 'VwV Integrationsmanagement Nr. 2.1', stand: '2017-07-24' });
    expect(kb.ask('Wie oft ist der Mittelabruf?').hits[0]?.id).toBe('hinweise-zum-verfahren#mittelabruf');
    await kb.close();
  });

  it('keeps a document id with the file named after it when a stray copy sorts first, and cites years as slugs', async () => {
    await writeFile(join(dir, 'faq.md'), markdown('faq', { 'Sachbericht {#sachbericht}': 'Der Sachbericht umfasst höchstens drei Seiten.' }));
    await writeFile(join(dir, 'aa-kopie.md'), markdown('faq', { 'Kopie {#kopie}': 'Eine versehentliche Kopie.' }));
    await writeFile(join(dir, 'chronik.md'), markdown('chronik', { 'Das Jahr 2019 {#2019}': 'Im Jahr 2019 standen 70 Millionen Euro bereit.' }));
    const kb = await openKnowledgeBase({ dir, logger: recordingLogger() });
    const ids = kb.passages().map((p) => p.id);
    expect(ids).toContain('faq#sachbericht');
    expect(ids).not.toContain('faq#kopie');
    expect(kb.status().problems).toEqual([expect.objectContaining({ file: 'aa-kopie.md', message: expect.stringMatching(/duplicate document id "faq" \(already used by faq\.md\)/) })]);
    const year = kb.passages().find((p) => p.id === 'chronik#2019');
    expect(year?.citation).not.toMatch(/Nr\. 2019/);
    await kb.close();
  });

  it('starts without documents when the directory is missing, not ready, with a problem', async () => {
    const kb = await openKnowledgeBase({ dir: join(dir, 'fehlt'), logger: recordingLogger() });
    expect(kb.status()).toMatchObject({ ready: false, passageCount: 0 });
    expect(kb.status().problems[0]!.message).toMatch(/cannot read knowledge directory/);
    expect(kb.ask('Sachbericht').outcome).not.toBe('answer');
  });

  it('reuses the on-disk index cache and rebuilds it when a source changes or the cache is corrupt', async () => {
    await writeSources();
    const cacheDir = join(dir, '.cache');
    const loads = async (): Promise<unknown[]> => {
      const logger = recordingLogger();
      const kb = await openKnowledgeBase({ dir, cacheDir, logger });
      expect(kb.ask('Wie viele Seiten hat der Sachbericht?').hits[0]?.id).toBe('faq#sachbericht');
      return logger.records.filter((r) => r.msg === 'knowledge loaded').map((r) => r.obj.cached);
    };
    expect(await loads()).toEqual([false]);
    expect(await loads()).toEqual([true]);
    await writeFile(join(dir, 'neu.md'), markdown('neu', { 'Neu {#neu}': 'Ein neuer Abschnitt.' }));
    expect(await loads()).toEqual([false]);
    await writeFile(join(cacheDir, 'knowledge-index.json'), '{"format": 5, "key": "x"');
    expect(await loads()).toEqual([false]);
    expect(await loads()).toEqual([true]);
  });

  it('answers from the restored cache exactly as from a fresh build (vocabulary, learned compound parts, domain)', async () => {
    await writeSources();
    const cacheDir = join(dir, '.cache');
    const questions = ['Sachberichtsumfang?', 'Fortbildungskosten förderfähig?', 'Wie läuft der Abruf der Mittel?', 'Wie funktioniert die Rückforderung beim Antragsverfahren?', 'Kita-Platz gesucht'];
    const answers = async (): Promise<unknown[]> => {
      const kb = await openKnowledgeBase({ dir, cacheDir, logger: recordingLogger() });
      return questions.map((q) => kb.ask(q));
    };
    const fresh = await answers();
    expect(await answers()).toEqual(fresh);
  });
});
