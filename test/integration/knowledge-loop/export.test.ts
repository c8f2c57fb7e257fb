/**
 * `knowledge export --html DIR` end to end (issue 14 item 4): the shipped knowledge/ exported through the CLI
 * command, one page per document with an anchor for every passage, Stand and source shown; then Chromium
 * (playwright-core, Debian's package as in the workplace tests) opens the pages from the file system, runs
 * axe-core (no serious or critical WCAG 2 A/AA finding) and uses the client-side search.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeCommand } from '../../../src/cli/commands/knowledge.js';
import { EXIT_OK, EXIT_USAGE, type CliContext } from '../../../src/cli/context.js';
import { silentLogger } from '../../../src/core/ports.js';
import { readSources } from '../../../src/knowledge/sources.fs.js';
import { documentFile, faqLink } from '../../../src/knowledge-loop/export-links.js';
import { parseConfig } from '../../../src/server/config.js';

const CHROMIUM = '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM) || process.env.CI === 'true';
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let dir: string;

function capture(): CliContext & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { config: parseConfig({ DATABASE_URL: `sqlite:${join(dir, 'pakt.db')}` }), logger: silentLogger, out: (t) => stdout.push(t), err: (t) => stderr.push(t), stdout, stderr };
}

async function seriousFindings(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const page = globalThis as unknown as { document: unknown; axe: { run(ctx: unknown, o: object): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } };
    const result = await page.axe.run(page.document, { runOnly: ['wcag2a', 'wcag2aa'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, count: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.count})`);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pakt-faq-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('knowledge export --html', { timeout: 120_000 }, () => {
  let site: string;

  it('writes one page per document with every passage as an anchor, its Stand and its source', async () => {
    site = join(dir, 'site');
    const ctx = capture();
    const code = await knowledgeCommand(['export', '--html', site, '--json'], ctx);
    expect(ctx.stderr.join('')).not.toMatch(/Fehler/);
    expect(code).toBe(EXIT_OK);
    const result = JSON.parse(ctx.stdout.join('')) as { documents: { id: string; file: string; passages: number }[]; passages: number };
    const sources = await readSources('./knowledge');
    const docs = sources.documents.filter((d) => d.documentId !== null && d.passages.length > 0);
    expect(result.documents.map((d) => d.id).sort()).toEqual(docs.map((d) => d.documentId).sort());
    expect(result.passages).toBe(docs.reduce((n, d) => n + d.passages.length, 0));
    const files = await readdir(site);
    expect(files).toEqual(expect.arrayContaining(['index.html', 'faq.css', 'suche.js', 'suchindex.js', ...docs.map((d) => documentFile(d.documentId!))]));
    for (const doc of docs) {
      const html = await readFile(join(site, documentFile(doc.documentId!)), 'utf8');
      for (const p of doc.passages) {
        expect(html).toContain(`<section id="${p.section}"`);
        expect(html).toContain(`<code>${p.id}</code>`);
      }
    }
    const faq = await readFile(join(site, 'faq.html'), 'utf8');
    expect(faq).toMatch(/<dt>Stand<\/dt><dd>[^<]+<\/dd>/);
    expect(faq).toContain('href="https://rp.baden-wuerttemberg.de/');
    expect(faq).toContain('<html lang="de">');
  });

  it('links a citation to its passage on the site', () => {
    expect(faqLink('https://rp.example/faq', 'faq#stellenteilung')).toBe('https://rp.example/faq/faq.html#stellenteilung');
    expect(faqLink('https://rp.example/faq/', 'vwv-im#5.2')).toBe('https://rp.example/faq/vwv-im.html#5.2');
    expect(faqLink(undefined, 'faq#stellenteilung')).toBeNull();
    expect(faqLink('https://rp.example/', 'faq')).toBeNull();
  });

  it('refuses a call without a folder (exit 2)', async () => {
    const ctx = capture();
    expect(await knowledgeCommand(['export'], ctx)).toBe(EXIT_USAGE);
    expect(ctx.stderr.join('')).toContain('--html ORDNER fehlt');
  });

  describe.skipIf(!hasBrowser)('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('has no serious or critical axe finding on the index and on every document page', async () => {
      const page = await browser.newPage();
      const pages = ['index.html', ...(await readdir(site)).filter((f) => f.endsWith('.html') && f !== 'index.html')];
      const findings: Record<string, string[]> = {};
      for (const file of pages) {
        await page.goto(pathToFileURL(join(site, file)).href);
        const found = await seriousFindings(page);
        if (found.length > 0) findings[file] = found;
      }
      expect(findings).toEqual({});
      await page.close();
    });

    it('finds a passage with the client-side search and leads to its anchor', async () => {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(site, 'index.html')).href);
      await page.getByLabel('Suche in den Fragen und Antworten').fill('Teilstelle VZÄ');
      await page.getByRole('button', { name: 'Suchen' }).click();
      const hit = page.locator('#suchergebnisse a', { hasText: 'Integrationsmanagerstelle auf mehrere Personen' });
      await hit.waitFor();
      expect(await hit.getAttribute('href')).toBe('faq.html#stellenteilung');
      expect(await seriousFindings(page)).toEqual([]);
      await page.getByLabel('Suche in den Fragen und Antworten').fill('Quantenchromodynamik');
      await page.getByRole('button', { name: 'Suchen' }).click();
      await page.getByRole('heading', { name: /Keine Treffer/ }).waitFor();
      await page.close();
    });
  });
});
