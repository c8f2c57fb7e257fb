/**
 * The knowledge loop's pages in Chromium (playwright-core, Debian's package as in the workplace tests) on the
 * whole running service in local mode: the feedback page of a mail answer (vote with a comment, thanks page)
 * and Übersicht → Wissenslücken for the team lead; axe-core on each (no serious or critical WCAG 2 A/AA
 * finding). Contexts bypass the pages' CSP only so that the axe script can be injected.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signFeedbackToken } from '../../../src/knowledge-loop/feedback-token.js';
import { createGapsStore } from '../../../src/knowledge-loop/gaps-store.js';
import { startWorkplace, type WorkplaceHarness } from '../workplace/harness.js';

const CHROMIUM = '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM) || process.env.CI === 'true';
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SECRET = 'f'.repeat(48);

async function seriousFindings(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const page = globalThis as unknown as { document: unknown; axe: { run(ctx: unknown, o: object): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } };
    const result = await page.axe.run(page.document, { runOnly: ['wcag2a', 'wcag2aa'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, count: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.count})`);
}

describe.skipIf(!hasBrowser)('knowledge loop pages in Chromium', { timeout: 120_000 }, () => {
  let h: WorkplaceHarness;
  let browser: Browser;

  beforeAll(async () => {
    h = await startWorkplace({ local: true, env: { FEEDBACK_SECRET: SECRET } });
    await h.seedTicket({ from: 'integration@heilbronn.de', subject: 'Dolmetscher', text: 'Gibt es Zuschüsse für Dolmetscher bei Beratungsgesprächen im Integrationsmanagement?' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('takes a "Hat nicht geholfen" with a comment on the feedback page of a mail answer', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const token = signFeedbackToken(SECRET, { enquiryKey: 'email:<answer-1@gemeinde.example>', passageId: 'faq#stellenteilung' }, new Date());
    await page.goto(`${h.url}/rueckmeldung/${token}`);
    await page.getByRole('heading', { level: 1, name: 'War die Antwort hilfreich?' }).waitFor();
    expect(await seriousFindings(page)).toEqual([]);
    await page.getByLabel(/Möchten Sie uns noch etwas sagen/).fill('Mir fehlt der Fall mit drei Teilstellen.');
    await page.getByRole('button', { name: 'Hat nicht geholfen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vielen Dank für Ihre Rückmeldung' }).waitFor();
    expect(await seriousFindings(page)).toEqual([]);
    const votes = await createGapsStore(h.app.services.sql).feedbackSince('1970-01-01');
    expect(votes).toMatchObject([{ enquiryKey: 'email:<answer-1@gemeinde.example>', passageId: 'faq#stellenteilung', helpful: false, comment: 'Mir fehlt der Fall mit drei Teilstellen.' }]);
    await context.close();
  });

  it('shows the team lead Übersicht → Wissenslücken', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${h.url}/arbeitsplatz/anmelden`);
    await page.getByLabel('Rolle').selectOption('leitung');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.goto(`${h.url}/arbeitsplatz/uebersicht`);
    await page.getByRole('link', { name: 'Wissenslücken' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Wissenslücken' }).waitFor();
    expect(await page.content()).toContain('Dolmetscher');
    expect(await seriousFindings(page)).toEqual([]);
    await context.close();
  });
});
