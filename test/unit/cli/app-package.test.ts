import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAppPackage, DEFAULT_APP_TEMPLATE_DIR, renderManifest } from '../../../src/cli/teams-package/app-package.js';
import { isAppError } from '../../../src/core/errors.js';

const BOT = '3f2b7c1e-1111-4222-8333-444455556666';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pakt-manifest-'));
  cpSync(DEFAULT_APP_TEMPLATE_DIR, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function editTemplate(edit: (manifest: Record<string, unknown>) => void): void {
  const file = join(dir, 'manifest.template.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(file, JSON.stringify(manifest));
}

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
}

describe(buildAppPackage.name, () => {
  it('zips the manifest with the bot id, three scopes, the command list and both icons at their sizes', async () => {
    const { zip, manifest } = await buildAppPackage({ botId: BOT, version: '1.2.3' });
    const archive = await JSZip.loadAsync(zip);
    expect(Object.keys(archive.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const stored = JSON.parse(await archive.file('manifest.json')!.async('string'));
    expect(stored).toEqual(manifest);
    expect(stored).toMatchObject({ id: BOT, version: '1.2.3', bots: [{ botId: BOT, scopes: ['personal', 'team', 'groupChat'] }] });
    const titles = stored.bots[0].commandLists.flatMap((l: { commands: { title: string }[] }) => l.commands.map((c) => c.title));
    expect(new Set(titles)).toEqual(new Set(['hilfe', 'registrieren']));
    const color = PNG.sync.read(await archive.file('color.png')!.async('nodebuffer'));
    const outline = PNG.sync.read(await archive.file('outline.png')!.async('nodebuffer'));
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    const alphas = new Set<number>();
    for (let i = 3; i < outline.data.length; i += 4) alphas.add(outline.data[i]!);
    expect(alphas).toEqual(new Set([0, 255])); // outline: white on transparent
  });
});

describe(renderManifest.name, () => {
  it('refuses a bot id that is not a GUID', () => {
    expect(codeOf(() => renderManifest({ botId: 'my-bot', version: '1.0.0' }))).toBe('CONFIG_INVALID');
  });

  it('refuses a template missing a required field, naming it', () => {
    editTemplate((m) => delete m['developer']);
    expect(() => renderManifest({ botId: BOT, version: '1.0.0', templateDir: dir })).toThrow(/developer/);
  });

  it('refuses a command the bot does not know', () => {
    editTemplate((m) => {
      const bots = m['bots'] as { commandLists: { commands: { title: string; description: string }[] }[] }[];
      bots[0]!.commandLists[0]!.commands.push({ title: 'zaubern', description: 'x' });
    });
    expect(codeOf(() => renderManifest({ botId: BOT, version: '1.0.0', templateDir: dir }))).toBe('TEMPLATE_INVALID');
  });

  it('refuses an unknown placeholder', () => {
    editTemplate((m) => (m['packageName'] = '${{PACKAGE}}'));
    expect(codeOf(() => renderManifest({ botId: BOT, version: '1.0.0', templateDir: dir }))).toBe('TEMPLATE_INVALID');
  });
});
