/** Randomised inputs (deterministic seed): the router never throws and every result keeps its invariants. */
import { describe, expect, it } from 'vitest';
import type { RouteResult } from '../../../src/core/routing.js';
import { realRouter } from './helpers.js';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = [
  'Gemeinde', 'Stadt', 'Landkreis', 'Landratsamt', 'LRA', 'Kreis', 'Stadtkreis', 'Weil', 'der', 'am', 'Rhein', 'Altdorf', 'bei',
  'Nürnberg', 'Kirchberg', 'an', 'Wald', 'Karlsruhe', 'Heilbronn', '72250', '71134', '45127', '90518', '-', '/', '(', ')', '.', ',',
  '\n', '\n\n', 'Mit freundlichen Grüßen', 'Familie', 'aus', 'nach', 'wir', 'ich', 'Ortenaukreis', 'Rems-Murr-Kreis', 'ß', 'Ä',
  'Аidlingen', 'مرحبا', '🙂', '\u0000', '\u202e', 'St.', 'i.', 'Br.', 'Regierungspräsidium', '>', '-----Ursprüngliche Nachricht-----',
  'Am 1.1.2026 schrieb X:', 'www.', '@', 'aidlingen.de', 'Bürgermeisteramt', 'Talheim', 'Landratsamt', 'Rathausplatz 1',
];

function randomText(next: () => number): string {
  const n = Math.floor(next() * 40);
  return Array.from({ length: n }, () => PIECES[Math.floor(next() * PIECES.length)]).join(next() < 0.5 ? ' ' : '');
}

function checkInvariants(result: RouteResult): void {
  const kreise = new Set(result.candidates.map((c) => c.kreisAgs));
  expect(result.contact).not.toBeNull();
  expect(result.evidence.length).toBeGreaterThan(0);
  switch (result.status) {
    case 'resolved':
      expect(result.kreis).not.toBeNull();
      expect(kreise.size).toBe(1);
      expect([...kreise][0]).toBe(result.kreis?.ags);
      if (result.gemeinde !== null) expect(result.gemeinde.ags.startsWith(result.kreis?.ags ?? '-')).toBe(true);
      break;
    case 'ambiguous':
      expect(result.kreis).toBeNull();
      expect(kreise.size).toBeGreaterThan(1);
      expect(result.candidates.every((c) => c.label.length > 0)).toBe(true);
      break;
    case 'unknown':
      expect(result.candidates).toEqual([]);
      break;
  }
}

describe('router robustness', () => {
  const router = realRouter();

  it('never throws on 1,000 random texts, subjects and senders', () => {
    const next = prng(20260302);
    for (let i = 0; i < 1_000; i += 1) {
      const input = { text: randomText(next), subject: randomText(next), from: next() < 0.5 ? `x@${randomText(next)}.de` : randomText(next) };
      checkInvariants(router.route(input));
    }
  });

  it('never throws on arbitrary code points', () => {
    const next = prng(7);
    for (let i = 0; i < 200; i += 1) {
      const text = String.fromCodePoint(...Array.from({ length: 200 }, () => Math.floor(next() * 0x2ffff)).filter((c) => c < 0xd800 || c > 0xdfff));
      checkInvariants(router.route({ text }));
    }
  });
});
