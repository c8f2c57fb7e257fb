/**
 * Every one of the 1,101 municipalities in typical forms: the router may ask back (ambiguous) or decline
 * (unknown, for names that are ordinary words), but it never resolves to a wrong Kreis, and an ambiguous
 * answer always offers the right one.
 */
import { describe, expect, it } from 'vitest';
import type { RouteInput } from '../../../src/core/routing.js';
import { realGeo, realRouter } from './helpers.js';

const router = realRouter();
const gemeinden = realGeo().gemeinden;

const shortForm = (name: string): string =>
  name.replace(/ (an der|am|im|ob|unter|auf den|in|der) .*/, '').replace(/ \(.*\)/, '').replace(/\/.*/, '');
const ascii = (name: string): string => name.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');

const FORMS: Record<string, (name: string, plz: string) => RouteInput> = {
  'signature with address line': (n, p) => ({ text: `Guten Tag,\neine Frage.\n\nMit freundlichen Grüßen\nA. Beispiel\nGemeinde ${n}\nHauptstraße 1\n${p} ${n}` }),
  'bare name in the signature': (n) => ({ text: `Viele Grüße\nA. Beispiel\n${n}` }),
  'postal code only': (_n, p) => ({ text: `Viele Grüße aus ${p}` }),
  'short form with prefix': (n) => ({ text: `Gemeinde ${shortForm(n)}` }),
  'ASCII spelling': (n) => ({ text: `Stadtverwaltung ${ascii(n)}` }),
  'sign-off sentence': (n) => ({ text: `Wann kommt der Bescheid? Gemeinde ${n}` }),
};

describe('all municipalities', () => {
  it.each(Object.entries(FORMS))('%s: never a wrong Kreis', (_form, make) => {
    const wrong: string[] = [];
    for (const g of gemeinden) {
      const result = router.route(make(g.name, g.plz[0] ?? ''));
      const kreise = result.candidates.map((c) => c.kreisAgs);
      if (result.status === 'resolved' && result.kreis?.ags !== g.kreisAgs) wrong.push(`${g.name} → ${result.kreis?.ags}`);
      if (result.status === 'ambiguous' && !kreise.includes(g.kreisAgs)) wrong.push(`${g.name} → ${kreise.join('/')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('resolves every municipality from a full signature with address line', () => {
    const make = FORMS['signature with address line'] as (n: string, p: string) => RouteInput;
    const unresolved = gemeinden.filter((g) => router.route(make(g.name, g.plz[0] ?? '')).gemeinde?.ags !== g.ags).map((g) => g.name);
    expect(unresolved).toEqual([]);
  });

  it('never resolves a third party\'s place', () => {
    const resolved = gemeinden.filter((g) => router.route(`Eine Familie aus ${g.name} ist zu uns gezogen.`).status !== 'unknown').map((g) => g.name);
    expect(resolved).toEqual([]);
  });
});
