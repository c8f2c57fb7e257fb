/**
 * Shared by the browser tests: where Chromium and the screenshots live, axe-core's serious findings, and the
 * sign-in through the test OpenID provider.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { WorkplaceHarness } from './harness.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = 'test-results/workplace';
// Without the browser the suite is skipped locally; in CI (.ci/run installs it) a missing browser fails.
export const hasBrowser = existsSync(CHROMIUM) || process.env.CI === 'true';
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core findings of impact serious or critical (WCAG 2 A/AA rules). */
export async function seriousFindings(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    // Runs in the page (no DOM types in this Node project): axe and document come from the page's globals.
    const page = globalThis as unknown as { document: unknown; axe: { run(ctx: unknown, o: object): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } };
    const result = await page.axe.run(page.document, { runOnly: ['wcag2a', 'wcag2aa'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, count: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.count})`);
}

export async function signInAs(page: Page, h: WorkplaceHarness, login: string): Promise<void> {
  await page.goto(`${h.url}/arbeitsplatz/eingang`);
  await page.getByRole('link', { name: 'Mit Dienstkonto anmelden' }).click();
  await page.getByLabel('Benutzer').fill(login);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.waitForURL(`${h.url}/arbeitsplatz/eingang`);
}
