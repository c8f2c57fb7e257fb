/**
 * The Vorgang additions of issue 13 in Chromium (playwright-core, real server, SQLite file, SMTP sink, OpenID
 * provider): the triage reasons and the exact answer preview, Frist ändern with the keyboard alone, and the
 * read-only role "Lesen" on the Vorgang and the Übersicht with its charts. axe-core on every page (no serious
 * or critical finding) and a screenshot each under test-results/workplace/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, SHOTS, hasBrowser, seriousFindings, signInAs } from './browser-helpers.js';
import { readerContacts, startWorkplace, type WorkplaceHarness } from './harness.js';

const HEILBRONN = {
  from: 'integration@heilbronn.de',
  subject: 'Bescheid für unseren Antrag',
  text: 'Sehr geehrte Damen und Herren,\nwir haben den Antrag auf Förderung des Integrationsmanagements gestellt (Az. HN-0815). Wann erhalten wir den Bescheid?\nMit freundlichen Grüßen\nStadt Heilbronn',
};

/** Tabs until `selector` has the focus; every stop on the way must show a focus outline. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    await page.keyboard.press('Tab');
    const state = await page.evaluate((sel) => {
      const g = globalThis as unknown as { document: { activeElement: { matches(s: string): boolean; id: string; tagName: string } | null }; getComputedStyle(e: unknown): { outlineStyle: string } };
      const el = g.document.activeElement;
      return { hit: el?.matches(sel) ?? false, outline: el === null ? 'none' : g.getComputedStyle(el).outlineStyle, what: `${el?.tagName ?? ''}#${el?.id ?? ''}` };
    }, selector);
    expect(state.outline, state.what).not.toBe('none');
    if (state.hit) return;
  }
  throw new Error(`focus never reached ${selector}`);
}

describe.skipIf(!hasBrowser)('workplace Vorgang additions in Chromium', { timeout: 120_000 }, () => {
  let h: WorkplaceHarness;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'pakt-workplace-browser-'));
    h = await startWorkplace({ env: { CONTACTS_FILE: readerContacts(dir) } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the triage reasons and the exact mail in the preview', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signInAs(page, h, 'sb-nord-1');
    await page.goto(`${h.url}/arbeitsplatz/vorgang/${number}`);
    await page.getByRole('heading', { name: 'Warum ein Vorgang' }).waitFor();
    await page.getByLabel('Antworttext').fill('Ihr Bescheid kommt nächste Woche.');
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    const preview = page.locator('.vorschau pre');
    await preview.waitFor();
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain(`Betreff: AW: [${number}] Bescheid für unseren Antrag`);
    expect(text).toContain('Ihr Bescheid kommt nächste Woche.');
    await page.screenshot({ path: `${SHOTS}/vorschau.png`, fullPage: true });
    expect(await seriousFindings(page)).toEqual([]);
    await context.close();
  });

  it('changes the resolution deadline with the keyboard alone; the history shows old, new and the reason', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const context = await browser.newContext({ bypassCSP: true, locale: 'de-DE' });
    const page = await context.newPage();
    await signInAs(page, h, 'sb-nord-1');
    await page.goto(`${h.url}/arbeitsplatz/vorgang/${number}`);
    const before = await page.locator('#frist-datum').inputValue();
    await tabTo(page, '#frist-datum');
    // The date field's parts (day, month, year in either order) are focus stops; the year comes last.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowUp');
    const after = await page.locator('#frist-datum').inputValue();
    expect(Number(after.slice(0, 4))).toBe(Number(before.slice(0, 4)) + 1);
    await tabTo(page, '#frist-grund');
    await page.keyboard.type('Unterlagen der Stadt fehlen noch.');
    await tabTo(page, 'form[action$="/frist"] button');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Die Frist für die Erledigung wurde geändert.' }).waitFor();
    const history = (await page.locator('.verlauf').textContent()) ?? '';
    expect(history).toContain('Frist geändert');
    expect(history).toContain(`→ ${after.split('-').reverse().join('.')}, 23:59`);
    expect(history).toContain('Unterlagen der Stadt fehlen noch.');
    await page.screenshot({ path: `${SHOTS}/frist.png`, fullPage: true });
    expect(await seriousFindings(page)).toEqual([]);
    await context.close();
  });

  it('shows a reader the ticket without any action and the overview with charts and their tables', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signInAs(page, h, 'lesen-1');
    await page.goto(`${h.url}/arbeitsplatz/vorgang/${number}`);
    await page.getByText('Mit der Rolle „Lesen“ können Sie diesen Vorgang lesen').waitFor();
    expect(await page.locator('form[method="post"][action*="/vorgang/"]').count()).toBe(0);
    expect(await seriousFindings(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/lesen.png`, fullPage: true });

    await page.getByRole('link', { name: 'Übersicht' }).click();
    await page.getByRole('img', { name: /Anfragen je Woche nach Kanal/ }).waitFor();
    await page.getByRole('img', { name: /Anfragen je Woche nach Ergebnis/ }).waitFor();
    await page.getByRole('table', { name: /Anfragen je Woche nach Ergebnis .*: Zahlen/ }).waitFor();
    expect(await page.locator('rect.balken').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/uebersicht-diagramme.png`, fullPage: true });
    expect(await seriousFindings(page)).toEqual([]);
    await context.close();
  });
});
