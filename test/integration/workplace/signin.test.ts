/**
 * Sign-in to the workplace through a real OpenID provider on loopback (authorization code with PKCE), the
 * staff-directory match, and the guards every page has (sign-in redirect, CSRF, 404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient, hiddenValue, signIn, startWorkplace, type WorkplaceHarness } from './harness.js';

describe('workplace sign-in with OpenID Connect', () => {
  let h: WorkplaceHarness;

  beforeAll(async () => {
    h = await startWorkplace();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('sends a visitor without a session to the sign-in page', async () => {
    const page = await new FormClient().request(`${h.url}/arbeitsplatz/eingang`);
    expect(page.status).toBe(200);
    expect(page.url).toContain('/arbeitsplatz/anmelden?ziel=');
    expect(page.text).toContain('Mit Dienstkonto anmelden');
  });

  it('signs a case worker in by UPN and shows the Eingang of their team', async () => {
    const number = await h.seedTicket({
      from: 'integration@heilbronn.de',
      subject: 'Verwendungsnachweis Integrationsmanagement',
      text: 'Sehr geehrte Damen und Herren,\nwir haben unseren Antrag auf Förderung des Integrationsmanagements gestellt und bisher keinen Bescheid erhalten. Wann können wir mit dem Bescheid rechnen?\nMit freundlichen Grüßen\nStadt Heilbronn',
    });
    const client = new FormClient();
    const page = await signIn(client, h, 'sb-nord-1');
    expect(page.status).toBe(200);
    expect(page.url).toBe(`${h.url}/arbeitsplatz/eingang`);
    expect(page.text).toContain('Angemeldet als Sachbearbeitung Team Nord (1)');
    expect(page.text).toContain(number);
  });

  it('matches the UPN whatever its case', async () => {
    const page = await signIn(new FormClient(), h, 'sb-nord-2');
    expect(page.text).toContain('Angemeldet als Sachbearbeitung Team Nord (2)');
  });

  it('refuses an account that is not in the staff directory', async () => {
    const client = new FormClient();
    const page = await signIn(client, h, 'fremd');
    expect(page.status).toBe(403);
    expect(page.text).toContain('Ihr Konto ist im Arbeitsplatz nicht freigeschaltet');
    const again = await client.request(`${h.url}/arbeitsplatz/eingang`);
    expect(again.url).toContain('/arbeitsplatz/anmelden');
  });

  it('refuses a callback that was not started here', async () => {
    const page = await new FormClient().request(`${h.url}/arbeitsplatz/anmeldung?code=forged&state=forged`);
    expect(page.status).toBe(400);
    expect(page.text).toContain('Anmeldung nicht begonnen');
  });

  it('refuses a form with a missing or forged CSRF token (403) and shows a 404 page for an unknown ticket', async () => {
    const number = await h.seedTicket({
      from: 'integration@heilbronn.de',
      subject: 'Frage zum Bescheid',
      text: 'Sehr geehrte Damen und Herren,\nunser Antrag wurde vor drei Monaten gestellt. Bitte teilen Sie uns den Stand der Bearbeitung unseres Antrags mit.\nStadt Heilbronn',
    });
    const client = new FormClient();
    await signIn(client, h, 'sb-nord-1');
    const ticket = await client.request(`${h.url}/arbeitsplatz/vorgang/${number}`);
    expect(ticket.status).toBe(200);
    const version = hiddenValue(ticket.text, 'version');
    const missing = await client.request(`${h.url}/arbeitsplatz/vorgang/${number}/notiz`, { form: { version, text: 'x' } });
    expect(missing.status).toBe(403);
    const forged = await client.request(`${h.url}/arbeitsplatz/vorgang/${number}/notiz`, { form: { _csrf: 'abc-def', version, text: 'x' } });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('Sicherheitsprüfung');
    const unknown = await client.request(`${h.url}/arbeitsplatz/vorgang/IM-2026-999999`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Vorgang nicht gefunden');
  });

  it('signs out through a form', async () => {
    const client = new FormClient();
    const page = await signIn(client, h, 'leitung');
    expect(page.text).toContain('Angemeldet als Referatsleitung 15.2 (Teamleitung)');
    const out = await client.request(`${h.url}/arbeitsplatz/abmelden`, { form: { _csrf: hiddenValue(page.text, '_csrf') } });
    expect(out.url).toBe(`${h.url}/arbeitsplatz/anmelden`);
    const after = await client.request(`${h.url}/arbeitsplatz/eingang`);
    expect(after.url).toContain('/arbeitsplatz/anmelden?ziel=');
  });
});
