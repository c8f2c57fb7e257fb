/** A scripted {@link Router}: finds a Kreis by place names in the text. */
import type { RouteResult, Router } from '../../src/core/routing.js';

const PLACES: { pattern: RegExp; result: Omit<RouteResult, 'evidence' | 'contact'> }[] = [
  {
    // A candidate's label names one place (as the real router reads "Altdorf (Landkreis Böblingen)").
    pattern: /Altdorf \(Landkreis Böblingen\)/,
    result: { status: 'resolved', gemeinde: { ags: '08115002', name: 'Altdorf' }, kreis: { ags: '08115', name: 'Böblingen', typ: 'Landkreis' }, candidates: [] },
  },
  {
    pattern: /Altdorf/,
    result: {
      status: 'ambiguous',
      gemeinde: null,
      kreis: null,
      candidates: [
        { gemeindeAgs: '08115002', kreisAgs: '08115', label: 'Altdorf (Landkreis Böblingen)' },
        { gemeindeAgs: '08116004', kreisAgs: '08116', label: 'Altdorf (Landkreis Esslingen)' },
      ],
    },
  },
  {
    pattern: /Böblingen|Sindelfingen/,
    result: { status: 'resolved', gemeinde: { ags: '08115045', name: 'Sindelfingen' }, kreis: { ags: '08115', name: 'Böblingen', typ: 'Landkreis' }, candidates: [] },
  },
  {
    pattern: /Tübingen/,
    result: { status: 'resolved', gemeinde: { ags: '08416041', name: 'Tübingen' }, kreis: { ags: '08416', name: 'Tübingen', typ: 'Landkreis' }, candidates: [] },
  },
];

/** Creates the fake router. */
export function createFakeRouter(): Router {
  return {
    route(input) {
      const text = `${input.subject ?? ''}\n${input.text}\n${input.signature ?? ''}`;
      const place = PLACES.find((p) => p.pattern.test(text));
      if (place === undefined) return { status: 'unknown', gemeinde: null, kreis: null, candidates: [], evidence: [], contact: null };
      return { ...place.result, evidence: [`Ortsname in der Nachricht`], contact: null };
    },
  };
}
