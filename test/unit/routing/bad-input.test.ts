/** Bad input: never a crash, never a confident wrong answer, always a reason. */
import { describe, expect, it } from 'vitest';
import type { RouteInput } from '../../../src/core/routing.js';
import { realRouter } from './helpers.js';

const router = realRouter();

describe('bad input', () => {
  const unknownRows: [string, RouteInput][] = [
    ['empty text', { text: '' }],
    ['whitespace only', { text: ' \n\t\n ' }],
    ['PLZ outside Baden-Württemberg', { text: 'Mit freundlichen Grüßen\nStadtverwaltung\nPorscheplatz 1\n45127 Essen' }],
    ['Essen as a word and a city elsewhere', { text: 'Wir wohnen in Essen und fragen nach dem Essen.' }],
    ['Altdorf bei Nürnberg', { text: 'Viele Grüße\nMarkt Altdorf bei Nürnberg' }],
    ['Mühlhausen (Thüringen)', { text: 'Stadtverwaltung Mühlhausen (Thüringen)' }],
    ['Neu-Ulm is in Bayern', { text: 'Grüße aus Neu-Ulm' }],
    ['Neu-Ulm with its PLZ', { text: 'Stadt Neu-Ulm\nAugsburger Str. 15\n89231 Neu-Ulm' }],
    ['Swiss Rheinfelden', { text: 'Stadt Rheinfelden (Schweiz)' }],
    ['Bavarian Markt', { text: 'Mit freundlichen Grüßen\nMarkt Altdorf\nRathaus' }],
    ['Cyrillic look-alike letters in a name', { text: 'Gemeinde Аidlingen' }],
    ['only Cyrillic and Arabic script', { text: 'Здравствуйте, у меня вопрос. مرحبا' }],
    ['emoji and control characters', { text: '\u0000\u0007🙂🙂 Gemeinde \u200b\u202e' }],
    ['only digits', { text: '12345678901234567890' }],
    ['malformed sender address', { text: 'Hallo', from: 'not an address @@' }],
    ['missing fields at run time', { text: undefined as unknown as string }],
  ];

  it.each(unknownRows)('%s → unknown with a reason', (_what, input) => {
    const result = router.route(input);
    expect(result.status).toBe('unknown');
    expect(result.evidence.length).toBeGreaterThan(0);
    expect(result.contact?.teamId).toBe('zentrale');
  });

  it('says why a PLZ outside BW is not used', () => {
    expect(router.route('45127 Essen').evidence.join(' ')).toContain('nicht in Baden-Württemberg');
  });

  it('says that a mixed-script word was seen', () => {
    expect(router.route('Gemeinde Аidlingen').evidence.join(' ')).toContain('Schriftsystem');
  });

  it('routes 1 MB of text by its head and tail without crashing', () => {
    const filler = 'Lorem ipsum dolor sit amet, im Wald am Berg. '.repeat(24_000);
    const result = router.route({ text: `${filler}\n\nMit freundlichen Grüßen\nGemeinde Aidlingen` });
    expect(filler.length).toBeGreaterThan(1_000_000);
    expect(result.status).toBe('resolved');
    expect(result.kreis?.ags).toBe('08115');
    expect(result.evidence.join(' ')).toContain('Text sehr lang');
  });

  it('keeps 1 MB of place names ambiguous or unknown, never resolved to one of them', () => {
    const text = 'Stadt Ulm, Stadt Aalen, Gemeinde Wald. '.repeat(30_000);
    const result = router.route({ text });
    expect(result.status).toBe('ambiguous');
  });

  it('mixed scripts around a real name still find the name', () => {
    const result = router.route('Привет! Viele Grüße\nGemeinde Aidlingen');
    expect(result.kreis?.ags).toBe('08115');
  });

  it('uses the clock for an invalid date', () => {
    expect(router.route('Stadt Ulm', new Date('kein Datum')).contact?.teamId).toBe('team-ost');
  });

  it('caps the evidence list', () => {
    const text = Array.from({ length: 50 }, (_, i) => `Gemeinde Hausen ${i}`).join('\n');
    expect(router.route(text).evidence.length).toBeLessThanOrEqual(12);
  });
});
