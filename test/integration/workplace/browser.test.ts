/**
 * The workplace in a real browser: playwright-core drives Debian's Chromium (installed by .ci/run) against the
 * real server, a real SQLite file, the SMTP sink and a real OpenID provider on loopback. Each test saves a
 * screenshot under test-results/workplace/ and runs axe-core on the pages it visits (contexts bypass the
 * pages' strict CSP only so that the axe script can be injected).
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, SHOTS, hasBrowser, seriousFindings, signInAs } from './browser-helpers.js';
import { startWorkplace, type WorkplaceHarness } from './harness.js';

const HEILBRONN = {
  from: 'integration@heilbronn.de',
  subject: 'Bescheid für unseren Antrag',
  text: 'Sehr geehrte Damen und Herren,\nwir haben den Antrag auf Förderung des Integrationsmanagements gestellt (Az. HN-0815). Wann erhalten wir den Bescheid?\nMit freundlichen Grüßen\nStadt Heilbronn',
};

// A browser test spans two sign-ins and several page loads: room for a loaded 2-core CI machine.
describe.skipIf(!hasBrowser)('workplace in Chromium', { timeout: 120_000 }, () => {
  let h: WorkplaceHarness;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    h = await startWorkplace();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('signs in through the OpenID provider and shows the queue without serious accessibility findings', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signInAs(page, h, 'sb-nord-1');
    await page.getByRole('heading', { level: 1, name: 'Eingang' }).waitFor();
    await page.getByRole('link', { name: number }).waitFor();
    await page.screenshot({ path: `${SHOTS}/eingang.png`, fullPage: true });
    expect(await seriousFindings(page)).toEqual([]);
    await context.close();
  });

  it('takes a ticket over and hands it over with a note; it lands in the colleague\'s queue', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const one = await browser.newContext({ bypassCSP: true });
    const page = await one.newPage();
    await signInAs(page, h, 'sb-nord-1');
    await page.getByRole('link', { name: number }).click();
    await page.getByRole('button', { name: 'Übernehmen' }).click();
    await page.getByRole('status').filter({ hasText: 'Sie haben den Vorgang übernommen.' }).waitFor();
    await expect(page.locator('#bearbeitung').textContent()).resolves.toContain('Sachbearbeitung Team Nord (1)');
    expect(await seriousFindings(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/vorgang.png`, fullPage: true });

    await page.getByLabel('An', { exact: true }).selectOption('sb-nord-2');
    await page.getByLabel('Notiz für die Kollegin oder den Kollegen (Pflicht)').fill('Bitte den Bescheid prüfen.');
    await page.getByRole('button', { name: 'Weitergeben' }).click();
    await page.getByRole('status').filter({ hasText: 'übergeben' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/uebergeben.png`, fullPage: true });

    const two = await browser.newContext({ bypassCSP: true });
    const colleague = await two.newPage();
    await signInAs(colleague, h, 'sb-nord-2');
    await colleague.getByRole('link', { name: /Meine Vorgänge/ }).click();
    await colleague.getByRole('link', { name: number }).waitFor();
    await colleague.getByRole('link', { name: number }).click();
    await colleague.getByText('Bitte den Bescheid prüfen.').first().waitFor();
    await colleague.screenshot({ path: `${SHOTS}/kollegin.png`, fullPage: true });
    await Promise.all([one.close(), two.close()]);
  });

  it('lets only one of two browsers take a ticket over; the other sees who was faster', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const [a, b] = await Promise.all([browser.newContext(), browser.newContext()]);
    const [pa, pb] = await Promise.all([a.newPage(), b.newPage()]);
    await signInAs(pa, h, 'sb-nord-1');
    await signInAs(pb, h, 'sb-nord-2');
    await Promise.all([pa.goto(`${h.url}/arbeitsplatz/vorgang/${number}`), pb.goto(`${h.url}/arbeitsplatz/vorgang/${number}`)]);
    await Promise.all([pa.getByRole('button', { name: 'Übernehmen' }).click(), pb.getByRole('button', { name: 'Übernehmen' }).click()]);
    // Each page shows either the confirmation or the refusal once its request has been answered.
    await Promise.all([pa, pb].map((p) => p.locator('.meldung.ok, .meldung.fehler').first().waitFor()));
    const texts = await Promise.all([pa.locator('main').textContent(), pb.locator('main').textContent()]);
    const won = texts.filter((t) => t?.includes('Sie haben den Vorgang übernommen.')).length;
    const lost = texts.filter((t) => t?.includes('hat den Vorgang bereits übernommen')).length;
    expect([won, lost]).toEqual([1, 1]);
    const loser = texts[0]?.includes('bereits übernommen') === true ? pa : pb;
    await loser.screenshot({ path: `${SHOTS}/uebernahme-verloren.png`, fullPage: true });
    await Promise.all([a.close(), b.close()]);
  });

  it('shows a change by someone else without reload (server-sent events)', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const [a, b] = await Promise.all([browser.newContext({ bypassCSP: true }), browser.newContext({ bypassCSP: true })]);
    const [watcher, actor] = await Promise.all([a.newPage(), b.newPage()]);
    await signInAs(watcher, h, 'sb-nord-1');
    await signInAs(actor, h, 'sb-nord-2');
    await watcher.goto(`${h.url}/arbeitsplatz/vorgang/${number}`);
    await watcher.getByLabel('Antworttext').fill('Noch nicht fertig');
    await actor.goto(`${h.url}/arbeitsplatz/vorgang/${number}`);
    await actor.getByRole('button', { name: 'Übernehmen' }).click();
    const notice = watcher.locator('#live-hinweis');
    await notice.waitFor({ state: 'visible', timeout: 10_000 });
    await expect(notice.textContent()).resolves.toContain('Dieser Vorgang wurde soeben geändert durch Sachbearbeitung Team Nord (2).');
    await expect(watcher.getByLabel('Antworttext').inputValue()).resolves.toBe('Noch nicht fertig');
    await watcher.screenshot({ path: `${SHOTS}/live.png`, fullPage: true });
    await Promise.all([a.close(), b.close()]);
  });

  it('shows the team lead the overview with the Kreis map and no serious accessibility findings', async () => {
    await h.seedTicket(HEILBRONN);
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signInAs(page, h, 'leitung');
    await page.getByRole('link', { name: 'Übersicht' }).click();
    await page.getByRole('img', { name: /Karte der 44 Kreise/ }).waitFor();
    await page.screenshot({ path: `${SHOTS}/uebersicht.png`, fullPage: true });
    expect(await seriousFindings(page)).toEqual([]);
    await context.close();
  });

  it('answers and hands over with the keyboard alone, with a visible focus on every control reached', async () => {
    const number = await h.seedTicket(HEILBRONN);
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signInAs(page, h, 'sb-nord-1');
    await page.goto(`${h.url}/arbeitsplatz/vorgang/${number}`);
    // Tab until `selector` has the focus; every control passed on the way must show a focus outline.
    const tabTo = async (selector: string): Promise<void> => {
      for (let i = 0; i < 80; i += 1) {
        await page.keyboard.press('Tab');
        const state = await page.evaluate((sel) => {
          const g = globalThis as unknown as { document: { activeElement: { matches(s: string): boolean } | null }; getComputedStyle(e: unknown): { outlineStyle: string } };
          const el = g.document.activeElement;
          return { hit: el?.matches(sel) ?? false, outline: el === null ? 'none' : g.getComputedStyle(el).outlineStyle };
        }, selector);
        expect(state.outline).not.toBe('none');
        if (state.hit) return;
      }
      throw new Error(`focus never reached ${selector}`);
    };
    await tabTo('#antwort');
    await page.keyboard.type('Ihr Bescheid kommt nächste Woche.');
    await tabTo('button[value="vorschau"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.vorschau');
    await tabTo('button[value="senden"]');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'in den Versand gegeben' }).waitFor();

    await tabTo('#an');
    await page.keyboard.press('ArrowDown');
    const target = await page.locator('#an option:checked').textContent();
    await tabTo('#uebergabe-notiz');
    await page.keyboard.type('Bitte übernehmen.');
    await tabTo('form[action$="/weitergeben"] button');
    await page.keyboard.press('Enter');
    const name = (target ?? '').replace(/^(Team-Warteschlange|Person): /, '');
    await page.getByRole('status').filter({ hasText: `Der Vorgang wurde an ${name} übergeben.` }).waitFor();
    await page.screenshot({ path: `${SHOTS}/tastatur.png`, fullPage: true });
    await context.close();
  });
});
