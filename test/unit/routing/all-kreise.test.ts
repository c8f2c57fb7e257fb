/** Every one of the 44 Kreise in the ways people name it resolves to exactly that Kreis. */
import { describe, expect, it } from 'vitest';
import { realGeo, realRouter } from './helpers.js';

const router = realRouter();

describe('all Kreise', () => {
  it.each(realGeo().kreise.map((k) => [k.ags, k] as const))('%s', (_ags, k) => {
    const forms =
      k.typ === 'Landkreis'
        ? [`Landkreis ${k.name}`, `Landratsamt ${k.name}`, `LRA ${k.name}`, `Lkr. ${k.name}`, `Kreis ${k.name}`, `Landratsamt ${k.sitz}`]
        : [`Stadtkreis ${k.name}`, `Stadt ${k.name}`, `Stadtverwaltung ${k.name}`];
    for (const text of forms) {
      const result = router.route(text);
      expect({ text, kreis: result.kreis?.ags }).toEqual({ text, kreis: k.ags });
      expect(result.kreis?.typ).toBe(k.typ);
    }
  });
});
