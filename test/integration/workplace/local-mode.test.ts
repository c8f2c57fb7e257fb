/**
 * Without OIDC settings the workplace runs in local mode (loopback only, a visible banner, sign-in as a staff
 * entry of the contacts file); an idle session ends and sends the person back to sign-in. Settings errors
 * are reported like every other variable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/core/errors.js';
import { parseConfig } from '../../../src/server/config.js';
import { FormClient, hiddenValue, MovableClock, startWorkplace, type WorkplaceHarness } from './harness.js';

describe('workplace local mode', () => {
  let h: WorkplaceHarness;
  const clock = new MovableClock();

  beforeAll(async () => {
    h = await startWorkplace({ local: true, env: { WORKPLACE_IDLE_MINUTES: '1' }, clock });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('offers the staff entries, shows the "Lokaler Modus" banner and signs in as the chosen entry', async () => {
    const client = new FormClient();
    const page = await client.request(`${h.url}/arbeitsplatz/eingang`);
    expect(page.text).toContain('Lokaler Modus');
    expect(page.text).toContain('<option value="sb-nord-1">');
    const eingang = await client.request(`${h.url}/arbeitsplatz/anmelden/lokal`, {
      form: { _csrf: hiddenValue(page.text, '_csrf'), staffId: 'leitung', ziel: '/arbeitsplatz/eingang' },
    });
    expect(eingang.status).toBe(200);
    expect(eingang.text).toContain('Angemeldet als Referatsleitung 15.2 (Teamleitung)');
    expect(eingang.text).toContain('Lokaler Modus');
  });

  it('refuses a local sign-in without a valid CSRF token or for an entry not in the contacts file', async () => {
    const client = new FormClient();
    const page = await client.request(`${h.url}/arbeitsplatz/anmelden`);
    const forged = await client.request(`${h.url}/arbeitsplatz/anmelden/lokal`, { form: { _csrf: 'forged', staffId: 'leitung' } });
    expect(forged.status).toBe(403);
    const unknown = await client.request(`${h.url}/arbeitsplatz/anmelden/lokal`, { form: { _csrf: hiddenValue(page.text, '_csrf'), staffId: 'niemand' } });
    expect(unknown.status).toBe(403);
  });

  it('refuses local mode to a request that came through a proxy on this machine (forwarding headers)', async () => {
    for (const header of ['x-forwarded-for', 'forwarded']) {
      const proxied = await fetch(`${h.url}/arbeitsplatz/anmelden`, { headers: { [header]: header === 'forwarded' ? 'for=203.0.113.7' : '203.0.113.7' }, redirect: 'manual' });
      expect(proxied.status).toBe(403);
      expect(await proxied.text()).not.toContain('staffId');
    }
    const direct = await fetch(`${h.url}/arbeitsplatz/anmelden`, { redirect: 'manual' });
    expect(direct.status).toBe(200);
  });
});

describe('workplace idle timeout', () => {
  let h: WorkplaceHarness;
  const clock = new MovableClock();

  beforeAll(async () => {
    h = await startWorkplace({ local: true, env: { WORKPLACE_IDLE_MINUTES: '5' }, clock });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('sends an idle session back to sign-in without losing the typed answer', async () => {
    const number = await h.seedTicket({
      from: 'integration@heilbronn.de',
      subject: 'Bescheid',
      text: 'Sehr geehrte Damen und Herren,\nwir haben unseren Antrag auf Förderung gestellt. Wann erhalten wir den Bescheid?\nStadt Heilbronn',
    });
    const client = new FormClient();
    const signInPage = await client.request(`${h.url}/arbeitsplatz/anmelden`);
    await client.request(`${h.url}/arbeitsplatz/anmelden/lokal`, { form: { _csrf: hiddenValue(signInPage.text, '_csrf'), staffId: 'sb-nord-1' } });
    const ticket = await client.request(`${h.url}/arbeitsplatz/vorgang/${number}`);
    clock.offsetMs = 6 * 60_000;
    const expired = await client.request(`${h.url}/arbeitsplatz/vorgang/${number}/antworten`, {
      form: { _csrf: hiddenValue(ticket.text, '_csrf'), version: hiddenValue(ticket.text, 'version'), text: 'Mein langer Antwortentwurf', schritt: 'vorschau' },
    });
    expect(expired.url).toContain('/arbeitsplatz/anmelden?ziel=');
    expect(expired.text).toContain('wegen Inaktivität abgelaufen');
    const back = await client.request(`${h.url}/arbeitsplatz/anmelden/lokal`, {
      form: { _csrf: hiddenValue(expired.text, '_csrf'), staffId: 'sb-nord-1', ziel: new URL(expired.url).searchParams.get('ziel') ?? '' },
    });
    expect(back.url).toBe(`${h.url}/arbeitsplatz/vorgang/${number}`);
    expect(back.text).toContain('Mein langer Antwortentwurf');
    expect(back.text).toContain('Ihre Sitzung war abgelaufen');
  });

  it('keeps the typed reason of a deadline change across an expired session', async () => {
    clock.offsetMs = 0;
    const number = await h.seedTicket({
      from: 'integration@heilbronn.de',
      subject: 'Frist',
      text: 'Sehr geehrte Damen und Herren,\nwir haben unseren Antrag auf Förderung gestellt. Wann erhalten wir den Bescheid?\nStadt Heilbronn',
    });
    const client = new FormClient();
    const signInPage = await client.request(`${h.url}/arbeitsplatz/anmelden`);
    await client.request(`${h.url}/arbeitsplatz/anmelden/lokal`, { form: { _csrf: hiddenValue(signInPage.text, '_csrf'), staffId: 'sb-nord-1' } });
    const ticket = await client.request(`${h.url}/arbeitsplatz/vorgang/${number}`);
    clock.offsetMs = 6 * 60_000;
    const expired = await client.request(`${h.url}/arbeitsplatz/vorgang/${number}/frist`, {
      form: { _csrf: hiddenValue(ticket.text, '_csrf'), version: hiddenValue(ticket.text, 'version'), frist: 'resolution', datum: '2099-03-02', grund: 'Mein Grund für die neue Frist' },
    });
    const back = await client.request(`${h.url}/arbeitsplatz/anmelden/lokal`, {
      form: { _csrf: hiddenValue(expired.text, '_csrf'), staffId: 'sb-nord-1', ziel: new URL(expired.url).searchParams.get('ziel') ?? '' },
    });
    expect(back.url).toBe(`${h.url}/arbeitsplatz/vorgang/${number}`);
    expect(back.text).toMatch(/<textarea id="frist-grund"[^>]*>Mein Grund für die neue Frist<\/textarea>/);
  });
});

describe('workplace settings', () => {
  const problems = (env: Record<string, string>): string[] => {
    try {
      parseConfig(env);
      return [];
    } catch (error) {
      if (!isAppError(error, 'CONFIG_INVALID')) throw error;
      return (error.details.problems as string[]) ?? [];
    }
  };

  it('requires client id, base URL and session secret once an issuer is set', () => {
    expect(problems({ WORKPLACE_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0' })).toEqual([
      'WORKPLACE_OIDC_CLIENT_ID: required when WORKPLACE_OIDC_ISSUER is set',
      'WORKPLACE_BASE_URL: required when WORKPLACE_OIDC_ISSUER is set',
      'WORKPLACE_SESSION_SECRET: required when WORKPLACE_OIDC_ISSUER is set',
    ]);
  });

  it('names a short session secret and a malformed issuer', () => {
    const found = problems({ WORKPLACE_OIDC_ISSUER: 'not a url', WORKPLACE_SESSION_SECRET: 'short' });
    expect(found.some((p) => p.startsWith('WORKPLACE_OIDC_ISSUER:'))).toBe(true);
    expect(found.some((p) => p.startsWith('WORKPLACE_SESSION_SECRET:'))).toBe(true);
  });

  it('starts without any workplace settings (local mode by default)', () => {
    const config = parseConfig({});
    expect(config.WORKPLACE_OIDC_ISSUER).toBeUndefined();
    expect(config.WORKPLACE_LOCAL_MODE).toBe(true);
  });
});

describe('workplace overview', () => {
  let h: WorkplaceHarness;

  beforeAll(async () => {
    h = await startWorkplace({ local: true });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const signInLocal = async (staffId: string): Promise<FormClient> => {
    const client = new FormClient();
    const page = await client.request(`${h.url}/arbeitsplatz/anmelden`);
    await client.request(`${h.url}/arbeitsplatz/anmelden/lokal`, { form: { _csrf: hiddenValue(page.text, '_csrf'), staffId } });
    return client;
  };

  it('shows the team lead open tickets per team and Kreis and enquiries per week as tables; case workers get 403', async () => {
    await h.seedTicket({
      from: 'integration@heilbronn.de',
      subject: 'Bescheid',
      text: 'Sehr geehrte Damen und Herren,\nwir haben unseren Antrag auf Förderung gestellt. Wann erhalten wir den Bescheid?\nStadt Heilbronn',
    });
    const lead = await signInLocal('leitung');
    const page = await lead.request(`${h.url}/arbeitsplatz/uebersicht`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<th scope="row">Sachbearbeitung Team Nord<\/th><td>1<\/td>/);
    expect(page.text).toContain('Heilbronn');
    expect(page.text.match(/<path class="stufe-/g)?.length).toBe(44);
    expect(page.text).toContain('<title>Stadtkreis Heilbronn: 1 offen</title>');
    expect(page.text).toContain('© GeoBasis-DE / BKG 2021');
    expect(page.text).toMatch(/<td>E-Mail<\/td><td>0<\/td><td>0<\/td><td>1<\/td>/);
    const worker = await signInLocal('sb-nord-1');
    expect((await worker.request(`${h.url}/arbeitsplatz/uebersicht`)).status).toBe(403);
  });
});

describe('workplace Zuständigkeit festlegen', () => {
  let h: WorkplaceHarness;

  beforeAll(async () => {
    h = await startWorkplace({ local: true });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('lets staff pick the municipality of an ambiguous ticket; it moves to the responsible team', async () => {
    const number = await h.seedTicket({
      from: 'buergermeister@gmx.de',
      subject: 'Bescheid',
      text: 'Sehr geehrte Damen und Herren,\nwann kommt unser Bescheid zum Antrag auf Förderung des Integrationsmanagements?\nGemeinde Altdorf',
    });
    const client = new FormClient();
    const signInPage = await client.request(`${h.url}/arbeitsplatz/anmelden`);
    await client.request(`${h.url}/arbeitsplatz/anmelden/lokal`, { form: { _csrf: hiddenValue(signInPage.text, '_csrf'), staffId: 'leitung' } });
    const page = await client.request(`${h.url}/arbeitsplatz/vorgang/${number}`);
    expect(page.text).toContain('Zuständigkeit festlegen');
    expect(page.text).toContain('<option value="08116005">Altdorf (Landkreis Esslingen)</option>');
    const done = await client.request(`${h.url}/arbeitsplatz/vorgang/${number}/zustaendigkeit`, {
      form: { _csrf: hiddenValue(page.text, '_csrf'), version: hiddenValue(page.text, 'version'), ags: '08116005' },
    });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Zuständigkeit festgelegt: Altdorf (Landkreis Esslingen). Der Vorgang liegt jetzt bei Sachbearbeitung Team Mitte.');
    expect(done.text).not.toContain('<h3>Zuständigkeit festlegen</h3>');
  });
});
